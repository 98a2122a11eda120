"""Rendered page fragments kept between requests, for pages read far more often than
they change (a group's home is opened many times between two edits).

A fragment's key holds everything it depends on: the group's latest activity entry
(every change of shared content writes one, see :mod:`kahui.core.activity`), the
viewer's role, language and time zone. A change makes a new key, so nothing needs
invalidating and every app server may keep its own copy: the ``fragments`` cache is
in each process's memory by default. Entries also expire after
``KAHUI_FRAGMENT_SECONDS`` so that what the log does not cover (a member renaming
themselves) is fresh within that time.

Forms inside a fragment carry a placeholder instead of the CSRF token; it is swapped
for the viewer's own token on the way out, so a cached fragment never holds a token.

The page frame (the header with the navigation and the account menu, around every
signed-in page) is kept the same way, per person: :func:`cached_frame` keys it on a
digest of all it shows (their name and picture, the navigation's links, labels and
current section), so a change to any of them makes a new key. The bell's count is not
in it: the bell asks for the count itself (``notifications:bell``) when the page loads."""

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from kahui.core.models import ActivityEntry

CSRF_PLACEHOLDER = "kahui-csrf-placeholder"
EXPIRES_AT = "fragment_expires_at"


def group_stamp(group_id: int) -> int:
    """The id of the group's latest activity entry (0 before the first): it moves on
    whenever the group's shared content changes. One indexed lookup, written in SQL
    because this runs on every view of a cached page."""
    table = connection.ops.quote_name(ActivityEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE group_id = %s ORDER BY created_at DESC, id DESC LIMIT 1",
            [group_id],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def cached_fragment(
    request: HttpRequest,
    *,
    template: str,
    key: Iterable[Any],
    context: Callable[[], dict[str, Any]],
) -> SafeString:
    """``template`` rendered with ``context()``, or the copy cached under ``key``.

    ``context`` is only called on a miss. It may set ``fragment_expires_at`` (an aware
    datetime) when the fragment goes stale at a known time, e.g. when the next
    meeting starts."""
    full_key = _full_key(template, key)
    cache = caches["fragments"]
    html = cache.get(full_key)
    if html is None:
        values = context()
        html = render_to_string(template, {**values, "csrf_token": CSRF_PLACEHOLDER}, request)
        cache.set(full_key, html, _timeout(values.get(EXPIRES_AT)))
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def cached_frame(context: Context, template: str) -> SafeString:
    """``template`` (a part of the page frame) rendered in the page's ``context``, or
    the signed-in viewer's copy of it: keyed on :func:`frame_version`."""
    request, user = context.get("request"), context.get("user")
    if request is None or user is None or not user.is_authenticated:
        return get_template(template).template.render(context)  # type: ignore[attr-defined]
    key = _full_key(template, ["frame", user.pk, frame_version(user, context.get("nav_items"))])
    cache = caches["fragments"]
    html = cache.get(key)
    if html is None:
        with context.push(csrf_token=CSRF_PLACEHOLDER):
            html = get_template(template).template.render(context)  # type: ignore[attr-defined]
        cache.set(key, str(html), _timeout(None))
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def frame_version(user: Any, nav_items: Iterable[dict[str, Any]] | None) -> str:
    """A digest of everything the page frame shows of ``user`` and the navigation."""
    profile = getattr(user, "profile", None)
    picture = getattr(profile, "avatar", None)
    parts = [
        str(user.pk),
        str(user.public_id),
        str(user.display_name),
        picture.name if picture else "",
        *(f"{item['url']} {item['label']} {item['current']}" for item in nav_items or []),
    ]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()


def _full_key(template: str, key: Iterable[Any]) -> str:
    return ":".join(
        [
            "fragment",
            template,
            *(str(part) for part in key),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        ]
    )


def _timeout(expires_at: datetime | None) -> int:
    seconds = settings.KAHUI_FRAGMENT_SECONDS
    if expires_at is not None:
        seconds = min(seconds, int((expires_at - timezone.now()).total_seconds()))
    return max(seconds, 1)
