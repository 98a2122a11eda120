"""Who may manage an organisation's webhooks: its administrators
(``kahui.orgs.access.org_for`` with the admin role at the door). Non-members get a
404, members without the role a 403; an endpoint and its deliveries are fetched
through their organisation."""

from uuid import UUID

from django.http import Http404, HttpRequest

from kahui.orgs.access import org_for
from kahui.orgs.models import Organisation, OrgRole
from kahui.webhooks.models import Delivery, Endpoint


def organisation_for(request: HttpRequest, slug: str) -> Organisation:
    organisation, _membership = org_for(request, slug, OrgRole.ADMIN)
    return organisation


def endpoint_for(request: HttpRequest, slug: str, endpoint_id: UUID) -> Endpoint:
    organisation = organisation_for(request, slug)
    endpoint = Endpoint.objects.filter(organisation=organisation, public_id=endpoint_id).first()
    if endpoint is None:
        raise Http404("No such webhook endpoint")
    endpoint.organisation = organisation
    return endpoint


def delivery_for(request: HttpRequest, slug: str, endpoint_id: UUID, delivery_id: UUID) -> Delivery:
    endpoint = endpoint_for(request, slug, endpoint_id)
    delivery = (
        Delivery.objects.select_related("event")
        .filter(endpoint=endpoint, public_id=delivery_id)
        .first()
    )
    if delivery is None:
        raise Http404("No such delivery")
    delivery.endpoint = endpoint
    return delivery
