"""Actions: added at a meeting, done, dropped or reopened with one button, and a
person's own actions in all their groups."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.paging import page_of
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.forms import ActionForm
from kahui.meetings.models import ActionItem
from kahui.meetings.views.occurrences import action_context, back_to, detail_page, meeting_in


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def action_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = ActionForm(request.POST, group=group)
    if form_saved(
        request,
        form,
        lambda: services.action_add(
            group=group, by=request.user, meeting=meeting, **form.cleaned_data
        ),
        _("Action added."),
    ):
        return back_to(group, meeting, "#actions")
    return detail_page(request, group, access, meeting, action_form=form)


@group_view(Need.MEMBER)
@require_POST
def action_status(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, action_id: UUID
) -> HttpResponse:
    action = get_object_or_404(
        ActionItem.objects.select_related("owner__profile"), group=group, public_id=action_id
    )
    try:
        services.action_set_status(
            action=action, by=request.user, status=request.POST.get("status", "")
        )
    except KahuiError as error:
        messages.error(request, error.message)
    if request.htmx:
        return render(
            request,
            "meetings/_action.html",
            action_context(group, action, request.POST.get("next", "")),
        )
    return _after_action_status(group, action, request.POST.get("next", ""))


def _after_action_status(group: LearningGroup, action: ActionItem, target: str) -> HttpResponse:
    """Where to go back to: "my actions", a meeting of this group named by its public
    id, else the action's own meeting, else the group's meetings. Never elsewhere."""
    if target == "mine":
        return redirect("meetings:my_actions")
    try:
        meeting_id = UUID(target)
    except ValueError:
        meeting_id = None
    meeting = group.meetings.filter(public_id=meeting_id).first() if meeting_id else None
    meeting = meeting or action.meeting
    if meeting is not None:
        return back_to(group, meeting, f"#action-{action.public_id}")
    return redirect("meetings:list", group.public_id)


@login_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    actions, query = page_of(request, selectors.actions_of(request.user), 25)
    return render(
        request,
        "meetings/my_actions.html",
        {"actions": actions, "query": query},
    )
