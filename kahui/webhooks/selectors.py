"""What the webhook pages read."""

from django.db.models import Count, Q, QuerySet

from kahui.orgs.models import Organisation
from kahui.webhooks.models import Delivery, DeliveryStatus, Endpoint


def endpoints_of(organisation: Organisation) -> QuerySet[Endpoint]:
    """The organisation's endpoints, each with its count of failed deliveries."""
    return Endpoint.objects.filter(organisation=organisation).annotate(
        failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED))
    )


def delivery_log(endpoint: Endpoint) -> QuerySet[Delivery]:
    """The endpoint's deliveries, newest first, with their events and attempts."""
    return (
        Delivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .prefetch_related("attempt_log")
    )
