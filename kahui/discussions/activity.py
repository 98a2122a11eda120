"""What the activity log records about discussions (see :mod:`kahui.core.activity`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


class DiscussionActivity(ActivityCode):
    STARTED = "discussion.started", _("started a thread")
    REPLIED = "discussion.replied", _("replied in a thread")
    EDITED = "discussion.edited", _("edited a message")
    ANSWERED = "discussion.answered", _("marked an answer")
    MODERATED = "discussion.moderated", _("moderated a thread")


def _at_post(entry) -> str:
    """The thread, at the post when the entry names one."""
    url = reverse("discussions:thread", args=[entry.group.public_id, entry.ref["thread"]])
    return f"{url}#p{entry.ref['post']}" if entry.ref.get("post") else url


register(
    DiscussionActivity,
    feed={
        DiscussionActivity.STARTED: FeedLine(_("started “%(target)s”"), link=_at_post),
        DiscussionActivity.REPLIED: FeedLine(
            _("replied in “%(target)s”"), _("replied to your thread “%(target)s”"), _at_post
        ),
        DiscussionActivity.EDITED: FeedLine(_("edited a message in “%(target)s”"), link=_at_post),
        DiscussionActivity.ANSWERED: FeedLine(
            _("marked an answer on “%(target)s”"),
            _("accepted your answer on “%(target)s”"),
            _at_post,
        ),
        DiscussionActivity.MODERATED: FeedLine(_("moderated “%(target)s”"), link=_at_post),
    },
)
