"""One meeting of a series or on its own: moving or changing it, cancelling and
restoring it (members are told), its duties and its own agenda."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import AgendaItem, Meeting, MeetingStatus
from kahui.meetings.services.actions import member_check
from kahui.meetings.services.indexing import meetings_index
from kahui.meetings.services.protocols import StepEdit
from kahui.meetings.services.series import meeting_start, place_check
from kahui.notifications.models import Category
from kahui.notifications.services import notify


def _moved_start(meeting: Meeting, start_date: date, start_time: time) -> datetime:
    """The new start of ``meeting``: its own when the local date and time are left as
    they were (a meeting in the second of two 02:30s stays there), else by the rule
    of :func:`meeting_start`."""
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.time_zone))
    if (local.date(), local.time().replace(fold=0)) == (start_date, start_time.replace(fold=0)):
        return meeting.starts_at
    return meeting_start(start_date=start_date, start_time=start_time, time_zone=meeting.time_zone)


def meeting_move_check(*, meeting: Meeting, start_date: date, start_time: time) -> None:
    """Refuse moving ``meeting`` into the past, or to a time the clocks jump over
    (:class:`ClockSkipsTime`). Changing the room of a meeting that took place is
    fine, so a start left as it was is always accepted."""
    starts = _moved_start(meeting, start_date, start_time)
    if starts != meeting.starts_at and starts < timezone.now():
        raise KahuiError(_("A meeting cannot be moved into the past."))


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    by,
    start_date: date,
    start_time: time,
    duration_minutes: int,
    location: str,
    online_url: str,
    format: str,
    title: str | None = None,
    materials: str | None = None,
) -> Meeting:
    """Move or change one meeting (one occurrence of a series keeps its identity).
    A ``title`` or ``materials`` of None keeps the meeting's own."""
    meeting_move_check(meeting=meeting, start_date=start_date, start_time=start_time)
    place_check(format=format, location=location, online_url=online_url)
    starts = _moved_start(meeting, start_date, start_time)
    labels = {
        "title": _("Title"),
        "when": _("When"),
        "location": _("Room or place"),
        "materials": _("Materials"),
    }
    before = {
        "title": meeting.title,
        "when": timezone.localtime(meeting.starts_at, ZoneInfo(meeting.time_zone)).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "location": meeting.location,
        "materials": meeting.materials,
    }
    meeting.title = meeting.title if title is None else title
    meeting.materials = meeting.materials if materials is None else materials
    meeting.starts_at = starts
    meeting.ends_at = starts + timedelta(minutes=duration_minutes)
    meeting.location = location
    meeting.online_url = online_url
    meeting.format = format
    meeting.save()
    meetings_index([meeting])
    after = {
        "title": meeting.title,
        "when": timezone.localtime(starts, ZoneInfo(meeting.time_zone)).strftime("%Y-%m-%d %H:%M"),
        "location": location,
        "materials": meeting.materials,
    }
    changes = activity.field_changes(before, after, labels)
    if changes:
        meeting.sequence += 1  # calendars that hold the invitation follow the change
        meeting.save(update_fields=["sequence"])
    activity.record(
        actor=by,
        action=MeetingActivity.CHANGED,
        group=meeting.group,
        target=meeting.title,
        changes=changes,
    )
    if changes:
        _tell_members(meeting, by, _("Changed: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str = "") -> Meeting:
    if meeting.is_cancelled:
        raise KahuiError(_("This meeting is already cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.CANCELLED, group=meeting.group, target=meeting.title
    )
    _tell_members(meeting, by, _("Cancelled: %(title)s") % {"title": meeting.title})
    return meeting


def _tell_members(meeting: Meeting, by, title: str) -> None:
    notify(
        users=[
            m.user
            for m in meeting.group.memberships.select_related("user__profile")
            if m.user_id != by.pk
        ],
        category=Category.MEETINGS,
        title=title,
        url=reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id]),
        group=meeting.group,
        email_template="meeting_changed",
        context={
            "meeting": meeting,
            "headline": title,
            "meeting_url": reverse(
                "meetings:detail", args=[meeting.group.public_id, meeting.public_id]
            ),
        },
    )


@transaction.atomic
def meeting_restore(*, meeting: Meeting, by) -> Meeting:
    """Put a cancelled meeting back on; members, who were told it was cancelled, are
    told it is back."""
    if not meeting.is_cancelled:
        raise KahuiError(_("This meeting is not cancelled, so there is nothing to restore."))
    meeting.status = MeetingStatus.SCHEDULED
    meeting.cancel_reason = ""
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.RESTORED, group=meeting.group, target=meeting.title
    )
    _tell_members(meeting, by, _("Back on: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def duties_assign(*, meeting: Meeting, by, facilitator, note_taker, timekeeper) -> Meeting:
    for person in (facilitator, note_taker, timekeeper):
        member_check(meeting.group, person)
    meeting.facilitator = facilitator
    meeting.note_taker = note_taker
    meeting.timekeeper = timekeeper
    meeting.save(update_fields=["facilitator", "note_taker", "timekeeper", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.DUTIES, group=meeting.group, target=meeting.title
    )
    return meeting


@transaction.atomic
def agenda_save(*, meeting: Meeting, by, items: Sequence[StepEdit]) -> list[AgendaItem]:
    """Replace one meeting's agenda (its own copy of the protocol's steps) with
    ``items``, in that order; an empty list leaves the meeting without a fixed agenda."""
    before = [f"{item.title} ({item.minutes})" for item in meeting.agenda.all()]
    meeting.agenda.all().delete()
    agenda = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index, **vars(item))
        for index, item in enumerate(items, start=1)
    )
    after = [f"{item.title} ({item.minutes})" for item in agenda]
    meetings_index([meeting])
    activity.record(
        actor=by,
        action=MeetingActivity.AGENDA_CHANGED,
        group=meeting.group,
        target=meeting.title,
        changes=activity.field_changes(
            {"agenda": before}, {"agenda": after}, {"agenda": _("Agenda")}
        ),
    )
    return agenda
