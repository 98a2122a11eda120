"""Changes to a group's inquiry. Views and the demo call these; they hold the rules.

Every function runs in one transaction, checks who is asking (``access.check_*``) and
records what changed in the activity log. A cycle that follows the group's own stages
(He Pikorua) moves the group's ``stage`` and ``cycle`` through the groups' services in
the same transaction, so the group home, the cards and the meetings stay right."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import PurePath
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.core import activity
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.groups import services as group_services
from kahui.groups.access import is_member_or_supporter
from kahui.groups.models import Goal, GroupMembership, LearningGroup, Status
from kahui.groups.services import ItemEdit
from kahui.inquiry import analysis
from kahui.inquiry.access import check_start, check_steer, check_write
from kahui.inquiry.activity import InquiryActivity
from kahui.inquiry.importing import MAX_CODE_LENGTH, MAX_GROUP_LENGTH
from kahui.inquiry.models import (
    AssessmentDataSet,
    AssessmentRow,
    DataSetKind,
    EvidenceItem,
    EvidenceKind,
    ExpectedLevel,
    GoalMeasure,
    GoalReading,
    GoalRevisit,
    InquiryCycle,
    Scale,
    StageComment,
    StageMove,
    StageRecord,
    StageRecordRevision,
    Trial,
    follows_group,
)
from kahui.inquiry.models_of_inquiry import DEFAULT_MODEL, InquiryModel, UnknownModel, model_for
from kahui.inquiry.names import group_looks_like_a_name, looks_like_a_name
from kahui.inquiry.workflow import CARRY_FORWARD, carries_forward, record_fields, stage_view
from kahui.library.services import check_upload
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem, ActionLevel

MEASURE_LABELS = {
    "name": gettext_lazy("Measure"),
    "unit": gettext_lazy("Unit or scale"),
    "baseline": gettext_lazy("Baseline"),
    "target": gettext_lazy("Target"),
    "starts_on": gettext_lazy("Baseline taken on"),
    "due_on": gettext_lazy("By when"),
}


class StaleMove(Conflict):
    """The cycle moved on after the page asking to move it was drawn."""

    def __init__(self, stage: str) -> None:
        super().__init__(
            _("Someone moved the inquiry on while you were looking: it is now at %(stage)s.")
            % {"stage": stage}
        )


class StageRecordConflict(Conflict):
    """Someone saved the stage's record after this editor opened it."""

    def __init__(self, record: StageRecord) -> None:
        super().__init__(
            _(
                "Someone else saved this stage while you were writing. Their version is shown "
                "beside yours: merge them and save again."
            )
        )
        self.theirs: dict[str, str] = dict(record.values)
        self.version = record.version
        self.led_by = record.led_by


def _model(key: str) -> InquiryModel:
    try:
        return model_for(key)
    except UnknownModel:
        raise KahuiError(_("Choose one of the models of inquiry.")) from None


def _label(model: InquiryModel, key: str) -> str:
    return stage_view(model, key).label


def _lock(cycle: InquiryCycle) -> InquiryCycle:
    """The cycle, locked until the transaction ends, with its group as it is now."""
    locked = InquiryCycle.objects.select_for_update().select_related("group").get(pk=cycle.pk)
    locked.group = LearningGroup.objects.select_for_update().get(pk=locked.group_id)
    return locked


def _check_goals(group: LearningGroup, goals: Iterable[Goal]) -> list[Goal]:
    goals = list(goals)
    if any(goal.group_id != group.pk for goal in goals):
        raise KahuiError(_("Choose goals of this group."))
    return goals


def _ensure_measures(goals: Sequence[Goal]) -> None:
    """Give every goal a cycle serves its (possibly empty) measure."""
    have = set(GoalMeasure.objects.filter(goal__in=goals).values_list("goal_id", flat=True))
    GoalMeasure.objects.bulk_create(GoalMeasure(goal=g) for g in goals if g.pk not in have)


def _question(question: str) -> str:
    question = question.strip()
    if not question:
        raise KahuiError(_("Write the question this round sets out to answer."))
    return question


def _goal_names(goals: Iterable[Goal]) -> list[str]:
    return [goal.text for goal in goals]


def _start(
    *,
    group: LearningGroup,
    by,
    question: str,
    goals: Iterable[Goal],
    model: str,
    carried_forward: str = "",
    previous: InquiryCycle | None = None,
) -> InquiryCycle:
    inquiry_model = _model(model)
    question = _question(question)
    goals = _check_goals(group, goals)
    group = LearningGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != Status.ACTIVE:
        raise KahuiError(_("Only an open group runs an inquiry."))
    if InquiryCycle.objects.open().filter(group=group).exists():
        raise KahuiError(_("The group's inquiry is already under way: one cycle at a time."))
    # A cycle through the group's own stages starts where the group is.
    stage = group.stage if follows_group(inquiry_model) else inquiry_model.first_stage.key
    try:
        with transaction.atomic():
            cycle = InquiryCycle.objects.create(
                group=group,
                number=group.cycle,
                model=inquiry_model.key,
                question=question,
                stage=stage,
                carried_forward=carried_forward,
                previous=previous,
                started_by=by,
            )
    except IntegrityError:
        raise KahuiError(
            _("Round %(number)s of the inquiry already has its cycle.") % {"number": group.cycle}
        ) from None
    cycle.goals.set(goals)
    _ensure_measures(goals)
    StageMove.objects.create(cycle=cycle, from_stage="", to_stage=stage, moved_by=by)
    activity.record(
        actor=by,
        action=InquiryActivity.CYCLE_STARTED,
        group=group,
        target=question,
        changes={
            "question": activity.change(_("Inquiry question"), "", question),
            "model": activity.change(_("Model of inquiry"), "", _(inquiry_model.name)),
            "goals": activity.change(_("Goals"), "", _goal_names(goals)),
        },
    )
    meeting_services.meetings_follow_stage(group=group)
    return cycle


@transaction.atomic
def cycle_start(
    *,
    group: LearningGroup,
    by,
    question: str,
    goals: Iterable[Goal] = (),
    model: str = DEFAULT_MODEL.key,
) -> InquiryCycle:
    """Start the group's inquiry for its current round. One cycle is open at a time.

    A cycle through He Pikorua starts at the stage the group is at (a new group:
    Whakawhanaungatanga); one through another model at that model's first stage."""
    check_start(group, by)
    return _start(group=group, by=by, question=question, goals=goals, model=model)


@transaction.atomic
def cycle_update(*, cycle: InquiryCycle, by, question: str, goals: Iterable[Goal]) -> InquiryCycle:
    """Change the cycle's question and the goals it serves."""
    check_steer(cycle, by)
    cycle = _lock(cycle)
    question = _question(question)
    goals = _check_goals(cycle.group, goals)
    before = {"question": cycle.question, "goals": sorted(_goal_names(cycle.goals.all()))}
    cycle.question = question
    cycle.save(update_fields=["question", "updated_at"])
    cycle.goals.set(goals)
    _ensure_measures(goals)
    changes = activity.field_changes(
        before,
        {"question": question, "goals": sorted(_goal_names(goals))},
        {"question": gettext_lazy("Inquiry question"), "goals": gettext_lazy("Goals")},
    )
    if changes:
        activity.record(
            actor=by,
            action=InquiryActivity.CYCLE_CHANGED,
            group=cycle.group,
            target=question,
            changes=changes,
        )
    return cycle


@transaction.atomic
def stage_move(*, cycle: InquiryCycle, by, expected_stage: str) -> InquiryCycle:
    """Move the cycle on from ``expected_stage`` (the stage the page showed) to the
    next. A cycle through He Pikorua moves the group with it."""
    check_steer(cycle, by)
    cycle = _lock(cycle)
    model = cycle.inquiry_model
    current = cycle.stage_key
    if current != expected_stage:
        raise StaleMove(_label(model, current))
    if model.is_last(current):
        raise KahuiError(_("This is the cycle's last stage: start the next round instead."))
    new = model.next_stage(current).key
    if cycle.follows_group:
        cycle.group = group_services.group_set_stage(group=cycle.group, by=by, stage=new)
    else:
        activity.record(
            actor=by,
            action=InquiryActivity.STAGE_MOVED,
            group=cycle.group,
            target=cycle.question,
            changes={
                "stage": activity.change(_("Stage"), _label(model, current), _label(model, new))
            },
        )
    cycle.stage = new
    cycle.stage_changed_at = timezone.now()
    cycle.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    StageMove.objects.create(cycle=cycle, from_stage=current, to_stage=new, moved_by=by)
    meeting_services.meetings_follow_stage(group=cycle.group)
    return cycle


def carried_text(cycle: InquiryCycle) -> str:
    """What the cycle's review says to carry into the next round."""
    stage = carries_forward(cycle.inquiry_model)
    if stage is None:
        return ""
    record = StageRecord.objects.filter(cycle=cycle, stage=stage.key).first()
    return record.values.get(CARRY_FORWARD, "") if record else ""


@transaction.atomic
def cycle_next(
    *,
    cycle: InquiryCycle,
    by,
    expected_stage: str,
    question: str,
    goals: Iterable[Goal] = (),
    model: str | None = None,
) -> InquiryCycle:
    """End the cycle from its last stage and start the group's next round with what
    the review carried forward. A round of He Pikorua moves the group from reflecting
    on to building connections again; the group's round number goes up either way."""
    check_steer(cycle, by)
    cycle = _lock(cycle)
    inquiry_model = cycle.inquiry_model
    current = cycle.stage_key
    if current != expected_stage:
        raise StaleMove(_label(inquiry_model, current))
    if not inquiry_model.is_last(current):
        raise KahuiError(_("Finish this cycle's stages before starting the next round."))
    _question(question)
    _check_goals(cycle.group, goals)
    _model(model or cycle.model)
    cycle.stage = current
    cycle.ended_at = timezone.now()
    cycle.ended_by = by
    cycle.save(update_fields=["stage", "ended_at", "ended_by", "updated_at"])
    StageMove.objects.create(cycle=cycle, from_stage=current, to_stage="", moved_by=by)
    activity.record(
        actor=by, action=InquiryActivity.CYCLE_ENDED, group=cycle.group, target=cycle.question
    )
    if cycle.follows_group:
        group = group_services.group_set_stage(group=cycle.group, by=by)
    else:
        group = group_services.group_next_round(group=cycle.group, by=by)
    return _start(
        group=group,
        by=by,
        question=question,
        goals=goals,
        model=model or cycle.model,
        carried_forward=carried_text(cycle),
        previous=cycle,
    )


def _reached(cycle: InquiryCycle, stage: str) -> None:
    model = cycle.inquiry_model
    try:
        index = model.index(stage)
    except UnknownModel:
        raise KahuiError(_("This cycle has no such stage.")) from None
    if index > model.index(cycle.stage_key):
        raise KahuiError(_("The inquiry has not reached this stage yet."))


def _check_member(group: LearningGroup, user) -> None:
    if user is not None and not GroupMembership.objects.filter(group=group, user=user).exists():
        raise KahuiError(_("The person must be a member of the group."))


@transaction.atomic
def stage_comment_add(*, cycle: InquiryCycle, stage: str, by, body: str) -> StageComment:
    """Comment on a stage the cycle has reached (its sense-making, most often): any
    member or supporter of the group, while the cycle is open or after it ended."""
    if not is_member_or_supporter(by, cycle.group):
        raise NotAllowed(_("Only the group's members and supporters comment on its inquiry."))
    model = cycle.inquiry_model
    try:
        reached = model.index(stage) <= model.index(cycle.stage_key)
    except UnknownModel:
        raise KahuiError(_("There is no such stage.")) from None
    if not reached:
        raise KahuiError(_("The inquiry has not reached this stage yet."))
    shown = stage_view(model, stage)
    body = body.strip()
    if not body:
        raise KahuiError(_("Write the comment."))
    comment = StageComment.objects.create(cycle=cycle, stage=stage, author=by, body=body)
    activity.record(
        actor=by, action=InquiryActivity.COMMENTED, group=cycle.group, target=shown.name
    )
    return comment


@transaction.atomic
def stage_record_save(
    *,
    cycle: InquiryCycle,
    stage: str,
    by,
    values: Mapping[str, str],
    version: int,
    led_by=None,
) -> StageRecord:
    """Save a stage's record if nobody else saved it since ``version``; every saved
    version is kept. Any member may write it, and say who led the stage's work."""
    check_write(cycle, by)
    _reached(cycle, stage)
    _check_member(cycle.group, led_by)
    fields = record_fields(cycle.inquiry_model.stage(stage))
    clean = {field.key: (values.get(field.key) or "").strip() for field in fields}
    try:
        with transaction.atomic():
            record, _created = StageRecord.objects.select_for_update().get_or_create(
                cycle=cycle, stage=stage
            )
    except IntegrityError:  # created at the same moment by someone else
        record = StageRecord.objects.select_for_update().get(cycle=cycle, stage=stage)
    if record.version != version:
        raise StageRecordConflict(record)
    led_by_id = led_by.pk if led_by is not None else None
    if record.values == clean and record.led_by_id == led_by_id:
        return record
    before = dict(record.values)
    old_leader = record.led_by
    new_version = version + 1
    updated = StageRecord.objects.filter(pk=record.pk, version=version).update(
        values=clean, version=new_version, led_by=led_by, updated_at=timezone.now()
    )
    if not updated:  # a concurrent save won on a database without row locks
        record.refresh_from_db()
        raise StageRecordConflict(record)
    StageRecordRevision.objects.create(
        record=record, version=new_version, values=clean, led_by=led_by, saved_by=by
    )
    changes = activity.field_changes(before, clean, {field.key: field.label for field in fields})
    if record.led_by_id != led_by_id:
        changes["led_by"] = activity.change(
            _("Who led this stage"),
            old_leader.display_name if old_leader else "",
            led_by.display_name if led_by else "",
        )
    activity.record(
        actor=by,
        action=InquiryActivity.RECORD_SAVED,
        group=cycle.group,
        target=_label(cycle.inquiry_model, stage),
        changes=changes,
    )
    record.refresh_from_db()
    return record


def _date_check(day: date | None, *, label: str) -> None:
    if day is None:
        return
    today = timezone.localdate()
    if day > today + timedelta(days=1):
        raise KahuiError(_("%(label)s cannot be in the future.") % {"label": label})
    if day < today - timedelta(days=5 * 365):
        raise KahuiError(
            _("%(label)s is more than five years ago: check the year.") % {"label": label}
        )


@transaction.atomic
def trial_add(
    *, cycle: InquiryCycle, by, strategy: str, outcome: str, tried_on: date | None = None
) -> Trial:
    """Log something the group tried in practice, and what happened."""
    check_write(cycle, by)
    strategy, outcome = strategy.strip(), outcome.strip()
    if not strategy or not outcome:
        raise KahuiError(_("Say what you tried and what happened."))
    _date_check(tried_on, label=_("The day it was tried"))
    trial = Trial.objects.create(
        cycle=cycle,
        stage=cycle.stage_key,
        strategy=strategy,
        outcome=outcome,
        tried_on=tried_on,
        added_by=by,
    )
    activity.record(
        actor=by,
        action=InquiryActivity.TRIAL_ADDED,
        group=cycle.group,
        target=strategy,
        changes={"outcome": activity.change(_("What happened"), "", outcome)},
    )
    return trial


@transaction.atomic
def plan_action_add(
    *,
    cycle: InquiryCycle,
    by,
    text: str,
    level: str,
    owner=None,
    due_on: date | None = None,
) -> ActionItem:
    """Add an action to the cycle's plan, for all learners, some or one."""
    check_write(cycle, by)
    if level not in ActionLevel.values:
        raise KahuiError(_("Choose who the action is for."))
    return meeting_services.action_add(
        group=cycle.group, by=by, text=text, owner=owner, due_on=due_on, level=level
    )


@dataclass(frozen=True)
class MeasureEdit:
    """A goal and how it is measured, as the goal form sends it."""

    text: str
    name: str
    baseline: float
    target: float
    unit: str = ""
    evidence: str = ""
    starts_on: date | None = None
    due_on: date | None = None


def _measure_values(measure: GoalMeasure) -> dict[str, Any]:
    return {
        "name": measure.name,
        "unit": measure.unit,
        "baseline": "" if measure.baseline is None else f"{measure.baseline:g}",
        "target": "" if measure.target is None else f"{measure.target:g}",
        "starts_on": measure.starts_on.isoformat() if measure.starts_on else "",
        "due_on": measure.due_on.isoformat() if measure.due_on else "",
    }


def _edited(row: ItemEdit, text: str, evidence: str) -> ItemEdit:
    """The row of the goal being refined, with its new text."""
    values = {"text": text, "evidence": evidence or row.values["evidence"]}
    return ItemEdit(id=row.id, values=values)


@transaction.atomic
def goal_save(
    *, cycle: InquiryCycle, by, edit: MeasureEdit, measure: GoalMeasure | None = None
) -> GoalMeasure:
    """Add a goal to the group and this cycle, or refine one of the cycle's goals,
    with its measure, baseline and target. The goal's text keeps its history through
    the groups' goals (a change is recorded with its old and new text)."""
    check_steer(cycle, by)
    group = cycle.group
    text, name = edit.text.strip(), edit.name.strip()
    if not text or not name:
        raise KahuiError(_("Write the goal and what you will measure."))
    if not (math.isfinite(edit.baseline) and math.isfinite(edit.target)):
        raise KahuiError(_("Enter the baseline and the target as numbers."))
    if edit.baseline == edit.target:
        raise KahuiError(_("The target must differ from the baseline: where do you aim to be?"))
    if edit.starts_on and edit.due_on and edit.due_on <= edit.starts_on:
        raise KahuiError(_("The goal must be due after its baseline was taken."))
    if measure is not None and measure.goal.group_id != group.pk:
        raise NotAllowed(_("That goal belongs to another group."))
    goals = list(Goal.objects.filter(group=group).order_by("position", "id"))
    rows = [ItemEdit(id=g.pk, values={"text": g.text, "evidence": g.evidence}) for g in goals]
    evidence = edit.evidence.strip()
    if measure is None:
        rows.append(ItemEdit(id=None, values={"text": text, "evidence": evidence or name}))
    else:
        rows = [_edited(row, text, evidence) if row.id == measure.goal_id else row for row in rows]
    group_services.goals_save(group=group, by=by, rows=rows)
    if measure is None:
        goal = Goal.objects.filter(group=group).exclude(pk__in=[g.pk for g in goals]).get()
        measure = GoalMeasure.objects.get_or_create(goal=goal)[0]
    else:
        measure = GoalMeasure.objects.select_for_update().select_related("goal").get(pk=measure.pk)
        goal = measure.goal
    before = _measure_values(measure)
    measure.name = name
    measure.unit = edit.unit.strip()
    measure.baseline = edit.baseline
    measure.target = edit.target
    measure.starts_on = edit.starts_on
    measure.due_on = edit.due_on
    measure.save()
    cycle.goals.add(goal)
    changes = activity.field_changes(before, _measure_values(measure), MEASURE_LABELS)
    if changes:
        activity.record(
            actor=by,
            action=InquiryActivity.GOAL_MEASURED,
            group=group,
            target=text,
            changes=changes,
        )
    return measure


@transaction.atomic
def reading_add(
    *,
    cycle: InquiryCycle,
    measure: GoalMeasure,
    by,
    taken_on: date,
    value: float,
    note: str = "",
) -> GoalReading:
    """Record a dated reading of a goal's measure."""
    check_write(cycle, by)
    if measure.goal.group_id != cycle.group_id:
        raise NotAllowed(_("That goal belongs to another group."))
    if not math.isfinite(value):
        raise KahuiError(_("Enter the reading as a number."))
    _date_check(taken_on, label=_("The reading's date"))
    reading = GoalReading.objects.create(
        measure=measure,
        taken_on=taken_on,
        value=value,
        note=note.strip(),
        cycle=cycle,
        stage=cycle.stage_key,
        recorded_by=by,
    )
    activity.record(
        actor=by,
        action=InquiryActivity.READING_ADDED,
        group=cycle.group,
        target=measure.goal.text,
        changes={
            "value": activity.change(
                measure.name or _("Measure"), "", f"{value:g} {measure.unit}".strip()
            )
        },
    )
    return reading


@dataclass(frozen=True)
class Revisit:
    goal: Goal
    why: str = ""


@transaction.atomic
def revisits_save(*, cycle: InquiryCycle, by, revisits: Sequence[Revisit]) -> None:
    """Say which goals to revisit in the next round, and why (replacing the list)."""
    check_write(cycle, by)
    _check_goals(cycle.group, [revisit.goal for revisit in revisits])
    rows = GoalRevisit.objects.filter(cycle=cycle).select_related("goal")
    existing = {row.goal_id: row for row in rows}
    before = sorted(f"{r.goal.text} ({r.why})" if r.why else r.goal.text for r in existing.values())
    wanted = {revisit.goal.pk: revisit for revisit in revisits}
    GoalRevisit.objects.filter(cycle=cycle).exclude(goal_id__in=wanted).delete()
    for goal_id, revisit in wanted.items():
        row = existing.get(goal_id)
        if row is None:
            GoalRevisit.objects.create(
                cycle=cycle, goal=revisit.goal, why=revisit.why.strip(), added_by=by
            )
        elif row.why != revisit.why.strip():
            row.why = revisit.why.strip()
            row.save(update_fields=["why", "updated_at"])
    after = sorted(
        f"{r.goal.text} ({r.why.strip()})" if r.why.strip() else r.goal.text
        for r in wanted.values()
    )
    if before != after:
        activity.record(
            actor=by,
            action=InquiryActivity.REVISITS_SAVED,
            group=cycle.group,
            target=cycle.question,
            changes={"goals": activity.change(_("Goals to revisit"), before, after)},
        )


# -- Evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceEdit:
    """A piece of evidence as its form sends it. ``upload`` None keeps the file."""

    kind: str
    title: str
    stage: str
    body: str = ""
    url: str = ""
    goal: Goal | None = None
    gathered_on: date | None = None
    upload: Any = None


EVIDENCE_LABELS = {
    "kind": gettext_lazy("Kind"),
    "title": gettext_lazy("Title"),
    "stage": gettext_lazy("Stage"),
    "body": gettext_lazy("What it shows"),
    "url": gettext_lazy("Link"),
    "goal": gettext_lazy("Goal"),
    "gathered_on": gettext_lazy("Gathered on"),
    "file": gettext_lazy("File"),
}


def _evidence_values(item: EvidenceItem) -> dict[str, str]:
    return {
        "kind": str(EvidenceKind(item.kind).label),
        "title": item.title,
        "stage": _label(item.cycle.inquiry_model, item.stage),
        "body": item.body,
        "url": item.url,
        "goal": item.goal.text if item.goal else "",
        "gathered_on": item.gathered_on.isoformat() if item.gathered_on else "",
        "file": item.file_name,
    }


def _goal_of_cycle(cycle: InquiryCycle, goal: Goal | None) -> None:
    if goal is not None and not cycle.goals.filter(pk=goal.pk).exists():
        raise KahuiError(_("Choose one of the goals this cycle serves."))


def _fill_evidence(item: EvidenceItem, cycle: InquiryCycle, edit: EvidenceEdit) -> None:
    if edit.kind not in EvidenceKind.values:
        raise KahuiError(_("Choose what kind of evidence it is."))
    title = edit.title.strip()
    if not title:
        raise KahuiError(_("Give the evidence a title."))
    _reached(cycle, edit.stage)
    _goal_of_cycle(cycle, edit.goal)
    _date_check(edit.gathered_on, label=_("The day it was gathered"))
    body, url = edit.body.strip(), edit.url.strip()
    if edit.kind == EvidenceKind.LINK and not url:
        raise KahuiError(_("Paste the link."))
    if edit.kind in (EvidenceKind.OBSERVATION, EvidenceKind.NOTE) and not body:
        raise KahuiError(_("Write what you saw or noted."))
    has_file = edit.upload is not None or bool(item.file)
    if edit.kind == EvidenceKind.SAMPLE and not has_file:
        raise KahuiError(_("Choose the file of the learners' work to upload."))
    item.kind, item.title, item.stage = edit.kind, title, edit.stage
    item.body, item.url, item.goal = body, url, edit.goal
    item.gathered_on = edit.gathered_on
    if edit.upload is not None:
        item.content_type = check_upload(edit.upload)
        item.file_name = PurePath(edit.upload.name).name[:200]
        if item.file:
            _delete_file_later(item.file.name, item.file.storage)
        item.file = edit.upload


def _delete_file_later(name: str | None, storage) -> None:
    # Only once the change is committed: a rollback must not leave the row fileless.
    if name:
        transaction.on_commit(partial(storage.delete, name))


@transaction.atomic
def evidence_add(*, cycle: InquiryCycle, by, edit: EvidenceEdit) -> EvidenceItem:
    """Add an observation, a sample of learners' work (a file), a note or a link to a
    stage the cycle has reached, optionally for one of its goals."""
    check_write(cycle, by)
    item = EvidenceItem(cycle=cycle, added_by=by)
    _fill_evidence(item, cycle, edit)
    item.save()
    activity.record(
        actor=by,
        action=InquiryActivity.EVIDENCE_ADDED,
        group=cycle.group,
        target=item.title,
        changes=activity.field_changes({}, _evidence_values(item), EVIDENCE_LABELS),
    )
    return item


@transaction.atomic
def evidence_update(*, item: EvidenceItem, by, edit: EvidenceEdit) -> EvidenceItem:
    """Change a piece of evidence (a new file replaces the old one)."""
    cycle = item.cycle
    check_write(cycle, by)
    item = (
        EvidenceItem.objects.select_for_update(of=("self",)).select_related("goal").get(pk=item.pk)
    )
    item.cycle = cycle
    before = _evidence_values(item)
    _fill_evidence(item, cycle, edit)
    item.save()
    changes = activity.field_changes(before, _evidence_values(item), EVIDENCE_LABELS)
    if changes:
        activity.record(
            actor=by,
            action=InquiryActivity.EVIDENCE_CHANGED,
            group=cycle.group,
            target=item.title,
            changes=changes,
        )
    return item


@transaction.atomic
def evidence_remove(*, item: EvidenceItem, by) -> None:
    """Remove a piece of evidence and its file."""
    check_write(item.cycle, by)
    if item.file:
        _delete_file_later(item.file.name, item.file.storage)
    title = item.title
    item.delete()
    activity.record(
        actor=by, action=InquiryActivity.EVIDENCE_REMOVED, group=item.cycle.group, target=title
    )


# -- Assessment data -------------------------------------------------------------------------


@dataclass(frozen=True)
class DataSetSpec:
    """What a data set is: its kind, date, measure and scale, and where it belongs."""

    title: str
    kind: str
    measure: str
    taken_on: date
    stage: str
    scale: str = Scale.NUMBERS
    minimum: float | None = None
    maximum: float | None = None
    levels: tuple[str, ...] = ()
    goal: Goal | None = None


@dataclass(frozen=True)
class RowIn:
    """One value for an anonymised learner code or a group of learners."""

    value: float
    code: str = ""
    label: str = ""
    year_level: int | None = None
    row: int | None = None  # where it came from: the file's row or the grid's line


class BadRows(KahuiError):
    """Rows the data set cannot hold; ``problems`` says which and why, one by one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Nothing was saved: fix these rows and try again."))
        self.problems = problems


class LooksLikeNames(KahuiError):
    """Codes or group labels that read like learners' names; saved only once the user
    says they are codes."""

    def __init__(self, rows: list[int]) -> None:
        listed = ", ".join(str(row) for row in rows[:10]) + (" …" if len(rows) > 10 else "")
        super().__init__(
            _(
                "Some learner codes or groups look like names (rows %(rows)s). Kāhui keeps "
                "codes, never names: replace the names with codes, or confirm that these "
                "are codes."
            )
            % {"rows": listed}
        )
        self.rows = rows


def _check_spec(cycle: InquiryCycle, spec: DataSetSpec) -> None:
    if not spec.title.strip() or not spec.measure.strip():
        raise KahuiError(_("Give the data set a title and say what it measures."))
    if spec.kind not in DataSetKind.values:
        raise KahuiError(_("Choose the kind of assessment."))
    if spec.scale not in Scale.values:
        raise KahuiError(_("Choose the scale."))
    if spec.scale == Scale.LEVELS and len(spec.levels) < 2:
        raise KahuiError(_("Name at least two levels, lowest first."))
    if len(set(spec.levels)) != len(spec.levels):
        raise KahuiError(_("Each level needs a name of its own."))
    for bound in (spec.minimum, spec.maximum):
        if bound is not None and not math.isfinite(bound):
            raise KahuiError(_("Enter the lowest and highest values as numbers."))
    if spec.minimum is not None and spec.maximum is not None and spec.minimum >= spec.maximum:
        raise KahuiError(_("The highest value must be above the lowest."))
    _reached(cycle, spec.stage)
    _goal_of_cycle(cycle, spec.goal)
    _date_check(spec.taken_on, label=_("The assessment's date"))


def _row_problems(spec: DataSetSpec, rows: Sequence[RowIn]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=1):
        number = row.row or index
        code, label = row.code.strip(), row.label.strip()

        def problem(text: str, number: int = number) -> None:
            problems.append(_("Row %(row)s: %(problem)s") % {"row": number, "problem": text})

        if not code and not label:
            problem(_("give a learner code or a group."))
        if len(code) > MAX_CODE_LENGTH:
            problem(_("a learner code has at most %(n)s characters.") % {"n": MAX_CODE_LENGTH})
        if len(label) > MAX_GROUP_LENGTH:
            problem(_("a group has at most %(n)s characters.") % {"n": MAX_GROUP_LENGTH})
        if code:
            if code in seen:
                problem(
                    _("the code %(code)s is also on row %(other)s.")
                    % {"code": code, "other": seen[code]}
                )
            seen.setdefault(code, number)
        if not math.isfinite(row.value):
            problem(_("the value is not a number."))
        elif spec.scale == Scale.LEVELS and (
            row.value != int(row.value) or not 1 <= row.value <= len(spec.levels)
        ):
            problem(_("the value is not one of the levels."))
        elif spec.minimum is not None and row.value < spec.minimum:
            problem(_("the value is below the lowest, %(n)s.") % {"n": f"{spec.minimum:g}"})
        elif spec.maximum is not None and row.value > spec.maximum:
            problem(_("the value is above the highest, %(n)s.") % {"n": f"{spec.maximum:g}"})
        if row.year_level is not None and not 0 <= row.year_level <= 13:
            problem(_("the year level must be between 0 and 13."))
    return problems


def name_rows(rows: Sequence[RowIn]) -> list[int]:
    """The rows whose code or group reads like a person's name."""
    return [
        row.row or index
        for index, row in enumerate(rows, start=1)
        if (row.code and looks_like_a_name(row.code))
        or (row.label and group_looks_like_a_name(row.label))
    ]


def _data_set_values(data_set: AssessmentDataSet) -> dict[str, str]:
    levels = " < ".join(data_set.levels) if data_set.scale == Scale.LEVELS else ""
    bounds = ""
    if data_set.minimum is not None or data_set.maximum is not None:
        low = "" if data_set.minimum is None else f"{data_set.minimum:g}"
        high = "" if data_set.maximum is None else f"{data_set.maximum:g}"
        bounds = f"{low}–{high}"
    return {
        "title": data_set.title,
        "kind": str(DataSetKind(data_set.kind).label),
        "measure": data_set.measure,
        "taken_on": data_set.taken_on.isoformat(),
        "scale": levels or bounds or str(Scale(data_set.scale).label),
        "goal": data_set.goal.text if data_set.goal else "",
        "rows": str(data_set.row_count),
    }


DATA_SET_LABELS = {
    "title": gettext_lazy("Title"),
    "kind": gettext_lazy("Kind"),
    "measure": gettext_lazy("Measure"),
    "taken_on": gettext_lazy("Date"),
    "scale": gettext_lazy("Scale"),
    "goal": gettext_lazy("Goal"),
    "rows": gettext_lazy("Rows"),
}


def standard_of(group: LearningGroup, measure: str) -> dict[int, float]:
    """The expected level per year level the group keeps for ``measure``."""
    rows = ExpectedLevel.objects.filter(group=group, measure=measure)
    return {row.year_level: row.expected for row in rows}


def reading_value(data_set: AssessmentDataSet, rows: Sequence[RowIn] | None = None) -> float:
    """What a data set tells its goal: for a benchmark with expected levels, the share
    of learners at or above theirs (in %); otherwise the mean value."""
    if rows is None:
        observations = [
            analysis.Observation(value, code or None, year)
            for value, code, year in data_set.rows.values_list("value", "code", "year_level")
        ]
    else:
        observations = [analysis.Observation(r.value, r.code or None, r.year_level) for r in rows]
    if data_set.kind == DataSetKind.BENCHMARK:
        standard = standard_of(data_set.cycle.group, data_set.measure)
        result = analysis.benchmark(observations, standard)
        if result.share is not None:
            return round(100 * result.share, 1)
    return round(analysis.summarise([o.value for o in observations]).mean, 2)


def _sync_reading(data_set: AssessmentDataSet, by, rows: Sequence[RowIn] | None = None) -> None:
    """Keep the goal's reading from this data set in step with it."""
    measure = None
    if data_set.goal_id is not None:
        measure = GoalMeasure.objects.filter(goal_id=data_set.goal_id).first()
    if measure is None or not data_set.row_count:
        GoalReading.objects.filter(data_set=data_set).delete()
        return
    GoalReading.objects.update_or_create(
        data_set=data_set,
        defaults={
            "measure": measure,
            "taken_on": data_set.taken_on,
            "value": reading_value(data_set, rows),
            "note": data_set.title[:300],
            "cycle": data_set.cycle,
            "stage": data_set.stage,
            "recorded_by": by,
        },
    )


@transaction.atomic
def data_set_save(
    *,
    cycle: InquiryCycle,
    by,
    spec: DataSetSpec,
    rows: Sequence[RowIn],
    data_set: AssessmentDataSet | None = None,
    codes_confirmed: bool = False,
    source: str = "",
) -> AssessmentDataSet:
    """Save a data set with all its rows, or nothing: a new one, or ``data_set`` with
    its rows replaced. Refuses rows without a code or group, values off the scale and
    repeated codes (every problem, by row), and codes or groups that look like names
    unless ``codes_confirmed``. A data set tied to a goal gives the goal a reading."""
    check_write(cycle, by)
    _check_spec(cycle, spec)
    if not rows:
        raise KahuiError(_("The data set has no rows: add a value for at least one learner."))
    problems = _row_problems(spec, rows)
    if problems:
        raise BadRows(problems)
    named = name_rows(rows)
    if named and not codes_confirmed:
        raise LooksLikeNames(named)
    if data_set is not None:
        if data_set.cycle_id != cycle.pk:
            raise NotAllowed(_("That data set belongs to another cycle."))
        data_set = AssessmentDataSet.objects.select_for_update().get(pk=data_set.pk)
        data_set.cycle = cycle
        before = _data_set_values(data_set)
        data_set.rows.all().delete()
    else:
        data_set = AssessmentDataSet(cycle=cycle, added_by=by, source=source[:200])
        before = {}
    data_set.title = spec.title.strip()
    data_set.kind = spec.kind
    data_set.measure = spec.measure.strip()
    data_set.taken_on = spec.taken_on
    data_set.stage = spec.stage
    data_set.scale = spec.scale
    data_set.minimum, data_set.maximum = spec.minimum, spec.maximum
    data_set.levels = list(spec.levels) if spec.scale == Scale.LEVELS else []
    data_set.goal = spec.goal
    data_set.row_count = len(rows)
    data_set.save()
    AssessmentRow.objects.bulk_create(
        (
            AssessmentRow(
                data_set=data_set,
                position=position,
                code=row.code.strip(),
                label=row.label.strip(),
                year_level=row.year_level,
                value=row.value,
            )
            for position, row in enumerate(rows, start=1)
        ),
        batch_size=1000,
    )
    _sync_reading(data_set, by, rows)
    # Recorded even when only values changed: the log is what the analysis page's
    # cache is keyed on (``kahui.core.fragments.group_stamp``).
    changes = activity.field_changes(before, _data_set_values(data_set), DATA_SET_LABELS)
    activity.record(
        actor=by,
        action=InquiryActivity.DATA_SET_CHANGED if before else InquiryActivity.DATA_SET_ADDED,
        group=cycle.group,
        target=data_set.title,
        changes=changes,
    )
    return data_set


@transaction.atomic
def data_set_remove(*, data_set: AssessmentDataSet, by) -> None:
    """Remove a data set, its rows and the goal's reading taken from it."""
    check_write(data_set.cycle, by)
    title, group = data_set.title, data_set.cycle.group
    data_set.delete()
    activity.record(actor=by, action=InquiryActivity.DATA_SET_REMOVED, group=group, target=title)


@transaction.atomic
def expected_levels_save(
    *, cycle: InquiryCycle, by, measure: str, levels: Mapping[int, float]
) -> None:
    """Set the level the group expects at each year level on ``measure`` (replacing
    what it kept), and bring the goals' readings from benchmark data sets up to date."""
    check_write(cycle, by)
    measure = measure.strip()
    if not measure:
        raise KahuiError(_("Say which measure the expected levels are for."))
    for year, expected in levels.items():
        if not 0 <= year <= 13:
            raise KahuiError(_("Year levels go from 0 to 13."))
        if not math.isfinite(expected):
            raise KahuiError(_("Enter each expected level as a number."))
    group = cycle.group
    before = standard_of(group, measure)
    ExpectedLevel.objects.filter(group=group, measure=measure).delete()
    ExpectedLevel.objects.bulk_create(
        ExpectedLevel(group=group, measure=measure, year_level=year, expected=expected)
        for year, expected in sorted(levels.items())
    )

    def text(standard: Mapping[int, float]) -> list[str]:
        return [f"Y{year}: {value:g}" for year, value in sorted(standard.items())]

    if text(before) != text(levels):
        activity.record(
            actor=by,
            action=InquiryActivity.EXPECTED_LEVELS_SAVED,
            group=group,
            target=measure,
            changes={"levels": activity.change(_("Expected levels"), text(before), text(levels))},
        )
    for data_set in AssessmentDataSet.objects.filter(
        cycle__group=group, measure=measure, kind=DataSetKind.BENCHMARK, goal__isnull=False
    ).select_related("cycle__group"):
        _sync_reading(data_set, by)
