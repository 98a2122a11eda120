"""The meetings' periodic work, run by ``kahui scheduler`` every minute (see
:mod:`kahui.notifications.scheduler`; registered in :mod:`kahui.meetings.apps`)."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db.models import F, Max, Q
from django.urls import reverse

from kahui.meetings.ics import invitation
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    Meeting,
    MeetingSeries,
    MeetingStatus,
)
from kahui.meetings.services import duties_for_next_meetings, series_extend
from kahui.notifications.models import Category, Delivery, Notification, Preference
from kahui.notifications.replyto import ReplyTarget
from kahui.notifications.scheduler import TickReport
from kahui.notifications.services import delivery_for
from kahui.notifications.timing import zone_of

DEFAULT_REMINDERS = (24 * 60, 60)  # minutes before a meeting


def meetings_upkeep(now: datetime, report: TickReport) -> None:
    """Keep open-ended series laid out ahead, and suggest duties for the next meetings."""
    running_out = MeetingSeries.objects.annotate(last=Max("meetings__original_start")).filter(
        last__lte=now + timedelta(days=60)
    )
    for series in running_out.select_related("group", "template"):
        series_extend(series=series, today=now.date())
    duties_for_next_meetings()


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
            report.queue_email(
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
                url=url,
                group=meeting.group,
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
        url = reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
        report.queue_email(
            key=f"minutes:{meeting.pk}",
            user=meeting.note_taker,
            category=Category.MEETINGS,
            template="minutes_reminder",
            context={"meeting": meeting, "meeting_url": url},
            url=url,
            group=meeting.group,
            reply_to=ReplyTarget("minutes", meeting.pk),
        )


def overdue_actions(now: datetime, report: TickReport) -> None:
    """Tell the owner of each open action, once, when the day it was due has passed
    where they live."""
    actions = ActionItem.objects.filter(
        status=ActionStatus.OPEN, due_on__lt=now.date(), owner__isnull=False
    ).select_related("owner__profile", "group")
    for action in actions:
        if action.due_on >= now.astimezone(zone_of(action.owner)).date():
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
            report.queue_email(
                key=f"overdue:{action.pk}:{action.due_on}",
                user=action.owner,
                category=Category.ACTIONS,
                template="action_overdue",
                context={"action": action, "group": action.group},
                group=action.group,
            )


INVITE_AHEAD = timedelta(days=14)


def calendar_invitations(now: datetime, report: TickReport) -> None:
    """Email each member an invitation to a meeting two weeks before it (or when it is
    scheduled later than that), and send the update or cancellation to everyone invited
    when it changes. Each person gets each version (SEQUENCE) once; people who chose
    their calendar subscription instead get none."""
    meetings = (
        Meeting.objects.filter(
            Q(
                invited_sequence__isnull=True,
                status=MeetingStatus.SCHEDULED,
                starts_at__gt=now,
                starts_at__lte=now + INVITE_AHEAD,
            )
            | Q(invited_sequence__lt=F("sequence"), ends_at__gt=now)
        )
        .select_related("group")
        .order_by("starts_at")
    )
    for meeting in meetings:
        members = [m.user for m in meeting.group.memberships.select_related("user__profile")]
        declined = set(
            Preference.objects.filter(
                user__in=members, category=Category.CALENDAR, delivery=Delivery.OFF
            ).values_list("user_id", flat=True)
        )
        url = reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
        for user in members:
            if user.pk in declined:
                continue
            report.queue_email(
                key=f"invite:{meeting.pk}:{meeting.sequence}:{user.pk}",
                user=user,
                category=Category.CALENDAR,
                template="meeting_invitation",
                context={"meeting": meeting, "meeting_url": url},
                url=url,
                group=meeting.group,
                calendar=invitation(
                    meeting, attendee_email=user.email, attendee_name=user.profile.display_name
                ),
            )
        meeting.invited_sequence = meeting.sequence
        meeting.save(update_fields=["invited_sequence"])
