"""The demo groups' inquiry: for each group, its rounds of He Pikorua, each with the
question it set out to answer and what it wrote at every stage it reached — who led
the stage and who wrote what (``saves``, in order: each save keeps the texts the one
before wrote and changes or adds its own), the goals it measured with their readings,
the plan at three levels, the trials and the goals to revisit, and the evidence and
assessment data it gathered (``GATHERED``, by group and round).

Person keys are the roster's (``kk.head``); goals are the group's, by position at the
time (``0`` is its first goal). A group's last round is the one still under way.
"""

from dataclasses import dataclass, field

from kahui.groups.stages import Stage

Texts = dict[str, str]


@dataclass(frozen=True)
class StageWork:
    stage: Stage
    led_by: str
    saves: tuple[tuple[str, Texts], ...]


@dataclass(frozen=True)
class MeasureText:
    """A goal's measure, set early in Tātai, and its readings: each in a stage."""

    goal: int
    name: str
    unit: str
    baseline: float
    target: float
    readings: tuple[tuple[Stage, float], ...] = ()
    weeks: int = 10  # due this many weeks after the baseline


@dataclass(frozen=True)
class PlanAction:
    level: str  # universal, targeted or individual
    text: str
    owner: str


@dataclass(frozen=True)
class TrialText:
    by: str
    strategy: str
    outcome: str


@dataclass(frozen=True)
class RetroText:
    """A round's retrospective (kahui.retrospective): who wrote it, what helped and got
    in the way, and the areas the group changes, each with its note."""

    by: str
    worked: str
    hindered: str
    changes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EvidenceText:
    """A piece of evidence, added in a stage by a member."""

    stage: Stage
    by: str
    kind: str  # observation, sample, note or link
    title: str
    body: str = ""
    url: str = ""
    goal: int | None = None


@dataclass(frozen=True)
class DataSetText:
    """An assessment data set, added in a stage: its values are drawn (seeded) around
    ``mean`` for ``learners`` learner codes, the same codes in every data set of a
    group, so a later data set pairs with an earlier one learner by learner."""

    stage: Stage
    by: str
    title: str
    kind: str
    measure: str
    learners: int
    mean: float
    spread: float
    prefix: str  # of the learner codes
    minimum: float | None = None
    maximum: float | None = None
    levels: tuple[str, ...] = ()
    year_levels: tuple[int, ...] = ()
    goal: int | None = None
    # The levels the group expects per year level on this measure, set with the data.
    expected: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class Round:
    question: str
    work: tuple[StageWork, ...]
    measures: tuple[MeasureText, ...] = ()
    plan: tuple[PlanAction, ...] = ()
    trials: tuple[TrialText, ...] = ()
    revisits: tuple[tuple[int, str], ...] = ()
    retrospective: RetroText | None = None
    steps: dict[Stage, StageWork] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", {work.stage: work for work in self.work})


INQUIRIES: dict[str, tuple[Round, ...]] = {
    "From early learning to school": (
        Round(
            question=(
                "What do tamariki and their whānau need from us in the first weeks of "
                "school, and what already travels with them?"
            ),
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="kk.k2",
                    saves=(
                        (
                            "kk.k2",
                            {
                                "strengths": (
                                    "- Ana (centre): knows every child starting next term and "
                                    "most of their whānau.\n- Matiu (PLD): has run transition "
                                    "projects in two clusters."
                                ),
                            },
                        ),
                        (
                            "hg.t1",
                            {
                                "learners": (
                                    "The eleven tamariki moving from the centre to Harakeke "
                                    "Grove next term, four of them with te reo Māori at home."
                                ),
                            },
                        ),
                    ),
                ),
            ),
        ),
    ),
    "Structured literacy in the junior school": (
        Round(
            question="Which of our Year 1 and 2 readers are not yet blending, and what helps them?",
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="hg.teuila",
                    saves=(
                        (
                            "hg.teuila",
                            {
                                "strengths": (
                                    "Three of us trained in structured literacy last year; "
                                    "Sina knows the phonics scope and sequence inside out."
                                ),
                                "learners": "Every Year 1 and 2 learner in our five classes.",
                            },
                        ),
                        (
                            "hg.t2",
                            {
                                "learners": (
                                    "Every Year 1 and 2 learner in our five classes, and "
                                    "especially the children who started school this year "
                                    "with little English."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="hg.senco",
                    saves=(
                        (
                            "hg.senco",
                            {
                                "evidence": (
                                    "- Phonics checks for all 112 learners (Week 3)\n"
                                    "- Running records for the Year 2 classes"
                                ),
                            },
                        ),
                        (
                            "hg.t3",
                            {
                                "evidence": (
                                    "- Phonics checks for all 112 learners (Week 3)\n"
                                    "- Running records for the Year 2 classes\n"
                                    "- Notes from two whānau hui about reading at home"
                                ),
                            },
                        ),
                    ),
                ),
            ),
        ),
    ),
    "Universal Design for Learning across the cluster": (
        Round(
            question=(
                "Where do barriers in our lessons stop learners taking part, and which "
                "options remove them?"
            ),
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="cl.rtlb2",
                    saves=(
                        (
                            "cl.rtlb2",
                            {
                                "strengths": (
                                    "Learning support coordinators, RTLB and classroom teachers "
                                    "from five schools: between us we know a lot of learners "
                                    "who are left out of ordinary lessons."
                                ),
                            },
                        ),
                        (
                            "pw.lsc",
                            {
                                "learners": (
                                    "Neurodivergent learners in Years 4 to 8, and the classmates "
                                    "who benefit from the same options."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="kr.senco",
                    saves=(
                        (
                            "kr.senco",
                            {
                                "evidence": (
                                    "- Lesson observations in six classes with a barrier "
                                    "checklist\n- Learner voice: 38 short interviews"
                                ),
                            },
                        ),
                        (
                            "pw.t2",
                            {
                                "evidence": (
                                    "- Lesson observations in six classes with a barrier "
                                    "checklist\n- Learner voice: 38 short interviews\n- Samples "
                                    "of written work from the same lessons"
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.SENSE,
                    led_by="pw.lsc",
                    saves=(
                        (
                            "pw.lsc",
                            {
                                "patterns": (
                                    "Most barriers sit in how learners show what they know: "
                                    "nearly every task asked for writing."
                                ),
                            },
                        ),
                        (
                            "md.t3",
                            {
                                "conclusion": (
                                    "Start with options for expression: oral, visual and "
                                    "written responses to the same task."
                                ),
                            },
                        ),
                    ),
                ),
            ),
        ),
    ),
    "Restorative practice at Kererū Ridge": (
        Round(
            question=(
                "Does a restorative first response keep our Year 9 and 10 learners in class "
                "and feeling heard?"
            ),
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="kr.hpe",
                    saves=(
                        (
                            "kr.hpe",
                            {
                                "strengths": (
                                    "Two of us trained in restorative conferencing; the whole "
                                    "group teaches Year 9 and 10 form classes."
                                ),
                            },
                        ),
                        (
                            "kr.tereo",
                            {
                                "learners": (
                                    "Our Year 9 and 10 learners, and the whānau we usually only "
                                    "hear from after an incident."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="kr.senco",
                    saves=(
                        (
                            "kr.senco",
                            {
                                "evidence": (
                                    "- Dean referrals for the last two terms: 46 a term\n"
                                    "- Student survey on feeling heard (212 answers)"
                                ),
                            },
                        ),
                        (
                            "kr.maths",
                            {
                                "evidence": (
                                    "- Dean referrals for the last two terms: 46 a term\n"
                                    "- Student survey on feeling heard (212 answers)\n"
                                    "- When referrals happen: two in three in the last period"
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.SENSE,
                    led_by="kr.tech",
                    saves=(
                        (
                            "kr.tech",
                            {
                                "patterns": (
                                    "Referrals cluster in the last period, and learners who were "
                                    "referred say nobody asked for their side."
                                ),
                                "conclusion": (
                                    "A short restorative chat before any referral should come "
                                    "first; circles build the relationships that make it work."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.PLAN,
                    led_by="kr.dean",
                    saves=(
                        (
                            "kr.dean",
                            {
                                "plan": (
                                    "Every member uses the five restorative questions before "
                                    "any referral, runs two circles a term, and we share "
                                    "restorative language with whānau."
                                ),
                            },
                        ),
                        (
                            "kr.principal",
                            {
                                "plan": (
                                    "Every member uses the five restorative questions before "
                                    "any referral, runs two circles a term, and we share "
                                    "restorative language with whānau. Senior leaders cover the "
                                    "last period on Thursdays so deans can join a circle."
                                ),
                            },
                        ),
                    ),
                ),
            ),
            measures=(
                MeasureText(
                    goal=0,
                    name="Dean referrals from Year 9 and 10 classes",
                    unit="referrals a term",
                    baseline=46,
                    target=25,
                    readings=((Stage.PLAN, 41),),
                ),
                MeasureText(
                    goal=1,
                    name="Restorative circles run in each member's form class",
                    unit="circles a term",
                    baseline=0,
                    target=2,
                ),
            ),
            plan=(
                PlanAction(
                    "universal",
                    "Ask the five restorative questions before any referral, in every class",
                    "kr.dean",
                ),
                PlanAction(
                    "targeted",
                    "A weekly check-in circle for the eight learners with most referrals",
                    "kr.hpe",
                ),
                PlanAction(
                    "individual",
                    "A restorative conference, with whānau, for one learner who asked for it",
                    "kr.senco",
                ),
            ),
        ),
    ),
    "Te reo and tikanga in every classroom": (
        Round(
            question="How can te reo Māori become part of the everyday routines in our classrooms?",
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="kw.kaiako1",
                    saves=(
                        (
                            "kw.kaiako1",
                            {
                                "strengths": (
                                    "Kura kaiako bring te reo and tikanga; mainstream members "
                                    "bring classes where both are still new."
                                ),
                            },
                        ),
                        (
                            "pw.t4",
                            {
                                "learners": (
                                    "Ākonga Māori in our mainstream classes, and every learner "
                                    "who hears te reo at school."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="md.dp",
                    saves=(
                        (
                            "md.dp",
                            {
                                "evidence": (
                                    "- Each member listed the routines already run in te reo: "
                                    "two a day on average\n- Ākonga voice from three classes"
                                ),
                            },
                        ),
                        (
                            "kk.k1",
                            {
                                "evidence": (
                                    "- Each member listed the routines already run in te reo: "
                                    "two a day on average\n- Ākonga voice from three classes\n"
                                    "- Whānau survey: most would come to a hui in the classroom"
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.SENSE,
                    led_by="kr.tereo",
                    saves=(
                        (
                            "kr.tereo",
                            {
                                "patterns": (
                                    "Routines in te reo stop when the teacher is unsure of the "
                                    "words; ākonga Māori notice when te reo is only for special "
                                    "occasions."
                                ),
                                "conclusion": (
                                    "Learn a few routines well, with kura kaiako, and use them "
                                    "every day."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.PLAN,
                    led_by="cl.rtlb3",
                    saves=(
                        (
                            "cl.rtlb3",
                            {
                                "plan": (
                                    "Each member adds two routines in te reo every fortnight, "
                                    "learnt at our hui, and holds a whānau hui this term."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.ACT,
                    led_by="hg.junior",
                    saves=(),
                ),
                StageWork(
                    Stage.REFLECT,
                    led_by="pw.principal",
                    saves=(
                        (
                            "pw.principal",
                            {
                                "learners": (
                                    "Ākonga start the day with karakia and a mihi in every "
                                    "class now; several lead them."
                                ),
                                "practice": (
                                    "We plan te reo into routines instead of adding it on."
                                ),
                            },
                        ),
                        (
                            "kw.kaiako2",
                            {
                                "carry_forward": (
                                    "Keep the daily routines. Whānau came to the hui but asked "
                                    "to plan learning with us, not only to hear about it: that "
                                    "is the next round."
                                ),
                            },
                        ),
                    ),
                ),
            ),
            measures=(
                MeasureText(
                    goal=0,
                    name="Classroom routines run in te reo Māori",
                    unit="routines a day",
                    baseline=2,
                    target=8,
                    readings=(
                        (Stage.PLAN, 3),
                        (Stage.ACT, 5),
                        (Stage.ACT, 6),
                        (Stage.REFLECT, 8),
                    ),
                    weeks=12,
                ),
                MeasureText(
                    goal=1,
                    name="Members who have held a whānau hui",
                    unit="members",
                    baseline=0,
                    target=11,
                    readings=((Stage.ACT, 4), (Stage.REFLECT, 9)),
                    weeks=12,
                ),
            ),
            plan=(
                PlanAction(
                    "universal", "Karakia and a mihi to open every school day", "kw.tumuaki"
                ),
                PlanAction(
                    "targeted",
                    "A kura kaiako visits the five classes where te reo is newest",
                    "kw.kaiako1",
                ),
                PlanAction(
                    "individual",
                    "A mihi prepared with one ākonga who wants to lead it, and their whānau",
                    "pw.t4",
                ),
            ),
            trials=(
                TrialText(
                    "hg.junior",
                    "Lining up and roll call in te reo",
                    "Within a week ākonga answered the roll in te reo without prompting.",
                ),
                TrialText(
                    "pw.t1",
                    "Karakia kai before lunch",
                    "Two ākonga Māori offered to lead it; the class now takes turns.",
                ),
                TrialText(
                    "kr.tereo",
                    "Whānau hui in the classroom after school",
                    "Fourteen whānau came. Several asked to help plan a unit next term.",
                ),
            ),
            revisits=((1, "Whānau want to co-plan learning, not only come to a hui."),),
            retrospective=RetroText(
                by="pw.t1",
                worked="Opening every hui with karakia and a short kōrero about our own "
                "classrooms. Everyone spoke at least once.",
                hindered="Meeting straight after school on a Thursday: half of us came late "
                "from duty.",
                changes=(
                    ("cadence", "Move to Tuesdays and start at 3:45 so duty is over."),
                    ("membership", "Invite two whānau representatives to the planning hui."),
                ),
            ),
        ),
        Round(
            question="What changes for ākonga when whānau co-plan learning with us?",
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="kw.kaiako2",
                    saves=(
                        (
                            "kw.kaiako2",
                            {
                                "strengths": (
                                    "After round one, every member runs daily routines in te "
                                    "reo; two whānau members joined our hui as guests."
                                ),
                                "learners": "Ākonga Māori and their whānau in every member's class.",
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="pw.t1",
                    saves=(
                        (
                            "pw.t1",
                            {
                                "evidence": (
                                    "- Notes from last term's whānau hui\n- Which units whānau "
                                    "said they would like to help shape"
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.SENSE,
                    led_by="md.dp",
                    saves=(
                        (
                            "md.dp",
                            {
                                "patterns": "Whānau want to bring local stories and place names.",
                                "conclusion": (
                                    "Co-plan one unit a term with whānau, built on a local pūrākau."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.PLAN,
                    led_by="kw.tumuaki",
                    saves=(
                        (
                            "kw.tumuaki",
                            {
                                "plan": (
                                    "Each member co-plans one unit with whānau this term, built "
                                    "on a pūrākau or place name from our rohe."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(Stage.ACT, led_by="kk.k1", saves=()),
            ),
            measures=(
                MeasureText(
                    goal=2,
                    name="Units co-planned with whānau this term",
                    unit="units",
                    baseline=0,
                    target=11,
                    readings=((Stage.PLAN, 2), (Stage.ACT, 5)),
                ),
            ),
            plan=(
                PlanAction(
                    "universal", "Learn the pūrākau of the awa together at our next hui", "cl.rtlb3"
                ),
                PlanAction(
                    "targeted",
                    "Invite the whānau of ākonga Māori in Years 5 and 6 to plan the Matariki unit",
                    "md.dp",
                ),
            ),
            trials=(
                TrialText(
                    "kk.k1",
                    "A planning evening with six whānau for the Matariki unit",
                    "Whānau brought kōrero about the stars their tūpuna used; ākonga led the "
                    "sharing at the end of the unit.",
                ),
            ),
        ),
    ),
    "PLG Rekentaal: van groep 8 naar de brugklas": (
        Round(
            question=(
                "Welke rekentaal en modellen helpen leerlingen hun aanpak uit te leggen, in "
                "groep 8 én in de brugklas?"
            ),
            work=(
                StageWork(
                    Stage.CONNECT,
                    led_by="wk.g8a",
                    saves=(
                        (
                            "wk.g8a",
                            {
                                "strengths": (
                                    "Drie leerkrachten van groep 7 en 8 en drie docenten uit de "
                                    "brugklas: samen zien we de hele overstap."
                                ),
                            },
                        ),
                        (
                            "bw.wisk2",
                            {
                                "learners": (
                                    "Leerlingen van groep 8 van De Wilgenkamp die volgend jaar "
                                    "naar de brugklas gaan."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.GATHER,
                    led_by="bw.ned",
                    saves=(
                        (
                            "bw.ned",
                            {
                                "evidence": (
                                    "- Opnames van vier redeneergesprekken per klas\n"
                                    "- De begrippenlijsten van beide scholen naast elkaar"
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.SENSE,
                    led_by="wk.g7",
                    saves=(
                        (
                            "wk.g7",
                            {
                                "patterns": (
                                    "Groep 8 gebruikt de strook en het verhoudingstabelmodel; "
                                    "de brugklas noemt hetzelfde anders."
                                ),
                            },
                        ),
                        (
                            "bw.emre",
                            {
                                "conclusion": (
                                    "Eén gedeelde lijst met begrippen en modellen, en "
                                    "leerlingen vaker hun aanpak laten uitleggen."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(
                    Stage.PLAN,
                    led_by="wk.ib",
                    saves=(
                        (
                            "wk.ib",
                            {
                                "plan": (
                                    "We maken de gedeelde lijst, gebruiken die in alle klassen "
                                    "en voeren elke week een redeneergesprek."
                                ),
                            },
                        ),
                    ),
                ),
                StageWork(Stage.ACT, led_by="wk.g8b", saves=()),
                StageWork(
                    Stage.REFLECT,
                    led_by="bw.mentor",
                    saves=(
                        (
                            "bw.mentor",
                            {
                                "learners": (
                                    "Meer leerlingen leggen hun aanpak in eigen woorden uit, "
                                    "ook in de brugklas."
                                ),
                            },
                        ),
                        (
                            "wk.g8a",
                            {
                                "practice": "We gebruiken dezelfde woorden en modellen.",
                                "carry_forward": (
                                    "De lijst houden we bij; volgende ronde kijken we naar "
                                    "breuken en procenten."
                                ),
                            },
                        ),
                    ),
                ),
            ),
            measures=(
                MeasureText(
                    goal=2,
                    name="Leerlingen die hun aanpak in eigen woorden uitleggen (rubric, 3 of hoger)",
                    unit="%",
                    baseline=35,
                    target=70,
                    readings=((Stage.ACT, 42), (Stage.ACT, 55), (Stage.REFLECT, 63)),
                ),
                MeasureText(
                    goal=1,
                    name="Deelnemers die een les op de andere school bezochten",
                    unit="deelnemers",
                    baseline=0,
                    target=8,
                    readings=((Stage.ACT, 3), (Stage.REFLECT, 6)),
                ),
            ),
            plan=(
                PlanAction(
                    "universal",
                    "Elke week een redeneergesprek in alle klassen, met de gedeelde lijst",
                    "wk.ib",
                ),
                PlanAction(
                    "targeted",
                    "Extra gesprekjes met de zes leerlingen die hun aanpak nog niet verwoorden",
                    "wk.g8b",
                ),
                PlanAction(
                    "individual",
                    "Een overdrachtsgesprek over één leerling met dyscalculie",
                    "bw.emre",
                ),
            ),
            trials=(
                TrialText(
                    "wk.g8b",
                    "De strook gebruiken bij verhoudingen",
                    "Leerlingen legden hun stappen beter uit; twee leerlingen gebruikten de "
                    "strook zelfstandig.",
                ),
                TrialText(
                    "bw.wisk2",
                    "In de brugklas dezelfde woorden als groep 8",
                    "Minder vragen over wat een opgave bedoelt.",
                ),
            ),
            revisits=((0, "De lijst moet mee met breuken en procenten."),),
            retrospective=RetroText(
                by="bw.wisk2",
                worked="Samen lesmateriaal van groep 8 en de brugklas naast elkaar leggen.",
                hindered="Online bijeenkomsten vielen vaak weg door toetsweken.",
                changes=(("format", "Eén keer per periode op school bij elkaar komen."),),
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Gathered:
    evidence: tuple[EvidenceText, ...] = ()
    data_sets: tuple[DataSetText, ...] = ()


RUBRIC = ("1 – nog niet", "2 – met hulp", "3 – zelfstandig", "4 – legt het anderen uit")

# Evidence and assessment data, by (group, round): what the charts of the analysis show.
GATHERED: dict[tuple[str, int], Gathered] = {
    ("Structured literacy in the junior school", 0): Gathered(
        evidence=(
            EvidenceText(
                Stage.GATHER,
                by="hg.senco",
                kind="observation",
                title="Blending at the mat, Room 3",
                body=(
                    "Six of the 24 learners said each sound but could not blend them into "
                    "the word (Y1-07, Y1-12, Y1-15, Y1-19, Y1-21, Y1-23). Most of the others "
                    "blended CVC words without prompting."
                ),
            ),
            EvidenceText(
                Stage.GATHER,
                by="hg.t3",
                kind="note",
                title="What whānau told us about reading at home",
                body=(
                    "- Most read together most nights, often in Samoan or te reo Māori\n"
                    "- Several asked for the decodable books to come home too"
                ),
            ),
            EvidenceText(
                Stage.GATHER,
                by="hg.teuila",
                kind="link",
                title="The phonics check we use: administration guide",
                url="https://example.org/phonics-check-guide",
            ),
        ),
        data_sets=(
            DataSetText(
                Stage.GATHER,
                by="hg.senco",
                title="Phonics check, Week 3",
                kind="diagnostic",
                measure="Phonics check (words read of 40)",
                learners=112,
                mean=19,
                spread=7,
                prefix="Y",
                minimum=0,
                maximum=40,
                year_levels=(1, 2),
            ),
            DataSetText(
                Stage.GATHER,
                by="hg.t3",
                title="Phonics check, Week 7",
                kind="formative",
                measure="Phonics check (words read of 40)",
                learners=112,
                mean=24,
                spread=7,
                prefix="Y",
                minimum=0,
                maximum=40,
                year_levels=(1, 2),
            ),
        ),
    ),
    ("PLG Rekentaal: van groep 8 naar de brugklas", 0): Gathered(
        evidence=(
            EvidenceText(
                Stage.ACT,
                by="wk.g8b",
                kind="observation",
                title="Lesbezoek: verhoudingstabel bij de brugklas",
                body=(
                    "G8-04 en G8-11 legden hun tussenstappen uit met de strook; de anderen "
                    "schreven alleen de uitkomst op."
                ),
                goal=2,
            ),
        ),
        data_sets=(
            DataSetText(
                Stage.ACT,
                by="wk.g8a",
                title="Rubric uitleggen, nulmeting",
                kind="diagnostic",
                measure="Aanpak uitleggen (rubric)",
                learners=48,
                mean=2.1,
                spread=0.8,
                prefix="G8-",
                levels=RUBRIC,
                year_levels=(8,),
            ),
            DataSetText(
                Stage.REFLECT,
                by="wk.g8b",
                title="Rubric uitleggen, eindmeting",
                kind="benchmark",
                measure="Aanpak uitleggen (rubric)",
                learners=48,
                mean=2.9,
                spread=0.8,
                prefix="G8-",
                levels=RUBRIC,
                year_levels=(8,),
                goal=2,
                expected=((8, 3),),
            ),
        ),
    ),
}
