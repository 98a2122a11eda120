"""Where a reply posts: each kind of reply address (``ReplyTarget.kind``) and what a
reply to it does, asking the owning app's access rules first, as its pages do.

- ``thread``: a reply in a discussion thread (the emails about a post, a mention or an
  answer), for a member who may still read the thread (``discussions.access``) while it
  is open (the discussions service refuses a locked or hidden thread).
- ``minutes``: a meeting's minutes (the nudge to the note-taker), for a member of the
  group while the meeting is not cancelled; the reply is added below minutes someone
  wrote meanwhile.

Files attached to the email become resources in the group's library (within the
library's limits), linked from the post."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.discussions import services as discussions
from kahui.discussions.access import post_readable
from kahui.discussions.models import Thread
from kahui.groups.access import group_access, is_member
from kahui.groups.models import LearningGroup
from kahui.library import services as library
from kahui.library.models import ResourceKind
from kahui.meetings import services as meetings
from kahui.meetings.models import Meeting, MeetingStatus
from kahui.replies.incoming import Attachment
from kahui.replies.models import Reason


class Refused(Exception):
    """A reply that must not be posted, and why (a :class:`Reason`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Posted:
    url: str
    group: LearningGroup
    skipped: list[str] = field(default_factory=list)  # files not attached, and why


def _files(group: LearningGroup, by, attachments: list[Attachment]) -> tuple[list[str], list[str]]:
    """Each attachment added to the group's library: Markdown links, and what was
    left out with the library's reason."""
    links, skipped = [], []
    for attachment in attachments:
        try:
            resource = library.resource_add(
                group=group,
                by=by,
                kind=ResourceKind.FILE,
                title=attachment.name[:200],
                upload=ContentFile(attachment.content, name=attachment.name),
            )
        except KahuiError as error:
            skipped.append(f"{attachment.name}: {error}")
            continue
        links.append(f"📎 [{attachment.name}]({library.resource_url(resource)})")
    return links, skipped


def _with_files(text: str, links: list[str]) -> str:
    return "\n\n".join(part for part in [text, "\n".join(links)] if part)


def post_in_thread(*, target_id: int, by, text: str, attachments: list[Attachment]) -> Posted:
    thread = Thread.objects.select_related("group").filter(pk=target_id).first()
    if thread is None:
        raise Refused(Reason.GONE)
    access = group_access(by, thread.group)
    if not post_readable(access, user=by, thread=thread, author_id=None):
        raise Refused(Reason.NOT_ALLOWED)
    if thread.locked or thread.hidden_at is not None:
        raise Refused(Reason.NOT_ALLOWED, "locked or hidden")
    links, skipped = _files(thread.group, by, attachments)
    try:
        post = discussions.reply(thread=thread, by=by, body=_with_files(text, links))
    except KahuiError as error:
        raise Refused(Reason.NOT_ALLOWED, str(error)) from error
    url = reverse("discussions:thread", args=[thread.group.public_id, thread.public_id])
    return Posted(url=f"{url}#p{post.public_id}", group=thread.group, skipped=skipped)


def add_to_minutes(*, target_id: int, by, text: str, attachments: list[Attachment]) -> Posted:
    meeting = Meeting.objects.select_related("group").filter(pk=target_id).first()
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        raise Refused(Reason.GONE)
    if not is_member(by, meeting.group):
        raise Refused(Reason.NOT_ALLOWED)
    links, skipped = _files(meeting.group, by, attachments)
    addition = _with_files(text, links)
    minutes = f"{meeting.minutes.rstrip()}\n\n{addition}" if meeting.minutes.strip() else addition
    meetings.minutes_save(meeting=meeting, by=by, text=minutes, version=meeting.minutes_version)
    url = reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
    return Posted(url=url, group=meeting.group, skipped=skipped)


Handler = Callable[..., Posted]

HANDLERS: dict[str, Handler] = {"thread": post_in_thread, "minutes": add_to_minutes}
