"""Who may see or do what in reflection. Views ask here once, at their door.

- A journal entry is its author's alone: not the group's facilitators, coordinators
  or administrators, nor the people who run the site. The author may share one entry
  at a time with the group's facilitators (its current facilitators then read it) or
  with the whole group (its current members read it), and unshare it again.
- Personal goals, their notes and the portfolio are their owner's alone.
- A request for feedback is seen by its asker and by the colleagues it names; each
  colleague sees only their own answer, and only the asker reads the answers.
- A facilitator may invite the group to reflect on one of its meetings.

Outsiders get 404: nobody learns that someone else's entry or request exists."""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kahui.groups.access import GroupAccess
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
from kahui.reflection.models import (
    FeedbackAnswer,
    FeedbackRequest,
    JournalEntry,
    PersonalGoal,
    Sharing,
)


def readable_entries(user) -> QuerySet[JournalEntry]:
    """Every entry ``user`` may read: their own, those shared with a group they belong
    to, and those shared with the facilitators of a group they facilitate."""
    memberships = GroupMembership.objects.filter(user=user)
    return JournalEntry.objects.filter(
        Q(author=user)
        | Q(sharing=Sharing.GROUP, group__in=memberships.values("group_id"))
        | Q(
            sharing=Sharing.FACILITATORS,
            group__in=memberships.filter(role=GroupRole.FACILITATOR).values("group_id"),
        )
    )


def shared_in(group: LearningGroup, access: GroupAccess) -> QuerySet[JournalEntry]:
    """The entries of ``group`` shared with this member: with the group, and with its
    facilitators when they are one."""
    if not access.is_member:
        return JournalEntry.objects.none()
    sharing = [Sharing.GROUP]
    if access.is_facilitator:
        sharing.append(Sharing.FACILITATORS)
    return JournalEntry.objects.filter(group=group, sharing__in=sharing)


def entry_for(user, entry_id: UUID) -> JournalEntry:
    """An entry ``user`` may read; 404 for any other, however it is addressed."""
    return get_object_or_404(
        readable_entries(user).select_related(
            "author__profile", "group", "meeting", "cycle", "goal"
        ),
        public_id=entry_id,
    )


def own_entry(user, entry_id: UUID) -> JournalEntry:
    """One of ``user``'s own entries; 404 for anyone else's (shared or not)."""
    return get_object_or_404(
        JournalEntry.objects.select_related("group", "meeting", "cycle", "goal"),
        public_id=entry_id,
        author=user,
    )


def own_goal(user, group: LearningGroup, goal_id: UUID) -> PersonalGoal:
    """One of ``user``'s own goals in ``group``; 404 for anyone else's."""
    return get_object_or_404(
        PersonalGoal.objects.select_related("group_goal"), public_id=goal_id, group=group, user=user
    )


def feedback_for(user, request_id: UUID) -> tuple[FeedbackRequest, FeedbackAnswer | None]:
    """A request ``user`` made (answer None) or was asked to answer (their own
    answer); 404 for anyone else."""
    found = get_object_or_404(
        FeedbackRequest.objects.select_related("asker__profile", "group"), public_id=request_id
    )
    if found.asker_id == user.pk:
        return found, None
    answer = FeedbackAnswer.objects.filter(request=found, colleague=user).first()
    if answer is None:
        raise Http404("No such request")
    return found, answer


def can_ask_reflection(access: GroupAccess) -> bool:
    return access.is_facilitator
