"""A member's own goals in a group: adding one (a refused form draws the group's page
again), a goal with its notes and the entries that show it, and noting progress."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.reflection import access as rules
from kahui.reflection import services
from kahui.reflection.forms import GoalNoteForm, PersonalGoalForm
from kahui.reflection.views.overview import group_page


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def goal_add(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    form = PersonalGoalForm(request.POST, group=group)
    if form_saved(
        request,
        form,
        lambda: services.personal_goal_add(
            user=request.user,
            group=group,
            text=form.cleaned_data["text"],
            group_goal=form.cleaned_data["group_goal_obj"],
            objective=form.cleaned_data["objective_obj"],
        ),
        _("Your goal is saved. Only you can see it."),
    ):
        return redirect("reflection:group", group.public_id)
    return group_page(request, group, access, goal_form=form, status=400)


def _goal_page(request, group, access, goal, *, form=None, note_form=None, status=200):
    return render(
        request,
        "reflection/goal.html",
        {
            "group": group,
            "access": access,
            "goal": goal,
            "notes": list(goal.notes.all()),
            "entries": list(goal.entries.select_related("group")[:20]),
            "form": form
            or PersonalGoalForm(
                group=group,
                with_reached=True,
                initial={
                    "text": goal.text,
                    "group_goal": str(goal.group_goal_id or ""),
                    "objective": str(goal.objective_id or ""),
                    "reached_on": goal.reached_on,
                },
            ),
            "note_form": note_form
            or GoalNoteForm(initial={"noted_on": timezone.localdate(), "kind": "progress"}),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def goal(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, goal_id: UUID
) -> HttpResponse:
    """One of my goals with its notes and evidence; POST changes the goal."""
    found = rules.own_goal(request.user, group, goal_id)
    if request.method == "GET":
        return _goal_page(request, group, access, found)
    form = PersonalGoalForm(request.POST, group=group, with_reached=True)
    if form_saved(
        request,
        form,
        lambda: services.personal_goal_update(
            goal=found,
            by=request.user,
            text=form.cleaned_data["text"],
            group_goal=form.cleaned_data["group_goal_obj"],
            reached_on=form.cleaned_data["reached_on"],
            objective=form.cleaned_data["objective_obj"],
        ),
        _("Saved."),
    ):
        return redirect("reflection:goal", group.public_id, found.public_id)
    return _goal_page(request, group, access, found, form=form, status=400)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def goal_note_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, goal_id: UUID
) -> HttpResponse:
    found = rules.own_goal(request.user, group, goal_id)
    form = GoalNoteForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.goal_note_add(goal=found, by=request.user, **form.cleaned_data),
        _("Noted."),
    ):
        return redirect(reverse("reflection:goal", args=[group.public_id, found.public_id]))
    return _goal_page(request, group, access, found, note_form=form, status=400)
