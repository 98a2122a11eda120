"""The set-up wizard: a new group is written step by step, then opens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups import services
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.forms import FocusForm, InviteForm, RolesForm
from kahui.groups.models import GroupRole, LearningGroup, Status
from kahui.groups.views.sections import (
    EDITABLE_SECTIONS,
    STEP_SLUGS,
    STEPS,
    Step,
    save_section,
    section_context,
)


def _wizard(request, group, step: Step, context: dict, status: int = 200) -> HttpResponse:
    index = STEP_SLUGS.index(step.slug)
    return render(
        request,
        "groups/setup.html",
        {
            "group": group,
            "step": step,
            "steps": STEPS,
            "step_index": index,
            "step_number": index + 1,
            "previous_step": STEPS[index - 1] if index else None,
            "next_step": STEPS[index + 1] if index < len(STEPS) - 1 else None,
            "is_last": index == len(STEPS) - 1,
            **context,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def create(request: HttpRequest) -> HttpResponse:
    """Step 1 of the wizard, before the group exists."""
    group = LearningGroup()
    form = FocusForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(
            by=request.user,
            name=form.cleaned_data["name"],
            purpose=form.cleaned_data["purpose"],
            focus_areas=form.all_focus_areas(),
            year_levels=form.cleaned_data["year_levels"],
            learning_areas=form.cleaned_data["learning_areas"],
            shared_learners=form.cleaned_data["shared_learners"],
        )
        return redirect("groups:setup", group.public_id, "vision")
    return _wizard(request, None, STEPS[0], {"form": form})


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def setup(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, step: str
) -> HttpResponse:
    if step not in STEP_SLUGS:
        raise Http404("No such step")
    if group.status != Status.DRAFT:
        messages.info(request, _("This group is already open; edit it from its home page."))
        return redirect("groups:home", group.public_id)
    current = STEPS[STEP_SLUGS.index(step)]
    following = STEPS[STEP_SLUGS.index(step) + 1] if step != STEP_SLUGS[-1] else None

    if step in EDITABLE_SECTIONS:
        if request.method == "POST":
            saved, context, status = save_section(request, group, step)
            if saved:
                return redirect("groups:setup", group.public_id, following.slug)
            return _wizard(request, group, current, context, status)
        return _wizard(request, group, current, section_context(group, step, request))

    if step == "roles":
        form = RolesForm(request.POST or None, initial={"rotate_duties": group.rotate_duties})
        if request.method == "POST" and form.is_valid():
            services.group_update(
                group=group,
                by=request.user,
                version=None,
                rotate_duties=form.cleaned_data["rotate_duties"],
            )
            services.group_invite(
                group=group,
                by=request.user,
                emails=form.cleaned_data["co_facilitators"],
                role=GroupRole.FACILITATOR,
            )
            return redirect("groups:setup", group.public_id, following.slug)
        pending = group.invites.pending().filter(role=GroupRole.FACILITATOR)
        return _wizard(request, group, current, {"form": form, "pending_invites": pending})

    # The last step: invitations, then the group opens.
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.group_launch(
                group=group,
                by=request.user,
                emails=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            if invited:
                opened = _("%(name)s is open. Invitations are on their way.")
            else:
                opened = _("%(name)s is open. Invite colleagues from its page when you are ready.")
            messages.success(request, opened % {"name": group.name})
            return redirect("groups:home", group.public_id)
    return _wizard(
        request, group, current, {"form": form, "pending_invites": group.invites.pending()}
    )
