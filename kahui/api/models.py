"""Personal access tokens for the REST API. Only a hash of the secret is kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self, now) -> "ApiTokenQuerySet":
        """Neither revoked nor expired at ``now``."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(PublicId, TimeStamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    # The first characters of the secret, shown so a person can tell tokens apart.
    prefix = models.CharField(max_length=16)
    # SHA-256 of the whole secret, hex: the secret itself is never stored.
    secret_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(
        _("access"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # Throttles key on this: the token's own id, never its secret.
        return f"api-token-{self.pk}"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    def is_live(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class ApiRateWindow(models.Model):
    """How many requests one caller (a token, or a person in the browser) made in one
    window of the rate (KAHUI_API_RATE): a row per caller and window, counted up by one
    statement per request (kahui.api.throttling), so every app server sees the same
    count. Windows that have ended are deleted by the scheduler."""

    caller = models.CharField(max_length=64)
    # The window's start and length in whole seconds (since 1970, UTC).
    starts = models.BigIntegerField()
    seconds = models.PositiveIntegerField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "starts"], name="api_rate_one_row_a_window")
        ]

    def __str__(self) -> str:
        return f"{self.caller} {self.starts}+{self.seconds}s: {self.requests}"
