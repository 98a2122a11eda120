"""Periodic work: meeting reminders, minutes reminders, overdue actions, closing polls
past their deadline, daily and weekly digests, re-queueing emails a dead worker
left behind, and forgetting old form submission keys. ``kahui scheduler`` calls
:func:`tick` every minute.

Two schedulers may run at once (on two machines, or twice by mistake): every email is a
:class:`~kahui.notifications.models.Dispatch` with a unique key, so only one of them
queues it."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from kahui.accounts.models import User
from kahui.core.models import ActivityEntry
from kahui.core.submissions import submission_keys_prune
from kahui.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from kahui.notifications.models import Category, Delivery, Dispatch, Notification
from kahui.notifications.services import deliveries_for, delivery_for, queue_email
from kahui.scheduling.models import AvailabilityPoll

DEFAULT_REMINDERS = (24 * 60, 60)  # minutes before a meeting
DIGEST_HOUR = 7  # local time


@dataclass
class TickReport:
    queued: list[str] = field(default_factory=list)
    polls_closed: int = 0
    requeued: int = 0


def _queue(report: TickReport, **kwargs) -> None:
    if queue_email(**kwargs) is not None:
        report.queued.append(kwargs["key"])


def _zone(user) -> ZoneInfo:
    name = getattr(getattr(user, "profile", None), "time_zone", None) or settings.TIME_ZONE
    return ZoneInfo(name)


def meeting_reminders(now: datetime, report: TickReport) -> None:
    """The reminder whose time has come, once per meeting, offset and member. A
    meeting planned at short notice gets only the nearest reminder."""
    horizon = now + timedelta(minutes=max(DEFAULT_REMINDERS) + 7 * 24 * 60)
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=horizon
        )
        .select_related("group")
        .prefetch_related("agenda", "group__memberships__user__profile")
    )
    for meeting in meetings:
        offsets: Sequence[int] = meeting.group.reminder_minutes or DEFAULT_REMINDERS
        if meeting.group.reminder_minutes == [0]:  # the group turned reminders off
            continue
        due = [o for o in offsets if meeting.starts_at - timedelta(minutes=o) <= now]
        if not due:
            continue
        offset = min(due)
        actions = list(
            ActionItem.objects.filter(group=meeting.group, status=ActionStatus.OPEN).select_related(
                "owner"
            )[:20]
        )
        url = reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
        for membership in meeting.group.memberships.all():
            user = membership.user
            if delivery_for(user, Category.MEETINGS) == Delivery.OFF:
                continue
            _queue(
                report,
                key=f"reminder:{offset}:{meeting.pk}:{user.pk}",
                user=user,
                category=Category.MEETINGS,
                template="meeting_reminder",
                context={
                    "meeting": meeting,
                    "agenda": list(meeting.agenda.all()),
                    "actions": actions,
                    "meeting_url": url,
                },
            )


def minutes_reminders(now: datetime, report: TickReport) -> None:
    """Nudge the note-taker when a meeting ended two hours ago without minutes."""
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        ends_at__lte=now - timedelta(hours=2),
        ends_at__gt=now - timedelta(days=2),
        minutes="",
        note_taker__isnull=False,
    ).select_related("note_taker__profile", "group")
    for meeting in meetings:
        _queue(
            report,
            key=f"minutes:{meeting.pk}",
            user=meeting.note_taker,
            category=Category.MEETINGS,
            template="minutes_reminder",
            context={
                "meeting": meeting,
                "meeting_url": reverse(
                    "meetings:detail", args=[meeting.group.public_id, meeting.public_id]
                ),
            },
        )


def overdue_actions(now: datetime, report: TickReport) -> None:
    actions = ActionItem.objects.filter(
        status=ActionStatus.OPEN, due_on__lt=now.date(), owner__isnull=False
    ).select_related("owner__profile", "group")
    for action in actions:
        if action.due_on >= now.astimezone(_zone(action.owner)).date():
            continue
        _note, created = Notification.objects.get_or_create(
            user=action.owner,
            key=f"overdue:{action.pk}:{action.due_on}",
            defaults={
                "category": Category.ACTIONS,
                "group": action.group,
                "title": f"⏰ {action.text}"[:300],
                "url": reverse("meetings:my_actions"),
            },
        )
        if not created:
            continue
        if delivery_for(action.owner, Category.ACTIONS) == Delivery.IMMEDIATE:
            _queue(
                report,
                key=f"overdue:{action.pk}:{action.due_on}",
                user=action.owner,
                category=Category.ACTIONS,
                template="action_overdue",
                context={"action": action, "group": action.group},
            )


def close_polls(now: datetime, report: TickReport) -> None:
    report.polls_closed = AvailabilityPoll.objects.filter(
        closed_at__isnull=True, deadline__lte=now
    ).update(closed_at=now)


def digests(now: datetime, report: TickReport) -> None:
    """Daily digests at 07:00 local time for people who chose them; the weekly digest
    on Monday at 07:00. Each collects the notifications not yet emailed."""
    users = User.objects.filter(is_active=True).select_related("profile")
    for user in users:
        local = now.astimezone(_zone(user))
        if local.time() < time(DIGEST_HOUR):
            continue
        for period in ("daily", "weekly"):
            if period == "weekly" and local.weekday() != 0:
                continue
            wanted = Delivery.DAILY if period == "daily" else Delivery.WEEKLY
            chosen = deliveries_for(user)
            categories = [c for c in Category.values if chosen[c] == wanted]
            if not categories:
                continue
            since = now - timedelta(days=1 if period == "daily" else 7)
            notes = list(
                Notification.objects.filter(
                    user=user,
                    category__in=categories,
                    emailed_at__isnull=True,
                    created_at__gte=since,
                ).select_related("group")[:50]
            )
            activity = []
            if Category.DIGEST in categories:
                activity = list(
                    ActivityEntry.objects.filter(
                        group__memberships__user=user, created_at__gte=since
                    )
                    .exclude(actor=user)
                    .select_related("actor__profile", "group")[:30]
                )
            if not notes and not activity:
                continue
            stamp = (
                local.date().isoformat()
                if period == "daily"
                else (f"{local.isocalendar().year}-W{local.isocalendar().week:02d}")
            )
            dispatch = queue_email(
                key=f"digest:{period}:{user.pk}:{stamp}",
                user=user,
                category=Category.DIGEST,
                template="digest",
                context={"period": period, "notes": notes, "activity": activity},
            )
            if dispatch is not None:
                report.queued.append(dispatch.key)
                Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)


def requeue_stale(now: datetime, report: TickReport) -> None:
    """Emails still unsent ten minutes after they were queued: their worker died.
    Sending is idempotent, so queueing them again is safe."""
    from kahui.notifications.tasks import send_dispatch

    stale = Dispatch.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, created_at__lte=now - timedelta(minutes=10)
    ).filter(Q(attempts__lt=5))
    for dispatch_id in stale.values_list("pk", flat=True)[:500]:
        send_dispatch.enqueue(dispatch_id=dispatch_id)
        report.requeued += 1


def meetings_upkeep(now: datetime, report: TickReport) -> None:
    """Keep open-ended series laid out ahead, and suggest duties for the next meetings."""
    from kahui.meetings.models import MeetingSeries
    from kahui.meetings.services import duties_for_next_meetings, series_extend

    running_out = MeetingSeries.objects.annotate(last=Max("meetings__original_start")).filter(
        last__lte=now + timedelta(days=60)
    )
    for series in running_out.select_related("group", "template"):
        series_extend(series=series, today=now.date())
    duties_for_next_meetings()


def tick(now: datetime | None = None) -> TickReport:
    """One round of periodic work."""
    now = now or timezone.now()
    report = TickReport()
    meetings_upkeep(now, report)
    close_polls(now, report)
    meeting_reminders(now, report)
    minutes_reminders(now, report)
    overdue_actions(now, report)
    digests(now, report)
    requeue_stale(now, report)
    submission_keys_prune(now=now)
    return report
