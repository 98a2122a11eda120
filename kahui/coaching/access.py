"""Who coaches whom, and who may read or write what in coaching. Views ask here once,
at their door; services ask again.

- **Who coaches whom.** A coach is one of a programme's coaches
  (``Programme.coaches``); they coach every facilitator of the programme's groups
  (``Programme.groups``). Nobody coaches themself.
- **Everything belongs to a pair**, one coach and one facilitator: notes, requests
  for advice and observations. Only those two read it: not the facilitator's other
  coaches, not the group's members or other facilitators, not coordinators or
  administrators of any organisation, not the programme's other coaches.
- **While the coaching lasts.** The pair's pages open to the two while the coach
  coaches the facilitator. When it ends (the coach leaves the programme, the group
  leaves it, or the facilitator steps down) the pages close to both; the records stay
  and reopen if the coaching resumes.
- The coach writes notes, answers requests and records observations; the facilitator
  replies with notes and asks for advice. An observation is the coach's draft until
  the coach shares it; only then does the facilitator see it, and the two write the
  joint reflection and mark the debrief done.
- A coach reads the meetings they may observe through this module
  (:func:`observable_meetings`): a meeting's title, time and agenda step titles and
  minutes, never its minutes, materials or anything else of the group.

Outsiders get 404, so nobody learns that a pair's records exist."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kahui.coaching.models import AdviceRequest, Observation
from kahui.core.errors import NotAllowed
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
from kahui.meetings.models import Meeting
from kahui.programmes.models import Programme


@dataclass(frozen=True)
class Pair:
    """A coach and a facilitator they coach, seen by one of the two (``viewer``)."""

    coach: object
    facilitator: object
    viewer: object

    @property
    def viewer_is_coach(self) -> bool:
        return self.viewer == self.coach

    @property
    def other(self):
        return self.facilitator if self.viewer_is_coach else self.coach


def _facilitated_by(user) -> QuerySet[GroupMembership]:
    return GroupMembership.objects.filter(user=user, role=GroupRole.FACILITATOR)


def shared_groups(coach, facilitator) -> QuerySet[LearningGroup]:
    """The groups through which ``coach`` coaches ``facilitator``: groups of the
    coach's programmes that the facilitator facilitates."""
    return LearningGroup.objects.filter(
        programmes__coaches=coach,
        pk__in=_facilitated_by(facilitator).values("group_id"),
    ).distinct()


def coaches(coach, facilitator) -> bool:
    if coach is None or facilitator is None or coach == facilitator:
        return False
    return shared_groups(coach, facilitator).exists()


def coachees_of(user) -> QuerySet[Any]:
    """The facilitators ``user`` coaches, by name."""
    return (
        get_user_model()
        .objects.filter(
            group_memberships__role=GroupRole.FACILITATOR,
            group_memberships__group__programmes__coaches=user,
        )
        .exclude(pk=user.pk)
        .distinct()
        .select_related("profile")
        .order_by("profile__display_name", "pk")
    )


def coaches_of(user) -> QuerySet[Any]:
    """The coaches of ``user`` as a facilitator, by name."""
    groups = _facilitated_by(user).values("group_id")
    return (
        get_user_model()
        .objects.filter(coached_programmes__groups__in=groups)
        .exclude(pk=user.pk)
        .distinct()
        .select_related("profile")
        .order_by("profile__display_name", "pk")
    )


def in_coaching(user) -> bool:
    """Whether ``user`` coaches anyone or is coached: one query, for the navigation."""
    if not user.is_authenticated:
        return False
    facilitated = _facilitated_by(user).values("group_id")
    coached = Programme.objects.filter(groups__in=facilitated, coaches__isnull=False)
    coaching = Programme.objects.filter(
        coaches=user, groups__memberships__role=GroupRole.FACILITATOR
    )
    return Programme.objects.filter(
        Q(pk__in=coached.values("pk")) | Q(pk__in=coaching.values("pk"))
    ).exists()


def pair_for(user, coach_id: UUID, facilitator_id: UUID) -> Pair:
    """The pair named by its two people's public ids, if ``user`` is one of them and
    the coaching holds; 404 otherwise."""
    if user.public_id not in (coach_id, facilitator_id) or coach_id == facilitator_id:
        raise Http404(_("No such coaching."))
    users = get_user_model().objects.select_related("profile")
    people = {
        person.public_id: person
        for person in users.filter(public_id__in=[coach_id, facilitator_id])
    }
    coach, facilitator = people.get(coach_id), people.get(facilitator_id)
    if not coaches(coach, facilitator):
        raise Http404(_("No such coaching."))
    return Pair(coach=coach, facilitator=facilitator, viewer=user)


def _pair_of(user, record) -> Pair:
    if user not in (record.coach, record.facilitator) or not coaches(
        record.coach, record.facilitator
    ):
        raise Http404(_("No such coaching."))
    return Pair(coach=record.coach, facilitator=record.facilitator, viewer=user)


def advice_for(user, request_id: UUID) -> tuple[AdviceRequest, Pair]:
    found = (
        AdviceRequest.objects.select_related(
            "coach__profile", "facilitator__profile", "group", "meeting"
        )
        .filter(public_id=request_id)
        .first()
    )
    if found is None:
        raise Http404(_("No such request."))
    return found, _pair_of(user, found)


def observation_for(user, observation_id: UUID) -> tuple[Observation, Pair]:
    """An observation its coach may read, or that was shared with its facilitator;
    404 for a draft to the facilitator, and for anyone else."""
    found = (
        Observation.objects.select_related(
            "coach__profile",
            "facilitator__profile",
            "meeting__group",
            "reflection_by__profile",
        )
        .filter(public_id=observation_id)
        .first()
    )
    if found is None:
        raise Http404(_("No such observation."))
    pair = _pair_of(user, found)
    if not pair.viewer_is_coach and not found.is_shared:
        raise Http404(_("No such observation."))
    return found, pair


def observable_meetings(coach, facilitator) -> QuerySet[Meeting]:
    """Meetings of the groups through which ``coach`` coaches ``facilitator``: what
    an observation or a request for advice may be about."""
    return (
        Meeting.objects.filter(group__in=shared_groups(coach, facilitator).values("pk"))
        .select_related("group")
        .order_by("-starts_at")
    )


def check_pair(coach, facilitator) -> None:
    if not coaches(coach, facilitator):
        raise NotAllowed(_("This person is not coached by this coach."))


def check_coach(pair_coach, by) -> None:
    if by != pair_coach:
        raise NotAllowed(_("Only the coach does this."))


def check_one_of(record, by) -> None:
    if by not in (record.coach, record.facilitator):
        raise NotAllowed(_("Only the coach and the facilitator write here."))
    check_pair(record.coach, record.facilitator)
