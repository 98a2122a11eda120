"""Reading people: whom people search finds."""

import json
from typing import Any

from django.db.models import Q, QuerySet

from kahui.accounts.models import Profile, User
from kahui.core.models import FocusArea
from kahui.people.access import org_colleagues


def findable_colleagues(viewer) -> QuerySet[User]:
    """The people ``viewer`` may find in people search: active colleagues of their
    organisations and clusters (the rule of :mod:`kahui.people.access`) who let
    themselves be found, never the viewer."""
    return (
        org_colleagues(viewer).filter(is_active=True, profile__findable=True).exclude(pk=viewer.pk)
    )


def searchable_focus_areas(viewer) -> QuerySet[FocusArea]:
    """Focus areas of the shared list that someone ``viewer`` may find holds."""
    held = Profile.objects.filter(user__in=findable_colleagues(viewer)).values("interests")
    return FocusArea.objects.accepted().filter(pk__in=held).order_by("name")


def people_search(viewer, filters: dict[str, Any]) -> QuerySet[User]:
    """The colleagues ``viewer`` finds with people search's ``filters``: words in
    their name or interests, a focus area, a year level, a subject and a role. Each
    comes with their profile, organisation and interests, by name."""
    people = findable_colleagues(viewer)
    if query := (filters.get("q") or "").strip():
        people = people.filter(
            Q(profile__display_name__icontains=query)
            | Q(pk__in=Profile.objects.filter(interests__name__icontains=query).values("user"))
        )
    if interest := filters.get("interest"):
        people = people.filter(pk__in=Profile.objects.filter(interests=interest).values("user"))
    if year_level := filters.get("year_level"):
        people = people.filter(profile__year_levels__icontains=json.dumps(year_level))
    if subject := filters.get("subject"):
        people = people.filter(profile__subjects__icontains=json.dumps(subject))
    if role := filters.get("role"):
        people = people.filter(profile__role=role)
    return (
        people.select_related("profile__organisation")
        .prefetch_related("profile__interests")
        .order_by("profile__display_name", "pk")
    )
