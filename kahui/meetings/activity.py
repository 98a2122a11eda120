"""What the activity log records about meetings (see :mod:`kahui.core.activity`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


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


def _meeting(entry, anchor: str = "") -> str:
    url = reverse("meetings:detail", args=[entry.group.public_id, entry.ref["meeting"]])
    return f"{url}#{anchor}" if anchor else url


def _decision(entry) -> str:
    return _meeting(entry, "decisions")


def _action(entry) -> str:
    """The action on its meeting's page, else the meetings of its group."""
    if entry.ref.get("meeting"):
        return _meeting(entry, f"action-{entry.ref['action']}")
    return reverse("meetings:list", args=[entry.group.public_id])


register(
    MeetingActivity,
    feed={
        MeetingActivity.SCHEDULED: FeedLine(_("scheduled “%(target)s”"), link=_meeting),
        MeetingActivity.SERIES_SCHEDULED: FeedLine(
            _("scheduled a series of meetings, “%(target)s”"), link=_meeting
        ),
        MeetingActivity.MINUTES_SAVED: FeedLine(
            _("saved the minutes of “%(target)s”"), link=_meeting
        ),
        MeetingActivity.DECISION: FeedLine(_("recorded a decision: “%(target)s”"), link=_decision),
        MeetingActivity.ACTION_ADDED: FeedLine(
            _("added an action: “%(target)s”"), _("gave you an action: “%(target)s”"), _action
        ),
        MeetingActivity.ACTION_STATUS: FeedLine(
            _("updated the action “%(target)s”"),
            _("updated your action “%(target)s”"),
            _action,
        ),
    },
)
