"""May this person see or do this in this organisation? Every organisation view asks here.

Roles go member < coordinator < admin. Non-members get a 404; members without the
role an action needs get a 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from kahui.core.addresses import user_owns_email
from kahui.orgs.models import Organisation, OrgInvite, OrgMembership, OrgRole


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


def has_org_role(user, organisation: Organisation, role: str) -> bool:
    """Whether ``user`` holds ``role`` (or a higher one) in ``organisation``: a
    service's check, one query. Coordinators and administrators review the focus
    areas their organisation's groups and people typed."""
    membership = OrgMembership.objects.filter(organisation=organisation, user=user).first()
    return membership is not None and membership.has_role(role)


def is_invitee(user, invite: OrgInvite) -> bool:
    """An invitation belongs to the account holding its address: a forwarded or
    leaked link opens nothing, and shows nothing of the organisation."""
    return user_owns_email(user, invite.email)
