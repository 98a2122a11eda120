"""A cycle's goals: adding one with its measure, refining it, and recording its
readings (htmx: the goal's card)."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.access import may_steer, may_write
from kahui.inquiry.forms import GoalForm, ReadingForm
from kahui.inquiry.models import GoalMeasure, InquiryCycle
from kahui.inquiry.views.cycles import cycle_page_with
from kahui.inquiry.views.lookup import check_may_steer, check_may_write, cycle_in, cycle_url


def _measure(group: LearningGroup, cycle: InquiryCycle, measure_id: UUID) -> GoalMeasure:
    return get_object_or_404(
        GoalMeasure.objects.select_related("goal"),
        goal__group=group,
        goal__inquiry_cycles=cycle,
        public_id=measure_id,
    )


def _goal_page(request, group, access, cycle, measure=None) -> HttpResponse:
    check_may_steer(request, access, cycle)
    initial = {}
    if measure is not None:
        initial = {
            "text": measure.goal.text,
            "evidence": measure.goal.evidence,
            "name": measure.name,
            "unit": measure.unit,
            "baseline": measure.baseline,
            "target": measure.target,
            "starts_on": measure.starts_on,
            "due_on": measure.due_on,
        }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.goal_save(
                cycle=cycle,
                by=request.user,
                measure=measure,
                edit=services.MeasureEdit(**form.cleaned_data),
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Goal saved."))
            return redirect(cycle_url(cycle, f"#goal-{saved.public_id}"))
    return render(
        request,
        "inquiry/goal_form.html",
        {"group": group, "cycle": cycle, "measure": measure, "form": form},
        status=400 if form.errors else 200,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def goal_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    return _goal_page(request, group, access, cycle_in(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def goal_edit(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    measure_id: UUID,
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    return _goal_page(request, group, access, cycle, _measure(group, cycle, measure_id))


def _goal_context(request, access, cycle, measure, *, form=None, **extra) -> dict:
    """What the fragment of one goal needs: its card, with the form for a reading."""
    card = selectors.goal_card(cycle, measure)
    card.reading_form = form or ReadingForm(measure=measure)
    return {
        "group": cycle.group,
        "cycle": cycle,
        "card": card,
        "can_write": may_write(access, cycle),
        "can_steer": may_steer(access, cycle, request.user),
        **extra,
    }


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def reading_add(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    measure_id: UUID,
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    measure = _measure(group, cycle, measure_id)
    form = ReadingForm(request.POST, measure=measure)
    form.measure_id = measure.pk
    if form_saved(
        request,
        form,
        lambda: services.reading_add(
            cycle=cycle, measure=measure, by=request.user, **form.cleaned_data
        ),
        _("Reading recorded."),
    ):
        if request.htmx:
            context = _goal_context(request, access, cycle, measure)
            return render(request, "inquiry/_goal.html", context)
        return redirect(cycle_url(cycle, f"#goal-{measure.public_id}"))
    if request.htmx:
        context = _goal_context(request, access, cycle, measure, form=form)
        return render(request, "inquiry/_goal.html", context)
    return cycle_page_with(request, group, access, cycle, reading_form=form)
