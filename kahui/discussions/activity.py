"""What the activity log records about discussions (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class DiscussionActivity(ActivityCode):
    STARTED = "discussion.started", _("started a thread")
    REPLIED = "discussion.replied", _("replied in a thread")
    EDITED = "discussion.edited", _("edited a message")
    ANSWERED = "discussion.answered", _("marked an answer")
    MODERATED = "discussion.moderated", _("moderated a thread")


register(DiscussionActivity)
