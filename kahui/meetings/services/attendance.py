"""Attendance, which becomes each member's professional-learning hours."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.meetings.access import can_record_attendance
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import Attendance, AttendanceStatus, Meeting
from kahui.meetings.selectors import attendance_people


@dataclass(frozen=True)
class AttendanceRow:
    user_id: int
    status: str
    minutes_attended: int


def attendance_closed_reason(meeting: Meeting) -> str:
    """Why attendance cannot be recorded for ``meeting`` yet (empty when it can)."""
    if meeting.is_cancelled:
        return _("This meeting was cancelled, so there is no attendance to record.")
    if not meeting.has_started:
        return _("Attendance can be recorded once the meeting has started.")
    return ""


@transaction.atomic
def attendance_record(*, meeting: Meeting, by, rows: Sequence[AttendanceRow]) -> None:
    """Record who came and for how long; replaces earlier marks for these people.
    ``by`` must be allowed to (:func:`~kahui.meetings.access.can_record_attendance`).
    Only for the people :func:`~kahui.meetings.selectors.attendance_people` expects:
    who was a member when the meeting began, or is already marked or on duty there."""
    if not can_record_attendance(by, meeting):
        raise NotAllowed(_("Only the facilitator or the note-taker records attendance."))
    if reason := attendance_closed_reason(meeting):
        raise KahuiError(reason)
    expected = {user.pk for user in attendance_people(meeting)}
    for row in rows:
        if row.user_id not in expected:
            raise KahuiError(
                _("Attendance can only be recorded for people who were members at the meeting.")
            )
        if row.status not in AttendanceStatus.values:
            raise KahuiError(_("Unknown attendance status."))
        minutes = row.minutes_attended if row.status == AttendanceStatus.PRESENT else 0
        if minutes > meeting.duration_minutes * 2:
            raise KahuiError(_("Minutes attended look too long for this meeting."))
        Attendance.objects.update_or_create(
            meeting=meeting,
            user_id=row.user_id,
            defaults={"status": row.status, "minutes_attended": minutes, "recorded_by": by},
        )
    activity.record(
        actor=by, action=MeetingActivity.ATTENDANCE, group=meeting.group, target=meeting.title
    )
