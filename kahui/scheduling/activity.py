"""What the activity log records about availability polls (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class PollActivity(ActivityCode):
    CREATED = "poll.created", _("asked when to meet")
    ANSWERED = "poll.answered", _("answered a poll")
    CLOSED = "poll.closed", _("closed a poll")
    CHOSEN = "poll.chosen", _("chose a time from a poll")


register(PollActivity)
