"""Models of inquiry as data: the stages a group's inquiry cycle moves through, and round
again. Pure: no Django.

He Pikorua is the default. A group may follow another model instead — a spiral of
inquiry, plan–do–study–act, or a PLC's four questions — and nothing else in Kāhui
branches on which: each model is a table of stages, each stage says what it asks the
group (its prompts) and which kinds of record it collects. A new model is a new entry
in ``MODELS``.

Evidence items and assessment data can be attached at any stage; ``collects`` names
what a stage exists to produce, which is what moving on to the next stage shows.

Texts are marked with ``gettext_noop`` (see ``kahui.inquiry.texts``) and translated by
the Django layer when shown. Māori names of stages are not marked: they are the same in
every language, and ``gettext`` returns a text that has no translation unchanged, so the
Django layer can pass every name through ``gettext`` alike.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from kahui.inquiry.texts import gettext_noop


class RecordKind(StrEnum):
    """What a stage's record holds."""

    CONNECTIONS = "connections"
    EVIDENCE = "evidence"
    CONCLUSIONS = "conclusions"
    PLAN = "plan"
    ACTIONS = "actions"
    GOALS = "goals"
    TRIALS = "trials"
    REVIEW = "review"
    GOALS_TO_REVISIT = "goals_to_revisit"
    CARRY_FORWARD = "carry_forward"


class ActionLevel(StrEnum):
    """Who a planned action is for: all learners, some, or one."""

    UNIVERSAL = "universal"
    TARGETED = "targeted"
    INDIVIDUAL = "individual"


class EvidenceKind(StrEnum):
    OBSERVATION = "observation"
    LEARNER_WORK = "learner_work"
    NOTE = "note"
    LINK = "link"
    ASSESSMENT = "assessment"
    LEARNER_VOICE = "learner_voice"


class FieldType(StrEnum):
    TEXT = "text"  # a line
    LONG_TEXT = "long_text"  # paragraphs (Markdown)
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"  # one of ``Field.choices``
    GOAL = "goal"  # one of the group's goals


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Field:
    """One thing a record holds, for forms and for the summary page."""

    key: str
    label: str
    type: FieldType
    required: bool = True
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class RecordKindInfo:
    kind: RecordKind
    name: str
    description: str
    fields: tuple[Field, ...]
    many: bool  # a list of items (actions, trials) rather than one text per stage


ACTION_LEVELS: tuple[Choice, ...] = (
    Choice(
        ActionLevel.UNIVERSAL,
        gettext_noop("Universal"),
        gettext_noop("For every learner in the class or school."),
    ),
    Choice(
        ActionLevel.TARGETED,
        gettext_noop("Targeted"),
        gettext_noop("For some learners who need something more or different."),
    ),
    Choice(
        ActionLevel.INDIVIDUAL,
        gettext_noop("Individual"),
        gettext_noop("For one learner, planned with them and their whānau."),
    ),
)

EVIDENCE_KINDS: tuple[Choice, ...] = (
    Choice(EvidenceKind.OBSERVATION, gettext_noop("Observation")),
    Choice(EvidenceKind.LEARNER_WORK, gettext_noop("Learners' work")),
    Choice(EvidenceKind.NOTE, gettext_noop("Note")),
    Choice(EvidenceKind.LINK, gettext_noop("Link")),
    Choice(EvidenceKind.ASSESSMENT, gettext_noop("Assessment data")),
    Choice(EvidenceKind.LEARNER_VOICE, gettext_noop("Learner and whānau voice")),
)

_RECORD_KINDS: tuple[RecordKindInfo, ...] = (
    RecordKindInfo(
        RecordKind.CONNECTIONS,
        gettext_noop("Connections"),
        gettext_noop(
            "Who is in the group and what each person brings, the learners and whānau "
            "at the centre, and the question this round sets out to answer."
        ),
        (
            Field("question", gettext_noop("Our inquiry question"), FieldType.TEXT),
            Field("strengths", gettext_noop("What each of us brings"), FieldType.LONG_TEXT),
            Field("learners", gettext_noop("The learners this is for"), FieldType.LONG_TEXT),
        ),
        many=False,
    ),
    RecordKindInfo(
        RecordKind.EVIDENCE,
        gettext_noop("Evidence gathered"),
        gettext_noop(
            "Observations, learners' work, notes, links, assessment data and what "
            "learners and whānau say."
        ),
        (
            Field("title", gettext_noop("What it is"), FieldType.TEXT),
            Field("kind", gettext_noop("Kind"), FieldType.CHOICE, choices=EVIDENCE_KINDS),
            Field("summary", gettext_noop("What it shows"), FieldType.LONG_TEXT, False),
            Field("goal", gettext_noop("Goal it informs"), FieldType.GOAL, False),
        ),
        many=True,
    ),
    RecordKindInfo(
        RecordKind.CONCLUSIONS,
        gettext_noop("What we concluded"),
        gettext_noop("The patterns, strengths and needs the group sees in the evidence."),
        (
            Field("patterns", gettext_noop("What stands out"), FieldType.LONG_TEXT),
            Field("conclusion", gettext_noop("What we conclude"), FieldType.LONG_TEXT),
        ),
        many=False,
    ),
    RecordKindInfo(
        RecordKind.PLAN,
        gettext_noop("The plan"),
        gettext_noop("What the group will change, and why it expects that to help."),
        (Field("plan", gettext_noop("Our plan"), FieldType.LONG_TEXT),),
        many=False,
    ),
    RecordKindInfo(
        RecordKind.ACTIONS,
        gettext_noop("Actions"),
        gettext_noop("Who does what by when, each for all learners, for some or for one learner."),
        (
            Field("action", gettext_noop("Action"), FieldType.TEXT),
            Field("level", gettext_noop("For whom"), FieldType.CHOICE, choices=ACTION_LEVELS),
            Field("due", gettext_noop("By when"), FieldType.DATE, False),
        ),
        many=True,
    ),
    RecordKindInfo(
        RecordKind.GOALS,
        gettext_noop("Goals"),
        gettext_noop(
            "What the group aims for, each with a measure, where it starts (the baseline) "
            "and where it aims to be (the target)."
        ),
        (
            Field("goal", gettext_noop("Goal"), FieldType.TEXT),
            Field("measure", gettext_noop("Measure"), FieldType.TEXT),
            Field("baseline", gettext_noop("Baseline"), FieldType.NUMBER),
            Field("target", gettext_noop("Target"), FieldType.NUMBER),
            Field("due", gettext_noop("By when"), FieldType.DATE, False),
        ),
        many=True,
    ),
    RecordKindInfo(
        RecordKind.TRIALS,
        gettext_noop("Trials"),
        gettext_noop("A log of what was tried in practice and what happened."),
        (
            Field("strategy", gettext_noop("What we tried"), FieldType.TEXT),
            Field("outcome", gettext_noop("What happened"), FieldType.LONG_TEXT),
            Field("tried_on", gettext_noop("When"), FieldType.DATE, False),
        ),
        many=True,
    ),
    RecordKindInfo(
        RecordKind.REVIEW,
        gettext_noop("Review"),
        gettext_noop("What changed for learners and in our practice, and how we know."),
        (
            Field("learners", gettext_noop("What changed for learners"), FieldType.LONG_TEXT),
            Field("practice", gettext_noop("What changed in our practice"), FieldType.LONG_TEXT),
        ),
        many=False,
    ),
    RecordKindInfo(
        RecordKind.GOALS_TO_REVISIT,
        gettext_noop("Goals to revisit"),
        gettext_noop("Goals to keep, change or close, and why."),
        (
            Field("goal", gettext_noop("Goal"), FieldType.GOAL),
            Field("why", gettext_noop("Why"), FieldType.TEXT, False),
        ),
        many=True,
    ),
    RecordKindInfo(
        RecordKind.CARRY_FORWARD,
        gettext_noop("Into the next round"),
        gettext_noop("What the group takes with it when the cycle starts again."),
        (Field("carry_forward", gettext_noop("What we carry forward"), FieldType.LONG_TEXT),),
        many=False,
    ),
)
RECORD_KINDS: Mapping[RecordKind, RecordKindInfo] = MappingProxyType(
    {info.kind: info for info in _RECORD_KINDS}
)


@dataclass(frozen=True)
class InquiryStage:
    """A stage of an inquiry model: what it is called and means, what it asks the group,
    and which records it collects."""

    key: str
    name: str
    meaning: str
    prompts: tuple[str, ...]
    collects: tuple[RecordKind, ...]

    @property
    def records(self) -> tuple[RecordKindInfo, ...]:
        return tuple(RECORD_KINDS[kind] for kind in self.collects)


class UnknownModel(LookupError):
    """There is no inquiry model or stage by that key."""


@dataclass(frozen=True)
class InquiryModel:
    """A sequence of stages that a cycle moves through, then starts again."""

    key: str
    name: str
    description: str
    stages: tuple[InquiryStage, ...]

    @property
    def stage_keys(self) -> tuple[str, ...]:
        return tuple(stage.key for stage in self.stages)

    @property
    def first_stage(self) -> InquiryStage:
        return self.stages[0]

    @property
    def collects(self) -> frozenset[RecordKind]:
        """Every kind of record some stage of this model collects."""
        return frozenset(kind for stage in self.stages for kind in stage.collects)

    def index(self, key: str) -> int:
        """The position of the stage ``key`` (0 for the first)."""
        try:
            return self.stage_keys.index(key)
        except ValueError:
            raise UnknownModel(f"{self.key} has no stage {key!r}") from None

    def stage(self, key: str) -> InquiryStage:
        return self.stages[self.index(key)]

    def next_stage(self, key: str) -> InquiryStage:
        """The stage after ``key``; after the last, the cycle starts again."""
        return self.stages[(self.index(key) + 1) % len(self.stages)]

    def is_last(self, key: str) -> bool:
        """Whether moving on from ``key`` ends this round (and starts the next)."""
        return self.index(key) == len(self.stages) - 1

    def stages_collecting(self, kind: RecordKind) -> tuple[InquiryStage, ...]:
        return tuple(stage for stage in self.stages if kind in stage.collects)


HE_PIKORUA = InquiryModel(
    key="he_pikorua",
    name="He Pikorua",
    description=gettext_noop(
        "Six stages, with learners and their whānau at the centre: build connections, "
        "gather information, make sense of it, plan together, act, and reflect together "
        "before going round again."
    ),
    # The keys and names match kahui.groups.stages, the group's current stage label.
    stages=(
        InquiryStage(
            key="connect",
            name="Whakawhanaungatanga",
            meaning=gettext_noop("Build connections"),
            prompts=(
                gettext_noop("Who is in our group, and what does each of us bring?"),
                gettext_noop(
                    "Which learners and whānau is this inquiry for, and what do we "
                    "already know about them?"
                ),
                gettext_noop("What agreements help us speak openly and disagree well?"),
                gettext_noop("What question do we want to answer together this round?"),
            ),
            collects=(RecordKind.CONNECTIONS,),
        ),
        InquiryStage(
            key="gather",
            name="Kohikohi",
            meaning=gettext_noop("Gather information"),
            prompts=(
                gettext_noop(
                    "What evidence do we already have, and what else should we collect "
                    "before deciding anything?"
                ),
                gettext_noop("What do learners and whānau tell us? How can we hear from them?"),
                gettext_noop(
                    "Which measure would show us that something changed? Record where we start."
                ),
            ),
            collects=(RecordKind.EVIDENCE,),
        ),
        InquiryStage(
            key="sense",
            name="Āta Whakaaro",
            meaning=gettext_noop("Make sense"),
            prompts=(
                gettext_noop("Looking at the evidence side by side, what patterns stand out?"),
                gettext_noop("Which strengths can we build on, and which needs do we see?"),
                gettext_noop("What do we conclude, and how sure are we?"),
            ),
            collects=(RecordKind.CONCLUSIONS,),
        ),
        InquiryStage(
            key="plan",
            name="Tātai",
            meaning=gettext_noop("Plan together"),
            prompts=(
                gettext_noop(
                    "What will we change for all learners, for some of them, and for "
                    "individual learners?"
                ),
                gettext_noop(
                    "Which goals do we set or sharpen? For each: what will we measure, "
                    "where do we start, and where do we aim to be?"
                ),
                gettext_noop("Who does what, and by when?"),
            ),
            collects=(RecordKind.PLAN, RecordKind.ACTIONS, RecordKind.GOALS),
        ),
        InquiryStage(
            key="act",
            name="Whakamahi",
            meaning=gettext_noop("Act with integrity"),
            prompts=(
                gettext_noop("What did you try, with whom, and what happened?"),
                gettext_noop("What surprised you? What would you do differently next time?"),
                gettext_noop("Are we doing what we agreed, in the way we agreed to do it?"),
            ),
            collects=(RecordKind.TRIALS,),
        ),
        InquiryStage(
            key="reflect",
            name="Whai Whakaaro",
            meaning=gettext_noop("Reflect together"),
            prompts=(
                gettext_noop("What changed for our learners, and how do we know?"),
                gettext_noop("What changed in our own practice?"),
                gettext_noop("Which goals should we keep, change or close?"),
                gettext_noop("What do we carry into the next round?"),
            ),
            collects=(RecordKind.REVIEW, RecordKind.GOALS_TO_REVISIT, RecordKind.CARRY_FORWARD),
        ),
    ),
)

SPIRAL_OF_INQUIRY = InquiryModel(
    key="spiral",
    name=gettext_noop("Spiral of inquiry"),
    description=gettext_noop(
        "Look widely at what is going on for learners, narrow to a focus, test a hunch "
        "about our own part in it, learn, act, and check whether it made enough of a "
        "difference."
    ),
    stages=(
        InquiryStage(
            key="scanning",
            name=gettext_noop("Scanning"),
            meaning=gettext_noop("What is going on for our learners?"),
            prompts=(
                gettext_noop(
                    "What is going on for our learners? Look beyond test results, and ask them."
                ),
                gettext_noop("How do we know? Which evidence tells us?"),
            ),
            collects=(RecordKind.EVIDENCE,),
        ),
        InquiryStage(
            key="focusing",
            name=gettext_noop("Focusing"),
            meaning=gettext_noop("Where will we make the most difference?"),
            prompts=(
                gettext_noop(
                    "Of everything we saw, where would a change make the most difference "
                    "for learners?"
                ),
                gettext_noop("Why does this matter, and to whom?"),
            ),
            collects=(RecordKind.CONCLUSIONS, RecordKind.GOALS),
        ),
        InquiryStage(
            key="hunch",
            name=gettext_noop("Developing a hunch"),
            meaning=gettext_noop("How are we part of the situation?"),
            prompts=(
                gettext_noop("What is it about our own teaching that leads to this situation?"),
                gettext_noop("Which of our hunches can we check, and how?"),
            ),
            collects=(RecordKind.CONCLUSIONS,),
        ),
        InquiryStage(
            key="learning",
            name=gettext_noop("New learning"),
            meaning=gettext_noop("What do we need to learn?"),
            prompts=(
                gettext_noop("What do we need to learn to do better for these learners?"),
                gettext_noop("Where will we learn it: reading, colleagues, experts, trying?"),
            ),
            collects=(RecordKind.PLAN,),
        ),
        InquiryStage(
            key="action",
            name=gettext_noop("Taking action"),
            meaning=gettext_noop("What will we do differently?"),
            prompts=(
                gettext_noop("What will we do differently, for whom?"),
                gettext_noop("What happened when we tried it?"),
            ),
            collects=(RecordKind.ACTIONS, RecordKind.TRIALS),
        ),
        InquiryStage(
            key="checking",
            name=gettext_noop("Checking"),
            meaning=gettext_noop("Did we make enough of a difference?"),
            prompts=(
                gettext_noop("Did we make enough of a difference? How do we know?"),
                gettext_noop("What do we keep doing, and where does the spiral go next?"),
            ),
            collects=(RecordKind.REVIEW, RecordKind.GOALS_TO_REVISIT, RecordKind.CARRY_FORWARD),
        ),
    ),
)

PLAN_DO_STUDY_ACT = InquiryModel(
    key="pdsa",
    name=gettext_noop("Plan–do–study–act"),
    description=gettext_noop(
        "Small tests of change: predict what a change will do, try it on a small scale, "
        "compare what happened with the prediction, then adopt, adapt or drop it."
    ),
    stages=(
        InquiryStage(
            key="plan",
            name=gettext_noop("Plan"),
            meaning=gettext_noop("Plan a small test of change"),
            prompts=(
                gettext_noop("What are we trying to improve, and which change will we test?"),
                gettext_noop("What do we predict will happen, and how will we measure it?"),
            ),
            collects=(RecordKind.PLAN, RecordKind.ACTIONS, RecordKind.GOALS),
        ),
        InquiryStage(
            key="do",
            name=gettext_noop("Do"),
            meaning=gettext_noop("Try it and record what happens"),
            prompts=(
                gettext_noop("Try the change on a small scale. What happened?"),
                gettext_noop("What did we not expect?"),
            ),
            collects=(RecordKind.TRIALS, RecordKind.EVIDENCE),
        ),
        InquiryStage(
            key="study",
            name=gettext_noop("Study"),
            meaning=gettext_noop("Compare the results with the prediction"),
            prompts=(
                gettext_noop("How do the results compare with what we predicted?"),
                gettext_noop("What did we learn?"),
            ),
            collects=(RecordKind.CONCLUSIONS,),
        ),
        InquiryStage(
            key="act",
            name=gettext_noop("Act"),
            meaning=gettext_noop("Adopt, adapt or drop the change"),
            prompts=(
                gettext_noop("Do we adopt the change, adapt it, or drop it?"),
                gettext_noop("What will the next test be?"),
            ),
            collects=(RecordKind.REVIEW, RecordKind.GOALS_TO_REVISIT, RecordKind.CARRY_FORWARD),
        ),
    ),
)

PLC_FOUR_QUESTIONS = InquiryModel(
    key="plc_questions",
    name=gettext_noop("A PLC's four questions"),
    description=gettext_noop(
        "Four questions a professional learning community keeps asking: what learners "
        "should learn, how we will know they have, and what we do when they haven't or "
        "already had."
    ),
    stages=(
        InquiryStage(
            key="learn",
            name=gettext_noop("What should learners learn?"),
            meaning=gettext_noop("Agree on what matters most"),
            prompts=(
                gettext_noop("What do we want every learner to know and be able to do?"),
                gettext_noop("Which of these matter most this round?"),
            ),
            collects=(RecordKind.GOALS,),
        ),
        InquiryStage(
            key="know",
            name=gettext_noop("How will we know?"),
            meaning=gettext_noop("Agree on the evidence of learning"),
            prompts=(
                gettext_noop("Which shared assessments will show us that learners learned it?"),
                gettext_noop("What does the evidence tell us so far?"),
            ),
            collects=(RecordKind.EVIDENCE, RecordKind.CONCLUSIONS),
        ),
        InquiryStage(
            key="respond",
            name=gettext_noop("What if they don't learn it?"),
            meaning=gettext_noop("Plan support for learners who need more"),
            prompts=(
                gettext_noop("Which learners need more time or support, and what will we try?"),
                gettext_noop("What happened when we tried it?"),
            ),
            collects=(RecordKind.ACTIONS, RecordKind.TRIALS),
        ),
        InquiryStage(
            key="extend",
            name=gettext_noop("What if they already have?"),
            meaning=gettext_noop("Plan for learners who are ready for more"),
            prompts=(
                gettext_noop("Which learners already know it, and how will we stretch them?"),
                gettext_noop("Looking back over the four questions, what do we carry forward?"),
            ),
            collects=(
                RecordKind.ACTIONS,
                RecordKind.TRIALS,
                RecordKind.REVIEW,
                RecordKind.CARRY_FORWARD,
            ),
        ),
    ),
)

MODELS: tuple[InquiryModel, ...] = (
    HE_PIKORUA,
    SPIRAL_OF_INQUIRY,
    PLAN_DO_STUDY_ACT,
    PLC_FOUR_QUESTIONS,
)
DEFAULT_MODEL = HE_PIKORUA
_BY_KEY: Mapping[str, InquiryModel] = MappingProxyType({model.key: model for model in MODELS})


def model_for(key: str) -> InquiryModel:
    """The inquiry model called ``key``."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownModel(f"no inquiry model {key!r}") from None


def model_choices() -> list[tuple[str, str]]:
    """``(key, name)`` pairs for a choice field; names still to be translated."""
    return [(model.key, model.name) for model in MODELS]
