"""What a cycle plans and tries: trials, actions of the plan at their level, and the
goals the review chooses to revisit. Each is added from the cycle's page, which a
refused form draws again."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import services
from kahui.inquiry.forms import PlanActionForm, RevisitForm, TrialForm
from kahui.inquiry.views.cycles import cycle_page_with
from kahui.inquiry.views.lookup import check_may_write, cycle_in, cycle_url
from kahui.meetings.forms import group_members


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def trial_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    form = TrialForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.trial_add(cycle=cycle, by=request.user, **form.cleaned_data),
        _("Trial logged."),
    ):
        return redirect(cycle_url(cycle, "#trials"))
    return cycle_page_with(request, group, access, cycle, trial_form=form)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def action_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    form = PlanActionForm(request.POST, members=group_members(group))
    if form_saved(
        request,
        form,
        lambda: services.plan_action_add(cycle=cycle, by=request.user, **form.cleaned_data),
        _("Action added to the plan."),
    ):
        return redirect(cycle_url(cycle, "#plan"))
    return cycle_page_with(request, group, access, cycle, plan_form=form)


@group_view(Need.MEMBER)
@require_POST
def revisits(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    page_revisits = list(cycle.revisits.all())
    form = RevisitForm(request.POST, goals=cycle.goals.all(), revisits=page_revisits)
    if form_saved(
        request,
        form,
        lambda: services.revisits_save(
            cycle=cycle,
            by=request.user,
            revisits=[services.Revisit(goal, why) for goal, why in form.chosen()],
        ),
        _("Saved the goals to revisit."),
    ):
        return redirect(cycle_url(cycle, "#revisit"))
    return cycle_page_with(request, group, access, cycle, revisit_form=form)
