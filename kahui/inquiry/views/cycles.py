"""The group's inquiry and a cycle's page (its stages, the current stage's record and
prompts, goals with progress, the plan, trials, goals to revisit, earlier stages and
other rounds), starting a cycle and changing its question and goals. The pages that
add to a cycle's page draw it again with their form when it is refused
(:func:`cycle_page_with`)."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.access import READ, may_start, may_steer, may_write
from kahui.inquiry.forms import CycleForm, PlanActionForm, ReadingForm, RevisitForm, TrialForm
from kahui.inquiry.models_of_inquiry import HE_PIKORUA
from kahui.inquiry.pages import round_end
from kahui.inquiry.views.lookup import check_may_steer, cycle_in, cycle_url
from kahui.inquiry.views.records import record_context
from kahui.inquiry.workflow import model_descriptions, model_name, stage_view
from kahui.meetings.forms import group_members


def _cycle_context(request, group, access, cycle, **forms) -> dict:
    page = selectors.cycle_page(cycle)
    members = group_members(group)
    can_write = may_write(access, cycle)
    record = page.current.record
    can_steer = may_steer(
        access,
        cycle,
        request.user,
        leads=record is not None and record.led_by_id == request.user.pk,
    )
    current = page.current.stage
    context = {
        "group": group,
        "access": access,
        "cycle": cycle,
        "page": page,
        "model_name": model_name(cycle.inquiry_model),
        "can_write": can_write,
        "can_steer": can_steer,
        "record": record_context(
            request,
            group,
            access,
            cycle,
            page.current,
            members=members,
            **({"record_form": forms.pop("record_form")} if "record_form" in forms else {}),
        ),
        "other_cycles": selectors.cycles_of(group, but=cycle),
        "last": cycle.inquiry_model.is_last(cycle.stage_key),
    }
    if context["last"] or not cycle.is_open:
        context.update(round_end(group, access, cycle))
    context["show_plan"] = current.has_actions or any(actions for _l, _n, actions in page.plan)
    context["show_trials"] = current.has_trials or bool(page.trials)
    if can_write:
        if current.has_trials:
            context["trial_form"] = forms.pop("trial_form", None) or TrialForm()
        if current.has_actions:
            context["plan_form"] = forms.pop("plan_form", None) or PlanActionForm(members=members)
        if current.has_revisits:
            context["revisit_form"] = forms.pop("revisit_form", None) or RevisitForm(
                goals=[card.goal for card in page.goals], revisits=page.revisits
            )
        bound = forms.pop("reading_form", None)
        for card in page.goals:
            if card.measure.pk and card.measure.is_set:
                mine = bound is not None and bound.measure_id == card.measure.pk
                card.reading_form = bound if mine else ReadingForm(measure=card.measure)
    context.update(forms)
    return context


def cycle_page_with(request, group, access, cycle, status: int = 400, **forms) -> HttpResponse:
    """The cycle's page with a form as it was sent, saying what is wrong."""
    context = _cycle_context(request, group, access, cycle, **forms)
    return render(request, "inquiry/cycle.html", context, status=status)


@group_view(READ)
@require_GET
def home(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    cycle = selectors.open_cycle(group)
    if cycle is None:
        return render(
            request,
            "inquiry/none.html",
            {
                "group": group,
                "access": access,
                "can_start": may_start(access) and group.status == "active",
                "cycles": selectors.cycles_of(group),
            },
        )
    return render(request, "inquiry/cycle.html", _cycle_context(request, group, access, cycle))


@group_view(READ)
@require_GET
def cycle_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    return render(request, "inquiry/cycle.html", _cycle_context(request, group, access, cycle))


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
@submitted_once
def start(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    if selectors.open_cycle(group) is not None:
        messages.info(request, _("The group's inquiry is already under way: one cycle at a time."))
        return redirect("inquiry:home", group.public_id)
    form = CycleForm(
        request.POST or None,
        group=group,
        initial={"model": "he_pikorua", "goals": list(group.goals.all())},
    )
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.cycle_start(
            group=group,
            by=request.user,
            question=form.cleaned_data["question"],
            goals=form.cleaned_data["goals"],
            model=form.cleaned_data["model"],
        ),
        _("The inquiry has started."),
    ):
        return redirect("inquiry:home", group.public_id)
    return render(
        request,
        "inquiry/start.html",
        {
            "group": group,
            "form": form,
            "models": model_descriptions(),
            "group_stage": stage_view(HE_PIKORUA, group.stage),
        },
        status=400 if form.errors else 200,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def cycle_edit(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_steer(request, access, cycle)
    form = CycleForm(
        request.POST or None,
        group=group,
        with_model=False,
        initial={"question": cycle.question, "goals": list(cycle.goals.all())},
    )
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.cycle_update(
            cycle=cycle,
            by=request.user,
            question=form.cleaned_data["question"],
            goals=form.cleaned_data["goals"],
        ),
        _("Saved."),
    ):
        return redirect(cycle_url(cycle))
    return render(
        request,
        "inquiry/cycle_edit.html",
        {"group": group, "cycle": cycle, "form": form},
        status=400 if form.errors else 200,
    )
