"""Replies from an IMAP mailbox, for schools whose mail provider has no inbound
webhook: ``kahui fetch-mail`` (and, when ``KAHUI_IMAP_HOST`` is set, every round of
``kahui scheduler``) reads the unseen emails of ``KAHUI_IMAP_FOLDER`` and marks each
seen once it was handled. An email that failed for an unexpected reason stays unseen
and is tried again next time; one handled before is known by its Message-ID."""

import logging
from dataclasses import dataclass

from django.conf import settings
from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.mailbox import BaseMailBox

from kahui.replies.models import Via
from kahui.replies.services import inbound_receive

logger = logging.getLogger(__name__)

BATCH = 50  # emails read in one round at most
TIMEOUT = 30  # seconds


@dataclass
class Fetched:
    handled: int = 0
    failed: int = 0


def _mailbox() -> BaseMailBox:
    host, port = settings.KAHUI_IMAP_HOST, settings.KAHUI_IMAP_PORT
    if settings.KAHUI_IMAP_SECURITY == "none":
        return MailBoxUnencrypted(host, port, timeout=TIMEOUT)
    if settings.KAHUI_IMAP_SECURITY == "starttls":
        return MailBoxStartTls(host, port, timeout=TIMEOUT)
    return MailBox(host, port, timeout=TIMEOUT)


def fetch_mail() -> Fetched:
    """Handle the unseen emails in the mailbox (nothing when IMAP is not configured)."""
    result = Fetched()
    if not settings.KAHUI_IMAP_HOST:
        return result
    with _mailbox().login(
        settings.KAHUI_IMAP_USER, settings.KAHUI_IMAP_PASSWORD, settings.KAHUI_IMAP_FOLDER
    ) as mailbox:
        for message in mailbox.fetch(AND(seen=False), mark_seen=False, limit=BATCH, bulk=True):
            try:
                inbound_receive(raw=message.obj.as_bytes(), via=Via.IMAP)
            except Exception:
                logger.exception("Could not handle email %s; it stays unseen", message.uid)
                result.failed += 1
                continue
            mailbox.flag(message.uid, "\\Seen", True)
            result.handled += 1
    return result
