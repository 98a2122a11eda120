"""May this person see or do this in this organisation? Every organisation view asks here.

Roles go member < coordinator < admin. Non-members get a 404; members without the
role an action needs get a 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from kahui.orgs.models import Organisation, OrgMembership, OrgRole


def org_for(
    request: HttpRequest, slug: str, need: str = OrgRole.MEMBER
) -> tuple[Organisation, OrgMembership]:
    """The organisation with this slug, if the requester is a member with ``need``."""
    membership = (
        OrgMembership.objects.select_related("organisation__parent")
        .filter(organisation__slug=slug, user=request.user)
        .first()
        if request.user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such organisation")
    if not membership.has_role(need):
        raise PermissionDenied("Your role in this organisation does not allow this.")
    return membership.organisation, membership
