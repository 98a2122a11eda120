"""Who is calling: a personal access token (Authorization: Bearer …) or, in the browser,
the signed-in session, whose writes must carry the CSRF token (ninja's SessionAuth
checks it, as Django's middleware would)."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from kahui.api.models import ApiToken
from kahui.api.services import token_for_secret

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReadOnlyToken(HttpError):
    """A read-only token was used to change something."""

    def __init__(self) -> None:
        super().__init__(
            403, _("This token may only read. Make a read-and-write token to change things.")
        )


@dataclass(frozen=True)
class Caller:
    user: Any
    token: ApiToken | None = None

    def __str__(self) -> str:
        # The throttles' key: one counter per token, and one per person in the browser.
        return str(self.token) if self.token else f"session-user-{self.user.pk}"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_for_secret(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ReadOnlyToken()
        # The access modules ask request.user, as they do for the pages.
        request.user = found.user
        return Caller(user=found.user, token=found)


class BrowserSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        if request.user.is_authenticated:
            return Caller(user=request.user)
        return None
