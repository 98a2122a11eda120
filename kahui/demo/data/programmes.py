"""Two programmes, one in each country, at different phases (written for Kāhui).

Waitaha Coast's cluster runs a maths programme with two of its schools, its RTLB
coaching the facilitators: it is running, with an intervisie circle. In the
Netherlands Leernetwerk Rivierduin runs a PLG-traject of a primary school with a
secondary school: the proposal was agreed and the groups are waiting for the kick-off."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PlanSpec:
    name: str
    focus: str
    frequency: str
    minutes: int
    facilitators: tuple[str, ...]
    participants: tuple[str, ...]


@dataclass(frozen=True)
class VersionSpec:
    by: str
    days_ago: int
    note: str
    fits_with: str
    roles: str
    groups: tuple[PlanSpec, ...]
    comments: tuple[tuple[str, str], ...] = ()
    agreed_by: tuple[str, ...] = ()  # roster keys of the administrators who agreed


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    lead: str  # organisation key
    partners: tuple[str, ...]
    partnership: str
    runner: str
    country: str
    created_days_ago: int
    intake: dict[str, object]
    versions: tuple[VersionSpec, ...]
    coaches: tuple[str, ...] = ()
    kickoff_days: int = 0  # negative: held that many school days ago
    kickoff_place: str = ""
    answers: tuple[tuple[str, int, str], ...] = ()
    launched: bool = False  # the facilitators opened the groups and the invited joined
    phase: str = "kick_off"
    circle: str = ""
    circle_meeting: tuple[str, str] = ("Intervisie: a case from each group", "Cluster office")
    support_ends_in_days: int = 0


MATHS = ProgrammeSpec(
    name="Maths talk across Waitaha Coast",
    lead="cl",
    partners=("md", "pw"),
    partnership="other",
    runner="cl.lead",
    country="NZ",
    created_days_ago=70,
    intake={
        "present": "Mereana Rameka (cluster), Sam Robertson, Losa Fonoti, Tavita Leota (RTLB)",
        "wishes": "Teachers at both schools want to talk about maths with colleagues who teach "
        "the same ages, not only hear about it at a course.",
        "context": "Mātai Downs and Pīwakawaka share many families. Year 7 entry data shows "
        "a dip in number knowledge that neither school sees on its own.",
        "aim": "Learners explain their maths thinking; teachers plan tasks together and look "
        "at the talk they hear.",
        "hours_per_term": 6,
        "meeting_slots": "Wednesday after school, 3.30–4.30; one teacher-only day in term 2",
        "resources": "Release for facilitators: half a day a term. RTLB time for coaching the "
        "facilitators through the year.",
    },
    versions=(
        VersionSpec(
            by="cl.lead",
            days_ago=62,
            note="First draft after the intake",
            fits_with="Meets on the cluster's Wednesday slot; replaces one staff meeting a term.",
            roles="Facilitators chair and keep the protocol; RTLB coach the facilitators.",
            groups=(
                PlanSpec(
                    name="Maths talk Years 5–8",
                    focus="Number talks and explaining thinking in Years 5 to 8.",
                    frequency="fortnightly",
                    minutes=60,
                    facilitators=("md.t1",),
                    participants=("md.t2", "md.t3", "pw.t1", "pw.t2", "pw.t3", "pw.t4"),
                ),
            ),
            comments=(
                ("md.principal", "Twelve is too many for one group on a Wednesday. Two groups?"),
                ("pw.principal", "Agree. And our Year 7–8 team wants its own focus on fractions."),
            ),
        ),
        VersionSpec(
            by="cl.lead",
            days_ago=55,
            note="Split into two groups, as the principals asked",
            fits_with="Meets on the cluster's Wednesday slot; replaces one staff meeting a term. "
            "Each school's maths lead joins one group.",
            roles="Facilitators chair and keep the protocol; RTLB coach the facilitators; "
            "a note-taker rotates.",
            groups=(
                PlanSpec(
                    name="Maths talk Years 5–6",
                    focus="Number talks and explaining thinking in Years 5 and 6.",
                    frequency="fortnightly",
                    minutes=60,
                    facilitators=("md.t1",),
                    participants=("md.t2", "md.t3", "pw.t3"),
                ),
                PlanSpec(
                    name="Fractions Years 7–8",
                    focus="Fractions and proportional reasoning before college.",
                    frequency="fortnightly",
                    minutes=60,
                    facilitators=("pw.t1",),
                    participants=("pw.t2", "pw.t4", "md.rtlit"),
                ),
            ),
            comments=(("md.principal", "This works for us."),),
            agreed_by=("cl.manager", "md.principal", "pw.principal"),
        ),
    ),
    coaches=("cl.rtlb1", "cl.rtlb2"),
    kickoff_days=-35,
    kickoff_place="Pīwakawaka Intermediate library",
    answers=(
        ("md.t2", 0, "Colleagues who bring real work from their own class, and time to try it."),
        ("pw.t2", 0, "Knowing we can say what did not work without being judged."),
        ("md.t1", 1, "A meeting where we looked at three learners' explanations side by side."),
        ("pw.t4", 1, "Short, with one clear question, and everyone left with something to try."),
        ("pw.t1", 2, "That they explain their thinking without being asked twice."),
    ),
    launched=True,
    phase="supported",
    circle="Intervisie for the maths facilitators",
    support_ends_in_days=120,
)

TRAJECT = ProgrammeSpec(
    name="PLG-traject De Wilgenkring en Brugwachter",
    lead="wk",
    partners=("bw",),
    partnership="primary_secondary",
    runner="nl.coord",
    country="NL",
    created_days_ago=30,
    intake={
        "present": "Marieke de Graaf, Joost Hendriks, Femke Visser, Sanne van den Berg",
        "wishes": "Leerkrachten van groep 8 en docenten van de brugklas willen elkaars "
        "lessen en taal leren kennen.",
        "context": "Veel leerlingen van De Wilgenkring gaan naar Brugwachter; de overstap "
        "bij rekenen en begrijpend lezen loopt niet soepel.",
        "aim": "Een doorlopende lijn in rekentaal en lezen van groep 8 naar de brugklas.",
        "hours_per_term": 8,
        "meeting_slots": "Dinsdag 15.00–16.30, om de drie weken",
        "resources": "Studiedagbudget voor één gezamenlijke studiemiddag.",
    },
    versions=(
        VersionSpec(
            by="nl.coord",
            days_ago=22,
            note="Eerste voorstel",
            fits_with="Sluit aan op het schoolplan (doorlopende leerlijnen) van beide scholen.",
            roles="Intern begeleider begeleidt; de mentor van de brugklas is tweede begeleider.",
            groups=(
                PlanSpec(
                    name="PLG Overstap lezen",
                    focus="Begrijpend lezen van groep 8 naar de brugklas.",
                    frequency="three_weekly",
                    minutes=90,
                    facilitators=("wk.ib",),
                    participants=("wk.g8a", "wk.g8b", "bw.ned"),
                ),
            ),
            comments=(("bw.teamleider", "Kunnen we de mentor als tweede begeleider noemen?"),),
        ),
        VersionSpec(
            by="nl.coord",
            days_ago=15,
            note="Mentor als tweede begeleider",
            fits_with="Sluit aan op het schoolplan (doorlopende leerlijnen) van beide scholen; "
            "vervangt één teamvergadering per periode.",
            roles="Intern begeleider en brugklasmentor begeleiden samen; notulist rouleert.",
            groups=(
                PlanSpec(
                    name="PLG Overstap lezen",
                    focus="Begrijpend lezen van groep 8 naar de brugklas.",
                    frequency="three_weekly",
                    minutes=90,
                    facilitators=("wk.ib", "bw.mentor"),
                    participants=("wk.g8a", "wk.g8b", "bw.ned", "bw.emre"),
                ),
            ),
            comments=(("wk.director", "Akkoord namens De Wilgenkring."),),
            agreed_by=("wk.director", "bw.teamleider"),
        ),
    ),
    coaches=("bw.zorg",),
    kickoff_days=12,
    kickoff_place="Brugwachter College, aula",
    circle="Intervisie PLG-begeleiders Wilgenkring en Brugwachter",
    circle_meeting=("Intervisie: een casus uit elke PLG", "De Wilgenkring, teamkamer"),
    answers=(("wk.ib", 0, "Samen naar echte leerlingteksten kijken, met een vaste opbouw."),),
    phase="kick_off",
)

PROGRAMMES: tuple[ProgrammeSpec, ...] = (MATHS, TRAJECT)
