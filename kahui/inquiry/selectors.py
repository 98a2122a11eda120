"""Reading a group's inquiry: its cycles, and one cycle as its page shows it — the
stages, what each produced, the goals with their progress, and the meetings,
decisions and actions of each stage (from meetings, by the round and stage they
carry)."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Min, Prefetch
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.groups.models import Goal, LearningGroup
from kahui.inquiry import analysis
from kahui.inquiry.models import (
    AssessmentDataSet,
    EvidenceItem,
    GoalMeasure,
    GoalReading,
    GoalRevisit,
    InquiryCycle,
    StageMove,
    StageRecord,
    Trial,
)
from kahui.inquiry.workflow import (
    RecordField,
    StageView,
    model_name,
    record_fields,
    stage_view,
    stage_views,
)
from kahui.meetings.models import ActionItem, ActionLevel, Decision, Meeting, MeetingStatus


def open_cycle(group: LearningGroup) -> InquiryCycle | None:
    return (
        InquiryCycle.objects.open()
        .filter(group=group)
        .select_related("group", "started_by__profile", "previous")
        .first()
    )


@dataclass(frozen=True)
class CycleRow:
    """A cycle in the list of a group's rounds, with the stage it is at or ended in."""

    cycle: InquiryCycle
    stage: StageView


def cycles_of(group: LearningGroup, *, but: InquiryCycle | None = None) -> list[CycleRow]:
    """The group's cycles (``but`` one), the latest round first."""
    cycles = InquiryCycle.objects.filter(group=group).select_related("group")
    if but is not None:
        cycles = cycles.exclude(pk=but.pk)
    return [CycleRow(cycle, stage_view(cycle.inquiry_model, cycle.stage_key)) for cycle in cycles]


def status_text(status: analysis.GoalStatus) -> str:
    texts = {
        analysis.GoalStatus.NOT_MEASURED: _("No reading since the baseline yet"),
        analysis.GoalStatus.REACHED: _("Target reached"),
        analysis.GoalStatus.ON_TRACK: _("On track"),
        analysis.GoalStatus.BEHIND: _("Behind where it should be by now"),
        analysis.GoalStatus.NO_TIMELINE: _("Measured; add its dates to see whether it is on track"),
    }
    return texts[status]


@dataclass
class GoalCard:
    """A goal the cycle serves, its measure, its readings and how far it has come."""

    goal: Goal
    measure: GoalMeasure
    readings: list[GoalReading]
    progress: analysis.GoalProgress | None
    revisit: GoalRevisit | None = None
    # Evidence items and data sets that inform the goal.
    evidence: list[EvidenceItem] = field(default_factory=list)
    data_sets: list[AssessmentDataSet] = field(default_factory=list)

    @property
    def latest(self) -> GoalReading | None:
        return self.readings[-1] if self.readings else None

    @property
    def evidence_count(self) -> int:
        return len(self.evidence) + len(self.data_sets)

    @property
    def latest_text(self) -> str:
        """The latest reading with its unit, as "26" or "64 %"."""
        if self.latest is None:
            return ""
        return f"{floatformat(self.latest.value, '-2')} {self.measure.unit}".strip()

    @property
    def percent(self) -> int | None:
        """How far along, in percent of the way from baseline to target."""
        if self.progress is None or self.progress.share is None:
            return None
        return round(self.progress.share * 100)

    @property
    def bar(self) -> int:
        """The percentage for a progress bar, which shows 0 to 100 only."""
        return min(100, max(0, self.percent or 0))

    @property
    def expected_percent(self) -> int | None:
        if self.progress is None or self.progress.expected_share is None:
            return None
        return round(self.progress.expected_share * 100)

    @property
    def status(self) -> str:
        return "" if self.progress is None else self.progress.status.value

    @property
    def status_text(self) -> str:
        return "" if self.progress is None else status_text(self.progress.status)


def _progress(measure: GoalMeasure, readings: Sequence[GoalReading]):
    if not measure.is_set or measure.baseline is None or measure.target is None:
        return None
    return analysis.goal_progress(
        baseline=measure.baseline,
        target=measure.target,
        measurements=[analysis.Measurement(r.taken_on, r.value) for r in readings],
        starts_on=measure.starts_on,
        due_on=measure.due_on,
    )


def goal_cards(cycle: InquiryCycle, *, revisits: Iterable[GoalRevisit] = ()) -> list[GoalCard]:
    """The cycle's goals in the group's order, each with its measure and progress."""
    goals = list(cycle.goals.order_by("position", "id"))
    measures = {
        m.goal_id: m
        for m in GoalMeasure.objects.filter(goal__in=goals).prefetch_related(
            Prefetch(
                "readings",
                queryset=GoalReading.objects.select_related("recorded_by__profile").order_by(
                    "taken_on", "id"
                ),
            )
        )
    }
    by_goal = {revisit.goal_id: revisit for revisit in revisits}
    cards = []
    for goal in goals:
        measure = measures.get(goal.pk) or GoalMeasure(goal=goal)
        readings = list(measure.readings.all()) if measure.pk else []
        cards.append(
            GoalCard(
                goal=goal,
                measure=measure,
                readings=readings,
                progress=_progress(measure, readings),
                revisit=by_goal.get(goal.pk),
            )
        )
    return cards


def goal_card(cycle: InquiryCycle, measure: GoalMeasure) -> GoalCard:
    readings = list(
        measure.readings.select_related("recorded_by__profile").order_by("taken_on", "id")
    )
    return GoalCard(
        goal=measure.goal,
        measure=measure,
        readings=readings,
        progress=_progress(measure, readings),
        revisit=GoalRevisit.objects.filter(cycle=cycle, goal=measure.goal).first(),
        evidence=list(evidence_of(cycle).filter(goal=measure.goal)),
        data_sets=list(data_sets_of(cycle).filter(goal=measure.goal)),
    )


def evidence_of(cycle: InquiryCycle):
    """The cycle's evidence items, oldest first, with who added them and their goal."""
    return EvidenceItem.objects.filter(cycle=cycle).select_related("added_by__profile", "goal")


def data_sets_of(cycle: InquiryCycle):
    """The cycle's assessment data sets by date, with their goal (no rows)."""
    return AssessmentDataSet.objects.filter(cycle=cycle).select_related("added_by__profile", "goal")


@dataclass(frozen=True)
class Tally:
    """How many of a cycle's evidence items (or data sets) there are, by kind and by
    stage, and the first and last day they were gathered (or taken) on."""

    total: int
    by_kind: dict[str, int]
    by_stage: dict[str, int]
    first_on: date | None
    last_on: date | None


def _tally(rows: Iterable[Any]) -> Tally:
    """``rows``: counts and first and last days by kind and stage (dicts)."""
    by_kind: dict[str, int] = defaultdict(int)
    by_stage: dict[str, int] = defaultdict(int)
    days: list[date] = []
    for row in rows:
        by_kind[row["kind"]] += row["n"]
        by_stage[row["stage"]] += row["n"]
        days += [day for day in (row["first"], row["last"]) if day is not None]
    return Tally(
        total=sum(by_kind.values()),
        by_kind=dict(by_kind),
        by_stage=dict(by_stage),
        first_on=min(days, default=None),
        last_on=max(days, default=None),
    )


@dataclass(frozen=True)
class EvidenceSummary:
    """A cycle's evidence in figures: its items (by kind: observation, sample, note,
    link) and its assessment data sets (by kind: diagnostic, formative, summative,
    benchmark), with their dates; nothing of what they say. Two queries."""

    items: Tally
    data_sets: Tally


def evidence_summary(cycle: InquiryCycle) -> EvidenceSummary:
    items = (
        EvidenceItem.objects.filter(cycle=cycle)
        .values("kind", "stage")
        .annotate(n=Count("id"), first=Min("gathered_on"), last=Max("gathered_on"))
        .order_by()
    )
    data_sets = (
        AssessmentDataSet.objects.filter(cycle=cycle)
        .values("kind", "stage")
        .annotate(n=Count("id"), first=Min("taken_on"), last=Max("taken_on"))
        .order_by()
    )
    return EvidenceSummary(items=_tally(items), data_sets=_tally(data_sets))


@dataclass
class StagePart:
    """One stage of a cycle: its record and what happened in it."""

    stage: StageView
    record: StageRecord | None
    texts: list[tuple[RecordField, str]]
    trials: list[Trial] = field(default_factory=list)
    readings: list[GoalReading] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    data_sets: list[AssessmentDataSet] = field(default_factory=list)

    @property
    def led_by(self):
        return self.record.led_by if self.record else None

    @property
    def written(self) -> bool:
        return any(text for _field, text in self.texts)

    @property
    def happened(self) -> bool:
        return bool(self.meetings or self.decisions or self.actions)

    @property
    def produced(self) -> bool:
        return (
            self.written
            or bool(self.trials or self.readings or self.evidence or self.data_sets)
            or self.happened
        )


def stage_part(cycle: InquiryCycle, key: str) -> StagePart:
    """One stage's record on its own (for the record's form and its fragment)."""
    model = cycle.inquiry_model
    index, at = model.index(key), model.index(cycle.stage_key)
    state = "done" if index < at else "current" if index == at else "todo"
    view = replace(stage_view(model, key), state=state)
    record = (
        StageRecord.objects.filter(cycle=cycle, stage=key).select_related("led_by__profile").first()
    )
    values = record.values if record else {}
    texts = [(f, values.get(f.key, "")) for f in record_fields(model.stage(key))]
    return StagePart(stage=view, record=record, texts=texts)


def _placer(cycle: InquiryCycle, moves: Sequence[StageMove]) -> Callable[[str, datetime], str]:
    """Which stage of ``cycle`` something of its round happened in.

    Meetings, decisions and actions carry the group's stage when they happened, which
    is the cycle's own when the cycle follows the group's stages (He Pikorua). For
    another model the cycle's moves tell which of its stages it was in at the time."""
    model = cycle.inquiry_model
    keys = set(model.stage_keys)
    first = model.first_stage.key
    if cycle.follows_group:
        return lambda stage, _when: stage if stage in keys else first
    timeline = [(move.moved_at, move.to_stage) for move in moves if move.to_stage]

    def place(_stage: str, when: datetime) -> str:
        current = timeline[0][1] if timeline else first
        for moved_at, to_stage in timeline:
            if moved_at <= when:
                current = to_stage
        return current

    return place


@dataclass
class CyclePage:
    cycle: InquiryCycle
    stages: list[StageView]  # every stage of the model, marked done, current or todo
    parts: list[StagePart]  # the stages reached, in order
    goals: list[GoalCard]
    trials: list[Trial]
    plan: list[tuple[str, str, list[ActionItem]]]  # (level, its name, actions)
    revisits: list[GoalRevisit]
    moves: list[StageMove]
    evidence: list[EvidenceItem] = field(default_factory=list)
    data_sets: list[AssessmentDataSet] = field(default_factory=list)

    @property
    def evidence_count(self) -> int:
        return len(self.evidence) + len(self.data_sets)

    @property
    def current(self) -> StagePart:
        return self.parts[-1]

    @property
    def earlier(self) -> list[StagePart]:
        return list(reversed(self.parts[:-1]))

    def part(self, key: str) -> StagePart | None:
        return next((part for part in self.parts if part.stage.key == key), None)


def cycle_page(cycle: InquiryCycle) -> CyclePage:
    """Everything the page of ``cycle`` shows, in a fixed number of queries."""
    model = cycle.inquiry_model
    current = cycle.stage_key
    stages = stage_views(model, current)
    reached = [stage for stage in stages if stage.state in ("done", "current")]
    records = {
        record.stage: record
        for record in StageRecord.objects.filter(cycle=cycle).select_related("led_by__profile")
    }
    parts: dict[str, StagePart] = {}
    for view in reached:
        record = records.get(view.key)
        values = record.values if record else {}
        texts = [(f, values.get(f.key, "")) for f in record_fields(model.stage(view.key))]
        parts[view.key] = StagePart(stage=view, record=record, texts=texts)

    def part_for(stage: str) -> StagePart:
        return parts.get(stage) or parts[current]

    moves = list(StageMove.objects.filter(cycle=cycle).select_related("moved_by__profile"))
    place = _placer(cycle, moves)
    trials = list(Trial.objects.filter(cycle=cycle).select_related("added_by__profile"))
    for trial in trials:
        part_for(trial.stage).trials.append(trial)
    revisits = list(GoalRevisit.objects.filter(cycle=cycle).select_related("goal"))
    goals = goal_cards(cycle, revisits=revisits)
    for card in goals:
        for reading in card.readings:
            if reading.cycle_id == cycle.pk:
                part_for(reading.stage).readings.append(reading)
    evidence = evidence_of(cycle)
    data_sets = data_sets_of(cycle)
    cards = {card.goal.pk: card for card in goals}
    for item in evidence:
        part_for(item.stage).evidence.append(item)
        if item.goal_id in cards:
            cards[item.goal_id].evidence.append(item)
    for data_set in data_sets:
        part_for(data_set.stage).data_sets.append(data_set)
        if data_set.goal_id in cards:
            cards[data_set.goal_id].data_sets.append(data_set)
    round_items = {"group": cycle.group_id, "cycle": cycle.number}
    meetings = (
        Meeting.objects.filter(**round_items, starts_at__lte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        part_for(place(meeting.stage, meeting.starts_at)).meetings.append(meeting)
    decisions = Decision.objects.filter(**round_items).select_related("meeting")
    for decision in decisions:
        part_for(place(decision.stage, decision.created_at)).decisions.append(decision)
    actions = list(
        ActionItem.objects.filter(**round_items)
        .select_related("owner__profile", "meeting")
        .order_by("created_at", "id")
    )
    levels: dict[str, list[ActionItem]] = defaultdict(list)
    for action in actions:
        part_for(place(action.stage, action.created_at)).actions.append(action)
        if action.level:
            levels[action.level].append(action)
    plan = [(value, str(label), levels[value]) for value, label in ActionLevel.choices]
    return CyclePage(
        cycle=cycle,
        stages=stages,
        parts=[parts[view.key] for view in reached],
        goals=goals,
        trials=trials,
        plan=plan,
        revisits=revisits,
        moves=moves,
        evidence=evidence,
        data_sets=data_sets,
    )


@dataclass(frozen=True)
class InquiryFigures:
    """What overseers may see of a group's inquiry: where it is and how much it has
    done, never what it wrote."""

    number: int
    model_name: str
    stage: StageView
    goals: int
    goals_measured: int
    goals_on_track: int
    trials: int
    readings: int


def figures(cycle: InquiryCycle) -> InquiryFigures:
    cards = goal_cards(cycle)
    return InquiryFigures(
        number=cycle.number,
        model_name=model_name(cycle.inquiry_model),
        stage=stage_view(cycle.inquiry_model, cycle.stage_key),
        goals=len(cards),
        goals_measured=sum(1 for card in cards if card.progress is not None),
        goals_on_track=sum(
            1
            for card in cards
            if card.progress is not None
            and card.progress.status in (analysis.GoalStatus.ON_TRACK, analysis.GoalStatus.REACHED)
        ),
        trials=Trial.objects.filter(cycle=cycle).count(),
        readings=GoalReading.objects.filter(cycle=cycle).count(),
    )


def home_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The inquiry's card on the group home: for members the open cycle's question and
    stage, for overseers its stage and figures only."""
    if not access.can_view:
        return None
    cycle = open_cycle(group)
    if cycle is None:
        return {"inquiry_cycle": None, "inquiry_figures": None}
    return {"inquiry_cycle": cycle, "inquiry_figures": figures(cycle)}
