"""Term and year reports of an organisation or a programme (page, CSV, PDF) with the period
before, and the PD-hours export."""

import io
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.csv_export import SafeWriter
from kahui.core.pdf import pdf_response
from kahui.oversight import charts, reports
from kahui.oversight.access import Overseen, organisation_overseen, programme_overseen
from kahui.oversight.forms import PeriodForm


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
