"""Who may read, edit, answer and moderate in a group's discussions. The thread's
group is checked first, at the door (:func:`kahui.groups.access.group_view`); these
rules come after it, and the services ask them again.

- Members read every post; in a hidden thread only the group's facilitators and the
  post's author still can.
- Only a post's author edits it.
- The person who asked, or a facilitator, marks a question's answer.
- Facilitators pin, lock and hide threads.
"""

from kahui.discussions.models import Post, Thread
from kahui.groups.access import GroupAccess, is_facilitator
from kahui.groups.models import LearningGroup


def post_readable(access: GroupAccess, *, user, thread, author_id: int | None) -> bool:
    """Whether a member may read a discussion post (its text, history and edit form).

    Members read every post of a thread; once a facilitator hid the thread, only the
    group's facilitators (to review it) and the post's author (to fix it) still can."""
    if not access.is_member:
        return False
    if thread.hidden_at is None:
        return True
    return access.is_facilitator or (author_id is not None and author_id == user.pk)


def can_edit_post(user, post: Post) -> bool:
    """Only the author edits a post (earlier texts are kept in its history)."""
    return bool(post.author_id == user.pk)


def can_choose_answer(user, thread: Thread, access: GroupAccess | None = None) -> bool:
    """The person who asked, or a facilitator of the group, marks which reply answers
    a question (``access``: what ``user`` may do in the group, when the caller knows)."""
    if thread.started_by_id == user.pk:
        return True
    return access.is_facilitator if access else is_facilitator(user, thread.group)


def can_moderate(user, group: LearningGroup, access: GroupAccess | None = None) -> bool:
    """Facilitators pin, lock and hide threads."""
    return access.is_facilitator if access else is_facilitator(user, group)
