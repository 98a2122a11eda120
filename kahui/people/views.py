from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.accounts.models import Profile
from kahui.core.paging import page_of
from kahui.groups.models import LearningGroup
from kahui.people import recommend, selectors
from kahui.people.access import person_for, shares_with
from kahui.people.forms import PeopleSearchForm


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
def avatar(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """A person's profile picture, for whoever may see their profile (the same rule
    as the profile page); 404 for everyone else and for people without a picture."""
    profile = (
        Profile.objects.select_related("user")
        .filter(user__public_id=user_id, user__is_active=True)
        .exclude(avatar="")
        .first()
    )
    if profile is None or not shares_with(request.user, profile.user):
        raise Http404("No picture")
    try:
        picture = profile.avatar.open("rb")
    except FileNotFoundError as error:
        raise Http404("No picture") from error
    response = FileResponse(picture, content_type="image/webp")
    # The address carries the file's name (?v=…), so a new picture is a new address.
    response["Cache-Control"] = "private, max-age=604800"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Colleagues of the viewer's organisations and clusters, by what their profiles
    say; people who hide themselves from search are never listed."""
    form = PeopleSearchForm(
        request.GET or None, focus_areas=selectors.searchable_focus_areas(request.user)
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        # The filters given well apply; one given badly says so beside its field.
        filters = form.cleaned_data
    page, query = page_of(request, selectors.people_search(request.user, filters), 20)
    context = {"form": form, "page": page, "query": query}
    if request.htmx and not request.htmx.boosted:
        return render(request, "people/search.html#results", context)
    return render(request, "people/search.html", context)


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
