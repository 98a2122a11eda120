"""What members did: one member's contributions in a group, and the signed-in person's
in each of their groups."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.recognition import access as rules
from kahui.recognition import selectors


@group_view(Need.MEMBER)
@require_GET
def member_contributions(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, person_id: UUID
) -> HttpResponse:
    """One member's contributions in the group, for the group's members."""
    person = rules.member_of(group, person_id)
    (contributions,) = selectors.contributions_of(person, groups=[group])
    return render(
        request,
        "recognition/member_contributions.html",
        {
            "group": group,
            "access": access,
            "person": person,
            "is_self": person.pk == request.user.pk,
            "contributions": contributions,
            "kudos": selectors.kudos_received(person, groups=[group]),
        },
    )


@login_required
@require_GET
def my_contributions(request: HttpRequest) -> HttpResponse:
    """The signed-in person's contributions in each of their groups."""
    return render(
        request,
        "recognition/my_contributions.html",
        {
            "contributions": selectors.contributions_of(request.user),
            "kudos": selectors.kudos_received(request.user),
        },
    )
