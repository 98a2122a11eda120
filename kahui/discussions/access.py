"""Who may read a discussion post. The thread's group is checked first, with
:func:`kahui.groups.access.group_for`."""

from kahui.groups.access import GroupAccess


def post_readable(access: GroupAccess, *, user, thread, author_id: int | None) -> bool:
    """Whether a member may read a discussion post (its text, history and edit form).

    Members read every post of a thread; once a facilitator hid the thread, only the
    group's facilitators (to review it) and the post's author (to fix it) still can."""
    if not access.is_member:
        return False
    if thread.hidden_at is None:
        return True
    return access.is_facilitator or (author_id is not None and author_id == user.pk)
