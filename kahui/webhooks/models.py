"""An organisation's webhook endpoints, the events sent to them, and each delivery with
its attempts (see docs/WEBHOOKS.md)."""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId


class EventType(models.TextChoices):
    MEETING_SCHEDULED = "meeting.scheduled", _("A meeting is scheduled")
    MINUTES_PUBLISHED = "minutes.published", _("A meeting's minutes are published")
    ACTION_OVERDUE = "action.overdue", _("An action is overdue")
    GROUP_CREATED = "group.created", _("A learning group is created")
    MEMBER_JOINED = "member.joined", _("Someone joins the organisation or one of its groups")


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Endpoint(PublicId):
    """Where an organisation wants its events POSTed, signed with ``secret``."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    # Kept readable, as it signs every delivery; shown to an administrator once.
    secret = models.CharField(max_length=100, default=new_secret)
    enabled = models.BooleanField(_("enabled"), default=True)
    # Deliveries that failed (every attempt) one after another; a success resets it.
    failure_streak = models.PositiveSmallIntegerField(default=0)
    switched_off_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        return self.enabled and event_type in self.events


class Event(PublicId):
    """Something that happened in an organisation, once: ``key`` names it
    (``minutes.published:<meeting>``) so the same thing is never sent twice."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="webhook_events"
    )
    type = models.CharField(max_length=40, choices=EventType.choices)
    key = models.CharField(max_length=200)
    occurred_at = models.DateTimeField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="one_event_per_key")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def webhook_id(self) -> str:
        """The ``webhook-id`` header and the payload's ``id``: the same on every attempt."""
        return f"evt_{self.public_id.hex}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")
    HELD = "held", _("Recorded, not sent")


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def due(self, now) -> "DeliveryQuerySet":
        return self.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__enabled=True
        )


class Delivery(PublicId):
    """One event for one endpoint: sent, retried with back-off, resent by hand."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    # Attempts in the current round: a resend starts a new round.
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next attempt may start; while one runs, when it may be taken over.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="one_delivery_per_endpoint")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"


class AttemptError(models.TextChoices):
    """What went wrong with an attempt, shown in the reader's language (the worker
    has no reader): ``Attempt.error`` holds the detail the text names."""

    TIMEOUT = "timeout", _("No answer within %(seconds)s seconds")
    REDIRECT = "redirect", _("Redirects are not followed")
    UNRESOLVED = "unresolved", _("Cannot resolve %(host)s")
    PRIVATE = "private", _("%(host)s resolves to a private address")
    PLAIN_HTTP = "plain_http", _("Plain http is only for this machine in development")


class Attempt(models.Model):
    """One POST of a delivery: what came back, how long it took, what went wrong
    (``error_code``, or ``error`` alone: the connection's own message)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    error_code = models.CharField(max_length=20, choices=AttemptError.choices, blank=True)
    error = models.CharField(max_length=500, blank=True)
    excerpt = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.status_code or self.error_text}"

    @property
    def error_text(self) -> str:
        """What went wrong, in the active language."""
        if not self.error_code:
            return self.error
        label = str(AttemptError(self.error_code).label)
        return label % {"seconds": self.error, "host": self.error}
