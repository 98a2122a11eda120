"""Meeting pages: the group's meetings, scheduling, the meeting itself (agenda with a
shared timer, minutes, decisions, actions, attendance, duties, guests), protocols,
"my actions", professional-learning hours and calendar feeds.

Each sub-domain is a module of its own; the URL table reads every page from here."""

from kahui.meetings.views.actions import action_add, action_status, my_actions
from kahui.meetings.views.attendance import attendance, pd_hours, pd_hours_csv
from kahui.meetings.views.clock import clock, clock_move
from kahui.meetings.views.feeds import (
    calendar,
    calendar_renew,
    feed,
    group_calendar,
    group_calendar_renew,
    meeting_ics,
)
from kahui.meetings.views.guests import guest, guest_add, guest_revoke, supporter_rsvp
from kahui.meetings.views.minutes import (
    decision_add,
    minutes,
    minutes_editors,
    minutes_history,
    norms_reviewed,
)
from kahui.meetings.views.occurrences import agenda_edit, detail, duties, edit
from kahui.meetings.views.protocols import template_copy, template_default, template_edit, templates
from kahui.meetings.views.series import meeting_list, schedule

__all__ = [
    "action_add",
    "action_status",
    "agenda_edit",
    "attendance",
    "calendar",
    "calendar_renew",
    "clock",
    "clock_move",
    "decision_add",
    "detail",
    "duties",
    "edit",
    "feed",
    "group_calendar",
    "group_calendar_renew",
    "guest",
    "guest_add",
    "guest_revoke",
    "meeting_ics",
    "meeting_list",
    "minutes",
    "minutes_editors",
    "minutes_history",
    "my_actions",
    "norms_reviewed",
    "pd_hours",
    "pd_hours_csv",
    "schedule",
    "supporter_rsvp",
    "template_copy",
    "template_default",
    "template_edit",
    "templates",
]
