"""Making, using and revoking personal access tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.api.models import ApiToken, TokenScope
from kahui.core.errors import KahuiError, NotAllowed

SECRET_START = "kahui_"
# How often a token's "last used" is written: at most once a minute per token, so
# reading with a token does not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *, user, name: str, scope: str = TokenScope.READ, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its secret, which is shown once and
    never kept (only its SHA-256 is)."""
    name = name.strip()
    if not name:
        raise KahuiError(_("Give the token a name."))
    if scope not in TokenScope.values:
        raise KahuiError(_("Choose read only or read and write."))
    if expires_at is not None and expires_at <= timezone.now():
        raise KahuiError(_("The expiry date must be in the future."))
    secret = SECRET_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=secret[: len(SECRET_START) + 6],
        secret_hash=secret_hash(secret),
        scope=scope,
        expires_at=expires_at,
    )
    return token, secret


def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke ``token``: it opens nothing from now on. Only its owner revokes it."""
    if token.user_id != by.pk:
        raise NotAllowed(_("Only the person who made a token can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def token_for_secret(secret: str, *, now: datetime | None = None) -> ApiToken | None:
    """The live token with this secret, with its user and their profile (one query);
    None for an unknown, revoked or expired one. Its last use is noted at most once a
    minute: only when the stamp read is older, and then by an update that writes only
    if it is still older, so app servers racing on one token write it once."""
    now = now or timezone.now()
    if not secret.startswith(SECRET_START):
        return None
    token = (
        ApiToken.objects.select_related("user__profile")
        .filter(secret_hash=secret_hash(secret))
        .first()
    )
    if token is None or not token.is_live(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
