"""Who may import and export an organisation's roster: its administrators
(``kahui.orgs.access.org_for`` with the admin role at the door). An import belongs to
its organisation and is fetched through it. Non-members get a 404, members without
the role a 403."""

from uuid import UUID

from django.http import Http404, HttpRequest

from kahui.orgs.access import org_for
from kahui.orgs.models import Organisation, OrgRole
from kahui.roster.models import RosterImport


def roster_org_for(request: HttpRequest, slug: str) -> Organisation:
    organisation, _membership = org_for(request, slug, OrgRole.ADMIN)
    return organisation


def import_for(request: HttpRequest, slug: str, import_id: UUID) -> RosterImport:
    organisation = roster_org_for(request, slug)
    found = (
        RosterImport.objects.filter(organisation=organisation, public_id=import_id)
        .select_related("organisation", "created_by__profile")
        .first()
    )
    if found is None:
        raise Http404("No such import")
    return found
