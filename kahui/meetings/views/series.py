"""A group's meetings, and scheduling one meeting or a series."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.errors import KahuiError
from kahui.core.paging import page_of
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.forms import ScheduleForm


@group_view(Need.SUPPORT)
@require_GET
def meeting_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    meetings = selectors.meetings_of(group)
    # Two lists, each paged on its own: a page link keeps the other list's page.
    upcoming, upcoming_query = page_of(request, meetings.upcoming(), 20, param="upcoming")
    past, past_query = page_of(request, meetings.past(), 30, param="past")
    series_with_skips = [s for s in group.meeting_series.all() if s.skipped_days_ahead]
    return render(
        request,
        "meetings/list.html",
        {
            "group": group,
            "access": access,
            "upcoming": upcoming,
            "upcoming_query": upcoming_query,
            "past": past,
            "past_query": past_query,
            "series_with_skips": series_with_skips,
        },
    )


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
@submitted_once
def schedule(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    """Schedule one meeting or a series. A series is saved only once the form has
    shown its dates (how many, which holidays are skipped, what the clocks change):
    shown as the form changes (htmx), or else on a first press of Schedule; the
    dates shown travel back as ``previewed``. A POST with ``preview`` only shows."""
    profile = getattr(request.user, "profile", None)
    initial = {
        "title": _("%(group)s meeting") % {"group": group.name},
        "duration_minutes": group.meeting_minutes,
        "format": group.format,
        "time_zone": getattr(profile, "time_zone", None) or timezone.get_current_timezone_name(),
        "template": selectors.suggested_protocol(group),
        "repeat": {
            "weekly": "weekly",
            "fortnightly": "fortnightly",
            "three_weekly": "three_weekly",
            "monthly": "monthly_weekday",
        }.get(group.frequency, ""),
    }
    for name in ("start_date", "start_time", "repeat"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ScheduleForm(request.POST or None, group=group, initial=initial)
    layout = preview_error = None
    previewing = "preview" in request.POST
    valid = request.method == "POST" and form.is_valid()
    plan = form.plan() if request.method == "POST" else None
    if plan is not None:
        try:
            layout = services.meetings_layout(group=group, plan=plan)
            shown = request.POST.get("previewed") == layout.fingerprint
            meetings = []
            if valid and not previewing and (shown or not layout.repeats):
                meetings = services.meetings_schedule(group=group, by=request.user, plan=plan)
        except KahuiError as error:
            layout, preview_error = None, error.message
            form.add_error(None, error.message)
        else:
            if meetings:
                if len(meetings) > 1:
                    messages.success(request, _("%(n)d meetings scheduled.") % {"n": len(meetings)})
                else:
                    messages.success(request, _("Meeting scheduled."))
                series = meetings[0].series
                if series is not None and series.skipped_dates:
                    messages.info(
                        request,
                        _("%(n)d dates in school holidays were skipped.")
                        % {"n": len(series.skipped_dates)},
                    )
                for note in layout.notes:
                    messages.info(request, note)
                return redirect("meetings:detail", group.public_id, meetings[0].public_id)
    context = {
        "group": group,
        "form": form,
        "layout": layout,
        "asked_to_check": valid and layout is not None and layout.repeats and not previewing,
    }
    if request.htmx and previewing:
        # The error shows in the fragment; a full page has it in the error summary.
        return render(
            request,
            "meetings/schedule.html#preview",
            {"layout": layout, "preview_error": preview_error},
        )
    return render(request, "meetings/schedule.html", context)
