"""Outgoing email. Messages are rendered now, in the recipient's language, and sent
by the worker after the surrounding transaction commits — never inside a request.
Every one is queued exactly once through :mod:`kahui.notifications.services`
(``queue_email``, ``queue_message``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

_muted: ContextVar[bool] = ContextVar("kahui_emails_muted", default=False)


@contextmanager
def emails_muted() -> Iterator[None]:
    """Send no email inside this block (used when generating demo data)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def emails_are_muted() -> bool:
    """Whether the current code runs inside :func:`emails_muted`."""
    return _muted.get()


def render_plain_text(template: str, context: dict[str, Any]) -> str:
    """Render a plain-text template without HTML escaping: a name such as
    "O'Brien & Co" must arrive as written, not as "O&#x27;Brien &amp; Co"."""
    compiled = get_template(template).template
    return compiled.render(Context(context, autoescape=False))


def email_context(context: dict[str, Any]) -> dict[str, Any]:
    """What every email template may use, with the message's own context on top."""
    return {"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, **context}


def render_subject(template: str, context: dict[str, Any]) -> str:
    """A subject line from a plain-text template: unescaped, on one line, prefixed."""
    subject = render_plain_text(template, context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())


def render_templated_email(
    *, template: str, context: dict[str, Any], language: str | None = None
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of ``email/<template>…`` in ``language``."""
    context = email_context(context)
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_subject(f"email/{template}_subject.txt", context)
        body = render_plain_text(f"email/{template}.txt", context)
        html = render_to_string(f"email/{template}.html", context)
    return subject, body, html


def language_for(email: str) -> str:
    """The preferred language of the account with this address (on its profile), or
    the default."""
    language = (
        get_user_model()
        .objects.filter(email__iexact=email)
        .values_list("profile__language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE
