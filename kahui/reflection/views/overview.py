"""The member's reflection home (their groups, newest entries, feedback to give) and a
group's reflection page: their goals beside the group's, what members shared, their
requests for feedback. ``group_page`` draws the group's page, also when a goal form
is refused."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.reflection import access as rules
from kahui.reflection import selectors
from kahui.reflection.forms import PersonalGoalForm
from kahui.reflection.models import AnswerStatus


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The member's reflection: their groups, newest entries, feedback to give."""
    user = request.user
    return render(
        request,
        "reflection/home.html",
        {
            "groups": selectors.groups_of(user),
            "entries": list(selectors.entries_of(user)[:5]),
            "to_answer": list(selectors.asked_of(user).filter(status=AnswerStatus.WAITING)[:10]),
            "requests": list(selectors.requests_made(user)[:10]),
        },
    )


def group_page(request, group, access, *, goal_form=None, status=200) -> HttpResponse:
    user = request.user
    return render(
        request,
        "reflection/group.html",
        {
            "group": group,
            "access": access,
            "goals": selectors.goals_of(user, group),
            "group_goals": selectors.group_goals(group),
            "shared": list(selectors.shared_in(group, access)[:30]),
            "requests": list(selectors.requests_made(user, group=group)[:10]),
            "to_ask_about": (
                selectors.meetings_to_ask_about(group) if rules.can_ask_reflection(access) else []
            ),
            "goal_form": goal_form or PersonalGoalForm(group=group),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_GET
def group(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """My goals beside the group's, what members shared, my requests for feedback."""
    return group_page(request, group, access)
