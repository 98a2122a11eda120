"""Who may form groups: the coordinators and administrators of an organisation or of
the cluster it belongs to (``kahui.orgs.access.org_for`` at the door, asked of the
organisation and then of its cluster); a run belongs to its organisation and is
fetched through it. Publishing into a programme needs the programme's own rule
(``kahui.programmes.access.programme_access``: those who run it).

Non-members of the organisation get a 404, members without the role a 403."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from kahui.formation.models import FormationRun
from kahui.orgs.access import has_org_role, org_for
from kahui.orgs.models import Organisation, OrgRole
from kahui.programmes.access import programme_access
from kahui.programmes.models import Programme


def organisation_for(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if the requester coordinates or administers it or its
    cluster. The organisation's own answer (404 or 403) stands when the cluster's
    does not let them in."""
    try:
        organisation, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    except (Http404, PermissionDenied) as refused:
        parent = (
            Organisation.objects.filter(slug=slug, parent__isnull=False)
            .values_list("parent__slug", flat=True)
            .first()
        )
        if parent is None:
            raise
        try:
            org_for(request, parent, OrgRole.COORDINATOR)
        except Http404:
            raise refused from None
        return Organisation.objects.select_related("parent").get(slug=slug)
    return organisation


def run_for(request: HttpRequest, slug: str, run_id: UUID) -> FormationRun:
    """A run of the organisation, if the requester coordinates or administers it."""
    organisation = organisation_for(request, slug)
    run = (
        FormationRun.objects.select_related("organisation", "programme")
        .filter(organisation=organisation, public_id=run_id)
        .first()
    )
    if run is None:
        raise Http404("No such formation run")
    return run


def may_form(user, organisation: Organisation) -> bool:
    """The services' check: a coordinator or administrator of the organisation or of
    its cluster."""
    if has_org_role(user, organisation, OrgRole.COORDINATOR):
        return True
    parent = organisation.parent
    return parent is not None and has_org_role(user, parent, OrgRole.COORDINATOR)


def programmes_for(user, organisation: Organisation) -> QuerySet[Programme]:
    """The programmes ``user`` runs that the organisation leads or partners in."""
    return (
        Programme.objects.run_by(user)
        .filter(Q(organisation=organisation) | Q(partners=organisation))
        .distinct()
        .order_by("name")
    )


def may_publish_into(user, programme: Programme) -> bool:
    return programme_access(user, programme).runs
