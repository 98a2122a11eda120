from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.groups.models import LearningGroup
from kahui.people import recommend
from kahui.people.access import person_for


@login_required
@require_GET
def person(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """A colleague's profile, for people who share a group or an organisation."""
    person = person_for(request, user_id)
    groups = (
        LearningGroup.objects.filter(memberships__user=person)
        .filter(memberships__user=request.user)
        .distinct()
    )
    return render(request, "people/person.html", {"person": person, "shared_groups": groups})


@login_required
@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    """Colleagues the viewer could learn with and groups they could join, with reasons.
    The dashboard and Explore load the panel with htmx; without it, this is a page."""
    found = recommend.recommendations_for(request.user)
    context = {"colleagues": found.colleagues, "groups": found.groups}
    if request.htmx:
        return render(request, "people/recommendations.html#panel", context)
    return render(request, "people/recommendations.html", context)
