"""Answering the open check, and the viewer's own status for the group home's card."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.health import selectors, services
from kahui.health.forms import AnswerForm
from kahui.health.models import HealthCheck
from kahui.health.results import LEVELS


def _answer_context(group, access, check: HealthCheck | None, request, form) -> dict[str, Any]:
    return {
        "group": group,
        "access": access,
        "check": check,
        "form": form,
        "answered": selectors.has_answered(check, request.user) if check else False,
        "levels": LEVELS,
    }


def _private(response: HttpResponse) -> HttpResponse:
    # A filled-in form must not stay in the browser's cache or back button.
    response["Cache-Control"] = "no-store"
    return response


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    check = selectors.open_check(group)
    if request.method == "POST" and check is None:
        messages.error(request, _("No health check is open in this group."))
        return redirect("health:overview", group.public_id)
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_save(
                    check=check,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                thanks = _(
                    "Thank you: your answer is saved. It is not shown to anyone, "
                    "you included, and you may answer again until the check closes."
                )
                if request.htmx:
                    context = _answer_context(group, access, check, request, AnswerForm())
                    context["thanks"] = thanks
                    return _private(render(request, "health/answer.html#answer", context))
                messages.success(request, thanks)
                return redirect("health:overview", group.public_id)
        # htmx swaps only 2xx answers: the form with its errors comes back as a 200.
        status = 200 if request.htmx else 400
    template = "health/answer.html#answer" if request.htmx else "health/answer.html"
    context = _answer_context(group, access, check, request, form)
    return _private(render(request, template, context, status=status))


@group_view(Need.MEMBER)
@require_GET
def status(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """Whether the viewer has answered the open check: the group home (a page shared
    by everyone with the viewer's role) loads this into its card."""
    check = selectors.open_check(group)
    return render(
        request,
        "health/_status.html",
        {
            "group": group,
            "health_check": check,
            "answered": selectors.has_answered(check, request.user) if check else False,
        },
    )
