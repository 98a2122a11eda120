from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Via(models.TextChoices):
    WEBHOOK = "webhook", _("Inbound webhook")
    IMAP = "imap", _("IMAP mailbox")


class Outcome(models.TextChoices):
    POSTED = "posted", _("Posted")
    REFUSED = "refused", _("Refused, and the sender told why")
    IGNORED = "ignored", _("Ignored")


class Reason(models.TextChoices):
    """Why a reply was not posted (blank when it was)."""

    NONE = "", _("—")
    NO_ADDRESS = "no_address", _("Not sent to a reply address")
    BAD_TOKEN = "bad_token", _("Unknown reply address")
    EXPIRED = "expired", _("Reply address expired")
    WRONG_SENDER = "wrong_sender", _("Sent from an address that is not the person's")
    AUTO_REPLY = "auto_reply", _("An automatic reply")
    EMPTY = "empty", _("Nothing left once quotes and signature were removed")
    TOO_LARGE = "too_large", _("Too large")
    NOT_ALLOWED = "not_allowed", _("The person may no longer post there")
    GONE = "gone", _("What it replied to no longer exists")


class InboundMail(models.Model):
    """One email received at a reply address, kept once per Message-ID: a provider
    that posts the same email twice, or a mailbox read again, never makes a second
    post. It is the log admins read of what came in and what became of it."""

    message_id = models.CharField(_("Message-ID"), max_length=300, unique=True)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    sender = models.CharField(_("from"), max_length=300, blank=True)
    recipient = models.CharField(_("to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    target = models.CharField(_("replied to"), max_length=100, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    url = models.CharField(_("posted at"), max_length=500, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("email received")
        verbose_name_plural = _("emails received")

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
