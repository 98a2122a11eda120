"""Finding groups: a person's own groups and Explore."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.core.paging import page_of
from kahui.groups import selectors
from kahui.groups.forms import ExploreForm


@login_required
@require_GET
def my_groups(request: HttpRequest) -> HttpResponse:
    groups = list(selectors.groups_of_member(request.user))
    return render(request, "groups/mine.html", {"groups": groups})


@login_required
@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    times = selectors.explore_meeting_times(request.user)
    form = ExploreForm(
        request.GET or None, user=request.user, time_zones=[found.time_zone for found in times]
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        # The filters given well apply; one given badly says so beside its field.
        filters = form.cleaned_data
    groups = selectors.explore_groups(request.user, filters, times=times)
    page, query = page_of(request, groups, 12)
    selectors.meeting_times_of(page.object_list, times)
    context = {"form": form, "page": page, "query": query}
    if request.htmx and not request.htmx.boosted:
        return render(request, "groups/explore.html#results", context)
    return render(request, "groups/explore.html", context)
