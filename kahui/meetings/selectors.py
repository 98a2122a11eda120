"""Reading meetings: lists, the actions to review, professional-learning hours."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from kahui.accounts.models import User
from kahui.core.fragments import EXPIRES_AT
from kahui.groups.meeting_times import MeetingTime
from kahui.groups.models import GroupMembership, LearningGroup
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaTemplate,
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    Meeting,
    MeetingClock,
    MinutesEditor,
    NormReview,
)

# The built-in protocol a new group starts with as its default.
STARTER_PROTOCOL = "regular"


def starter_protocol() -> AgendaTemplate | None:
    """The built-in regular meeting (None where the built-ins are missing)."""
    return AgendaTemplate.objects.filter(group__isnull=True, key=STARTER_PROTOCOL).first()


def suggested_protocol(group: LearningGroup) -> AgendaTemplate | None:
    """The protocol the schedule form preselects: the group's default, or else, for
    a group without one, the built-in regular meeting, so its meetings have an agenda."""
    return group.default_template or starter_protocol()


# How far ahead Explore looks to say when a group meets.
MEETING_TIMES_AHEAD = timedelta(weeks=8)


def coming_meeting_times(groups: QuerySet[LearningGroup]) -> list[MeetingTime]:
    """The local weekday and start time of each held meeting of ``groups`` in the
    coming eight weeks, in the time zone it is held in (Explore's filters and cards)."""
    now = timezone.now()
    rows = (
        Meeting.objects.held()
        .filter(
            group__in=groups.values("pk"),
            ends_at__gte=now,
            starts_at__lt=now + MEETING_TIMES_AHEAD,
        )
        .values_list("group_id", "starts_at", "time_zone")
    )
    found = []
    for group_id, starts_at, time_zone in rows:
        local = starts_at.astimezone(ZoneInfo(time_zone))
        found.append(MeetingTime(group_id, local.weekday(), local.time(), time_zone))
    return found


def meetings_of(group: LearningGroup) -> QuerySet[Meeting]:
    return group.meetings.select_related("note_taker__profile", "facilitator__profile").annotate(
        present=Count(
            "attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT), distinct=True
        ),
        marked=Count("attendance", distinct=True),  # 0: attendance not recorded
        decision_count=Count("decisions", distinct=True),
    )


def next_meeting(group: LearningGroup) -> Meeting | None:
    return group.meetings.held().upcoming().first()


def next_meeting_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The context of the next-meeting card on the group home, for members and
    supporters."""
    if not access.can_support:
        return None
    upcoming = next_meeting(group)
    # Another meeting becomes the next one when this one ends.
    return {"next_meeting": upcoming, EXPIRES_AT: upcoming.ends_at if upcoming else None}


def attendance_people(meeting: Meeting) -> list[User]:
    """Whose attendance belongs to ``meeting``: who was a member of the group when it
    began, and anyone already marked at it or given a duty there, even if they have
    left since. People who joined later were never expected, so they are not offered
    (nor counted towards anyone's hours)."""
    members_then = GroupMembership.objects.filter(
        group_id=meeting.group_id, created_at__lte=meeting.starts_at
    ).values("user_id")
    marked = Attendance.objects.filter(meeting=meeting).values("user_id")
    on_duty = [
        user_id
        for user_id in (meeting.facilitator_id, meeting.note_taker_id, meeting.timekeeper_id)
        if user_id is not None
    ]
    return list(
        User.objects.filter(Q(pk__in=members_then) | Q(pk__in=marked) | Q(pk__in=on_duty))
        .select_related("profile")
        .order_by("profile__display_name", "pk")
    )


def actions_to_review(meeting: Meeting) -> QuerySet[ActionItem]:
    """Actions agreed before this meeting that were still open when it began, or are
    still open: they come back at every meeting until done."""
    return (
        ActionItem.objects.filter(group=meeting.group, created_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .filter(
            Q(status=ActionStatus.OPEN) | Q(completed_at__gte=meeting.starts_at - timedelta(days=1))
        )
        .select_related("owner__profile", "meeting")
        .order_by("status", "due_on", "id")
    )


def actions_of(user) -> QuerySet[ActionItem]:
    """``user``'s actions in the groups they still belong to, group by group (a page
    of them is shown under each group's name)."""
    return (
        ActionItem.objects.filter(
            owner=user,
            group__in=GroupMembership.objects.filter(user=user).values("group"),
        )
        .select_related("group", "meeting", "owner__profile")
        .order_by("group__name", "group_id", "status", "due_on", "id")
    )


# About a school term: how often a group is prompted to look at its agreements again.
NORMS_REVIEW_EVERY = timedelta(weeks=10)


def norms_review_due(group: LearningGroup) -> bool:
    """The group has not looked at its agreements for about a term: since its last
    review or, before the first one, since its first meeting (a new group has just
    written them)."""
    since = timezone.now() - NORMS_REVIEW_EVERY
    last = NormReview.objects.filter(group=group).first()
    if last is not None:
        return last.reviewed_at < since
    return group.meetings.held().filter(starts_at__lt=since).exists()


@dataclass(frozen=True)
class HoursSummary:
    meetings: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


def pd_record(user) -> QuerySet[Attendance]:
    """Meetings ``user`` attended, newest first: their professional-learning record."""
    return (
        Attendance.objects.filter(user=user, status=AttendanceStatus.PRESENT)
        .select_related("meeting__group")
        .order_by("-meeting__starts_at", "-pk")
    )


def pd_summary(user) -> HoursSummary:
    totals = pd_record(user).aggregate(n=Count("id"), minutes=Sum("minutes_attended"))
    return HoursSummary(meetings=totals["n"] or 0, minutes=totals["minutes"] or 0)


def calendar_feed(*, user, group: LearningGroup | None = None) -> CalendarFeed | None:
    """The current calendar subscription of a person (for ``group``, or for all their
    groups), if they asked for one."""
    return CalendarFeed.objects.filter(user=user, group=group, revoked_at__isnull=True).first()


def meetings_for_feed(*, user=None, group: LearningGroup | None = None) -> QuerySet[Meeting]:
    since = timezone.now() - timedelta(days=90)
    meetings = Meeting.objects.filter(starts_at__gte=since).select_related("group")
    if group is not None:
        return meetings.filter(group=group)
    return meetings.filter(group__in=GroupMembership.objects.filter(user=user).values("group"))


# How long a page that stopped saying so still counts as editing the minutes (it says
# so about every twenty seconds).
EDITING_SECONDS = 60
# Before the timer is started, how soon a meeting's start is shown as "starts in n min".
SOON_MINUTES = 90


@dataclass(frozen=True)
class ClockState:
    """The shared timer as a page shows it at ``now`` (the server's clock: pages count
    on from these figures, so a wrong clock on a laptop changes nothing)."""

    state: str  # "waiting" (not started), "running", "paused" or "finished"
    step: int  # index of the current agenda item; len(agenda) once finished
    item: AgendaItem | None
    length: int  # seconds the current step was given
    elapsed: int  # seconds spent in it so far
    starts_in: int | None  # minutes until the meeting starts, while waiting and soon
    now: datetime
    version: str  # changes whenever someone moves the timer

    @property
    def left(self) -> int:
        """Seconds left in the step; negative once it runs over."""
        return self.length - self.elapsed

    @property
    def over(self) -> int:
        return max(0, -self.left)

    @property
    def is_over(self) -> bool:
        return self.item is not None and self.left < 0

    @property
    def clock_text(self) -> str:
        """The time left as mm:ss, or the time over as +mm:ss."""
        seconds = abs(self.left)
        return f"{'+' if self.left < 0 else ''}{seconds // 60:02d}:{seconds % 60:02d}"


def clock_state(
    meeting: Meeting, agenda: list[AgendaItem], clock: MeetingClock | None, now: datetime
) -> ClockState:
    """Where the shared timer of ``meeting`` stands at ``now``."""
    if clock is None:
        minutes = int((meeting.starts_at - now).total_seconds() // 60) + 1
        first = agenda[0] if agenda else None
        return ClockState(
            state="waiting",
            step=0,
            item=first,
            length=first.minutes * 60 if first else 0,
            elapsed=0,
            starts_in=minutes if 0 < minutes <= SOON_MINUTES else None,
            now=now,
            version="0",
        )
    step = min(clock.step, len(agenda))
    item = agenda[step] if step < len(agenda) else None
    state = "finished" if item is None else "running" if clock.is_running else "paused"
    return ClockState(
        state=state,
        step=step,
        item=item,
        length=item.minutes * 60 if item else 0,
        elapsed=clock.elapsed(now) if item else 0,
        starts_in=None,
        now=now,
        version=f"{clock.changed_at.timestamp():.6f}",
    )


def minutes_editors(meeting: Meeting, *, viewer, now: datetime | None = None) -> list[User]:
    """Who else has had the minutes of ``meeting`` open for editing in the last minute."""
    since = (now or timezone.now()) - timedelta(seconds=EDITING_SECONDS)
    return [
        row.user
        for row in MinutesEditor.objects.filter(meeting=meeting, seen_at__gte=since)
        .exclude(user=viewer)
        .select_related("user__profile")
        .order_by("user__profile__display_name")
    ]


def next_meetings_of(user, limit: int = 5) -> list[Meeting]:
    """The coming meetings of ``user``'s groups, soonest first, each with the duties
    ``user`` holds in it (``duties``: facilitator, note-taker, timekeeper)."""
    meetings = list(
        Meeting.objects.held()
        .upcoming()
        .filter(group__in=GroupMembership.objects.filter(user=user).values("group"))
        .select_related("group")[:limit]
    )
    for meeting in meetings:
        meeting.duties = duties_of(meeting, user)  # type: ignore[attr-defined]
    return meetings


def duties_of(meeting: Meeting, user) -> list[str]:
    """The duties ``user`` holds in ``meeting``, as their translated names."""
    holders = (
        (meeting.facilitator_id, Meeting._meta.get_field("facilitator").verbose_name),
        (meeting.note_taker_id, Meeting._meta.get_field("note_taker").verbose_name),
        (meeting.timekeeper_id, Meeting._meta.get_field("timekeeper").verbose_name),
    )
    return [str(name) for holder, name in holders if holder is not None and holder == user.pk]


def open_actions_of(user, limit: int = 20) -> list[ActionItem]:
    """``user``'s open actions in the groups they still belong to, overdue and soonest
    due first, those without a date last."""
    return list(
        ActionItem.objects.open()
        .filter(
            owner=user,
            group__in=GroupMembership.objects.filter(user=user).values("group"),
        )
        .select_related("group", "meeting")
        .order_by(F("due_on").asc(nulls_last=True), "id")[:limit]
    )
