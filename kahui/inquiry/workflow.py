"""The models of inquiry as the pages use them: stages with their names and meanings
in the reader's language, and what each stage's record holds.

Nothing here branches on which model a cycle follows: a stage's record and lists come
from the kinds of record its data says it collects (``InquiryStage.collects``).

- Kinds that are lists of their own rows: actions (meetings' actions, tagged
  universal, targeted or individual), goals (the group's goals with a measure),
  trials, and goals to revisit.
- Every other kind is a text of the stage's record, one per field (a long field is
  Markdown). A kind of many items without rows of its own yet (evidence) is one
  Markdown text until it has them.
- The inquiry question belongs to the cycle, not to a stage's record."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from kahui.inquiry.models import follows_group
from kahui.inquiry.models_of_inquiry import (
    MODELS,
    RECORD_KINDS,
    FieldType,
    InquiryModel,
    InquiryStage,
    RecordKind,
)

LISTS = frozenset(
    {RecordKind.ACTIONS, RecordKind.GOALS, RecordKind.TRIALS, RecordKind.GOALS_TO_REVISIT}
)
CYCLE_FIELDS = frozenset({"question"})

# The text the next round starts from: the field of the "into the next round" record.
CARRY_FORWARD = RECORD_KINDS[RecordKind.CARRY_FORWARD].fields[0].key

MAORI = "mi"


@dataclass(frozen=True)
class StageView:
    """A stage as a page shows it, in the reader's language."""

    key: str
    number: int
    name: str
    meaning: str
    prompts: tuple[str, ...]
    collects: frozenset[RecordKind]
    lang: str = ""  # the language of the name when it is not the page's (te reo Māori)
    state: str = ""  # done, current or todo, relative to the stage a cycle is in

    @property
    def label(self) -> str:
        return f"{self.name} — {self.meaning}"

    @property
    def has_actions(self) -> bool:
        return RecordKind.ACTIONS in self.collects

    @property
    def has_goals(self) -> bool:
        return RecordKind.GOALS in self.collects

    @property
    def has_trials(self) -> bool:
        return RecordKind.TRIALS in self.collects

    @property
    def has_revisits(self) -> bool:
        return RecordKind.GOALS_TO_REVISIT in self.collects

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def _view(model: InquiryModel, stage: InquiryStage, number: int, state: str = "") -> StageView:
    return StageView(
        key=stage.key,
        number=number,
        name=gettext(stage.name),
        meaning=gettext(stage.meaning),
        prompts=tuple(gettext(prompt) for prompt in stage.prompts),
        collects=frozenset(stage.collects),
        lang=MAORI if follows_group(model) else "",
        state=state,
    )


def stage_views(model: InquiryModel, current: str | None = None) -> list[StageView]:
    """Every stage of ``model`` in order, each marked done, current or todo when the
    cycle is at ``current``."""
    at = model.index(current) if current else None
    views = []
    for number, stage in enumerate(model.stages, start=1):
        state = ""
        if at is not None:
            state = "done" if number - 1 < at else "current" if number - 1 == at else "todo"
        views.append(_view(model, stage, number, state))
    return views


def stage_view(model: InquiryModel, key: str) -> StageView:
    return _view(model, model.stage(key), model.index(key) + 1)


def model_name(model: InquiryModel) -> str:
    return gettext(model.name)


def model_choices() -> list[tuple[str, str]]:
    """The models a group may follow, named in the reader's language."""
    return [(model.key, gettext(model.name)) for model in MODELS]


def model_descriptions() -> list[tuple[str, str, str]]:
    return [(model.key, gettext(model.name), gettext(model.description)) for model in MODELS]


@dataclass(frozen=True)
class RecordField:
    """One text of a stage's record."""

    key: str
    label: str
    help: str
    long: bool  # paragraphs in Markdown, rather than a line


def record_fields(stage: InquiryStage) -> list[RecordField]:
    """The texts the record of ``stage`` holds, in the reader's language."""
    fields: list[RecordField] = []
    for kind in stage.collects:
        if kind in LISTS:
            continue
        info = RECORD_KINDS[kind]
        if info.many:
            fields.append(
                RecordField(kind.value, gettext(info.name), gettext(info.description), True)
            )
            continue
        for field in info.fields:
            if field.key in CYCLE_FIELDS:
                continue
            fields.append(
                RecordField(
                    field.key,
                    gettext(field.label),
                    gettext(info.description) if field is info.fields[0] else "",
                    field.type == FieldType.LONG_TEXT,
                )
            )
    return fields


def record_keys(stages: Iterable[InquiryStage]) -> set[str]:
    return {field.key for stage in stages for field in record_fields(stage)}


def carries_forward(model: InquiryModel) -> InquiryStage | None:
    """The stage whose record says what goes into the next round, if any."""
    stages = model.stages_collecting(RecordKind.CARRY_FORWARD)
    return stages[-1] if stages else None
