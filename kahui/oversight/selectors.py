"""The coordinator dashboard: one row of figures for each group looked over, in a fixed
number of queries however many groups there are (annotations and one query per kind of
figure, never one per group).

Figures only: counts, dates, rates, stages and the health checks' published results.
Nothing here reads minutes, journals, comments or anyone's health answers."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kahui.core.models import ActivityEntry
from kahui.groups.models import Frequency, GroupMembership, LearningGroup, Status
from kahui.groups.sizing import SizeState, assess_size
from kahui.health.conditions import CONDITION_INFO
from kahui.health.selectors import CheckResult, latest_results
from kahui.inquiry.models import InquiryCycle, follows_group
from kahui.inquiry.models_of_inquiry import model_for
from kahui.inquiry.workflow import stage_view
from kahui.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from kahui.orgs.models import PeriodKind, SchoolPeriod

# How far back the dashboard looks at meetings: enough for a term and its holidays,
# and for the six meetings the attendance trend compares.
WINDOW_DAYS = 120
TREND_MEETINGS = 3  # the last three meetings against the three before
TREND_STEP = 0.1  # a change of ten points of attendance is a trend, less is noise

# The planned cadence in days; a gap half as long again (not counting school holidays)
# is irregular. Twice a term: a ten-week term, so about every five weeks.
CADENCE_DAYS = {
    Frequency.WEEKLY: 7,
    Frequency.FORTNIGHTLY: 14,
    Frequency.THREE_WEEKLY: 21,
    Frequency.MONTHLY: 31,
    Frequency.TWICE_A_TERM: 35,
}


class Flag:
    SIZE = "size"
    IRREGULAR = "irregular"
    ATTENDANCE = "attendance"
    OVERDUE = "overdue"


@dataclass
class GroupRow:
    """One group's line on the dashboard."""

    group: LearningGroup
    members: int
    size_state: str
    last_meeting: datetime | None
    next_meeting: datetime | None
    cadence_days: int
    longest_gap_days: int | None
    irregular: bool
    attendance_recent: float | None  # share present at the last three meetings
    attendance_before: float | None  # at the three before
    open_actions: int
    overdue_actions: int
    health: CheckResult | None
    inquiry_round: int | None
    inquiry_stage: str
    evidence: int
    rounds_finished: int
    meetings: list[tuple[datetime, int, int]] = field(default_factory=list)  # when, present, of

    @property
    def trend(self) -> str:
        """up, down or steady; empty when there are not six meetings to compare."""
        if self.attendance_recent is None or self.attendance_before is None:
            return ""
        change = self.attendance_recent - self.attendance_before
        if change <= -TREND_STEP:
            return "down"
        if change >= TREND_STEP:
            return "up"
        return "steady"

    @property
    def weakest_condition(self) -> str:
        if self.health is None or self.health.weakest is None:
            return ""
        return str(CONDITION_INFO[self.health.weakest].name)

    @property
    def health_mean(self) -> float | None:
        if self.health is None or not self.health.means:
            return None
        return sum(self.health.means.values()) / len(self.health.means)

    @property
    def flags(self) -> list[str]:
        found = []
        if self.size_state != SizeState.HEALTHY:
            found.append(Flag.SIZE)
        if self.irregular:
            found.append(Flag.IRREGULAR)
        if self.trend == "down":
            found.append(Flag.ATTENDANCE)
        if self.overdue_actions:
            found.append(Flag.OVERDUE)
        return found

    @property
    def flag_texts(self) -> list[str]:
        texts = {
            Flag.SIZE: _("too small") if self.size_state == SizeState.SMALL else _("too large"),
            Flag.IRREGULAR: _("irregular"),
            Flag.ATTENDANCE: _("attendance falling"),
            Flag.OVERDUE: _("overdue actions"),
        }
        return [texts[flag] for flag in self.flags]


def _count(queryset: QuerySet[Any]) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("group_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def annotated_groups(groups: QuerySet[LearningGroup], *, now: datetime) -> QuerySet[Any]:
    """``groups`` with the figures one query can carry."""
    today = timezone.localdate(now)
    held = Meeting.objects.filter(group_id=OuterRef("pk"), status=MeetingStatus.SCHEDULED)
    open_actions = ActionItem.objects.filter(group_id=OuterRef("pk"), status=ActionStatus.OPEN)
    return groups.select_related("organisation").annotate(
        member_count=_count(GroupMembership.objects.filter(group_id=OuterRef("pk"))),
        open_actions=_count(open_actions),
        overdue_actions=_count(open_actions.filter(due_on__lt=today)),
        rounds_finished=_count(
            InquiryCycle.objects.filter(group_id=OuterRef("pk"), ended_at__isnull=False)
        ),
        last_meeting=Subquery(
            held.filter(starts_at__lt=now)
            .order_by()
            .values("group_id")
            .annotate(at=Max("starts_at"))
            .values("at")
        ),
        next_meeting=Subquery(
            held.filter(starts_at__gte=now)
            .order_by()
            .values("group_id")
            .annotate(at=Min("starts_at"))
            .values("at")
        ),
    )


def _days_off(org_ids: Iterable[int], since: date) -> dict[int, list[tuple[date, date]]]:
    """Each organisation's days without school since ``since``: its holidays, and the
    days between its terms (New Zealand schools keep terms only, Dutch ones a school
    year and its holidays). One query."""
    holidays: dict[int, list[tuple[date, date]]] = defaultdict(list)
    terms: dict[int, list[tuple[date, date]]] = defaultdict(list)
    periods = (
        SchoolPeriod.objects.filter(
            organisation_id__in=set(org_ids), last_day__gte=since - timedelta(days=366)
        )
        .order_by("first_day")
        .values_list("organisation_id", "kind", "first_day", "last_day")
    )
    for org_id, kind, first, last in periods:
        (holidays if kind == PeriodKind.HOLIDAY else terms)[org_id].append((first, last))
    for org_id, own in terms.items():
        for (_first, end), (start, _last) in pairwise(own):
            if start > end + timedelta(days=1):
                holidays[org_id].append((end + timedelta(days=1), start - timedelta(days=1)))
    return holidays


def _school_days(start: datetime, end: datetime, holidays: Sequence[tuple[date, date]]) -> int:
    """Days from ``start`` to ``end`` that are not in a holiday."""
    days = (end - start).days
    first, last = start.date(), end.date()
    for holiday_first, holiday_last in holidays:
        overlap = (min(last, holiday_last) - max(first, holiday_first)).days + 1
        days -= max(overlap, 0)
    return max(days, 0)


def _rate(meetings: Sequence[tuple[datetime, int, int]]) -> float | None:
    recorded = sum(of for _when, _present, of in meetings)
    if not recorded:
        return None
    return sum(present for _when, present, _of in meetings) / recorded


def group_rows(groups: QuerySet[LearningGroup], *, now: datetime | None = None) -> list[GroupRow]:
    """A row for each of ``groups``: five queries, whatever their number."""
    now = now or timezone.now()
    since = now - timedelta(days=WINDOW_DAYS)
    found = list(annotated_groups(groups, now=now))
    ids = [group.pk for group in found]
    # Each past meeting in the window with how many were present of those recorded.
    meetings: dict[int, list[tuple[datetime, int, int]]] = defaultdict(list)
    held = (
        Meeting.objects.filter(
            group_id__in=ids,
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=since,
            starts_at__lt=now,
        )
        .annotate(
            present=Count("attendance", filter=Q(attendance__status="present")),
            recorded=Count("attendance"),
        )
        .order_by("group_id", "starts_at")
        .values_list("group_id", "starts_at", "present", "recorded")
    )
    for group_id, starts_at, present, recorded in held:
        meetings[group_id].append((starts_at, present, recorded))
    org_ids = {g.organisation_id for g in found if g.organisation_id} | {
        g.organisation.parent_id for g in found if g.organisation and g.organisation.parent_id
    }
    holidays = _days_off(org_ids, since.date())
    health = latest_results(ids)
    # Each open round as plain values: where it is, and how much evidence it holds.
    cycles = {
        row[0]: row
        for row in InquiryCycle.objects.open()
        .filter(group_id__in=ids)
        .annotate(evidence_count=Count("evidence"))
        .values_list("group_id", "number", "model", "stage", "group__stage", "evidence_count")
    }
    stage_names: dict[tuple[str, str], str] = {}

    def stage_name(model_key: str, stage: str, group_stage: str) -> str:
        model = model_for(model_key)
        key = group_stage if follows_group(model) else stage
        if (model_key, key) not in stage_names:
            stage_names[(model_key, key)] = stage_view(model, key).name
        return stage_names[(model_key, key)]

    rows = []
    for group in found:
        own = meetings[group.pk]
        off = holidays.get(group.organisation_id, []) + (
            holidays.get(group.organisation.parent_id, []) if group.organisation else []
        )
        cadence = CADENCE_DAYS.get(group.frequency, 14)
        points = [when for when, _p, _r in own]
        if group.next_meeting is not None:
            points.append(group.next_meeting)
        elif points or group.last_meeting is not None:
            points.append(now)  # nothing planned: the gap runs on until today
        else:
            points = [max(group.created_at, since), now]
        gaps = [_school_days(a, b, off) for a, b in pairwise(points) if b > a]
        longest = max(gaps, default=None)
        irregular = (
            group.status == Status.ACTIVE and longest is not None and longest > cadence * 3 // 2
        )
        taken = [m for m in own if m[2]]  # meetings whose attendance was recorded
        recent = taken[-TREND_MEETINGS:]
        before = taken[-2 * TREND_MEETINGS : -TREND_MEETINGS]
        cycle = cycles.get(group.pk)
        rows.append(
            GroupRow(
                group=group,
                members=group.member_count,
                size_state=assess_size(group.member_count, group.target_size).state,
                last_meeting=group.last_meeting,
                next_meeting=group.next_meeting,
                cadence_days=cadence,
                longest_gap_days=longest,
                irregular=irregular,
                attendance_recent=_rate(recent),
                attendance_before=_rate(before) if len(before) == TREND_MEETINGS else None,
                open_actions=group.open_actions,
                overdue_actions=group.overdue_actions,
                health=health.get(group.pk),
                inquiry_round=cycle[1] if cycle else None,
                inquiry_stage=stage_name(cycle[2], cycle[3], cycle[4]) if cycle else "",
                evidence=cycle[5] if cycle else 0,
                rounds_finished=group.rounds_finished,
                meetings=own,
            )
        )
    return rows


@dataclass(frozen=True)
class Stamp:
    """What a dashboard's figures depend on, besides the clock: which groups, and the
    newest entry of their activity log (every change of shared content writes one)."""

    ids: list[int]
    key: str


def stamp_of(groups: QuerySet[LearningGroup]) -> Stamp:
    """Two queries: the groups' ids and their newest activity entry."""
    ids = list(groups.order_by("pk").values_list("pk", flat=True))
    last = ActivityEntry.objects.filter(group_id__in=ids).aggregate(last=Max("pk"))["last"]
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    # The hour: overdue actions and gaps run on with the clock.
    return Stamp(ids=ids, key=f"{digest}:{last or 0}:{timezone.now():%Y%m%d%H}")


def kept_rows(key: str, stamp: Stamp) -> list[GroupRow]:
    """:func:`group_rows` of the stamped groups, kept between requests while nothing
    in them changes (and for ``KAHUI_FRAGMENT_SECONDS`` at most, for what the log does
    not cover, such as a health check closing on its own)."""
    full_key = ":".join(
        [
            "oversight-rows",
            key,
            stamp.key,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        ]
    )
    cache = caches["fragments"]
    rows: list[GroupRow] | None = cache.get(full_key)
    if rows is None:
        rows = group_rows(LearningGroup.objects.filter(pk__in=stamp.ids))
        cache.set(full_key, rows, settings.KAHUI_FRAGMENT_SECONDS)
    return rows


SORTS = {
    "name": lambda row: row.group.name.casefold(),
    "stage": lambda row: row.group.stage_number,
    "members": lambda row: row.members,
    "last": lambda row: row.last_meeting or datetime.min.replace(tzinfo=UTC),
    "attendance": lambda row: -1 if row.attendance_recent is None else row.attendance_recent,
    "overdue": lambda row: row.overdue_actions,
    "health": lambda row: -1 if row.health_mean is None else row.health_mean,
    "flags": lambda row: len(row.flags),
}


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    format: str = ""
    organisation: str = ""  # an organisation's slug
    flagged: bool = False
    sort: str = "name"
    descending: bool = False


def filter_rows(rows: list[GroupRow], filters: Filters) -> list[GroupRow]:
    kept = [
        row
        for row in rows
        if (not filters.stage or row.group.stage == filters.stage)
        and (not filters.format or row.group.format == filters.format)
        and (
            not filters.organisation
            or (row.group.organisation and row.group.organisation.slug == filters.organisation)
        )
        and (not filters.flagged or row.flags)
    ]
    key = SORTS.get(filters.sort, SORTS["name"])
    return sorted(kept, key=key, reverse=filters.descending)


@dataclass(frozen=True)
class ObjectiveUse:
    objective: object
    groups: list[str]


def objectives_in_use(organisation, groups: QuerySet[LearningGroup]) -> list[ObjectiveUse]:
    """The organisation's current objectives, each with the groups whose goals serve it
    (among ``groups``): two queries. Personal goals are their owners' and stay out."""
    from_goals: dict[int, set[str]] = defaultdict(set)
    objectives = list(organisation.objectives.filter(active=True))
    rows = (
        groups.filter(goals__objective__in=[o.pk for o in objectives])
        .values_list("goals__objective_id", "name")
        .distinct()
    )
    for objective_id, name in rows:
        from_goals[objective_id].add(name)
    return [
        ObjectiveUse(
            objective=objective,
            groups=sorted(from_goals[objective.pk], key=str.casefold),
        )
        for objective in objectives
    ]
