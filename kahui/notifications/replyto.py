"""Reply addresses: ``reply+TOKEN@<KAHUI_REPLY_DOMAIN>`` on an email that can be
answered by replying to it.

The token names the person the email went to, what a reply posts to (a thread, a
meeting's minutes) and the day it expires, signed with the site's secret:
``<user id>.<kind>.<target id>.<expiry day>.<MAC>``. It is plain lower-case ASCII,
because mail systems may change the case of an address's local part, and short enough
for the 64 characters a local part may have (RFC 5321). The app that receives replies
(``kahui.replies``) reads it back with :func:`read_reply_token`; this module only knows
how to sign and check, not what a kind means."""

import base64
import re
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

REPLY_SALT = "kahui.notifications.reply"
EPOCH = date(1970, 1, 1)
LOCAL_PART = re.compile(r"^reply\+([a-z0-9.]+)$")


class ReplyTarget(NamedTuple):
    """What a reply posts to: ``kind`` ("thread", "minutes") and the row's id."""

    kind: str
    id: int


class ReplyToken(NamedTuple):
    user_id: int
    target: ReplyTarget
    expires_on: date


class BadReplyToken(ValueError):
    """Not a reply address of this site, or its signature does not match."""


def replies_enabled() -> bool:
    return bool(settings.KAHUI_REPLY_DOMAIN)


def _mac(payload: str) -> str:
    digest = salted_hmac(REPLY_SALT, payload, algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode().lower()


def reply_token(*, user_id: int, target: ReplyTarget, today: date | None = None) -> str:
    if not re.fullmatch(r"[a-z]+", target.kind):
        raise ValueError(f"A reply target's kind is lower-case letters: {target.kind!r}")
    today = today or timezone.now().date()
    expires = (today + timedelta(days=settings.KAHUI_REPLY_DAYS) - EPOCH).days
    payload = f"{user_id}.{target.kind}.{target.id}.{expires}"
    return f"{payload}.{_mac(payload)}"


def reply_address(*, user, target: ReplyTarget) -> str:
    """The address a reply to an email for ``user`` about ``target`` goes to; empty
    when replies by email are not configured."""
    if not replies_enabled():
        return ""
    return f"reply+{reply_token(user_id=user.pk, target=target)}@{settings.KAHUI_REPLY_DOMAIN}"


def read_reply_token(token: str) -> ReplyToken:
    """The person, target and expiry day a token names; raises :class:`BadReplyToken`.
    Whether it has expired is the caller's to decide (and to explain)."""
    token = token.lower()
    payload, _dot, mac = token.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 4 or not constant_time_compare(mac, _mac(payload)):
        raise BadReplyToken("bad reply token")
    user_id, kind, target_id, expires = parts
    if not (user_id.isdigit() and target_id.isdigit() and expires.isdigit()):
        raise BadReplyToken("bad reply token")
    return ReplyToken(
        user_id=int(user_id),
        target=ReplyTarget(kind, int(target_id)),
        expires_on=EPOCH + timedelta(days=int(expires)),
    )


def token_in(address: str) -> str | None:
    """The token of a reply address on the reply domain (``None`` for any other)."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    if not at or domain.lower() != settings.KAHUI_REPLY_DOMAIN.lower():
        return None
    found = LOCAL_PART.match(local.lower())
    return found.group(1) if found else None
