"""The shared timer of a meeting: the panel every open page asks for every few
seconds, and the moves of whoever runs it (plain forms without JavaScript)."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import services
from kahui.meetings.access import can_run_clock
from kahui.meetings.views.occurrences import back_to, clock_context, meeting_in


@group_view(Need.SUPPORT)
@require_GET
def clock(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """The timer panel as it stands now (every page with the meeting open asks)."""
    meeting = meeting_in(group, meeting_id)
    return render(
        request, "meetings/detail.html#clock", clock_context(request, group, access, meeting)
    )


@group_view(Need.MEMBER)
@require_POST
def clock_move(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """Start, pause, next step or back: the meeting's timekeeper and facilitators."""
    meeting = meeting_in(group, meeting_id)
    if not can_run_clock(request.user, meeting, access):
        raise PermissionDenied
    try:
        move = services.ClockMove(request.POST.get("move", ""))
    except ValueError:
        return HttpResponse(status=400)
    seen = request.POST.get("step", "")
    error = ""
    try:
        services.clock_move(
            meeting=meeting,
            by=request.user,
            move=move,
            seen_step=int(seen) if seen.isdigit() else None,
        )
    except KahuiError as refused:
        error = refused.message
    if request.htmx:
        context = clock_context(request, group, access, meeting, clock_error=error)
        return render(request, "meetings/detail.html#clock", context)
    if error:
        messages.error(request, error)
    return back_to(group, meeting, "#agenda")
