from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kahui.groups.models import LearningGroup
from kahui.search.selectors import search_for

SEARCH_KINDS = {
    "post": _("Discussion"),
    "minutes": _("Minutes"),
    "decision": _("Decision"),
    "proposal": _("Proposal"),
    "resource": _("Resource"),
    "reflection": _("Shared reflection"),
}


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """One search box over everything the person may see."""
    query = request.GET.get("q", "").strip()[:200]
    hits = search_for(user=request.user, query=query) if query else []
    names = dict(
        LearningGroup.objects.filter(pk__in={h.group_id for h in hits if h.group_id}).values_list(
            "pk", "name"
        )
    )
    rows = [
        {
            "kind_label": SEARCH_KINDS.get(hit.kind, hit.kind),
            "group_name": names.get(hit.group_id, ""),
            "title": hit.title,
            "url": hit.url,
            # the snippet is escaped text with <mark> added by kahui.core.search
            "snippet": hit.snippet,
        }
        for hit in hits
    ]
    return render(request, "search/search.html", {"query": query, "hits": rows})
