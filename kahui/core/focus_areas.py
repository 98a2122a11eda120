"""Focus areas people type: checked and tidied before they become proposals. The
review that lets them into the shared list is :mod:`kahui.orgs.focus_areas`.

Kāhui keeps one shared list of focus areas. What someone types in the group wizard,
a group's focus section or their profile's interests is checked (length, no markup,
whitespace collapsed) and becomes a *proposal*: it stays with the group or person
that holds it, and nobody else is offered it. Proposals are reviewed per
organisation: the coordinators and administrators of an organisation see the
proposals held by its groups and by people whose profile names it (a cluster's also
those of its schools and centres), and accept one into the shared list, accept it
under a better name, merge it into an area already in the list, or decline it (it
then stays with whoever holds it and never reaches the list). A proposal is one entry
however many groups typed the same words, so the first decision settles it for all;
every decision is recorded in the reviewing organisation's activity log."""

import re
import unicodedata
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kahui.core.models import FocusArea

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 80  # FocusArea.name's max_length
# Characters that make text into HTML, Markdown or template markup rather than words.
MARKUP_CHARACTERS = "<>{}[]`*_|\\~^=$#@"
_ENTITY = re.compile(r"&#?\w+;")
_LINK = re.compile(r"://|\bwww\.", re.IGNORECASE)


def clean_name(raw: str) -> str:
    """One typed focus area, tidied (runs of spaces and line breaks become one space)
    and checked; raises ValidationError with a message that quotes it."""
    name = " ".join(raw.split())
    shown = name if len(name) <= 40 else name[:39] + "…"
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Keep each focus area to %(n)d characters: “%(name)s” is longer.")
            % {"n": NAME_MAX_LENGTH, "name": shown},
            code="too_long",
        )
    if (
        any(ch in MARKUP_CHARACTERS for ch in name)
        or _ENTITY.search(name)
        or _LINK.search(name)
        or any(unicodedata.category(ch).startswith("C") for ch in name)
    ):
        raise ValidationError(
            _("“%(name)s” looks like markup or a link. Use words only, without %(characters)s.")
            % {"name": shown, "characters": " ".join(MARKUP_CHARACTERS)},
            code="markup",
        )
    if len(name) < NAME_MIN_LENGTH or not any(ch.isalpha() for ch in name):
        raise ValidationError(
            _("“%(name)s” is not a focus area: use at least %(n)d characters and some letters.")
            % {"name": shown, "n": NAME_MIN_LENGTH},
            code="too_short",
        )
    return name


def parse_names(text: str) -> list[str]:
    """Focus areas typed as one text, separated by commas: each cleaned, repeats (in
    any letter case) dropped. Raises one ValidationError listing every problem."""
    names: list[str] = []
    problems: list[ValidationError] = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        try:
            name = clean_name(part)
        except ValidationError as error:
            problems.append(error)
            continue
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if problems:
        raise ValidationError(problems)
    return names


class FocusAreaNamesField(forms.CharField):
    """Focus areas typed as text, separated by commas; cleans to a list of names."""

    def clean(self, value) -> list[str]:  # type: ignore[override]
        return parse_names(super().clean(value))


def free_slug(name: str, *, exclude: FocusArea | None = None) -> str:
    """A web slug for ``name`` that no other focus area has: “Maths talk!” after
    “Maths talk” becomes ``maths-talk-2``."""
    base = slugify(name)[:80] or uuid.uuid4().hex[:12]
    others = FocusArea.objects.exclude(pk=exclude.pk) if exclude else FocusArea.objects.all()
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
