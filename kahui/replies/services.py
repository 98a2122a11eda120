"""Receiving replies by email: each email once (by its Message-ID), posted where its
reply address says, as the person it was sent to, or refused with a reason that is
logged for admins and, where a person can be told safely, explained to them.

Nobody is ever told anything at an address that is not a Kāhui account's: a reply
address found in a forged or forwarded email must not make Kāhui send mail to
strangers. Automatic replies are never answered, so two machines cannot loop."""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from kahui.core.addresses import user_owns_email
from kahui.core.email import language_for, render_templated_email
from kahui.notifications.replyto import BadReplyToken, read_reply_token, token_in
from kahui.notifications.services import queue_message
from kahui.replies import incoming
from kahui.replies.models import InboundMail, Outcome, Reason
from kahui.replies.targets import HANDLERS, Refused

logger = logging.getLogger(__name__)

MEGABYTE = 1_000_000


def _account(address: str):
    """The account holding ``address`` (its log-in address or a verified one)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=address).first()
    if user is None:
        owned = EmailAddress.objects.filter(email__iexact=address, verified=True).first()
        user = owned.user if owned else None
    return user


def _explain(entry: InboundMail, *, to: str, reason: str, url: str = "", skipped=()) -> None:
    """A polite email about ``entry`` to ``to`` (an account's address), sent once."""
    context = {
        "reason": reason,
        "subject": entry.subject,
        "sender": entry.sender,
        "url": url,
        "skipped": list(skipped),
        "days": settings.KAHUI_REPLY_DAYS,
        "max_mb": settings.KAHUI_INBOUND_MAX_MB,
    }
    subject, body, html = render_templated_email(
        template="reply_refused", context=context, language=language_for(to)
    )
    original = entry.message_id
    if not (original.startswith("<") and original.isascii() and len(original.split()) == 1):
        original = ""  # only a well-formed id: it is written as it is
    headers = {"Auto-Submitted": "auto-replied"}
    if original:
        headers |= {"In-Reply-To": original, "References": original}
    queue_message(
        key=f"inbound:{entry.pk}",
        subject=subject,
        body=body,
        html=html,
        email=to,
        headers=headers,
    )


def _refuse(entry: InboundMail, reason: str, detail: str = "", *, tell: str = "") -> None:
    entry.outcome = Outcome.REFUSED if tell else Outcome.IGNORED
    entry.reason = reason
    entry.detail = detail
    entry.save()
    if tell:
        _explain(entry, to=tell, reason=reason)


def inbound_receive(
    *, raw: bytes, via: str, envelope_recipients: list[str] | None = None
) -> InboundMail | None:
    """Post the reply in ``raw`` where its reply address says, once: ``None`` when an
    email with its Message-ID came before. Bad mail never posts; each is logged."""
    mail = incoming.read(raw, envelope_recipients=envelope_recipients)
    token = next(filter(None, (token_in(address) for address in mail.recipients)), None)
    try:
        with transaction.atomic():
            entry = InboundMail.objects.create(
                message_id=mail.message_id,
                via=via,
                sender=mail.sender[:300],
                recipient=next(
                    (a for a in mail.recipients if token_in(a)),
                    mail.recipients[0] if mail.recipients else "",
                )[:300],
                subject=mail.subject,
                size=mail.size,
                outcome=Outcome.IGNORED,
            )
            _handle(entry, mail, token)
    except IntegrityError:
        if InboundMail.objects.filter(message_id=mail.message_id).exists():
            logger.info("Email %s received before: skipped", mail.message_id)
            return None
        raise
    logger.info("Email %s: %s %s", mail.message_id, entry.outcome, entry.reason)
    return entry


def _handle(entry: InboundMail, mail: incoming.Incoming, token: str | None) -> None:
    if mail.automatic:
        _refuse(entry, Reason.AUTO_REPLY, mail.automatic)  # never answered: no loops
        return
    sender_account = _account(mail.sender) if mail.sender else None
    stranger_safe = sender_account.email if sender_account else ""
    if token is None:
        _refuse(entry, Reason.NO_ADDRESS, ", ".join(mail.recipients)[:500])
        return
    try:
        parsed = read_reply_token(token)
    except BadReplyToken:
        _refuse(entry, Reason.BAD_TOKEN, tell=stranger_safe)
        return
    User = get_user_model()
    user = User.objects.filter(pk=parsed.user_id, is_active=True).first()
    handler = HANDLERS.get(parsed.target.kind)
    if user is None or handler is None:
        _refuse(entry, Reason.BAD_TOKEN, tell=stranger_safe)
        return
    entry.user = user
    entry.target = f"{parsed.target.kind}:{parsed.target.id}"
    if not mail.sender or not user_owns_email(user, mail.sender):
        # Told to the person the address was made for, at their own address.
        _refuse(entry, Reason.WRONG_SENDER, mail.sender, tell=user.email)
        return
    if parsed.expires_on < timezone.now().date():
        _refuse(entry, Reason.EXPIRED, str(parsed.expires_on), tell=user.email)
        return
    if mail.size > settings.KAHUI_INBOUND_MAX_MB * MEGABYTE:
        _refuse(entry, Reason.TOO_LARGE, f"{mail.size} bytes", tell=user.email)
        return
    if not mail.text.strip() and not mail.attachments:
        _refuse(entry, Reason.EMPTY, tell=user.email)
        return
    try:
        with transaction.atomic():
            posted = handler(
                target_id=parsed.target.id, by=user, text=mail.text, attachments=mail.attachments
            )
    except Refused as refused:
        _refuse(entry, refused.reason, refused.detail, tell=user.email)
        return
    entry.outcome = Outcome.POSTED
    entry.url = posted.url
    entry.detail = "\n".join(posted.skipped)
    entry.save()
    if posted.skipped:
        _explain(
            entry, to=user.email, reason="files_skipped", url=posted.url, skipped=posted.skipped
        )
