"""Where email comes in: django-anymail's inbound signal (a provider's webhook) and
the scheduler's round (the IMAP mailbox)."""

from datetime import datetime

from kahui.notifications.scheduler import TickReport
from kahui.replies.mailbox import fetch_mail
from kahui.replies.models import Via
from kahui.replies.services import inbound_receive


def webhook_inbound(sender, event, esp_name: str = "", **kwargs) -> None:
    """An email a provider posted to ``/mail/inbound/<provider>/inbound/``."""
    message = event.message
    if message is None:
        return
    envelope = [message.envelope_recipient] if message.envelope_recipient else []
    inbound_receive(raw=message.as_bytes(), via=Via.WEBHOOK, envelope_recipients=envelope)


def fetch_mail_job(now: datetime, report: TickReport) -> None:
    """The scheduler's round reads the IMAP mailbox (added when it is configured)."""
    fetched = fetch_mail()
    report.done["emails received"] += fetched.handled
    report.done["emails that failed"] += fetched.failed
