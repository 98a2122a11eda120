"""The inquiry pages: the group's open cycle with its stages, the stage records and
their history, trials, the plan, goals with their measures and readings, moving on
(with what the stage produced), and starting a cycle. Members only: the group is
checked at the door, the finer rules in ``access.py``."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.access import may_start, may_steer, may_write
from kahui.inquiry.forms import (
    CycleForm,
    GoalForm,
    MoveForm,
    PlanActionForm,
    ReadingForm,
    RevisitForm,
    StageRecordForm,
    TrialForm,
)
from kahui.inquiry.models import GoalMeasure, InquiryCycle, StageRecord
from kahui.inquiry.models_of_inquiry import HE_PIKORUA, UnknownModel
from kahui.inquiry.pages import round_end
from kahui.inquiry.workflow import (
    model_descriptions,
    model_name,
    record_fields,
    stage_view,
)
from kahui.meetings.forms import group_members


def _cycle(group: LearningGroup, cycle_id: UUID) -> InquiryCycle:
    return get_object_or_404(
        InquiryCycle.objects.select_related("group", "started_by__profile", "previous"),
        group=group,
        public_id=cycle_id,
    )


def _stage_or_404(cycle: InquiryCycle, stage: str) -> str:
    try:
        cycle.inquiry_model.index(stage)
    except UnknownModel:
        raise Http404("No such stage") from None
    return stage


def _cycle_url(cycle: InquiryCycle, anchor: str = "") -> str:
    if cycle.is_open:
        url = reverse("inquiry:home", args=[cycle.group.public_id])
    else:
        url = reverse("inquiry:cycle", args=[cycle.group.public_id, cycle.public_id])
    return url + anchor


def _record_form(cycle: InquiryCycle, part, members, data=None, **initial) -> StageRecordForm:
    record = part.record
    values = record.values if record else {}
    return StageRecordForm(
        data,
        fields=record_fields(cycle.inquiry_model.stage(part.stage.key)),
        members=members,
        initial={
            "version": record.version if record else 0,
            "led_by": record.led_by_id if record and record.led_by_id else None,
            **values,
            **initial,
        },
    )


def _record_context(request, group, access, cycle, part, *, members=None, **extra) -> dict:
    """What the fragment of one stage's record needs, and nothing more."""
    members = group_members(group) if members is None else members
    context = {
        "group": group,
        "cycle": cycle,
        "part": part,
        "can_write": may_write(access, cycle) and part.stage.state != "todo",
        **extra,
    }
    if context["can_write"] and "record_form" not in extra:
        leader = None if part.record and part.record.led_by_id else request.user.pk
        initial = {"led_by": leader} if leader else {}
        context["record_form"] = _record_form(cycle, part, members, **initial)
    return context


def _cycle_context(request, group, access, cycle, **forms) -> dict:
    page = selectors.cycle_page(cycle)
    members = group_members(group)
    can_write = may_write(access, cycle)
    can_steer = may_steer(access, cycle, request.user)
    current = page.current.stage
    context = {
        "group": group,
        "access": access,
        "cycle": cycle,
        "page": page,
        "model_name": model_name(cycle.inquiry_model),
        "can_write": can_write,
        "can_steer": can_steer,
        "record": _record_context(
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


@group_view(Need.MEMBER)
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


@group_view(Need.MEMBER)
@require_GET
def cycle_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
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
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_start(
                group=group,
                by=request.user,
                question=form.cleaned_data["question"],
                goals=form.cleaned_data["goals"],
                model=form.cleaned_data["model"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The inquiry has started."))
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


def _steering(request, access, cycle) -> None:
    if not may_steer(access, cycle, request.user):
        raise PermissionDenied(
            "Facilitators, and whoever leads the stage, move the inquiry on and set its goals."
        )


def _writing(access, cycle) -> None:
    if not may_write(access, cycle):
        raise PermissionDenied("Only members write the open cycle's record.")


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def cycle_edit(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _steering(request, access, cycle)
    form = CycleForm(
        request.POST or None,
        group=group,
        with_model=False,
        initial={"question": cycle.question, "goals": list(cycle.goals.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_update(
                cycle=cycle,
                by=request.user,
                question=form.cleaned_data["question"],
                goals=form.cleaned_data["goals"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(_cycle_url(cycle))
    return render(
        request,
        "inquiry/cycle_edit.html",
        {"group": group, "cycle": cycle, "form": form},
        status=400 if form.errors else 200,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def record(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, stage: str
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    stage = _stage_or_404(cycle, stage)
    part = selectors.stage_part(cycle, stage)
    if part.stage.state == "todo":
        messages.info(request, _("The inquiry has not reached this stage yet."))
        return redirect(_cycle_url(cycle))
    members = group_members(group)
    if request.method == "GET":
        context = _record_context(request, group, access, cycle, part, members=members)
        return render(request, "inquiry/record.html", context)
    _writing(access, cycle)
    form = _record_form(cycle, part, members, data=request.POST)
    conflict = None
    if form.is_valid():
        try:
            services.stage_record_save(
                cycle=cycle,
                stage=stage,
                by=request.user,
                values=form.values(),
                version=form.cleaned_data["version"],
                led_by=form.cleaned_data["led_by"],
            )
        except services.StageRecordConflict as error:
            conflict = error
            # Keep what this person typed, now based on the version saved since.
            data = request.POST.copy()
            data["version"] = str(error.version)
            form = _record_form(cycle, part, members, data=data)
            form.is_valid()
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved. Earlier versions are kept."))
            if request.htmx:
                part = selectors.stage_part(cycle, stage)
                context = _record_context(request, group, access, cycle, part, members=members)
                return render(request, "inquiry/_record.html", context)
            return redirect(_cycle_url(cycle, f"#stage-{stage}"))
    context = _record_context(
        request, group, access, cycle, part, members=members, record_form=form, conflict=conflict
    )
    if request.htmx:
        # htmx swaps only 2xx answers: the editor must see the conflict or the errors.
        return render(request, "inquiry/_record.html", context)
    return render(request, "inquiry/record.html", context, status=409 if conflict else 400)


@group_view(Need.MEMBER)
@require_GET
def record_history(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, stage: str
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    stage = _stage_or_404(cycle, stage)
    record = StageRecord.objects.filter(cycle=cycle, stage=stage).first()
    fields = record_fields(cycle.inquiry_model.stage(stage))
    revisions = []
    if record is not None:
        for revision in record.revisions.select_related("saved_by__profile", "led_by__profile"):
            texts = [(field, revision.values.get(field.key, "")) for field in fields]
            revisions.append((revision, texts))
    return render(
        request,
        "inquiry/record_history.html",
        {
            "group": group,
            "cycle": cycle,
            "stage": stage_view(cycle.inquiry_model, stage),
            "revisions": revisions,
        },
    )


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
    cycle = _cycle(group, cycle_id)
    if not cycle.is_open:
        messages.info(request, _("This cycle has ended."))
        return redirect(_cycle_url(cycle))
    _steering(request, access, cycle)
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


def _page_with(request, group, access, cycle, status: int = 400, **forms) -> HttpResponse:
    context = _cycle_context(request, group, access, cycle, **forms)
    return render(request, "inquiry/cycle.html", context, status=status)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def trial_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    form = TrialForm(request.POST)
    if form.is_valid():
        try:
            services.trial_add(cycle=cycle, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Trial logged."))
            return redirect(_cycle_url(cycle, "#trials"))
    return _page_with(request, group, access, cycle, trial_form=form)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def action_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    form = PlanActionForm(request.POST, members=group_members(group))
    if form.is_valid():
        try:
            services.plan_action_add(cycle=cycle, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Action added to the plan."))
            return redirect(_cycle_url(cycle, "#plan"))
    return _page_with(request, group, access, cycle, plan_form=form)


def _measure(group: LearningGroup, cycle: InquiryCycle, measure_id: UUID) -> GoalMeasure:
    return get_object_or_404(
        GoalMeasure.objects.select_related("goal"),
        goal__group=group,
        goal__inquiry_cycles=cycle,
        public_id=measure_id,
    )


def _goal_page(request, group, access, cycle, measure=None) -> HttpResponse:
    _steering(request, access, cycle)
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
            return redirect(_cycle_url(cycle, f"#goal-{saved.public_id}"))
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
    return _goal_page(request, group, access, _cycle(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def goal_edit(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    measure_id: UUID,
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
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
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    measure = _measure(group, cycle, measure_id)
    form = ReadingForm(request.POST, measure=measure)
    form.measure_id = measure.pk
    if form.is_valid():
        try:
            services.reading_add(cycle=cycle, measure=measure, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Reading recorded."))
            if request.htmx:
                context = _goal_context(request, access, cycle, measure)
                return render(request, "inquiry/_goal.html", context)
            return redirect(_cycle_url(cycle, f"#goal-{measure.public_id}"))
    if request.htmx:
        context = _goal_context(request, access, cycle, measure, form=form)
        return render(request, "inquiry/_goal.html", context)
    return _page_with(request, group, access, cycle, reading_form=form)


@group_view(Need.MEMBER)
@require_POST
def revisits(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    page_revisits = list(cycle.revisits.all())
    form = RevisitForm(request.POST, goals=cycle.goals.all(), revisits=page_revisits)
    if form.is_valid():
        try:
            services.revisits_save(
                cycle=cycle,
                by=request.user,
                revisits=[services.Revisit(goal, why) for goal, why in form.chosen()],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved the goals to revisit."))
            return redirect(_cycle_url(cycle, "#revisit"))
    return _page_with(request, group, access, cycle, revisit_form=form)
