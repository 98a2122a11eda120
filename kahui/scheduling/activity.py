"""What the activity log records about availability polls (see :mod:`kahui.core.activity`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


class PollActivity(ActivityCode):
    CREATED = "poll.created", _("asked when to meet")
    ANSWERED = "poll.answered", _("answered a poll")
    CLOSED = "poll.closed", _("closed a poll")
    CHOSEN = "poll.chosen", _("chose a time from a poll")


def _poll(entry) -> str:
    return reverse("scheduling:poll", args=[entry.group.public_id, entry.ref["poll"]])


register(
    PollActivity,
    feed={
        PollActivity.CREATED: FeedLine(_("asked when to meet: “%(target)s”"), link=_poll),
        PollActivity.CHOSEN: FeedLine(_("chose a time for “%(target)s”"), link=_poll),
    },
)
