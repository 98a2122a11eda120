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


# Each language named in itself, as a language switcher shows it: someone who cannot
# read the current language still finds their own.
AUTONYMS = {"en": "English", "mi": "Te reo Māori", "nl": "Nederlands"}


def offered_languages(keep: str | None = None) -> list[tuple[str, str]]:
    """The interface languages to choose from, each named in itself; ``keep`` (a value
    already saved) stays a choice even when its catalogue is gone."""
    from django.conf import settings  # this module is imported by the settings

    codes = [code for code, _name in settings.LANGUAGES]
    if keep and keep not in codes and keep in dict(settings.KNOWN_LANGUAGES):
        codes.append(keep)
    return [(code, AUTONYMS.get(code, code)) for code in codes]


def translated_share(po_text: str) -> float:
    """The share of a gettext catalogue's (``.po``) messages that have a translation:
    fuzzy and empty ones do not count, nor the header."""
    total = translated = 0
    for entry in po_text.split("\n\n"):
        lines = [line.strip() for line in entry.strip().splitlines()]
        if not lines or all(line.startswith("#") for line in lines):
            continue  # comments only, or an obsolete (#~) entry
        msgid, msgstr, part = [], [], None
        for line in lines:
            if line.startswith("msgid "):
                part = msgid
            elif line.startswith("msgstr"):
                part = msgstr
            elif line.startswith(("#", "msgctxt", "msgid_plural")):
                part = None
                continue
            if part is not None:
                part.append(line[line.index('"') :].strip('"') if '"' in line else "")
        if not "".join(msgid):
            continue  # the header
        total += 1
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        translated += bool("".join(msgstr)) and not fuzzy
    return translated / total if total else 0.0


def partial_languages(
    languages: Iterable[tuple[str, Any]],
    *,
    locale_paths: Sequence[Path],
    default: str,
    threshold: float = 0.95,
) -> list[str]:
    """The codes of ``languages`` whose catalogue (``django.po``) translates less than
    ``threshold`` of the messages: pages in them say that some of Kāhui is in English.
    Read once, when the settings load."""
    partial = []
    for code, _name in languages:
        if code == default:
            continue
        catalogue = next(
            (
                path / code / "LC_MESSAGES" / "django.po"
                for path in locale_paths
                if (path / code / "LC_MESSAGES" / "django.po").is_file()
            ),
            None,
        )
        if catalogue is None or translated_share(catalogue.read_text("utf-8")) < threshold:
            partial.append(code)
    return partial
