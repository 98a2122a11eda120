"""An email as the replies app reads it, whichever way it came (a provider's webhook
or an IMAP mailbox): who sent it, to which addresses, its new text, its files, and
whether a machine sent it."""

import email
import hashlib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import getaddresses, parseaddr

from kahui.replies.text import html_text, reply_text

RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")


@dataclass
class Attachment:
    name: str
    content_type: str
    content: bytes


@dataclass
class Incoming:
    message_id: str
    sender: str
    recipients: list[str]
    subject: str
    text: str  # the new text of the reply: quote and signature removed
    attachments: list[Attachment] = field(default_factory=list)
    size: int = 0
    automatic: str = ""  # why it looks sent by a machine (an out-of-office reply…)


def automatic_reason(message: EmailMessage) -> str:
    """Why ``message`` looks sent by a machine rather than typed by a person: an
    out-of-office or other automatic reply (RFC 3834 and the headers mail systems use
    instead), a bounce, or a mailing list. Empty for a person's email."""
    submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if message.get(name) is not None:
            return name
    suppress = str(message.get("X-Auto-Response-Suppress", "")).lower()
    if "oof" in suppress or "all" in suppress:
        return f"X-Auto-Response-Suppress: {suppress}"
    precedence = str(message.get("Precedence", "")).strip().lower()
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        return f"Precedence: {precedence}"
    if message.get("List-Id") is not None or message.get("List-Unsubscribe") is not None:
        return "a mailing list"
    if str(message.get("Return-Path", "")).strip() == "<>":
        return "a bounce (empty Return-Path)"
    if message.get_content_type() == "multipart/report":
        return "a delivery report"
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    if sender.split("@")[0] in {"mailer-daemon", "postmaster"}:
        return "a bounce"
    return ""


def _body_text(message: EmailMessage) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return reply_text(plain.get_content())
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        return reply_text(html_text(html.get_content()))
    return ""


def _attachments(message: EmailMessage) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        name = part.get_filename()
        if not name or part.get_content_maintype() == "multipart":
            continue
        payload = part.get_payload(decode=True) or b""
        found.append(Attachment(name=name, content_type=part.get_content_type(), content=payload))
    return found


def read(raw: bytes, *, envelope_recipients: list[str] | None = None) -> Incoming:
    """The email in ``raw`` (RFC 5322 bytes). ``envelope_recipients``: the addresses
    the receiving side delivered it to, when it knows them (they come first)."""
    message = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(message, EmailMessage)
    recipients = list(envelope_recipients or [])
    for name in RECIPIENT_HEADERS:
        recipients += [address for _name, address in getaddresses(message.get_all(name, []))]
    message_id = str(message.get("Message-ID", "")).strip()
    if not message_id:
        # Without one, the same bytes are the same email.
        message_id = "<sha256-" + hashlib.sha256(raw).hexdigest() + "@kahui.invalid>"
    automatic = automatic_reason(message)
    return Incoming(
        message_id=message_id[:300],
        sender=parseaddr(str(message.get("From", "")))[1].strip().lower(),
        recipients=[address.strip().lower() for address in recipients if address],
        subject=str(message.get("Subject", ""))[:300],
        text="" if automatic else _body_text(message),
        attachments=[] if automatic else _attachments(message),
        size=len(raw),
        automatic=automatic,
    )
