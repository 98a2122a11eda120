"""A term's or a year's report of an organisation's or a programme's groups: what they
did (groups, meetings held, hours of professional learning, goals met), how they are
(health results above the anonymity threshold) and how far their inquiries came, with
the period before beside it. A fixed number of queries however many groups.

Figures only, as the dashboard: never minutes, journals, comments or answers."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.groups.models import LearningGroup
from kahui.health.conditions import CONDITION_INFO
from kahui.health.models import HealthCheck
from kahui.health.results import CONDITIONS
from kahui.inquiry.analysis import Measurement, goal_progress
from kahui.inquiry.models import GoalMeasure, InquiryCycle
from kahui.inquiry.workflow import stage_view
from kahui.meetings.models import Attendance, AttendanceStatus, MeetingStatus
from kahui.orgs.models import Organisation, OrgMembership, PeriodKind, SchoolPeriod
from kahui.recognition.models import LearningActivity


@dataclass(frozen=True)
class Period:
    key: str  # "term-<public id>" or "year-2027", for addresses
    name: str
    first: date
    last: date  # inclusive
    is_year: bool = False

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.first, time.min, tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=zone)
        return start, end


def periods_of(organisation: Organisation, *, today: date | None = None) -> list[Period]:
    """The terms of ``organisation`` (or of its cluster, when it keeps none of its own)
    and the calendar years they fall in, newest first; this year is always there."""
    today = today or timezone.localdate()
    terms = list(
        SchoolPeriod.objects.filter(organisation=organisation, kind=PeriodKind.TERM).order_by(
            "first_day"
        )
    )
    if not terms and organisation.parent_id:
        terms = list(
            SchoolPeriod.objects.filter(
                organisation_id=organisation.parent_id, kind=PeriodKind.TERM
            ).order_by("first_day")
        )
    years = sorted({term.first_day.year for term in terms} | {today.year}, reverse=True)
    found = [
        Period(
            key=f"year-{year}",
            name=_("Year %(year)s") % {"year": year},
            first=date(year, 1, 1),
            last=date(year, 12, 31),
            is_year=True,
        )
        for year in years
    ]
    found += [
        Period(
            key=f"term-{term.public_id}",
            name=f"{term.name} {term.first_day.year}",
            first=term.first_day,
            last=term.last_day,
        )
        for term in reversed(terms)
    ]
    return found


def current_period(periods: Sequence[Period], today: date) -> Period:
    """The term today falls in (or the last one before it), else this year."""
    terms = [p for p in periods if not p.is_year and p.first <= today]
    if terms:
        return max(terms, key=lambda p: p.first)
    return next(p for p in periods if p.is_year and p.first.year == today.year)


def previous_period(period: Period, periods: Sequence[Period]) -> Period | None:
    """The term before a term; the year before a year."""
    if period.is_year:
        year = period.first.year - 1
        return Period(
            key=f"year-{year}",
            name=_("Year %(year)s") % {"year": year},
            first=date(year, 1, 1),
            last=date(year, 12, 31),
            is_year=True,
        )
    earlier = [p for p in periods if not p.is_year and p.last < period.first]
    return max(earlier, key=lambda p: p.first) if earlier else None


@dataclass
class GroupFigures:
    name: str
    organisation: str
    meetings: int = 0
    minutes: int = 0  # of professional learning: meetings attended and activities logged
    goals_met: int = 0
    rounds_finished: int = 0

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class Figures:
    """One period's figures."""

    period: Period
    groups: list[GroupFigures]
    health_checks: int
    health_means: dict[str, float]  # condition → mean across the published checks
    stages: list[tuple[str, int]] = field(default_factory=list)  # open rounds' stages now

    @property
    def group_count(self) -> int:
        return len(self.groups)

    @property
    def meetings(self) -> int:
        return sum(g.meetings for g in self.groups)

    @property
    def hours(self) -> float:
        return round(sum(g.minutes for g in self.groups) / 60, 1)

    @property
    def goals_met(self) -> int:
        return sum(g.goals_met for g in self.groups)

    @property
    def rounds_finished(self) -> int:
        return sum(g.rounds_finished for g in self.groups)

    @property
    def health_mean(self) -> float | None:
        if not self.health_means:
            return None
        return round(sum(self.health_means.values()) / len(self.health_means), 2)

    def health_rows(self) -> list[tuple[str, float]]:
        return [
            (str(CONDITION_INFO[key].name), round(self.health_means[key], 2))
            for key in CONDITIONS
            if key in self.health_means
        ]


def figures(groups: QuerySet[LearningGroup], period: Period, *, now=None) -> Figures:
    """What ``groups`` did in ``period``: seven queries."""
    now = now or timezone.now()
    start, end = period.bounds()
    end = min(end, max(now, start))
    found = list(
        groups.filter(created_at__lt=end)
        .select_related("organisation")
        .order_by("name", "pk")
        .annotate(
            held=Count(
                "meetings",
                filter=Q(
                    meetings__status=MeetingStatus.SCHEDULED,
                    meetings__starts_at__gte=start,
                    meetings__starts_at__lt=end,
                ),
                distinct=True,
            )
        )
    )
    rows = {
        g.pk: GroupFigures(
            name=g.name,
            organisation=g.organisation.name if g.organisation else "",
            meetings=g.held,
        )
        for g in found
    }
    scope = groups.values("pk")
    attended = (
        Attendance.objects.filter(
            meeting__group_id__in=scope,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
            status=AttendanceStatus.PRESENT,
        )
        .values("meeting__group_id")
        .annotate(minutes=Sum("minutes_attended"))
    )
    for row in attended:
        if row["meeting__group_id"] in rows:
            rows[row["meeting__group_id"]].minutes += row["minutes"] or 0
    logged = (
        LearningActivity.objects.filter(
            group_id__in=scope, done_on__gte=period.first, done_on__lte=period.last
        )
        .values("group_id")
        .annotate(minutes=Sum("minutes"))
    )
    for row in logged:
        if row["group_id"] in rows:
            rows[row["group_id"]].minutes += row["minutes"] or 0
    ended = (
        InquiryCycle.objects.filter(group_id__in=scope, ended_at__gte=start, ended_at__lt=end)
        .values("group_id")
        .annotate(n=Count("pk"))
    )
    for row in ended:
        if row["group_id"] in rows:
            rows[row["group_id"]].rounds_finished = row["n"]
    measures = (
        GoalMeasure.objects.filter(
            goal__group_id__in=scope, baseline__isnull=False, target__isnull=False
        )
        .select_related("goal")
        .prefetch_related("readings")
    )
    for measure in measures:
        readings = [r for r in measure.readings.all() if r.taken_on <= period.last]
        progress = goal_progress(
            baseline=measure.baseline,
            target=measure.target,
            measurements=[Measurement(r.taken_on, r.value) for r in readings],
        )
        reached_now = [
            point for point in (progress.history if progress else ()) if point.share >= 1
        ]
        group_id = measure.goal.group_id
        if reached_now and reached_now[0].taken_on >= period.first and group_id in rows:
            rows[group_id].goals_met += 1
    checks = HealthCheck.objects.published().filter(
        group_id__in=scope, closed_at__gte=start, closed_at__lt=end
    )
    sums: dict[str, list[float]] = defaultdict(list)
    count = 0
    for check in checks:
        results = check.results()
        if results is None:
            continue
        count += 1
        for key, mean in results.means().items():
            sums[key].append(mean)
    stages: Counter[str] = Counter()
    if not period.is_year or period.last.year == timezone.localdate(now).year:
        for cycle in InquiryCycle.objects.open().filter(group_id__in=scope).select_related("group"):
            stages[stage_view(cycle.inquiry_model, cycle.stage_key).name] += 1
    return Figures(
        period=period,
        groups=list(rows.values()),
        health_checks=count,
        health_means={key: sum(values) / len(values) for key, values in sums.items()},
        stages=sorted(stages.items(), key=lambda item: (-item[1], item[0])),
    )


@dataclass(frozen=True)
class Comparison:
    label: str
    now: float | None
    before: float | None

    @property
    def change(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return round(self.now - self.before, 2)


def compare(current: Figures, previous: Figures | None) -> list[Comparison]:
    def before(attr: str):
        return getattr(previous, attr) if previous is not None else None

    return [
        Comparison(_("Groups"), current.group_count, before("group_count")),
        Comparison(_("Meetings held"), current.meetings, before("meetings")),
        Comparison(_("Hours of professional learning"), current.hours, before("hours")),
        Comparison(_("Goals met"), current.goals_met, before("goals_met")),
        Comparison(
            _("Inquiry rounds completed"), current.rounds_finished, before("rounds_finished")
        ),
        Comparison(_("Health checks with results"), current.health_checks, before("health_checks")),
        Comparison(_("Mean health (1–5)"), current.health_mean, before("health_mean")),
    ]


@dataclass(frozen=True)
class HoursRow:
    educator: str
    school: str
    what: str  # a group's name, or a kind of logged activity
    hours: float


def hours_rows(organisations: QuerySet[Organisation], period: Period) -> list[HoursRow]:
    """Each educator of ``organisations`` with their hours in ``period``: one row per
    group whose meetings they attended and per kind of activity they logged (kinds and
    hours only, never what they wrote). Three queries."""
    start, end = period.bounds()
    educators = {
        m.user_id: m
        for m in OrgMembership.objects.filter(organisation__in=organisations)
        .select_related("user__profile", "organisation")
        .order_by("user__profile__display_name", "user_id")
    }
    minutes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    attended = (
        Attendance.objects.filter(
            user_id__in=educators,
            status=AttendanceStatus.PRESENT,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        .values("user_id", "meeting__group__name")
        .annotate(n=Sum("minutes_attended"))
    )
    for row in attended:
        minutes[row["user_id"]][row["meeting__group__name"]] += row["n"] or 0
    kinds = dict(LearningActivity._meta.get_field("kind").choices)
    logged = (
        LearningActivity.objects.filter(
            user_id__in=educators, done_on__gte=period.first, done_on__lte=period.last
        )
        .values("user_id", "kind")
        .annotate(n=Sum("minutes"))
    )
    for row in logged:
        minutes[row["user_id"]][str(kinds.get(row["kind"], row["kind"]))] += row["n"] or 0
    rows = []
    for user_id, membership in educators.items():
        for what, n in sorted(minutes[user_id].items()):
            rows.append(
                HoursRow(
                    educator=membership.user.display_name,
                    school=membership.organisation.name,
                    what=what,
                    hours=round(n / 60, 2),
                )
            )
    return rows
