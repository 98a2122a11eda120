"""Running checks, for the group's facilitators: how often and how long a check is open,
the anonymity threshold, and opening a check now."""

from datetime import datetime, time

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.health import selectors, services
from kahui.health.forms import OpenForm, SettingsForm


def _settings_page(request, group, access, *, form=None, open_form=None, status=200):
    current = services.settings_for(group)
    form = form or SettingsForm(
        initial={
            "cadence_weeks": current.cadence_weeks,
            "open_days": current.open_days,
            "threshold": current.threshold,
        }
    )
    return render(
        request,
        "health/settings.html",
        {
            "group": group,
            "access": access,
            "form": form,
            "open_form": open_form or OpenForm(),
            "open_check": selectors.open_check(group),
            "members": group.memberships.count(),
            "current": current,
        },
        status=status,
    )


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def health_settings(
    request: HttpRequest, group: LearningGroup, access: GroupAccess
) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request, group, access)
    form = SettingsForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.health_settings_save(group=group, by=request.user, **form.cleaned_data),
        _("Saved."),
    ):
        return redirect("health:settings", group.public_id)
    return _settings_page(request, group, access, form=form, status=400)


@group_view(Need.FACILITATE)
@require_POST
def check_open(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    form = OpenForm(request.POST)
    if form.is_valid():
        closes_at = datetime.combine(
            form.cleaned_data["closes_on"], time(23, 59), tzinfo=timezone.get_current_timezone()
        )
        try:
            services.check_open(group=group, by=request.user, closes_at=closes_at)
        except KahuiError as error:
            # Shown above the page: the form may not be on it (a check is open already).
            messages.error(request, error.message)
        else:
            messages.success(request, _("The health check is open, and the members are told."))
            return redirect("health:overview", group.public_id)
    return _settings_page(request, group, access, open_form=form, status=400)
