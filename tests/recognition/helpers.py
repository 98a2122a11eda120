"""What the recognition tests share: meetings that took place, with attendance."""

from datetime import datetime, timedelta

from kahui.groups.models import GroupMembership
from kahui.meetings import services as meeting_services
from kahui.meetings.models import Meeting
from tests.conftest import make_meeting


def members_since(world, when: datetime) -> None:
    """Everyone in the world's group has been a member since ``when``."""
    GroupMembership.objects.filter(group=world.group).update(created_at=when)


def held_meeting(world, *, starts: datetime, attended=(), minutes: int = 60, **duties) -> Meeting:
    """A meeting of the world's group that began at ``starts`` and lasted an hour,
    with ``attended`` marked present for ``minutes`` and any ``duties``
    (facilitator=, note_taker=, timekeeper=)."""
    meeting = make_meeting(world, days=400)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=1), **duties
    )
    meeting.refresh_from_db()
    if attended:
        meeting_services.attendance_record(
            meeting=meeting,
            by=world.facilitator,
            rows=[
                meeting_services.AttendanceRow(person.pk, "present", minutes) for person in attended
            ],
        )
    return meeting
