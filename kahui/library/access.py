"""Who may see a library resource: the members of its group and its active supporters
always; the members of the
group's organisation when it is published to the organisation; everyone signed in when
it is public. Everyone else gets a 404. Who may change it: whoever added it, and the
facilitators of its group; a shared product's text, every member of its group."""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from kahui.groups.access import is_facilitator, is_member
from kahui.groups.models import GroupMembership, GroupSupporter, LearningGroup
from kahui.library.models import Resource, ResourceKind, Visibility
from kahui.orgs.models import OrgMembership


def resource_for(request: HttpRequest, group_id: UUID, resource_id: UUID) -> Resource:
    """A library resource the requester may see; a 404 for anyone else."""
    resource = (
        Resource.objects.select_related("group__organisation", "added_by__profile")
        .filter(group__public_id=group_id, public_id=resource_id)
        .first()
    )
    if resource is None or not can_see_resource(request.user, resource):
        raise Http404("No such resource")
    return resource


type ResourceView = Callable[Concatenate[HttpRequest, Resource, ...], HttpResponse]


def resource_view(view: ResourceView) -> Callable[..., HttpResponse]:
    """Check access once, at the door of a view whose URL names a resource.

    A resource may be seen beyond its group (published to the organisation or to
    everyone), so these pages are not group views: the decorated view is reached by
    ``/groups/<group_id>/library/<resource_id>/…`` and written as
    ``view(request, resource, **the_rest_of_the_url)``. Anyone not signed in is asked
    to sign in; anyone who may not see the resource gets a 404 (:func:`resource_for`)."""

    @wraps(view)
    def at_the_door(
        request: HttpRequest, group_id: UUID, resource_id: UUID, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, resource_for(request, group_id, resource_id), *args, **kwargs)

    at_the_door.resource_door = True  # type: ignore[attr-defined]
    return at_the_door


def can_see_resource(user, resource: Resource) -> bool:
    """Members and supporters of its group always; the organisation's members when it
    is published to the organisation; everyone signed in when it is public."""
    if not user.is_authenticated:
        return False
    if resource.visibility == Visibility.PUBLIC:
        return True
    if GroupMembership.objects.filter(group_id=resource.group_id, user=user).exists():
        return True
    if GroupSupporter.objects.active().filter(group_id=resource.group_id, user=user).exists():
        return True
    org_id = resource.group.organisation_id
    return (
        resource.visibility == Visibility.ORGANISATION
        and org_id is not None
        and OrgMembership.objects.filter(organisation_id=org_id, user=user).exists()
    )


def can_change_resource(user, resource: Resource) -> bool:
    """Whoever added it, and the facilitators of its group, change who sees it and
    remove it."""
    return resource.added_by_id == user.pk or is_facilitator(user, resource.group)


def can_edit_product(user, resource: Resource) -> bool:
    """Every member of its group co-writes a shared product, restores an earlier
    version and reads them all; people who see it because it was published read its
    current text only."""
    return resource.kind == ResourceKind.PRODUCT and is_member(user, resource.group)


def group_can_see_resource(group: LearningGroup, resource: Resource) -> bool:
    """Whether every member of ``group`` may see ``resource``: its own, a public one,
    or one published to the organisation the group belongs to. A group's collections
    hold only these."""
    if resource.group_id == group.pk or resource.visibility == Visibility.PUBLIC:
        return True
    return (
        resource.visibility == Visibility.ORGANISATION
        and group.organisation_id is not None
        and resource.group.organisation_id == group.organisation_id
    )
