"""Who may see a colleague's profile: people who share a learning group or an
organisation with them, a group's supporters and its members, or whose cluster
contains their school. Everyone else gets a 404, as if the person did not exist."""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from kahui.accounts.models import User
from kahui.groups.models import GroupMembership, GroupSupporter, LearningGroup
from kahui.orgs.models import OrgMembership


def shares_with(viewer, person) -> bool:
    """Whether ``viewer`` shares a group or an organisation with ``person`` (or is them)."""
    if person.pk == viewer.pk:
        return True
    return people_seen_by(viewer).filter(pk=person.pk).exists()


def people_seen_by(viewer) -> QuerySet[User]:
    """Everyone whose profile ``viewer`` may see (but the viewer themselves): one query,
    for lists such as recommendations."""
    viewer_groups = LearningGroup.objects.filter(memberships__user=viewer).values("pk")
    # A group's supporter and its members know each other.
    supporting = GroupSupporter.objects.active()
    supported = supporting.filter(user=viewer).values("group")
    supporters_of_mine = supporting.filter(group__in=viewer_groups).values("user")
    return User.objects.exclude(pk=viewer.pk).filter(
        Q(pk__in=GroupMembership.objects.filter(group__in=viewer_groups).values("user"))
        | Q(pk__in=GroupMembership.objects.filter(group__in=supported).values("user"))
        | Q(pk__in=supporters_of_mine)
        | Q(pk__in=org_colleagues(viewer).values("pk"))
    )


def people_found_by(viewer) -> QuerySet[User]:
    """Whom ``viewer`` may find in search: the active people whose profile they may
    see and who show themselves (``Profile.findable``)."""
    return people_seen_by(viewer).filter(is_active=True, profile__findable=True)


def person_for(request: HttpRequest, user_id: UUID) -> User:
    """The active person with this public id, if the requester may see their profile."""
    person = (
        User.objects.select_related("profile__organisation")
        .prefetch_related("profile__interests")
        .filter(public_id=user_id, is_active=True)
        .first()
    )
    if person is None or not shares_with(request.user, person):
        raise Http404("No such person")
    return person


def org_colleagues(viewer) -> QuerySet[User]:
    """The people of ``viewer``'s organisations, and of the schools of the clusters
    ``viewer`` belongs to (the viewer among them): who may see whose profile without
    sharing a group, and so whom people search finds."""
    # Same organisation, or the viewer's cluster contains the person's school.
    viewer_orgs = OrgMembership.objects.filter(user=viewer).values("organisation")
    return User.objects.filter(
        pk__in=OrgMembership.objects.filter(
            Q(organisation__in=viewer_orgs) | Q(organisation__parent__in=viewer_orgs)
        ).values("user")
    )
