from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kahui.core.search import Hit
from kahui.groups.models import LearningGroup
from kahui.search.forms import KIND_LABELS, SearchForm
from kahui.search.selectors import my_groups, search_results


def _day_start(day) -> datetime:
    """The start of ``day`` in the viewer's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """One search box over everything the person may see, with filters by type, group
    and date. Filters given well apply; one given badly says so beside its field."""
    groups = my_groups(request.user)
    form = SearchForm(request.GET, groups=groups)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    rows: list[dict] = []
    if query:
        start, end = form.cleaned_data.get("from"), form.cleaned_data.get("to")
        in_group = form.in_group()
        results = search_results(
            user=request.user,
            query=query,
            kinds=form.kinds(),
            in_group=in_group.pk if in_group else None,
            since=_day_start(start) if start else None,
            until=_day_start(end + timedelta(days=1)) if end else None,
            groups=groups,
        )
        form.show_counts(results.counts)
        names = {group.pk: group.name for group in groups}
        missing = {h.group_id for h in _every(results.hits) if h.group_id not in names}
        missing.discard(None)
        if missing:
            names.update(LearningGroup.objects.filter(pk__in=missing).values_list("pk", "name"))
        rows = [_row(hit, names) for hit in results.hits]
    return render(request, "search/search.html", {"form": form, "query": query, "hits": rows})


def _every(hits: list[Hit]):
    for hit in hits:
        yield hit
        yield from hit.more


def _row(hit: Hit, names: dict[int, str]) -> dict:
    return {
        "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
        # A group's own result needs no "in this group".
        "group_name": names.get(hit.group_id, "") if hit.kind != "group" else "",
        "title": hit.title,
        # Escaped text with <mark> added by kahui.core.search. Titles stay plain, so a
        # page that must not show a title never shows it marked up either.
        "snippet": hit.snippet,
        "url": hit.url,
        "dated": hit.dated,
        "more": [_row(other, names) for other in hit.more],
    }
