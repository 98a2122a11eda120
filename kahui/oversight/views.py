"""Oversight pages: the coordinator dashboard of an organisation, a cluster or a
programme, a group's figures, the cohort, the objectives, the term and year reports
(page, CSV, PDF) with the period before, the PD-hours export, and the facilitator home.
Who may open what: ``access.py`` (a group's figures: ``groups/access.py``)."""

import io
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.csv_export import SafeWriter
from kahui.core.forms import form_saved
from kahui.core.fragments import cached_fragment
from kahui.core.paging import page_of
from kahui.core.pdf import pdf_response
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.health.conditions import CONDITION_INFO
from kahui.inquiry.selectors import figures as inquiry_figures
from kahui.inquiry.selectors import open_cycle
from kahui.orgs.access import org_for
from kahui.orgs.models import OrgRole
from kahui.oversight import charts, cohort, reports, selectors, services
from kahui.oversight.access import Overseen, organisation_overseen, programme_overseen
from kahui.oversight.facilitating import facilitator_home
from kahui.oversight.forms import DashboardFilterForm, NewObjectiveForm, ObjectiveForm, PeriodForm

ROWS_PER_PAGE = 50


# ---------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# The cohort
# ---------------------------------------------------------------------------


@login_required
@require_GET
def cohort_view(request: HttpRequest, slug: str) -> HttpResponse:
    overseen = organisation_overseen(request, slug)
    return render(
        request,
        "oversight/cohort.html",
        {"overseen": overseen, "cohort": cohort.cohort_of(overseen.organisations())},
    )


# ---------------------------------------------------------------------------
# Objectives
# ---------------------------------------------------------------------------


def _objectives_page(request, org, form, status=200):
    objectives = list(org.objectives.all())
    return render(
        request,
        "oversight/objectives.html",
        {"org": org, "objectives": objectives, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def objectives(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's learning objectives; POST adds one."""
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    if request.method == "GET":
        return _objectives_page(request, org, NewObjectiveForm())
    return _objective_add(request, org)


@submitted_once
def _objective_add(request: HttpRequest, org) -> HttpResponse:
    form = NewObjectiveForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.objective_add(
            organisation=org,
            by=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        ),
        _("The objective is added."),
    ):
        return redirect("oversight:objectives", org.slug)
    return _objectives_page(request, org, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def objective(request: HttpRequest, slug: str, objective_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    found = org.objectives.filter(public_id=objective_id).first()
    if found is None:
        raise Http404("No such objective")
    form = ObjectiveForm(request.POST or None, instance=None if request.POST else found)
    if request.method == "POST":
        if form_saved(
            request,
            form,
            lambda: services.objective_update(
                objective=found,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                active=form.cleaned_data["active"],
            ),
            _("Saved."),
        ):
            return redirect("oversight:objectives", org.slug)
        status = 400
    else:
        status = 200
    return render(
        request,
        "oversight/objective.html",
        {"org": org, "objective": found, "form": form},
        status=status,
    )


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


def _report_data(request: HttpRequest, overseen: Overseen) -> dict:
    today = timezone.localdate()
    periods = reports.periods_of(overseen.organisation, today=today)
    by_key = {period.key: period for period in periods}
    period = by_key.get(request.GET.get("period", "")) or reports.current_period(periods, today)
    previous = reports.previous_period(period, periods)
    groups = overseen.groups()
    current = reports.figures(groups, period)
    before = reports.figures(groups, previous) if previous else None
    return {
        "overseen": overseen,
        "periods": periods,
        "period": period,
        "previous": previous,
        "figures": current,
        "before": before,
        "comparison": reports.compare(current, before),
        "form": PeriodForm(initial={"period": period.key}, periods=periods),
    }


def _report(request: HttpRequest, overseen: Overseen) -> HttpResponse:
    data = _report_data(request, overseen)
    current, before = data["figures"], data["before"]
    nonce = get_nonce(request)
    activity_labels = [_("Meetings held"), _("Hours"), _("Goals met"), _("Rounds completed")]

    def numbers(figures):
        return [figures.meetings, figures.hours, figures.goals_met, figures.rounds_finished]

    previous_name = data["previous"].name if data["previous"] else ""
    data["activity_chart"] = charts.comparison_svg(
        chart_id="report-activity",
        title=_("What the groups did"),
        description=_("%(period)s beside %(previous)s: meetings, hours, goals met, rounds.")
        % {"period": data["period"].name, "previous": previous_name or _("no earlier period")},
        labels=activity_labels,
        now=numbers(current),
        before=numbers(before) if before else None,
        now_name=data["period"].name,
        before_name=previous_name,
        nonce=nonce,
    )
    health_rows = current.health_rows()
    if health_rows:
        before_means = dict(before.health_rows()) if before else {}
        data["health_chart"] = charts.comparison_svg(
            chart_id="report-health",
            title=_("Health of the groups (1–5)"),
            description=_("The mean of each condition in the published health checks."),
            labels=[label for label, _mean in health_rows],
            now=[mean for _label, mean in health_rows],
            before=(
                [before_means.get(label, 0) for label, _mean in health_rows]
                if before_means
                else None
            ),
            now_name=data["period"].name,
            before_name=previous_name,
            nonce=nonce,
        )
        data["health_table"] = [
            (label, mean, before_means.get(label)) for label, mean in health_rows
        ]
    return render(request, "oversight/report.html", data)


def _filename(overseen: Overseen, period, ext: str) -> str:
    name = slugify(f"{overseen.name} {period.name}") or "report"
    return f"{name}.{ext}"


def _report_csv(request: HttpRequest, overseen: Overseen) -> HttpResponse:
    data = _report_data(request, overseen)
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow([_("Report"), overseen.name, data["period"].name])
    writer.writerow([])
    writer.writerow(
        [_("Figure"), data["period"].name, data["previous"].name if data["previous"] else ""]
    )
    for row in data["comparison"]:
        writer.writerow([row.label, row.now, "" if row.before is None else row.before])
    writer.writerow([])
    writer.writerow(
        [
            _("Group"),
            _("Organisation"),
            _("Meetings held"),
            _("Hours"),
            _("Goals met"),
            _("Rounds completed"),
        ]
    )
    for group in data["figures"].groups:
        writer.writerow(
            [
                group.name,
                group.organisation,
                group.meetings,
                group.hours,
                group.goals_met,
                group.rounds_finished,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(overseen, data["period"], "csv")}"'
    )
    return response


def _report_pdf(request: HttpRequest, overseen: Overseen) -> HttpResponse:
    data = _report_data(request, overseen)
    return pdf_response(
        request,
        template="oversight/report_pdf.html",
        context=data,
        filename=_filename(overseen, data["period"], "pdf"),
        title=_("Report: %(name)s, %(period)s")
        % {"name": overseen.name, "period": data["period"].name},
        back_url=overseen.url("report"),
    )


@login_required
@require_GET
def report(request: HttpRequest, slug: str) -> HttpResponse:
    return _report(request, organisation_overseen(request, slug))


@login_required
@require_GET
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _report_csv(request, organisation_overseen(request, slug))


@login_required
@require_POST
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _report_pdf(request, organisation_overseen(request, slug))


@login_required
@require_GET
def programme_report(request: HttpRequest, programme_id: UUID) -> HttpResponse:
    return _report(request, programme_overseen(request, programme_id))


@login_required
@require_GET
def programme_report_csv(request: HttpRequest, programme_id: UUID) -> HttpResponse:
    return _report_csv(request, programme_overseen(request, programme_id))


@login_required
@require_POST
def programme_report_pdf(request: HttpRequest, programme_id: UUID) -> HttpResponse:
    return _report_pdf(request, programme_overseen(request, programme_id))


@login_required
@require_GET
def hours_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Hours of professional learning of every educator of the organisation (with its
    schools, for a cluster) in a term or year: educator, school, group or kind of
    activity, hours."""
    overseen = organisation_overseen(request, slug)
    today = timezone.localdate()
    periods = reports.periods_of(overseen.organisation, today=today)
    by_key = {period.key: period for period in periods}
    period = by_key.get(request.GET.get("period", "")) or reports.current_period(periods, today)
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow([_("Educator"), _("School"), _("Group or activity"), _("Hours")])
    for row in reports.hours_rows(overseen.organisations(), period):
        writer.writerow([row.educator, row.school, row.what, row.hours])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = slugify(f"{overseen.name} hours {period.name}") or "hours"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# ---------------------------------------------------------------------------
# The facilitator home
# ---------------------------------------------------------------------------


@login_required
@require_GET
def facilitating(request: HttpRequest) -> HttpResponse:
    home = facilitator_home(request.user)
    return render(
        request,
        "oversight/facilitating.html",
        {"groups": home.groups, "waiting": home.waiting, "explore": reverse("groups:explore")},
    )
