"""Webhooks: an organisation's administrators manage endpoints; what happens in the
organisation becomes an :class:`Event`, one :class:`Delivery` per endpoint that wants
it, and the worker POSTs it signed, retrying with back-off. An endpoint whose
deliveries keep failing is switched off and the administrators are told."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.orgs.models import Organisation
from kahui.webhooks.activity import WebhookActivity
from kahui.webhooks.events import Happening
from kahui.webhooks.models import Delivery, DeliveryStatus, Endpoint, Event, EventType, new_secret
from kahui.webhooks.tasks import queue_after_commit

_held: ContextVar[bool] = ContextVar("kahui_webhooks_held", default=False)


@contextmanager
def deliveries_held() -> Iterator[None]:
    """Record deliveries without sending them (the demo: its endpoint is not real)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


# ---------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------


def _check_events(events: list[str]) -> list[str]:
    unknown = set(events) - set(EventType.values)
    if unknown or not events:
        raise KahuiError(_("Choose at least one of the events."))
    return [value for value in EventType.values if value in events]


def _snapshot(endpoint: Endpoint) -> dict[str, Any]:
    return {
        "url": endpoint.url,
        "description": endpoint.description,
        "events": [str(EventType(value).label) for value in endpoint.events],
        "enabled": _("on") if endpoint.enabled else _("off"),
    }


LABELS = {
    "url": _("Address"),
    "description": _("Description"),
    "events": _("Events"),
    "enabled": _("Sending"),
}


@transaction.atomic
def endpoint_create(
    *, organisation: Organisation, by, url: str, events: list[str], description: str = ""
) -> Endpoint:
    """A new endpoint, switched on, with a new secret."""
    endpoint = Endpoint.objects.create(
        organisation=organisation,
        url=url,
        description=description,
        events=_check_events(events),
        created_by=by,
    )
    activity.record(
        actor=by,
        action=WebhookActivity.ADDED,
        organisation=organisation,
        target=url,
        changes=activity.field_changes({}, _snapshot(endpoint), LABELS),
    )
    return endpoint


@transaction.atomic
def endpoint_update(
    *, endpoint: Endpoint, by, url: str, events: list[str], description: str, enabled: bool
) -> Endpoint:
    """Change an endpoint; switching it back on starts its count of failures afresh."""
    before = _snapshot(endpoint)
    if enabled and not endpoint.enabled:
        endpoint.failure_streak = 0
        endpoint.switched_off_at = None
    endpoint.url = url
    endpoint.events = _check_events(events)
    endpoint.description = description
    endpoint.enabled = enabled
    endpoint.save()
    changes = activity.field_changes(before, _snapshot(endpoint), LABELS)
    if changes:
        activity.record(
            actor=by,
            action=WebhookActivity.CHANGED,
            organisation=endpoint.organisation,
            target=endpoint.url,
            changes=changes,
        )
    return endpoint


@transaction.atomic
def endpoint_secret_rotate(*, endpoint: Endpoint, by) -> str:
    """A new signing secret; the old one stops working at once."""
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret", "updated_at"])
    activity.record(
        actor=by,
        action=WebhookActivity.SECRET_ROTATED,
        organisation=endpoint.organisation,
        target=endpoint.url,
    )
    return endpoint.secret


@transaction.atomic
def endpoint_remove(*, endpoint: Endpoint, by) -> None:
    activity.record(
        actor=by,
        action=WebhookActivity.REMOVED,
        organisation=endpoint.organisation,
        target=endpoint.url,
    )
    endpoint.delete()


# ---------------------------------------------------------------------------
# Events and deliveries
# ---------------------------------------------------------------------------


def event_record(happening: Happening) -> Event | None:
    """Record ``happening`` once, with a delivery for each endpoint of its organisation
    that wants it, and queue them after the commit. Nothing is stored when no endpoint
    wants it, or when it was recorded before."""
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.filter(organisation=happening.organisation, enabled=True)
        if endpoint.wants(happening.type)
    ]
    if not endpoints:
        return None
    data = happening.data()
    if data is None:
        return None
    try:
        with transaction.atomic():
            event = Event.objects.create(
                organisation=happening.organisation,
                type=happening.type,
                key=happening.key[:200],
                occurred_at=happening.occurred_at,
                data=data,
            )
    except IntegrityError:
        return None  # recorded before: sent once
    held = _held.get()
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            endpoint=endpoint,
            event=event,
            status=DeliveryStatus.HELD if held else DeliveryStatus.PENDING,
            next_attempt_at=None if held else timezone.now(),
        )
        for endpoint in endpoints
    )
    if not held:
        for delivery in deliveries:
            queue_after_commit(delivery.pk)
    return event


@transaction.atomic
def delivery_resend(*, delivery: Delivery, by) -> Delivery:
    """Send a delivery again, whatever became of it: a new round of attempts."""
    if not delivery.endpoint.enabled:
        raise KahuiError(_("Switch the endpoint on before resending."))
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    activity.record(
        actor=by,
        action=WebhookActivity.RESENT,
        organisation=delivery.endpoint.organisation,
        target=delivery.endpoint.url,
        changes={"event": activity.change(_("Event"), "", delivery.event.webhook_id)},
    )
    queue_after_commit(delivery.pk)
    return delivery


def deliveries_due(*, now: datetime, late: timedelta = timedelta(minutes=2)) -> list[int]:
    """Deliveries whose attempt is overdue: their worker died, or the task backend
    cannot defer a task. Sending is claimed under a lock, so queueing twice is safe."""
    return list(Delivery.objects.due(now - late).values_list("pk", flat=True)[:500])
