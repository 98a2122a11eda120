"""The professional-learning record: a person's hours for a year, as a page and as CSV,
and the learning they log themselves."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.csv_export import SafeWriter
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.recognition import access as rules
from kahui.recognition import selectors, services
from kahui.recognition.forms import CertificateRequestForm, LearningActivityForm
from kahui.recognition.models import LearningKind


def _year(request: HttpRequest, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return year if year in years else years[0]


def record_page(
    request: HttpRequest,
    *,
    years: list[int],
    year: int,
    form: CertificateRequestForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The record page for ``year``, with the form to ask for a certificate (``form``
    when one was refused, holding what was typed)."""
    return render(
        request,
        "recognition/record.html",
        {
            "year": year,
            "years": years,
            "record": selectors.learning_record(request.user, year=year),
            "certificates": list(selectors.certificates_of(request.user)),
            "to_confirm": list(selectors.certificates_to_confirm(request.user)),
            "request_form": form
            or CertificateRequestForm(user=request.user, years=years, initial={"year": year}),
        },
        status=status,
    )


@login_required
@require_GET
def record(request: HttpRequest) -> HttpResponse:
    """A person's hours for a year: meetings attended, what they logged, their
    certificates, and the requests waiting for them as a facilitator."""
    years = selectors.record_years(request.user)
    return record_page(request, years=years, year=_year(request, years))


@login_required
@require_GET
def record_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The year's record as CSV: one row per meeting attended and per logged
    activity, dates in the person's time zone."""
    record = selectors.learning_record(request.user, year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kahui-professional-learning-{year}.csv"'
    )
    writer = SafeWriter(response)
    writer.writerow([_("Date"), _("Kind"), _("Group"), _("What"), _("Minutes"), _("Hours")])
    rows = [
        (
            timezone.localtime(mark.meeting.starts_at).date(),
            _("Meeting"),
            mark.meeting.group.name,
            mark.meeting.title,
            mark.minutes_attended,
        )
        for mark in record.attended
    ] + [
        (
            logged.done_on,
            LearningKind(logged.kind).label,
            logged.group.name if logged.group else "",
            logged.note,
            logged.minutes,
        )
        for logged in record.activities
    ]
    for day, kind, group, what, minutes in sorted(rows, key=lambda row: row[0]):
        writer.writerow([day.isoformat(), kind, group, what, minutes, f"{minutes / 60:.2f}"])
    totals = record.totals
    writer.writerow(["", _("Total"), "", "", totals.minutes, f"{totals.minutes / 60:.2f}"])
    return response


def _record_url(year: int) -> str:
    return reverse("recognition:record") + f"?year={year}"


def _activity_fields(form: LearningActivityForm) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "done_on": data["done_on"],
        "minutes": data["minutes"],
        "note": data["note"],
        "group": data["group_obj"],
    }


def _activity_page(request: HttpRequest, form: LearningActivityForm, logged) -> HttpResponse:
    return render(
        request,
        "recognition/activity_form.html",
        {"form": form, "logged": logged},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def activity_add(request: HttpRequest) -> HttpResponse:
    form = LearningActivityForm(
        request.POST or None,
        user=request.user,
        initial={"done_on": timezone.localdate(), "kind": LearningKind.READING},
    )
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.learning_activity_add(user=request.user, **_activity_fields(form)),
        _("Added to your record."),
    ):
        return redirect(_record_url(form.cleaned_data["done_on"].year))
    return _activity_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: UUID) -> HttpResponse:
    logged = rules.activity_of(request.user, activity_id)
    form = LearningActivityForm(
        request.POST or None,
        user=request.user,
        initial={
            "kind": logged.kind,
            "done_on": logged.done_on,
            "hours": f"{logged.hours:g}",
            "note": logged.note,
            "group": str(logged.group.public_id) if logged.group else "",
        },
    )
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.learning_activity_update(
            logged=logged, by=request.user, **_activity_fields(form)
        ),
        _("Saved."),
    ):
        return redirect(_record_url(logged.done_on.year))
    return _activity_page(request, form, logged)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, activity_id: UUID) -> HttpResponse:
    logged = rules.activity_of(request.user, activity_id)
    back = _record_url(logged.done_on.year)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove this learning from your record?"),
            question=_("“%(note)s” will no longer count in your hours.") % {"note": logged.note},
            confirm_label=_("Remove"),
            cancel_url=back,
            breadcrumbs=[(_("Professional-learning record"), back)],
        )
    services.learning_activity_remove(logged=logged, by=request.user)
    messages.success(request, _("Removed from your record."))
    return redirect(back)
