"""Conversations in a group: threads, replies, @mentions, reactions, answers and
moderation. Every write is logged, indexed for search and told to the right people."""

import re
import unicodedata

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.accounts.models import User
from kahui.core import activity, search
from kahui.core.errors import KahuiError, NotAllowed
from kahui.discussions.access import can_choose_answer, can_edit_post, can_moderate
from kahui.discussions.activity import DiscussionActivity
from kahui.discussions.models import (
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    Thread,
    ThreadKind,
    ThreadRead,
)
from kahui.groups.models import LearningGroup
from kahui.notifications.models import Category
from kahui.notifications.replyto import ReplyTarget
from kahui.notifications.services import notify

# "@" then a name that may hold apostrophes, hyphens and dots (O'Brien, Mary-Jane,
# first.last) but ends on a letter or digit, so "@Mere." or "@Mere," mean Mere.
MENTION = re.compile(r"(?<![\w@'’])@(\w(?:[\w.'’\-]*\w)?)")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _handle(text: str) -> str:
    """``text`` as a mention handle: letters and digits only, lower case, without
    accents or macrons, so @SeanOBrien, @SeánO'Brien and @seánobrien are one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _mentioned_handles(body: str) -> set[str]:
    words = set()
    for name in MENTION.findall(body):
        words.add(_handle(name))
        if POSSESSIVE.search(name):  # "@SeánO'Brien's idea"
            words.add(_handle(POSSESSIVE.sub("", name)))
    words.discard("")
    return words


def mentioned_members(group: LearningGroup, body: str) -> list[User]:
    """Members named in ``body`` as @FirstLast, @first.last (email name) or @First
    when only one member has that first name. Apostrophes, hyphens, accents and
    macrons in names may be typed or left out: @SeánO'Brien or @SeanOBrien."""
    words = _mentioned_handles(body)
    if not words:
        return []
    members = [m.user for m in group.memberships.select_related("user__profile")]
    first_names: dict[str, list[User]] = {}
    for user in members:
        first = _handle(user.display_name.split()[0]) if user.display_name.split() else ""
        first_names.setdefault(first, []).append(user)
    found = []
    for user in members:
        handles = {_handle(user.display_name), _handle(user.email.split("@")[0])}
        first = _handle(user.display_name.split()[0]) if user.display_name.split() else ""
        if handles & words or (first in words and len(first_names[first]) == 1):
            found.append(user)
    return found


def _thread_url(thread: Thread) -> str:
    return reverse("discussions:thread", args=[thread.group.public_id, thread.public_id])


def _index(post: Post) -> None:
    thread = post.thread
    if thread.hidden_at is not None:
        # A hidden thread stays out of search until a facilitator shows it again.
        search.unindex(kind="post", object_id=post.pk)
        return
    is_first = not thread.posts.filter(created_at__lt=post.created_at).exists()
    search.index_many([_search_document(post, first=is_first)])


def posts_reindex() -> int:
    """Every post of a thread not hidden in the search index again (``kahui
    reindex-search``)."""
    posts = (
        Post.objects.select_related("thread__group")
        .filter(thread__hidden_at=None)
        .order_by("thread_id", "created_at", "pk")
    )

    def documents():
        thread_id = None
        for post in posts.iterator(chunk_size=2000):
            yield _search_document(post, first=post.thread_id != thread_id)
            thread_id = post.thread_id

    return search.index_many(documents())


def _search_document(post: Post, *, first: bool) -> search.Document:
    thread = post.thread
    return search.Document(
        kind="post",
        object_id=post.pk,
        group_id=thread.group_id,
        title=thread.title if first else _("Reply in: %(title)s") % {"title": thread.title},
        body=post.body,
        url=_thread_url(thread) + f"#p{post.public_id}",
        dated=post.created_at,
    )


def _tell(post: Post, by, *, new_thread: bool) -> None:
    thread = post.thread
    mentioned = [u for u in mentioned_members(thread.group, post.body) if u.pk != by.pk]
    told = [(mentioned, _("%(name)s mentioned you in “%(title)s”"))]
    if not new_thread:
        participants = {
            p.author for p in thread.posts.select_related("author__profile") if p.author is not None
        }
        others = [u for u in participants if u.pk != by.pk and u not in mentioned]
        told.append((others, _("%(name)s replied in “%(title)s”")))
    url = _thread_url(thread) + f"#p{post.public_id}"
    for users, title in told:
        if users:
            notify(
                users=users,
                category=Category.MENTIONS,
                title=title % {"name": by.display_name, "title": thread.title},
                url=url,
                group=thread.group,
                email_template="mention",
                context={"thread": thread, "post": post, "by": by.display_name, "url": url},
                reply_to=ReplyTarget("thread", thread.pk),
            )


@transaction.atomic
def thread_start(*, group: LearningGroup, by, kind: str, title: str, body: str) -> Thread:
    if kind not in ThreadKind.values:
        raise KahuiError(_("Choose what kind of thread this is."))
    now = timezone.now()
    thread = Thread.objects.create(
        group=group, kind=kind, title=title, started_by=by, last_activity_at=now
    )
    post = Post.objects.create(thread=thread, author=by, body=body)
    ThreadRead.objects.create(thread=thread, user=by, read_at=now)
    activity.record(
        actor=by,
        action=DiscussionActivity.STARTED,
        group=group,
        target=title,
        ref={"thread": str(thread.public_id)},
    )
    _index(post)
    _tell(post, by, new_thread=True)
    return thread


@transaction.atomic
def reply(*, thread: Thread, by, body: str) -> Post:
    if thread.locked:
        raise KahuiError(_("This thread is locked; no new replies."))
    if thread.hidden_at:
        raise KahuiError(_("This thread is hidden."))
    post = Post.objects.create(thread=thread, author=by, body=body)
    thread.last_activity_at = post.created_at
    thread.save(update_fields=["last_activity_at", "updated_at"])
    mark_read(thread=thread, user=by)
    activity.record(
        actor=by,
        action=DiscussionActivity.REPLIED,
        group=thread.group,
        target=thread.title,
        ref={
            "thread": str(thread.public_id),
            "post": str(post.public_id),
            "to": thread.started_by_id,
        },
    )
    _index(post)
    _tell(post, by, new_thread=False)
    return post


@transaction.atomic
def post_edit(*, post: Post, by, body: str) -> Post:
    if not can_edit_post(by, post):
        raise NotAllowed(_("Only the author can edit a message."))
    if post.body == body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=by)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at", "updated_at"])
    activity.record(
        actor=by,
        action=DiscussionActivity.EDITED,
        group=post.thread.group,
        target=post.thread.title,
        ref={"thread": str(post.thread.public_id), "post": str(post.public_id)},
    )
    _index(post)
    return post


@transaction.atomic
def answer_accept(*, thread: Thread, by, post: Post | None) -> Thread:
    """Mark ``post`` as the answer to a question (or clear it with ``None``)."""
    if not thread.takes_an_answer:
        raise KahuiError(_("Only questions and problems of practice have an answer."))
    if not can_choose_answer(by, thread):
        raise NotAllowed(_("The person who asked, or a facilitator, chooses the answer."))
    if post is not None and post.thread_id != thread.pk:
        raise KahuiError(_("That message is not in this thread."))
    thread.accepted = post
    thread.save(update_fields=["accepted", "updated_at"])
    activity.record(
        actor=by,
        action=DiscussionActivity.ANSWERED,
        group=thread.group,
        target=thread.title,
        ref={"thread": str(thread.public_id)}
        | ({"post": str(post.public_id), "to": post.author_id} if post else {}),
    )
    return thread


@transaction.atomic
def react(*, post: Post, by, kind: str) -> bool:
    """Toggle a reaction; returns whether it is now on."""
    if kind not in ReactionKind.values:
        raise KahuiError(_("Unknown reaction."))
    if post.thread.hidden_at:
        raise KahuiError(_("This thread is hidden."))
    deleted, _rows = Reaction.objects.filter(post=post, user=by, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=by, kind=kind)
    except IntegrityError:
        return True
    return True


@transaction.atomic
def moderate(
    *,
    thread: Thread,
    by,
    pinned: bool | None = None,
    locked: bool | None = None,
    hidden: bool | None = None,
    reason: str = "",
) -> Thread:
    if not can_moderate(by, thread.group):
        raise NotAllowed(_("Only facilitators pin, lock or hide threads."))
    if hidden and not reason.strip():
        raise KahuiError(_("Say why the thread is hidden; members see the reason."))
    # Save only what changes: a stale ``thread`` must not overwrite the answer or the
    # last activity someone else wrote in the meantime.
    fields = ["updated_at"]
    if pinned is not None:
        thread.pinned = pinned
        fields.append("pinned")
    if locked is not None:
        thread.locked = locked
        fields.append("locked")
    if hidden is not None:
        thread.hidden_at = timezone.now() if hidden else None
        thread.hidden_reason = reason.strip() if hidden else ""
        fields += ["hidden_at", "hidden_reason"]
    thread.save(update_fields=fields)
    if hidden:
        for post_id in thread.posts.values_list("pk", flat=True):
            search.unindex(kind="post", object_id=post_id)
    elif hidden is False:
        for post in thread.posts.select_related("thread__group"):
            _index(post)
    state = [
        _("pinned") if thread.pinned else "",
        _("locked") if thread.locked else "",
        _("hidden: %(r)s") % {"r": thread.hidden_reason} if thread.hidden_at else "",
    ]
    activity.record(
        actor=by,
        action=DiscussionActivity.MODERATED,
        group=thread.group,
        target=thread.title,
        ref={"thread": str(thread.public_id)},
        changes={"state": activity.change(_("State"), "", [words for words in state if words])},
    )
    return thread


def mark_read(*, thread: Thread, user) -> None:
    ThreadRead.objects.update_or_create(
        thread=thread, user=user, defaults={"read_at": timezone.now()}
    )
