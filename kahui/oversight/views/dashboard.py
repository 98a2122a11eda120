"""The coordinator dashboard of an organisation, a cluster or a programme, a group's
figures, the cohort and the facilitator home."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kahui.core.fragments import cached_fragment
from kahui.core.paging import page_of
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.health.conditions import CONDITION_INFO
from kahui.inquiry.selectors import figures as inquiry_figures
from kahui.inquiry.selectors import open_cycle
from kahui.oversight import cohort, selectors
from kahui.oversight.access import Overseen, organisation_overseen, programme_overseen
from kahui.oversight.facilitating import facilitator_home
from kahui.oversight.forms import DashboardFilterForm

ROWS_PER_PAGE = 50


def _dashboard_body(request: HttpRequest, overseen: Overseen, stamp) -> dict:
    rows = selectors.kept_rows(overseen.key, stamp)
    organisations = sorted(
        {row.group.organisation for row in rows if row.group.organisation},
        key=lambda org: org.name.casefold(),
    )
    form = DashboardFilterForm(request.GET or None, organisations=organisations)
    filters = selectors.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            stage=data["stage"],
            format=data["format"],
            organisation=data["organisation"],
            flagged=data["flagged"],
            sort=data["sort"] or "name",
            descending=data["descending"],
        )
    shown = selectors.filter_rows(rows, filters)
    page, query = page_of(request, shown, ROWS_PER_PAGE)
    return {
        "overseen": overseen,
        "form": form,
        "page": page,
        "query": query,
        "rows": page.object_list,
        "total": len(rows),
        "flagged": sum(1 for row in rows if row.flags),
        "shown_count": len(shown),
        "objectives": selectors.objectives_in_use(overseen.organisation, overseen.groups()),
    }


def _dashboard(request: HttpRequest, overseen: Overseen) -> HttpResponse:
    """The page frame around its body, which is kept (per filter, sort and page) until
    the groups change: worked out afresh, it reads every group's figures."""
    stamp = selectors.stamp_of(overseen.groups())
    body = cached_fragment(
        request,
        template="oversight/_dashboard_body.html",
        key=["oversight-dashboard", overseen.key, stamp.key, request.GET.urlencode()],
        context=lambda: _dashboard_body(request, overseen, stamp),
    )
    return render(request, "oversight/dashboard.html", {"overseen": overseen, "body": body})


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, organisation_overseen(request, slug))


@login_required
@require_GET
def programme_dashboard(request: HttpRequest, programme_id: UUID) -> HttpResponse:
    return _dashboard(request, programme_overseen(request, programme_id))


@group_view(Need.OVERSEE)
@require_GET
def group_figures(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """One group's figures, as its overseers may see them: the dashboard's row in full,
    attendance meeting by meeting, the latest health result and the inquiry's figures."""
    (row,) = selectors.group_rows(LearningGroup.objects.filter(pk=group.pk))
    cycle = open_cycle(group)
    health_rows = []
    if row.health is not None:
        health_rows = [
            (str(CONDITION_INFO[key].name), round(mean, 2))
            for key, mean in row.health.means.items()
        ]
    return render(
        request,
        "oversight/group.html",
        {
            "group": group,
            "access": access,
            "row": row,
            "health_rows": health_rows,
            "inquiry": inquiry_figures(cycle) if cycle else None,
        },
    )


@login_required
@require_GET
def cohort_view(request: HttpRequest, slug: str) -> HttpResponse:
    overseen = organisation_overseen(request, slug)
    return render(
        request,
        "oversight/cohort.html",
        {"overseen": overseen, "cohort": cohort.cohort_of(overseen.organisations())},
    )


@login_required
@require_GET
def facilitating(request: HttpRequest) -> HttpResponse:
    home = facilitator_home(request.user)
    return render(
        request,
        "oversight/facilitating.html",
        {"groups": home.groups, "waiting": home.waiting, "explore": reverse("groups:explore")},
    )
