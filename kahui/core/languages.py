"""Which interface languages Kāhui offers: those someone has translated.

Imported by the settings, so it imports nothing from Django's models."""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def with_catalogue(
    known: Iterable[tuple[str, Any]], *, locale_paths: Sequence[Path], default: str
) -> list[tuple[str, Any]]:
    """The languages of ``known`` with a compiled catalogue
    (``<path>/<code>/LC_MESSAGES/django.mo``) in one of ``locale_paths``, and always the
    ``default`` language, in which the strings are written."""
    return [
        (code, name)
        for code, name in known
        if code == default
        or any((path / code / "LC_MESSAGES" / "django.mo").is_file() for path in locale_paths)
    ]
