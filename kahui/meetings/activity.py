"""What the activity log records about meetings (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class MeetingActivity(ActivityCode):
    SCHEDULED = "meeting.scheduled", _("scheduled a meeting")
    SERIES_SCHEDULED = "meeting.series_scheduled", _("scheduled a series of meetings")
    CHANGED = "meeting.changed", _("moved or changed a meeting")
    CANCELLED = "meeting.cancelled", _("cancelled a meeting")
    RESTORED = "meeting.restored", _("restored a cancelled meeting")
    AGENDA_CHANGED = "meeting.agenda_changed", _("changed a meeting's agenda")
    # The shared timer: its first start and the end of the agenda only; pausing and
    # moving between steps happen every few minutes and would bury the log.
    CLOCK_STARTED = "meeting.clock_started", _("started a meeting's timer")
    CLOCK_FINISHED = "meeting.clock_finished", _("finished a meeting's agenda")
    MINUTES_SAVED = "meeting.minutes_saved", _("saved the minutes")
    DECISION = "meeting.decision", _("recorded a decision")
    ACTION_ADDED = "meeting.action_added", _("added an action")
    ACTION_STATUS = "meeting.action_status", _("updated an action")
    ATTENDANCE = "meeting.attendance", _("recorded attendance")
    DUTIES = "meeting.duties", _("assigned the meeting duties")
    TEMPLATE_COPIED = "meeting.template_copied", _("copied a meeting protocol")
    TEMPLATE_CHANGED = "meeting.template_changed", _("changed a meeting protocol")
    TEMPLATE_DEFAULT = "meeting.template_default", _("chose the default meeting protocol")
    GUEST_INVITED = "meeting.guest_invited", _("invited a guest to a meeting")
    GUEST_REVOKED = "meeting.guest_revoked", _("withdrew a guest's invitation")
    # A group's supporter (an RTLB, a coach) says whether they come to a meeting.
    SUPPORTER_COMING = "meeting.supporter_coming", _("said they come to a meeting")
    SUPPORTER_NOT_COMING = "meeting.supporter_not_coming", _("said they cannot come to a meeting")


register(MeetingActivity)
