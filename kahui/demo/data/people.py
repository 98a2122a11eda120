"""The demo's organisations and the people in them: a New Zealand learning-support
cluster with its schools, kura and early-learning centre, and a Dutch network with its
schools; the staff slots each is filled with, and the focus areas, name pools and
hobbies the roster draws from.
"""

from dataclasses import dataclass
from typing import Literal

from kahui.accounts.choices import EducatorRole
from kahui.orgs.models import OrgKind, OrgRole

DEMO_PASSWORD = "kahui-demo"
SEED = 20250214  # any fixed number; changing it renames every generated person

NZ_TIME_ZONE = "Pacific/Auckland"
NL_TIME_ZONE = "Europe/Amsterdam"

# ---------------------------------------------------------------------------
# Focus areas: key → (name shown in Kāhui, phrase used in Dutch bios)
# ---------------------------------------------------------------------------

FOCUS_AREAS: dict[str, tuple[str, str]] = {
    "literacy": ("Structured literacy", "gestructureerd lees- en spellingonderwijs"),
    "te-reo": ("Te reo Māori", "te reo Māori"),
    "maths-talk": ("Maths talk", "rekentaal en redeneren"),
    "udl": ("Inclusive practice and UDL", "inclusief onderwijs en UDL"),
    "restorative": ("Restorative practice", "herstelgericht werken"),
    "afl": ("Assessment for learning", "formatief evalueren"),
    "digital": ("Digital technologies", "digitale geletterdheid"),
    "oral": ("Oral language", "mondelinge taalvaardigheid"),
    "culture": ("Culturally responsive practice", "cultuursensitief lesgeven"),
    "wellbeing": ("Wellbeing", "welbevinden van leerlingen"),
    "transitions": ("Transitions", "overgangen en doorlopende leerlijnen"),
    "neurodiversity": ("Neurodiversity", "neurodiversiteit"),
    "agency": ("Learner agency", "eigenaarschap van leerlingen"),
    "reading": ("Reading for pleasure", "leesplezier"),
}

NZ_ONLY_FOCUS = {"te-reo"}  # never drawn as a random extra interest for Dutch staff

# ---------------------------------------------------------------------------
# Name pools by background: (first names, surnames). Combinations are random,
# so any likeness to a real person is a coincidence.
# ---------------------------------------------------------------------------


def _names(text: str) -> list[str]:
    """'Aroha, Mere, Te Kani' → ['Aroha', 'Mere', 'Te Kani']."""
    return [name.strip() for name in text.split(",")]


NAME_POOLS: dict[str, tuple[list[str], list[str]]] = {
    "maori": (
        _names(
            "Aroha, Mere, Hine, Tama, Wiremu, Rāwiri, Manaia, Anahera, Tamati, Hēmi, Moana, "
            "Rangi, Nikau, Kiri, Pania, Whetu, Ihaia, Maraea, Tui, Ataahua"
        ),
        _names(
            "Tawhai, Karaka, Te Kani, Tamihana, Waaka, Houia, Tipene, Poutama, Te Awa, Hohaia, "
            "Rewi, Pōtae, Mātene, Kingi"
        ),
    ),
    "pakeha": (
        _names(
            "Sarah, Emma, Olivia, Rachel, Kate, Hannah, Lucy, Grace, Megan, James, Tom, Sam, "
            "Daniel, Matt, Nick, Andrew, Hamish, Angus, Sophie, Jo, Craig, Bridget"
        ),
        _names(
            "Wilson, Thompson, Stewart, Robertson, McKenzie, Harris, Anderson, Mitchell, Reid, "
            "Bennett, Cooper, Hughes, Fletcher, Dunn, Morrison, Galbraith, Beattie, O'Connor"
        ),
    ),
    "samoan": (
        _names("Sione, Losa, Tavita, Iosefa, Fetu, Malia, Sefo, Lagi, Mose"),
        _names("Faleolo, Leota, Vaifale, Mataio, Pouono, Tuimavave, Sapolu"),
    ),
    "tongan": (
        _names("Viliami, Salote, Mele, Tevita, Lupe, Sela, Siosaia"),
        _names("Fifita, Tangitau, Havili, Vaipulu, Moala"),
    ),
    "cook": (
        _names("Tiare, Mii, Teina, Ngatokoa, Rima"),
        _names("Tuara, Marsters, Tangaroa, Pera"),
    ),
    "chinese": (
        _names("Mei, Jia Hui, Xin, Hao, Yan, Li Na, Kevin"),
        _names("Zhang, Wong, Liu, Huang, Lin, Zhou"),
    ),
    "indian": (
        _names("Arjun, Ananya, Rohan, Deepa, Kavita, Sanjay, Meera, Vikram"),
        _names("Patel, Sharma, Singh, Reddy, Iyer, Kaur, Desai"),
    ),
    "korean": (
        _names("Min-jun, Ji-woo, Hye-jin, Seo-yeon, Dong-hyun"),
        _names("Kim, Park, Choi, Jung"),
    ),
    "filipino": (
        _names("Maria, Joy, Paolo, Ramon, Kristine, Jerome"),
        _names("Santos, Reyes, dela Cruz, Bautista, Villanueva"),
    ),
    "dutch": (
        _names(
            "Lotte, Femke, Anouk, Eva, Iris, Bram, Daan, Thijs, Ruud, Willemijn, Maarten, Jeroen, "
            "Esther, Ilse, Wouter, Floor, Noor, Sjoerd"
        ),
        _names(
            "de Vries, van Dijk, Bakker, Smit, Meijer, de Boer, Mulder, van Leeuwen, Dekker, "
            "Brouwer, Kok, Jansen, Vermeulen, Postma, van Wijk, Schouten"
        ),
    ),
    "turkish": (
        _names("Elif, Zeynep, Murat, Hakan"),
        _names("Demir, Kaya, Öztürk, Aydin"),
    ),
    "moroccan": (
        _names("Fatima, Yassin, Samira, Karim"),
        _names("El Amrani, Bouzid, Benali"),
    ),
    "surinamese": (
        _names("Shanti, Ravi, Sharon, Anand"),
        _names("Ramdin, Sewdien, Jagesar"),
    ),
}

NZ_BACKGROUNDS = (
    ("maori", 22), ("pakeha", 45), ("samoan", 7), ("tongan", 5), ("cook", 2),
    ("chinese", 6), ("indian", 7), ("korean", 3), ("filipino", 3),
)  # fmt: skip
KURA_BACKGROUNDS = (("maori", 1),)
NL_BACKGROUNDS = (("dutch", 75), ("turkish", 8), ("moroccan", 9), ("surinamese", 8))

# ---------------------------------------------------------------------------
# Organisations and the staff slots they are filled with
# ---------------------------------------------------------------------------

Country = Literal["NZ", "NL"]


@dataclass(frozen=True)
class StaffSlot:
    """One position in an organisation. ``name`` fixes the person (the people the
    log-in table points to); otherwise a name is drawn from the organisation's pools."""

    key: str
    title: str
    role: EducatorRole
    subjects: tuple[str, ...]
    year_levels: tuple[str, ...]
    interests: tuple[str, ...]
    name: str = ""
    org_role: OrgRole = OrgRole.MEMBER
    language: str = ""  # "" → the country's usual language for staff
    background: str = ""  # "" → drawn with the organisation's weights


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: OrgKind
    city: str
    country: Country
    domain: str
    description: str
    sector: str  # how an English bio names the kind of work, e.g. "primary classrooms"
    created_weeks_ago: int
    staff: tuple[StaffSlot, ...]
    parent: str = ""
    backgrounds: tuple[tuple[str, int], ...] = NZ_BACKGROUNDS
    sector_nl: str = ""  # the same in a Dutch bio


T, L, S, F, C = (
    EducatorRole.TEACHER,
    EducatorRole.LEADER,
    EducatorRole.SPECIALIST,
    EducatorRole.FACILITATOR,
    EducatorRole.COORDINATOR,
)
ADMIN, COORD = OrgRole.ADMIN, OrgRole.COORDINATOR
PRIMARY_YEARS = ("y0-3", "y4-6")
FULL_PRIMARY_YEARS = ("y0-3", "y4-6", "y7-8")
SECONDARY_YEARS = ("y9-10", "y11-13")

NZ_CLUSTER = OrgSpec(
    key="cl",
    name="Waitaha Coast Learning Support Cluster",
    kind=OrgKind.CLUSTER,
    city="Christchurch",
    country="NZ",
    domain="waitahacoast.example",
    description=(
        "Resource Teachers: Learning and Behaviour (RTLB) and professional learning for the "
        "schools, kura and early-learning services between Kaiapoi and Lincoln. We work "
        "alongside educators so that every learner belongs and takes part."
    ),
    sector="learning support",
    created_weeks_ago=70,
    staff=(
        StaffSlot("cl.manager", "Cluster manager", L, ("learning-support",), FULL_PRIMARY_YEARS,
                  ("udl", "wellbeing", "afl"), name="Hamish Sinclair", org_role=ADMIN),
        StaffSlot("cl.lead", "RTLB practice leader", C, ("learning-support", "te-reo-maori"),
                  (*FULL_PRIMARY_YEARS, "y9-10"), ("culture", "udl", "restorative"),
                  name="Mereana Rameka", org_role=COORD),
        StaffSlot("cl.pld", "Professional learning facilitator", F,
                  ("learning-support", "english"), ("ece", "y0-3"),
                  ("transitions", "oral", "literacy"), name="Priya Nair"),
        StaffSlot("cl.rtlb1", "RTLB", S, ("learning-support",), ("y4-6", "y7-8", "y9-10"),
                  ("udl", "neurodiversity", "afl"), name="Tavita Leota"),
        StaffSlot("cl.rtlb2", "RTLB", S, ("learning-support", "english"), PRIMARY_YEARS,
                  ("literacy", "udl", "oral"), name="Claire Fraser"),
        StaffSlot("cl.rtlb3", "RTLB (kaupapa Māori)", S, ("learning-support", "te-reo-maori"),
                  FULL_PRIMARY_YEARS, ("te-reo", "culture", "wellbeing"),
                  name="Hōhepa Kereama"),
    ),
)  # fmt: skip

NZ_SCHOOLS = (
    OrgSpec(
        key="kw",
        name="Te Kura o Kōtare Wai",
        kind=OrgKind.KURA,
        city="Kaiapoi",
        country="NZ",
        domain="kotarewai.example",
        description=(
            "A small kura where tamariki learn through te reo Māori from Year 1 to Year 8, "
            "with whānau involved in every part of kura life."
        ),
        sector="kura kaupapa Māori",
        created_weeks_ago=66,
        parent="cl",
        backgrounds=KURA_BACKGROUNDS,
        staff=(
            StaffSlot("kw.tumuaki", "Tumuaki (principal)", L, ("te-reo-maori",),
                      FULL_PRIMARY_YEARS, ("te-reo", "culture", "wellbeing"),
                      name="Kahurangi Paewai", org_role=ADMIN),
            StaffSlot("kw.kaiarahi", "Deputy tumuaki", L, ("te-reo-maori", "mathematics"),
                      ("y4-6", "y7-8"), ("maths-talk", "afl"), org_role=COORD),
            StaffSlot("kw.kaiako1", "Kaiako, Years 1–3", T, ("te-reo-maori", "mathematics"),
                      ("y0-3",), ("oral", "te-reo")),
            StaffSlot("kw.kaiako2", "Kaiako, Years 4–8", T, ("te-reo-maori", "science"),
                      ("y4-6", "y7-8"), ("te-reo", "digital")),
            StaffSlot("kw.support", "Kaiako, learning support", S,
                      ("learning-support", "te-reo-maori"), PRIMARY_YEARS,
                      ("udl", "wellbeing")),
        ),
    ),
    OrgSpec(
        key="hg",
        name="Harakeke Grove School",
        kind=OrgKind.SCHOOL,
        city="Rangiora",
        country="NZ",
        domain="harakekegrove.example",
        description=(
            "A contributing primary school (Years 0–6) of about 420 learners on the edge of "
            "town, with a Māori bilingual class and a long-running focus on early literacy."
        ),
        sector="primary classrooms",
        created_weeks_ago=67,
        parent="cl",
        staff=(
            StaffSlot("hg.principal", "Principal", L, (), PRIMARY_YEARS,
                      ("afl", "wellbeing", "literacy"), name="Rebecca Marshall", org_role=ADMIN),
            StaffSlot("hg.junior", "Team leader, junior school", L, ("english", "te-reo-maori"),
                      ("y0-3",), ("literacy", "oral", "te-reo"), name="Ngaio Hetaraka",
                      org_role=COORD),
            StaffSlot("hg.teuila", "Teacher, Year 1", T, ("english", "mathematics"), ("y0-3",),
                      ("literacy", "culture", "oral"), name="Teuila Aumua"),
            StaffSlot("hg.t1", "Teacher, new entrants", T, ("english", "arts"), ("y0-3",),
                      ("transitions", "literacy")),
            StaffSlot("hg.t2", "Teacher, Year 2", T, ("english", "mathematics"), ("y0-3",),
                      ("literacy", "maths-talk")),
            StaffSlot("hg.t3", "Teacher, Year 3", T, ("english", "science"), ("y0-3",),
                      ("literacy", "reading")),
            StaffSlot("hg.t4", "Teacher, Years 4–5", T,
                      ("english", "mathematics", "social-sciences"), ("y4-6",),
                      ("afl", "literacy")),
            StaffSlot("hg.senco", "Learning support coordinator (SENCO)", S,
                      ("learning-support",), PRIMARY_YEARS,
                      ("udl", "neurodiversity", "literacy")),
        ),
    ),
    OrgSpec(
        key="md",
        name="Mātai Downs School",
        kind=OrgKind.SCHOOL,
        city="Rolleston",
        country="NZ",
        domain="mataidowns.example",
        description=(
            "A fast-growing full primary school (Years 1–8) in a new subdivision. Many "
            "families are new to the district, and quite a few are new to Aotearoa."
        ),
        sector="primary classrooms",
        created_weeks_ago=66,
        parent="cl",
        staff=(
            StaffSlot("md.principal", "Principal", L, (), FULL_PRIMARY_YEARS,
                      ("wellbeing", "agency"), org_role=ADMIN),
            StaffSlot("md.dp", "Deputy principal", L, ("mathematics",), ("y4-6", "y7-8"),
                      ("maths-talk", "afl", "te-reo"), org_role=COORD),
            StaffSlot("md.wei", "Teacher, Years 5–6", T, ("mathematics", "science", "technology"),
                      ("y4-6",), ("udl", "digital", "maths-talk"), name="Wei Chen"),
            StaffSlot("md.t1", "Teacher, Years 1–2", T, ("english", "mathematics"), ("y0-3",),
                      ("oral", "transitions")),
            StaffSlot("md.t2", "Teacher, Year 5", T, ("english", "social-sciences"), ("y4-6",),
                      ("udl", "neurodiversity")),
            StaffSlot("md.t3", "Teacher, Years 7–8", T, ("mathematics", "technology"),
                      ("y7-8",), ("digital", "agency")),
            StaffSlot("md.rtlit", "Resource teacher of literacy (RTLit)", S,
                      ("english", "learning-support"), PRIMARY_YEARS, ("literacy", "oral")),
        ),
    ),
    OrgSpec(
        key="pw",
        name="Pīwakawaka Intermediate",
        kind=OrgKind.SCHOOL,
        city="Christchurch",
        country="NZ",
        domain="piwakawaka.example",
        description=(
            "An intermediate school (Years 7–8) in the east of the city and the lead school "
            "of the learning support cluster. Proud of its kapa haka and its maker space."
        ),
        sector="Years 7–8 classrooms",
        created_weeks_ago=68,
        parent="cl",
        staff=(
            StaffSlot("pw.principal", "Principal", L, (), ("y7-8",),
                      ("culture", "wellbeing", "restorative"), name="Losa Fonoti",
                      org_role=ADMIN),
            StaffSlot("pw.dp", "Deputy principal, curriculum", L, ("english",), ("y7-8",),
                      ("afl", "agency"), org_role=COORD),
            StaffSlot("pw.t1", "Teacher, Year 7", T, ("english", "social-sciences"), ("y7-8",),
                      ("culture", "oral")),
            StaffSlot("pw.t2", "Teacher, Year 8", T, ("mathematics", "science"), ("y7-8",),
                      ("maths-talk", "udl")),
            StaffSlot("pw.t3", "Specialist teacher, digital technologies", T, ("technology",),
                      ("y7-8",), ("digital", "agency")),
            StaffSlot("pw.t4", "Teacher, bilingual class", T, ("te-reo-maori", "english"),
                      ("y7-8",), ("te-reo", "culture"), background="maori"),
            StaffSlot("pw.lsc", "Learning support coordinator", S, ("learning-support",),
                      ("y7-8",), ("udl", "neurodiversity", "wellbeing")),
        ),
    ),
    OrgSpec(
        key="kr",
        name="Kererū Ridge College",
        kind=OrgKind.SCHOOL,
        city="Christchurch",
        country="NZ",
        domain="kereruridge.example",
        description=(
            "A co-educational secondary school (Years 9–13) of about 1,100 students, working "
            "on restorative practice and on closer links with its contributing schools."
        ),
        sector="secondary schools",
        created_weeks_ago=67,
        parent="cl",
        staff=(
            StaffSlot("kr.principal", "Principal", L, (), SECONDARY_YEARS,
                      ("restorative", "wellbeing", "afl"), name="Fiona Campbell",
                      org_role=ADMIN),
            StaffSlot("kr.dean", "Dean, Year 10", L, ("health-pe", "social-sciences"),
                      ("y9-10",), ("restorative", "wellbeing", "culture"), name="Sione Taufa",
                      org_role=COORD),
            StaffSlot("kr.ben", "Teacher, science", T, ("science",), SECONDARY_YEARS,
                      ("digital", "afl"), name="Ben Gallagher"),
            StaffSlot("kr.english", "Teacher, English", T, ("english",), SECONDARY_YEARS,
                      ("oral", "culture", "reading")),
            StaffSlot("kr.maths", "Head of mathematics", L, ("mathematics",), SECONDARY_YEARS,
                      ("maths-talk", "afl", "transitions")),
            StaffSlot("kr.hpe", "Teacher, health and PE", T, ("health-pe",), ("y9-10",),
                      ("wellbeing", "restorative")),
            StaffSlot("kr.tereo", "Kaiako, te reo Māori", T, ("te-reo-maori",), SECONDARY_YEARS,
                      ("te-reo", "culture"), background="maori"),
            StaffSlot("kr.tech", "Teacher, digital technologies", T, ("technology",),
                      SECONDARY_YEARS, ("digital", "agency")),
            StaffSlot("kr.senco", "Learning support coordinator (SENCO)", S,
                      ("learning-support",), SECONDARY_YEARS,
                      ("udl", "neurodiversity", "transitions")),
        ),
    ),
    OrgSpec(
        key="kk",
        name="Kākāriki Meadows Early Learning Centre",
        kind=OrgKind.EARLY_LEARNING,
        city="Lincoln",
        country="NZ",
        domain="kakarikimeadows.example",
        description=(
            "A community early-learning centre for tamariki from birth to five. Te Whāriki "
            "guides our curriculum, and we keep close ties with the local schools."
        ),
        sector="early childhood education",
        created_weeks_ago=64,
        parent="cl",
        staff=(
            StaffSlot("kk.head", "Head teacher", L, ("early-learning",), ("ece",),
                      ("transitions", "oral", "culture"), name="Mele Latu", org_role=ADMIN),
            StaffSlot("kk.k1", "Kaiako", T, ("early-learning",), ("ece",), ("oral", "te-reo")),
            StaffSlot("kk.k2", "Kaiako", T, ("early-learning", "arts"), ("ece",),
                      ("wellbeing", "transitions")),
            StaffSlot("kk.k3", "Kaiako, under-twos", T, ("early-learning",), ("ece",),
                      ("wellbeing", "udl")),
        ),
    ),
)  # fmt: skip

NL_NETWORK = OrgSpec(
    key="nl",
    name="Leernetwerk Rivierduin",
    kind=OrgKind.CLUSTER,
    city="Amersfoort",
    country="NL",
    domain="rivierduin.example",
    description=(
        "Een netwerk van basisscholen en scholen voor voortgezet onderwijs rond Amersfoort. "
        "We leren samen in PLG's en werken aan een soepele overstap naar de brugklas."
    ),
    sector="education",
    sector_nl="onderwijs",
    created_weeks_ago=34,
    backgrounds=NL_BACKGROUNDS,
    staff=(
        StaffSlot("nl.coord", "Netwerkcoördinator", C, (), (), ("transitions", "afl"),
                  name="Marieke de Graaf", org_role=ADMIN),
    ),
)  # fmt: skip

NL_SCHOOLS = (
    OrgSpec(
        key="wk",
        name="Basisschool De Wilgenkring",
        kind=OrgKind.SCHOOL,
        city="Amersfoort",
        country="NL",
        domain="dewilgenkring.example",
        description=(
            "Een basisschool met ongeveer 300 leerlingen in een wijk waar veel talen "
            "gesproken worden. We werken aan rekentaal en aan leesplezier."
        ),
        sector="primary education",
        sector_nl="basisonderwijs",
        created_weeks_ago=33,
        parent="nl",
        backgrounds=NL_BACKGROUNDS,
        staff=(
            StaffSlot("wk.director", "Directeur", L, (), FULL_PRIMARY_YEARS,
                      ("wellbeing", "afl"), name="Joost Hendriks", org_role=ADMIN),
            StaffSlot("wk.ib", "Intern begeleider", S, ("learning-support", "mathematics"),
                      ("y4-6", "y7-8"), ("maths-talk", "udl", "transitions"),
                      name="Sanne van den Berg", org_role=COORD),
            StaffSlot("wk.g8a", "Leerkracht groep 8", T, ("dutch", "mathematics"), ("y7-8",),
                      ("maths-talk", "transitions")),
            StaffSlot("wk.g8b", "Leerkracht groep 8", T, ("dutch", "mathematics"), ("y7-8",),
                      ("oral", "transitions")),
            StaffSlot("wk.g7", "Leerkracht groep 7", T, ("dutch", "mathematics"), ("y4-6",),
                      ("maths-talk", "afl")),
            StaffSlot("wk.g3", "Leerkracht groep 3", T, ("dutch",), ("y0-3",),
                      ("reading", "oral")),
            StaffSlot("wk.intl", "Teacher of English, groep 5", T, ("languages", "dutch"),
                      ("y4-6",), ("oral", "digital"), language="en", background="pakeha"),
        ),
    ),
    OrgSpec(
        key="bw",
        name="Brugwachter College",
        kind=OrgKind.SCHOOL,
        city="Leusden",
        country="NL",
        domain="brugwachter.example",
        description=(
            "Een school voor vmbo, havo en vwo waar de brugklas extra aandacht krijgt: kleine "
            "mentorgroepen en nauw contact met de basisscholen in de buurt."
        ),
        sector="secondary education",
        sector_nl="voortgezet onderwijs",
        created_weeks_ago=33,
        parent="nl",
        backgrounds=NL_BACKGROUNDS,
        staff=(
            StaffSlot("bw.teamleider", "Teamleider onderbouw", L, (), ("y9-10",),
                      ("transitions", "wellbeing"), name="Femke Visser", org_role=ADMIN),
            StaffSlot("bw.emre", "Docent wiskunde", T, ("mathematics",), SECONDARY_YEARS,
                      ("maths-talk", "afl", "digital"), name="Emre Yilmaz"),
            StaffSlot("bw.ned", "Docent Nederlands", T, ("dutch",), ("y9-10",),
                      ("oral", "reading")),
            StaffSlot("bw.mentor", "Mentor brugklas, docent aardrijkskunde", T,
                      ("social-sciences",), ("y9-10",), ("wellbeing", "transitions")),
            StaffSlot("bw.wisk2", "Docent wiskunde", T, ("mathematics",), ("y9-10",),
                      ("maths-talk", "agency")),
            StaffSlot("bw.zorg", "Zorgcoördinator", S, ("learning-support",), SECONDARY_YEARS,
                      ("udl", "wellbeing"), org_role=COORD),
        ),
    ),
)  # fmt: skip

# Clusters come before the schools that belong to them.
ORGANISATIONS: tuple[OrgSpec, ...] = (NZ_CLUSTER, *NZ_SCHOOLS, NL_NETWORK, *NL_SCHOOLS)
DEMO_CLUSTER_NAME = NZ_CLUSTER.name

# Specialists, coordinators and facilitators also join their school's cluster.
CLUSTER_ROLES = {EducatorRole.SPECIALIST, EducatorRole.COORDINATOR, EducatorRole.FACILITATOR}

# The people the log-in table shows, and what each is there to demonstrate.
# The organisation whose administrator tied its email domain (docs/SSO.md): the demo's
# organisation admin shows it under "Email domains".
DOMAIN_TIED = "hg"

LOGIN_PERSONAS: tuple[tuple[str, str], ...] = (
    ("Coordinator", "cl.lead"),
    ("Organisation admin", "hg.principal"),
    ("Facilitator", "cl.rtlb1"),
    ("Facilitator", "hg.junior"),
    ("Facilitator", "kr.dean"),
    ("Facilitator (NL)", "wk.ib"),
    ("Member", "hg.teuila"),
    ("Member", "md.wei"),
    ("Invited", "kr.english"),
    ("Outsider", "kr.ben"),
)

# Who hides from people search and recommendations (their profile's “show me” box
# unticked): a Year 2 teacher at Harakeke Grove, whom her colleagues do not find.
HIDDEN_FROM_SEARCH = frozenset({"hg.t2"})

# What people do outside school, for the end of a bio.
HOBBIES_EN = (
    "out tramping", "paddling waka ama", "coaching netball", "at kapa haka practice",
    "in the garden", "baking sourdough", "playing touch on Tuesday nights",
    "singing in a community choir", "surfing", "mountain biking in the Port Hills",
    "reading crime novels",
)  # fmt: skip
HOBBIES_NL = (
    "fietsen door de polder", "hardlopen", "koken voor vrienden", "zingen in een koor",
    "in de moestuin", "volleybal", "lezen",
)  # fmt: skip
