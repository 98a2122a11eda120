"""Focus areas people type, and the review that lets them into the shared list.

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
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.activity import FocusAreaActivity
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.core.models import FocusArea, FocusAreaStatus

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


# ---- review ---------------------------------------------------------------------------


def _in_scope(organisation) -> Q:
    """Rows whose organisation is ``organisation`` or one of its schools and centres."""
    return Q(organisation=organisation) | Q(organisation__parent=organisation)


def proposals_for(organisation) -> QuerySet[FocusArea]:
    """The proposals waiting for ``organisation``'s review, oldest first, each with
    ``groups_here`` (its groups that hold it) and ``people_here`` (how many of its
    people list it). Neither tells anything about other organisations."""
    from kahui.accounts.models import Profile
    from kahui.groups.models import LearningGroup

    groups = LearningGroup.objects.filter(_in_scope(organisation))
    people = Profile.objects.filter(_in_scope(organisation))
    return (
        FocusArea.objects.proposed()
        .filter(Q(pk__in=groups.values("focus_areas")) | Q(pk__in=people.values("interests")))
        .annotate(
            people_here=Count(
                "profiles",
                filter=Q(profiles__organisation=organisation)
                | Q(profiles__organisation__parent=organisation),
            )
        )
        .prefetch_related(
            Prefetch("groups", queryset=groups.order_by("name"), to_attr="groups_here")
        )
        .order_by("proposed_at", "name")
    )


def _reviewing(*, area: FocusArea, organisation, by) -> FocusArea:
    """``area`` locked for a decision, once the rules allow ``by`` to make it."""
    from kahui.orgs.models import OrgMembership, OrgRole

    membership = OrgMembership.objects.filter(organisation=organisation, user=by).first()
    if membership is None or not membership.has_role(OrgRole.COORDINATOR):
        raise NotAllowed(_("Only the organisation's coordinators and administrators review."))
    locked = FocusArea.objects.select_for_update().filter(pk=area.pk).first()
    if locked is None or locked.status != FocusAreaStatus.PROPOSED:
        raise Conflict(_("“%(name)s” was already reviewed.") % {"name": area.name})
    if not proposals_for(organisation).filter(pk=locked.pk).exists():
        raise NotAllowed(_("Nobody in this organisation uses “%(name)s”.") % {"name": area.name})
    return locked


@transaction.atomic
def focus_area_accept(*, area: FocusArea, organisation, by) -> FocusArea:
    """Put a proposal in the shared list as it was typed."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    area.status = FocusAreaStatus.ACCEPTED
    area.save(update_fields=["status"])
    activity.record(
        actor=by, action=FocusAreaActivity.ACCEPTED, organisation=organisation, target=area.name
    )
    return area


@transaction.atomic
def focus_area_rename(*, area: FocusArea, organisation, by, name: str) -> FocusArea:
    """Put a proposal in the shared list under a better name. A name another focus
    area already has is refused: merge into that one instead."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    try:
        name = clean_name(name)
    except ValidationError as error:
        raise KahuiError(error.messages[0]) from error
    if FocusArea.objects.filter(name__iexact=name).exclude(pk=area.pk).exists():
        raise KahuiError(
            _("There is already a focus area called “%(name)s”: merge into it instead.")
            % {"name": name}
        )
    old = area.name
    area.name, area.slug = name, free_slug(name, exclude=area)
    area.status = FocusAreaStatus.ACCEPTED
    area.save(update_fields=["name", "slug", "status"])
    activity.record(
        actor=by,
        action=FocusAreaActivity.RENAMED,
        organisation=organisation,
        target=area.name,
        changes={"name": activity.change(_("Name"), old, area.name)},
    )
    return area


@transaction.atomic
def focus_area_merge(*, area: FocusArea, organisation, by, into: FocusArea) -> FocusArea:
    """Replace a proposal with ``into``, an area of the shared list, wherever it is
    held (groups, profiles, resources), then remove the proposal."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    if into.pk == area.pk or into.status != FocusAreaStatus.ACCEPTED:
        raise KahuiError(_("Choose a focus area from the shared list to merge into."))
    for group in area.groups.all():
        group.focus_areas.add(into)
    for profile in area.profiles.all():
        profile.interests.add(into)
    for resource in area.resources.all():
        resource.focus_areas.add(into)
    activity.record(
        actor=by,
        action=FocusAreaActivity.MERGED,
        organisation=organisation,
        target=area.name,
        changes={"merged_into": activity.change(_("Merged into"), area.name, into.name)},
    )
    area.delete()
    return into


@transaction.atomic
def focus_area_decline(*, area: FocusArea, organisation, by) -> FocusArea:
    """Keep a proposal out of the shared list: it stays with the groups and people
    that hold it, and is never offered to anyone else."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    area.status = FocusAreaStatus.DECLINED
    area.save(update_fields=["status"])
    activity.record(
        actor=by, action=FocusAreaActivity.DECLINED, organisation=organisation, target=area.name
    )
    return area
