"""Reading recognition: a member's contributions, kudos and celebrations, and the
professional-learning record (hours from attendance plus logged activities).

The public functions here are meant for other apps too (a portfolio, a report):
:func:`contributions_of` and :func:`learning_hours` take plain arguments and cost a
fixed number of queries, however many groups a person belongs to.

Years are calendar years in the person's own time zone: 1 January to 31 December,
which is also the school year in Aotearoa New Zealand. A meeting counts in the year of
the day it started where the person lives."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from kahui.discussions.models import Reaction, ReactionKind, Thread
from kahui.groups.models import GroupRole, LearningGroup
from kahui.library.models import Resource
from kahui.meetings.models import Attendance, Meeting, MeetingStatus, MinutesRevision
from kahui.meetings.selectors import pd_record
from kahui.notifications.timing import zone_of
from kahui.recognition.models import (
    Celebration,
    Certificate,
    CertificateStatus,
    Kudos,
    LearningActivity,
)

# ---------------------------------------------------------------------------
# Contributions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contributions:
    """What one person did in one group. Counts only: nothing is ranked, and no one
    is compared with anyone."""

    group: LearningGroup
    meetings_attended: int = 0
    minutes_taken: int = 0  # meetings whose minutes they wrote or edited
    facilitated: int = 0  # meetings they facilitated (duties at meetings that began)
    note_taker: int = 0
    timekeeper: int = 0
    resources_shared: int = 0
    answers_accepted: int = 0
    thanks_received: int = 0  # reactions by others to their messages
    helpful_received: int = 0
    kudos: int = 0

    @property
    def duties(self) -> int:
        return self.facilitated + self.note_taker + self.timekeeper

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.meetings_attended,
                self.minutes_taken,
                self.duties,
                self.resources_shared,
                self.answers_accepted,
                self.thanks_received,
                self.helpful_received,
                self.kudos,
            )
        )


def _counts(rows: Iterable[Any], key: str) -> dict[int, int]:
    """``{group id: count}`` from rows of ``values(key).annotate(n=Count(...))``."""
    return {row[key]: row["n"] for row in rows}


def contributions_of(
    user, *, groups: Sequence[LearningGroup] | None = None, now: datetime | None = None
) -> list[Contributions]:
    """``user``'s contributions in each of ``groups`` (all their groups when None,
    by name), in nine queries at most, whatever the number of groups.

    Duties count at meetings that have begun and were not cancelled; reactions and
    answers in hidden threads, and a person's reactions to their own messages, do not
    count."""
    now = now or timezone.now()
    if groups is None:
        groups = list(LearningGroup.objects.filter(memberships__user=user).order_by("name"))
    ids = [group.pk for group in groups]
    if not ids:
        return []
    attended = _counts(
        pd_record(user)
        .filter(meeting__group_id__in=ids)
        .order_by()
        .values("meeting__group_id")
        .annotate(n=Count("id")),
        "meeting__group_id",
    )
    duties: dict[int, dict[str, Any]] = {
        row["group_id"]: dict(row)
        for row in Meeting.objects.filter(
            group_id__in=ids, status=MeetingStatus.SCHEDULED, starts_at__lte=now
        )
        .filter(Q(facilitator=user) | Q(note_taker=user) | Q(timekeeper=user))
        .order_by()
        .values("group_id")
        .annotate(
            facilitated=Count("id", filter=Q(facilitator=user)),
            note_taker=Count("id", filter=Q(note_taker=user)),
            timekeeper=Count("id", filter=Q(timekeeper=user)),
        )
    }
    minutes = _counts(
        MinutesRevision.objects.filter(saved_by=user, meeting__group_id__in=ids)
        .order_by()
        .values("meeting__group_id")
        .annotate(n=Count("meeting_id", distinct=True)),
        "meeting__group_id",
    )
    resources = _counts(
        Resource.objects.filter(added_by=user, group_id__in=ids)
        .order_by()
        .values("group_id")
        .annotate(n=Count("id")),
        "group_id",
    )
    answers = _counts(
        Thread.objects.filter(group_id__in=ids, accepted__author=user, hidden_at__isnull=True)
        .order_by()
        .values("group_id")
        .annotate(n=Count("id")),
        "group_id",
    )
    reactions: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Reaction.objects.filter(
            post__author=user,
            post__thread__group_id__in=ids,
            post__thread__hidden_at__isnull=True,
            kind__in=[ReactionKind.THANKS, ReactionKind.HELPFUL],
        )
        .exclude(user=user)
        .order_by()
        .values("post__thread__group_id", "kind")
        .annotate(n=Count("id"))
    ):
        reactions[row["post__thread__group_id"]][row["kind"]] = row["n"]
    kudos = _counts(
        Kudos.objects.filter(receiver=user, group_id__in=ids)
        .order_by()
        .values("group_id")
        .annotate(n=Count("id")),
        "group_id",
    )
    result = []
    for group in groups:
        duty = duties.get(group.pk, {})
        result.append(
            Contributions(
                group=group,
                meetings_attended=attended.get(group.pk, 0),
                minutes_taken=minutes.get(group.pk, 0),
                facilitated=duty.get("facilitated", 0),
                note_taker=duty.get("note_taker", 0),
                timekeeper=duty.get("timekeeper", 0),
                resources_shared=resources.get(group.pk, 0),
                answers_accepted=answers.get(group.pk, 0),
                thanks_received=reactions[group.pk].get(ReactionKind.THANKS, 0),
                helpful_received=reactions[group.pk].get(ReactionKind.HELPFUL, 0),
                kudos=kudos.get(group.pk, 0),
            )
        )
    return result


def _kudos() -> QuerySet[Kudos]:
    return Kudos.objects.select_related(
        "giver__profile", "receiver__profile", "group", "meeting", "resource", "post__thread"
    )


def kudos_received(user, *, groups: Sequence[LearningGroup] | None = None, limit: int = 20):
    """The newest kudos ``user`` received (in ``groups`` only, when given)."""
    kudos = _kudos().filter(receiver=user)
    if groups is not None:
        kudos = kudos.filter(group_id__in=[group.pk for group in groups])
    return list(kudos[:limit])


def kudos_of_group(group: LearningGroup) -> QuerySet[Kudos]:
    """Every kudos shared in ``group``, newest first."""
    return _kudos().filter(group=group)


def celebrations_of(group: LearningGroup) -> QuerySet[Celebration]:
    return Celebration.objects.filter(group=group)


def recognition_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The card on the group home: the newest kudos and celebration, for members."""
    if not access.is_member:
        return None
    return {
        "recent_kudos": list(kudos_of_group(group)[:3]),
        "last_celebration": celebrations_of(group).first(),
    }


# ---------------------------------------------------------------------------
# The professional-learning record
# ---------------------------------------------------------------------------


def year_bounds(year: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The first and last instants of ``year`` in ``zone`` (end exclusive)."""
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=zone),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=zone),
    )


def this_year(user) -> int:
    return timezone.now().astimezone(zone_of(user)).year


def attended_in(user, *, year: int, group: LearningGroup | None = None) -> QuerySet[Attendance]:
    """The meetings ``user`` attended in ``year`` (in ``group``), newest first: the
    meetings app's record of attendance, narrowed to the year."""
    start, end = year_bounds(year, zone_of(user))
    attended = pd_record(user).filter(meeting__starts_at__gte=start, meeting__starts_at__lt=end)
    if group is not None:
        attended = attended.filter(meeting__group=group)
    return attended


def activities_in(
    user, *, year: int, group: LearningGroup | None = None
) -> QuerySet[LearningActivity]:
    activities = LearningActivity.objects.filter(user=user, done_on__year=year).select_related(
        "group"
    )
    if group is not None:
        activities = activities.filter(group=group)
    return activities


@dataclass(frozen=True)
class Hours:
    """Hours of professional learning: from meetings attended and logged activities."""

    meetings: int = 0
    meeting_minutes: int = 0
    activities: int = 0
    activity_minutes: int = 0

    @property
    def minutes(self) -> int:
        return self.meeting_minutes + self.activity_minutes

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def meeting_hours(self) -> float:
        return round(self.meeting_minutes / 60, 2)

    @property
    def activity_hours(self) -> float:
        return round(self.activity_minutes / 60, 2)


def learning_hours(user, *, year: int, group: LearningGroup | None = None) -> Hours:
    """``user``'s hours in ``year`` (with ``group`` only, when given): two queries."""
    meetings = attended_in(user, year=year, group=group).aggregate(
        n=Count("id"), minutes=Sum("minutes_attended")
    )
    logged = activities_in(user, year=year, group=group).aggregate(
        n=Count("id"), minutes=Sum("minutes")
    )
    return Hours(
        meetings=meetings["n"] or 0,
        meeting_minutes=meetings["minutes"] or 0,
        activities=logged["n"] or 0,
        activity_minutes=logged["minutes"] or 0,
    )


def record_years(user) -> list[int]:
    """The years ``user`` has a record in, newest first, always with this year."""
    first_meeting = pd_record(user).aggregate(first=Min("meeting__starts_at"))["first"]
    first_activity = LearningActivity.objects.filter(user=user).aggregate(first=Min("done_on"))[
        "first"
    ]
    current = this_year(user)
    years = [current]
    if first_meeting is not None:
        years.append(first_meeting.astimezone(zone_of(user)).year)
    if first_activity is not None:
        years.append(first_activity.year)
    return list(range(max(years), min(years) - 1, -1))


@dataclass(frozen=True)
class GroupHours:
    group: LearningGroup
    meetings: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass
class LearningRecord:
    """A person's year: the meetings they attended, what they logged, and the total."""

    year: int
    attended: list[Attendance]
    activities: list[LearningActivity]
    by_group: list[GroupHours] = field(default_factory=list)

    @property
    def totals(self) -> Hours:
        return Hours(
            meetings=len(self.attended),
            meeting_minutes=sum(mark.minutes_attended for mark in self.attended),
            activities=len(self.activities),
            activity_minutes=sum(activity.minutes for activity in self.activities),
        )


def learning_record(user, *, year: int) -> LearningRecord:
    """``user``'s whole record for ``year``: two queries."""
    attended = list(attended_in(user, year=year))
    activities = list(activities_in(user, year=year))
    per_group: dict[int, GroupHours] = {}
    for mark in attended:
        group = mark.meeting.group
        before = per_group.get(group.pk, GroupHours(group, 0, 0))
        per_group[group.pk] = GroupHours(
            group, before.meetings + 1, before.minutes + mark.minutes_attended
        )
    by_group = sorted(per_group.values(), key=lambda row: row.group.name)
    return LearningRecord(year=year, attended=attended, activities=activities, by_group=by_group)


def certificates_of(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("group")


def certificates_to_confirm(user) -> QuerySet[Certificate]:
    """Requests waiting in the groups ``user`` facilitates (not their own)."""
    return (
        Certificate.objects.filter(
            status=CertificateStatus.REQUESTED,
            group__memberships__user=user,
            group__memberships__role=GroupRole.FACILITATOR,
        )
        .exclude(user=user)
        .select_related("user__profile", "group")
        .order_by("created_at", "id")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The confirmed (or since revoked) certificate with this verification code."""
    if not code:
        return None
    return (
        Certificate.objects.filter(
            code=code, status__in=[CertificateStatus.CONFIRMED, CertificateStatus.REVOKED]
        )
        .only(
            "holder_name",
            "group_name",
            "period_start",
            "period_end",
            "meeting_minutes",
            "activity_minutes",
            "status",
            "revoked_at",
            "decided_at",
            "code",
        )
        .first()
    )
