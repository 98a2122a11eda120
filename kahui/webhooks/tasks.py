"""Sending deliveries, run by ``kahui worker``: one attempt at a time, signed, outside
any transaction; retries with back-off; an endpoint that keeps failing is switched off
and its organisation's administrators are told (a notification and an email, once)."""

import contextlib
import http.client
import json
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.tasks.exceptions import InvalidTask
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.webhooks import sending, signing
from kahui.webhooks.activity import WebhookActivity
from kahui.webhooks.events import payload
from kahui.webhooks.models import Attempt, AttemptError, Delivery, DeliveryStatus, Endpoint

# Attempts of one delivery; the wait after each failed one grows fourfold: 1, 4, 16 and
# 64 minutes.
MAX_ATTEMPTS = 5
# Deliveries that failed (all their attempts) one after another before the endpoint
# is switched off.
SWITCH_OFF_AFTER = 5
# How long a started attempt holds its delivery before another worker may take it over.
LEASE = timedelta(seconds=sending.TIMEOUT_SECONDS + 60)
# Answers worth trying again: the receiver is down, busy or timed out.
RETRY_STATUSES = {408, 425, 429}


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    return timedelta(minutes=4 ** (attempts - 1))


@task()
def deliver(*, delivery_id: int) -> str:
    """One attempt of a delivery (see :func:`delivery_attempt`)."""
    return delivery_attempt(delivery_id=delivery_id)


def queue_after_commit(delivery_id: int, when: datetime | None = None) -> None:
    def queue() -> None:
        if when is None:
            deliver.enqueue(delivery_id=delivery_id)
            return
        # Backends that cannot defer skip it: the scheduler's sweep sends what is due.
        with contextlib.suppress(InvalidTask):
            deliver.using(run_after=when).enqueue(delivery_id=delivery_id)

    transaction.on_commit(queue)


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take the delivery for one attempt, if it is due and its endpoint is on."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("endpoint", "event__organisation")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return None
        if not delivery.endpoint.enabled:
            return None
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return None  # not yet, or another worker is sending it
        delivery.attempts += 1
        delivery.next_attempt_at = now + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
        return delivery


Poster = Callable[[str, bytes, dict[str, str]], sending.Answer]


def delivery_attempt(*, delivery_id: int, post: Poster | None = None) -> str:
    """One attempt of a delivery: POST it signed, note what came back, and plan the
    next attempt or give up. The request is made outside any transaction."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return "nothing to do"
    endpoint, event = delivery.endpoint, delivery.event
    body = json.dumps(payload(event), ensure_ascii=False, separators=(",", ":")).encode()
    headers = signing.headers(
        secret=endpoint.secret,
        webhook_id=event.webhook_id,
        timestamp=int(now.timestamp()),
        body=body,
    )
    status_code: int | None = None
    # A code is shown in the reader's language; ``error`` is its detail, or the
    # connection's own message.
    excerpt = error = error_code = ""
    duration_ms = 0
    try:
        answer = (post or sending.post)(endpoint.url, body, headers)
    except sending.RefusedAddress as refused:
        error_code, error, retry = refused.code, refused.detail, False
    except TimeoutError:
        error_code, error, retry = AttemptError.TIMEOUT, str(sending.TIMEOUT_SECONDS), True
    except (OSError, http.client.HTTPException) as failure:
        error, retry = f"{type(failure).__name__}: {failure}", True
    else:
        status_code, excerpt, duration_ms = answer.status, answer.excerpt, answer.duration_ms
        retry = status_code >= 500 or status_code in RETRY_STATUSES
        if 300 <= status_code < 400:
            error_code = AttemptError.REDIRECT
    succeeded = status_code is not None and 200 <= status_code < 300
    return _attempt_done(
        delivery,
        now=now,
        succeeded=succeeded,
        retry=retry,
        attempt=Attempt(
            delivery=delivery,
            started_at=now,
            duration_ms=duration_ms,
            status_code=status_code,
            succeeded=succeeded,
            error_code=error_code,
            error=error[:500],
            excerpt=excerpt[:500],
        ),
    )


@transaction.atomic
def _attempt_done(
    delivery: Delivery, *, now: datetime, succeeded: bool, retry: bool, attempt: Attempt
) -> str:
    attempt.save()
    endpoint = delivery.endpoint
    if succeeded:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        Endpoint.objects.filter(pk=endpoint.pk).update(failure_streak=0)
        return "delivered"
    if retry and delivery.attempts < MAX_ATTEMPTS:
        when = timezone.now() + retry_delay(delivery.attempts)
        delivery.next_attempt_at = when
        delivery.save(update_fields=["next_attempt_at"])
        queue_after_commit(delivery.pk, when)
        return "will retry"
    delivery.status = DeliveryStatus.FAILED
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "next_attempt_at"])
    locked = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    locked.failure_streak = F("failure_streak") + 1
    locked.save(update_fields=["failure_streak"])
    locked.refresh_from_db(fields=["failure_streak"])
    if locked.enabled and locked.failure_streak >= SWITCH_OFF_AFTER:
        _switch_off(locked, now)
    return "failed"


def _language(user) -> str:
    return getattr(getattr(user, "profile", None), "language", "") or settings.LANGUAGE_CODE


def _switch_off(endpoint: Endpoint, now: datetime) -> None:
    """Stop sending to an endpoint that keeps failing, and tell the administrators."""
    endpoint.enabled = False
    endpoint.switched_off_at = now
    endpoint.save(update_fields=["enabled", "switched_off_at", "updated_at"])
    organisation = endpoint.organisation
    activity.record(
        actor=None,
        action=WebhookActivity.SWITCHED_OFF,
        organisation=organisation,
        target=endpoint.url,
    )
    admins = [
        membership.user
        for membership in OrgMembership.objects.filter(
            organisation=organisation, role=OrgRole.ADMIN
        ).select_related("user__profile")
    ]
    url = reverse("webhooks:endpoint", args=[organisation.slug, endpoint.public_id])
    for admin in admins:
        # The notice's title is stored as it is written: in each administrator's language.
        with translation.override(_language(admin)):
            notify(
                users=[admin],
                category=Category.ADMINISTRATION,
                title=_("A webhook of %(organisation)s was switched off: %(url)s")
                % {"organisation": organisation.name, "url": endpoint.url},
                url=url,
                email_template="webhook_switched_off",
                context={
                    "organisation": organisation,
                    "endpoint": endpoint,
                    "failures": SWITCH_OFF_AFTER,
                    "endpoint_url": url,
                },
                key=f"webhook-off:{endpoint.pk}:{int(now.timestamp())}",
            )
