"""Scheduling and running meetings: series, one meeting, minutes and decisions,
actions, attendance, protocols, guests and calendar feeds. Views, the scheduler, polls
and the demo call these; each sub-domain is a module of its own, and every service is
named here too, so ``from kahui.meetings import services`` reaches them all."""

from kahui.meetings.services.actions import action_add, action_set_status, due_date_check
from kahui.meetings.services.attendance import (
    AttendanceRow,
    attendance_closed_reason,
    attendance_record,
)
from kahui.meetings.services.feeds import feed_for, feed_reset
from kahui.meetings.services.guests import guest_invite, guest_revoke
from kahui.meetings.services.minutes import (
    MinutesConflict,
    decision_record,
    minutes_save,
    norms_reviewed,
)
from kahui.meetings.services.occurrences import (
    agenda_save,
    duties_assign,
    meeting_cancel,
    meeting_move,
    meeting_move_check,
    meeting_restore,
)
from kahui.meetings.services.protocols import (
    StepEdit,
    template_copy,
    template_make_default,
    template_save,
)
from kahui.meetings.services.series import (
    DEFAULT_SERIES_WEEKS,
    HORIZON_DAYS,
    ClockSkipsTime,
    Layout,
    MeetingPlan,
    PlaceMissing,
    SeriesEnd,
    clock_change_note,
    default_series_end,
    duties_for_next_meetings,
    meeting_start,
    meetings_layout,
    meetings_schedule,
    place_check,
    place_needs,
    repeat_rule_check,
    school_periods,
    series_extend,
    series_until,
    start_date_check,
    term_of,
)

__all__ = [
    "DEFAULT_SERIES_WEEKS",
    "HORIZON_DAYS",
    "AttendanceRow",
    "ClockSkipsTime",
    "Layout",
    "MeetingPlan",
    "MinutesConflict",
    "PlaceMissing",
    "SeriesEnd",
    "StepEdit",
    "action_add",
    "action_set_status",
    "agenda_save",
    "attendance_closed_reason",
    "attendance_record",
    "clock_change_note",
    "decision_record",
    "default_series_end",
    "due_date_check",
    "duties_assign",
    "duties_for_next_meetings",
    "feed_for",
    "feed_reset",
    "guest_invite",
    "guest_revoke",
    "meeting_cancel",
    "meeting_move",
    "meeting_move_check",
    "meeting_restore",
    "meeting_start",
    "meetings_layout",
    "meetings_schedule",
    "minutes_save",
    "norms_reviewed",
    "place_check",
    "place_needs",
    "repeat_rule_check",
    "school_periods",
    "series_extend",
    "series_until",
    "start_date_check",
    "template_copy",
    "template_make_default",
    "template_save",
    "term_of",
]
