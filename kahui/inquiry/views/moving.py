"""Moving a cycle on: what the stage produced, then the next stage; from the last
stage, the next round, with what the review carries forward."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.forms import CycleForm, MoveForm
from kahui.inquiry.pages import round_end
from kahui.inquiry.views.lookup import check_may_steer, cycle_in, cycle_url
from kahui.inquiry.workflow import model_descriptions, stage_view


def _move_context(request, group, access, cycle, **extra) -> dict:
    page = selectors.cycle_page(cycle)
    model = cycle.inquiry_model
    last = model.is_last(cycle.stage_key)
    context = {
        "group": group,
        "access": access,
        "cycle": cycle,
        "page": page,
        "part": page.current,
        "last": last,
        "move_form": MoveForm(initial={"stage": cycle.stage_key}),
        **extra,
    }
    if last:
        context.update(round_end(group, access, cycle))
        context["carried"] = services.carried_text(cycle)
        context["models"] = model_descriptions()
        if "next_form" not in extra:
            goals = [r.goal for r in page.revisits] or [card.goal for card in page.goals]
            context["next_form"] = CycleForm(
                group=group, initial={"model": cycle.model, "goals": goals}
            )
    else:
        context["next_stage"] = stage_view(model, model.next_stage(cycle.stage_key).key)
    return context


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def move(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """What the stage produced, and a button to move on (from the last stage: the
    next round, with what the review carries forward)."""
    cycle = cycle_in(group, cycle_id)
    if not cycle.is_open:
        messages.info(request, _("This cycle has ended."))
        return redirect(cycle_url(cycle))
    check_may_steer(request, access, cycle)
    if request.method == "GET":
        return render(request, "inquiry/move.html", _move_context(request, group, access, cycle))
    move_form = MoveForm(request.POST)
    expected = move_form.cleaned_data["stage"] if move_form.is_valid() else ""
    last = cycle.inquiry_model.is_last(cycle.stage_key)
    next_form = CycleForm(request.POST, group=group) if last else None
    try:
        if next_form is not None:
            if not next_form.is_valid():
                context = _move_context(request, group, access, cycle, next_form=next_form)
                return render(request, "inquiry/move.html", context, status=400)
            services.cycle_next(
                cycle=cycle,
                by=request.user,
                expected_stage=expected,
                question=next_form.cleaned_data["question"],
                goals=next_form.cleaned_data["goals"],
                model=next_form.cleaned_data["model"],
            )
            messages.success(request, _("Round %(n)s has started.") % {"n": group.cycle + 1})
        else:
            cycle = services.stage_move(cycle=cycle, by=request.user, expected_stage=expected)
            messages.success(
                request,
                _("The inquiry is now at %(stage)s.")
                % {"stage": stage_view(cycle.inquiry_model, cycle.stage_key).label},
            )
    except services.StaleMove as error:
        messages.error(request, error.message)
        return redirect("inquiry:move", group.public_id, cycle.public_id)
    except KahuiError as error:
        messages.error(request, error.message)
        context = _move_context(request, group, access, cycle, next_form=next_form)
        return render(request, "inquiry/move.html", context, status=400)
    return redirect("inquiry:home", group.public_id)
