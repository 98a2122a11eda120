"""The demo's learning groups: each one's charter (purpose, vision, goals, norms,
format and size), who starts it and who joins, and how far it has come.
"""

from dataclasses import dataclass

from kahui.groups.models import Access, Format, Frequency, Scope
from kahui.groups.stages import Stage

GoalText = tuple[str, str]  # (goal, how we will see progress)


@dataclass(frozen=True)
class Revision:
    """A change the first facilitator makes soon after the group reaches ``stage``
    in inquiry round ``cycle``. Lists replace the current ones position by position:
    a changed text is an edit, extra rows are added, missing rows removed."""

    stage: Stage
    cycle: int = 1
    vision: str = ""
    goals: tuple[GoalText, ...] = ()
    norms: tuple[str, ...] = ()


@dataclass(frozen=True)
class JoinAsk:
    person: str
    message: str
    reply: str = ""  # approved requests only


@dataclass(frozen=True)
class GroupSpec:
    """A group's charter and story. The first facilitator starts the group; the
    others are invited as facilitators. Members join by invitation during set-up,
    or (``open`` access) straight from Explore once the group is open."""

    name: str
    organisation: str
    focus: tuple[str, ...]
    purpose: str
    vision: str
    format: Format
    scope: Scope
    frequency: Frequency
    meeting_minutes: int
    target_size: int
    access: Access
    stage: Stage
    started_weeks_ago: int
    facilitators: tuple[str, ...]
    members: tuple[str, ...]
    goals: tuple[GoalText, ...]
    norms: tuple[str, ...]
    invite_message: str
    cycle: int = 1
    # Who the group is for: codes of kahui/accounts/choices.py, and the learners its
    # members share, if any.
    year_levels: tuple[str, ...] = ()
    learning_areas: tuple[str, ...] = ()
    shared_learners: str = ""
    approved_requests: tuple[JoinAsk, ...] = ()
    pending_requests: tuple[JoinAsk, ...] = ()
    pending_invites: tuple[JoinAsk, ...] = ()
    revisions: tuple[Revision, ...] = ()


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        name="From early learning to school",
        organisation="cl",
        focus=("transitions", "oral", "wellbeing"),
        year_levels=("ece", "y0-3"),
        learning_areas=("early-learning", "english"),
        shared_learners="The tamariki moving from the early-learning centre to new entrants",
        purpose=(
            "Make starting school a gentle step for tamariki and their whānau. Kaiako from "
            "the early-learning centre and new-entrant teachers compare how each setting "
            "works and agree on a few practices we all share."
        ),
        vision=(
            "Every child arrives at school already known: their strengths, their languages "
            "and what helps them settle travel with them."
        ),
        format=Format.IN_PERSON,
        scope=Scope.EXTERNAL,
        frequency=Frequency.THREE_WEEKLY,
        meeting_minutes=60,
        target_size=8,
        access=Access.OPEN,
        stage=Stage.CONNECT,
        started_weeks_ago=6,
        facilitators=("kk.head", "cl.pld"),
        members=("kk.k2", "hg.t1"),
        goals=(
            (
                "Agree on a one-page “all about me” profile that the centre and schools both use",
                "Profiles shared for at least four in five children who start school next term",
            ),
            (
                "Visit each other's settings before the next intake",
                "Every member has spent a session in the other setting and shared notes",
            ),
        ),
        norms=(
            "We talk about children's strengths first.",
            "Whānau voice shapes every transition decision we make.",
            "We describe what we notice in the other setting, without judging it.",
            "Phones away while we meet, and we finish by half past four.",
        ),
        invite_message="Kia ora! Would you co-facilitate this with me? Your PLD experience "
        "would help a lot.",
    ),
    GroupSpec(
        name="Structured literacy in the junior school",
        organisation="hg",
        focus=("literacy", "oral", "afl"),
        year_levels=("y0-3",),
        learning_areas=("english",),
        purpose=(
            "Teach early reading and spelling in Years 0–3 through explicit, systematic "
            "phonics, and notice early which learners are not yet decoding so they get "
            "help straight away."
        ),
        vision=(
            "By the end of Year 3 every learner at Harakeke Grove reads and writes with "
            "confidence, and nobody slips through unnoticed."
        ),
        format=Format.IN_PERSON,
        scope=Scope.INTERNAL,
        frequency=Frequency.FORTNIGHTLY,
        meeting_minutes=60,
        target_size=8,
        access=Access.REQUEST,
        stage=Stage.GATHER,
        started_weeks_ago=6,
        facilitators=("hg.junior",),
        members=("hg.teuila", "hg.t1", "hg.t2", "hg.t3", "hg.t4", "hg.senco"),
        goals=(
            (
                "Follow one phonics scope and sequence in every junior class",
                "Planning and short class visits show the agreed sequence in all six junior "
                "classes by the end of term",
            ),
            (
                "Check decoding every five weeks and act on the results",
                "Check results recorded for every Year 1–2 learner; small-group plans "
                "adjusted within a week of each check",
            ),
            (
                "Match decodable books to what has been taught",
                "Each class has a sorted set of decodable readers and take-home books follow "
                "the sequence",
            ),
        ),
        norms=(
            "We start and finish on time.",
            "Everyone brings a piece of learner work or data to each meeting.",
            "What we share about learners stays in this group.",
            "We hear every voice before we decide.",
            "We try an idea in class before we judge it.",
        ),
        invite_message="Kia ora koutou, our junior-school PLG starts next week. Join us!",
        pending_requests=(
            JoinAsk(
                "cl.rtlb2",
                "I'm working with two of your junior classes this term and would love to "
                "learn alongside you. Happy to bring phonics assessment tools.",
            ),
        ),
    ),
    GroupSpec(
        name="Universal Design for Learning across the cluster",
        organisation="cl",
        focus=("udl", "neurodiversity", "agency"),
        year_levels=("y0-3", "y4-6", "y7-8", "y9-10"),
        learning_areas=("learning-support",),
        purpose=(
            "Educators from across the cluster learn to plan lessons every learner can "
            "access from the start, instead of adapting them afterwards for a few. The RTLB "
            "bring tools and research; members bring their own classes."
        ),
        vision=(
            "Classrooms where flexibility is planned in, so disabled and neurodivergent "
            "learners take part fully alongside their peers."
        ),
        format=Format.HYBRID,
        scope=Scope.EXTERNAL,
        frequency=Frequency.THREE_WEEKLY,
        meeting_minutes=75,
        target_size=10,
        access=Access.REQUEST,
        stage=Stage.SENSE,
        started_weeks_ago=11,
        facilitators=("cl.rtlb1", "cl.rtlb2"),
        members=("pw.lsc", "kr.senco", "pw.t2", "kw.support", "hg.senco", "kk.k3", "md.t3"),
        goals=(
            (
                "Each member plans and teaches two lessons with built-in options for "
                "engagement, representation and expression",
                "Lesson plans and short reflections shared in the group, with learner "
                "feedback after each lesson",
            ),
            (
                "Need fewer one-off adaptations in our classes",
                "Number of separately adapted resources per class, counted at the start and "
                "the end of the inquiry",
            ),
            (
                "Hear from learners what helps them learn",
                "A short learner-voice survey run twice this year in every member's class",
            ),
        ),
        norms=(
            "We look for barriers in the design, not in the child.",
            "We use first names or initials only when we discuss learners.",
            "Cameras on when we can; we mute when we are not speaking.",
            "Anyone may ask “what is our evidence for that?”",
            "We celebrate small wins out loud.",
            "Agreed actions are written up on the day of the meeting.",
        ),
        invite_message="Kia ora, we're starting a cluster-wide UDL group. We'd value your "
        "classroom experience.",
        approved_requests=(
            JoinAsk(
                "md.wei",
                "Our syndicate is working on inclusive planning and I'd like to bring that "
                "work here.",
                reply="Kia ora Wei, welcome aboard! See you at the next hui.",
            ),
        ),
        pending_requests=(
            JoinAsk(
                "md.t2",
                "I have three learners with very different needs in my Year 5 class and want "
                "to plan better for all of them.",
            ),
        ),
        revisions=(
            Revision(
                Stage.SENSE,
                vision=(
                    "Classrooms where flexibility is planned in, so disabled and neurodivergent "
                    "learners take part fully alongside their peers, and where learners help "
                    "choose how they show what they know."
                ),
            ),
        ),
    ),
    GroupSpec(
        name="Restorative practice at Kererū Ridge",
        organisation="kr",
        focus=("restorative", "wellbeing", "culture"),
        year_levels=("y9-10", "y11-13"),
        learning_areas=("health-pe", "social-sciences"),
        purpose=(
            "Build one restorative approach across departments, so that harm in classrooms "
            "is put right through conversation and relationships, and fewer students are "
            "stood down."
        ),
        vision=(
            "A college where every adult responds to conflict in the same respectful way, "
            "and every student knows they will be heard."
        ),
        format=Format.IN_PERSON,
        scope=Scope.INTERNAL,
        frequency=Frequency.FORTNIGHTLY,
        meeting_minutes=50,
        target_size=8,
        access=Access.INVITE,
        stage=Stage.PLAN,
        started_weeks_ago=14,
        facilitators=("kr.dean",),
        members=("kr.principal", "kr.hpe", "kr.tereo", "kr.maths", "kr.tech", "kr.senco"),
        goals=(
            (
                "Use a restorative chat as the first response to low-level classroom conflict",
                "Fewer classroom referrals to deans, compared term on term",
            ),
            (
                "Run a restorative circle in each member's form class at least twice a term",
                "Circle logs in the group folder, with a short reflection from each member",
            ),
        ),
        norms=(
            "Student names stay out of our notes.",
            "We challenge ideas, not people.",
            "We practise the scripts on each other before we use them with students.",
            "Every meeting ends with one action each.",
        ),
        invite_message="Kia ora, I'm pulling together a small group to work on restorative "
        "practice this year. Keen?",
        pending_invites=(
            JoinAsk(
                "kr.english",
                "Kia ora, we'd value a voice from the English department. Join us when you're "
                "ready.",
            ),
        ),
        revisions=(
            Revision(
                Stage.PLAN,
                goals=(
                    (
                        "Use a restorative chat as the first response to low-level classroom "
                        "conflict",
                        "Dean referral figures compared term on term, plus a student survey "
                        "on feeling heard",
                    ),
                    (
                        "Run a restorative circle in each member's form class at least twice a "
                        "term",
                        "Circle logs in the group folder, with a short reflection from each member",
                    ),
                    (
                        "Share restorative language with whānau",
                        "A page in the newsletter and a session at the Year 9 whānau evening",
                    ),
                ),
            ),
        ),
    ),
    GroupSpec(
        name="Te reo and tikanga in every classroom",
        organisation="cl",
        focus=("te-reo", "culture", "wellbeing"),
        year_levels=("y0-3", "y4-6", "y7-8"),
        learning_areas=("te-reo-maori",),
        purpose=(
            "Kaiako from the kura and from mainstream schools help each other weave te reo "
            "Māori and tikanga into everyday teaching, and make whānau feel at home in our "
            "classrooms."
        ),
        vision=(
            "Ākonga Māori see themselves, their language and their culture in every "
            "classroom across the cluster."
        ),
        format=Format.ONLINE,
        scope=Scope.EXTERNAL,
        frequency=Frequency.FORTNIGHTLY,
        meeting_minutes=45,
        target_size=12,
        access=Access.OPEN,
        stage=Stage.ACT,
        cycle=2,
        started_weeks_ago=36,
        facilitators=("kw.tumuaki", "cl.rtlb3"),
        members=(
            "kw.kaiako1",
            "kw.kaiako2",
            "hg.junior",
            "pw.t4",
            "pw.principal",
            "md.dp",
            "kr.tereo",
            "kk.k1",
            "pw.t1",
        ),
        goals=(
            (
                "Use te reo Māori for classroom routines every day",
                "Members keep a list of routines run in te reo; a kura kaiako visits each "
                "class once a term",
            ),
            (
                "Hold a whānau hui in each member's class",
                "Hui held and whānau feedback gathered",
            ),
        ),
        norms=(
            "We open and close with karakia.",
            "Mistakes in te reo are part of learning; we correct gently and in private.",
            "We honour what kura kaiako share, and say where the knowledge came from.",
            "Cameras on for whakawhanaungatanga at the start.",
            "We finish within 45 minutes.",
        ),
        invite_message="Tēnā koe, e hoa! Will you facilitate this rōpū with me?",
        revisions=(
            Revision(
                Stage.REFLECT,
                norms=(
                    "We open and close with karakia.",
                    "Mistakes in te reo are part of learning; we correct gently and in private.",
                    "We honour what kura kaiako share, and say where the knowledge came from.",
                    "Cameras on for whakawhanaungatanga at the start.",
                    "We finish within 45 minutes.",
                    "Each of us brings one new kupu or phrase to share at every meeting.",
                ),
            ),
            Revision(
                Stage.CONNECT,
                cycle=2,
                goals=(
                    (
                        "Use te reo Māori for classroom routines every day",
                        "Members keep a list of routines run in te reo; a kura kaiako visits "
                        "each class once a term",
                    ),
                    (
                        "Hold a whānau hui in each member's class",
                        "Hui held and whānau feedback gathered",
                    ),
                    (
                        "Invite whānau to co-plan one unit of learning each term, built on a "
                        "local pūrākau or place name",
                        "Units co-planned with whānau, and their feedback gathered after each one",
                    ),
                ),
            ),
        ),
    ),
    GroupSpec(
        name="PLG Rekentaal: van groep 8 naar de brugklas",
        organisation="nl",
        focus=("maths-talk", "transitions", "oral"),
        year_levels=("y7-8", "y9-10"),
        learning_areas=("mathematics", "dutch"),
        purpose=(
            "Leerkrachten van groep 7 en 8 en docenten wiskunde van de brugklas onderzoeken "
            "samen hoe leerlingen over rekenen praten en redeneren. Zo wordt de overstap naar "
            "het voortgezet onderwijs geen breuk in de leerlijn."
        ),
        vision=(
            "Leerlingen ervaren één doorlopende lijn in rekenen en wiskunde: dezelfde taal, "
            "dezelfde modellen, en leraren die weten wat er vóór en na hen gebeurt."
        ),
        format=Format.HYBRID,
        scope=Scope.EXTERNAL,
        frequency=Frequency.THREE_WEEKLY,
        meeting_minutes=90,
        target_size=8,
        access=Access.REQUEST,
        stage=Stage.REFLECT,
        started_weeks_ago=24,
        facilitators=("wk.ib", "bw.emre"),
        members=("wk.g8a", "wk.g8b", "wk.g7", "bw.wisk2", "bw.ned"),
        goals=(
            (
                "Een gezamenlijke lijst met rekentaal en modellen voor groep 8 en de brugklas",
                "De lijst is klaar en wordt in alle deelnemende klassen gebruikt; we bespreken "
                "voorbeelden uit de lessen",
            ),
            (
                "Bij elkaar op lesbezoek tussen basisschool en brugklas",
                "Iedere deelnemer heeft minstens één les bezocht en een korte reflectie gedeeld",
            ),
            (
                "Leerlingen laten vertellen hoe zij een opgave aanpakken",
                "Notities of opnames van twee redeneergesprekken per deelnemer per periode",
            ),
        ),
        norms=(
            "We beginnen en eindigen op tijd.",
            "Wat we over leerlingen delen, blijft binnen de PLG.",
            "We stellen eerst vragen voordat we een oordeel geven.",
            "Iedereen neemt materiaal uit de eigen praktijk mee.",
            "We sluiten elke bijeenkomst af met een korte terugblik.",
        ),
        invite_message="Hoi! We starten een PLG over rekentaal rond de overstap naar de "
        "brugklas. Doe je mee?",
        approved_requests=(
            JoinAsk(
                "bw.mentor",
                "Ik ben mentor van een brugklas en merk dat leerlingen rekenen anders benoemen "
                "dan wij gewend zijn. Mag ik aansluiten?",
                reply="Welkom! Tot de volgende bijeenkomst.",
            ),
        ),
        revisions=(
            Revision(
                Stage.REFLECT,
                norms=(
                    "We beginnen en eindigen op tijd.",
                    "Wat we over leerlingen delen, blijft binnen de PLG.",
                    "We stellen eerst vragen voordat we een oordeel geven.",
                    "Iedereen neemt leerlingwerk of een lesfragment uit de eigen praktijk mee.",
                    "We sluiten elke bijeenkomst af met een korte terugblik.",
                ),
            ),
        ),
    ),
)
