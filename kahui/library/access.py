"""Who may see a library resource: the members of its group always; the members of the
group's organisation when it is published to the organisation; everyone signed in when
it is public. Everyone else gets a 404."""

from uuid import UUID

from django.http import Http404, HttpRequest

from kahui.groups.models import GroupMembership
from kahui.library.models import Resource, Visibility
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


def can_see_resource(user, resource: Resource) -> bool:
    """Members of its group always; the organisation's members when it is published to
    the organisation; everyone signed in when it is public."""
    if not user.is_authenticated:
        return False
    if resource.visibility == Visibility.PUBLIC:
        return True
    if GroupMembership.objects.filter(group_id=resource.group_id, user=user).exists():
        return True
    org_id = resource.group.organisation_id
    return (
        resource.visibility == Visibility.ORGANISATION
        and org_id is not None
        and OrgMembership.objects.filter(organisation_id=org_id, user=user).exists()
    )
