"""What a meeting records: minutes (a stale save shows both versions), every saved
version, decisions and a review of the group's agreements."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.forms import form_saved
from kahui.core.paging import page_of
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.forms import DecisionForm, MinutesForm, NormReviewForm
from kahui.meetings.views.occurrences import (
    back_to,
    detail_context,
    detail_page,
    meeting_in,
    minutes_context,
)


@group_view(Need.MEMBER)
@require_POST
def minutes(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = MinutesForm(request.POST)
    try:
        if not form.is_valid():
            # The page's version number arrived damaged: what it was based on is unknown,
            # so treat it as a conflict with what is saved now.
            raise services.MinutesConflict(meeting.minutes, meeting.minutes_version)
        meeting = services.minutes_save(
            meeting=meeting,
            by=request.user,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
        )
    except services.MinutesConflict as conflict:
        # Keep what this person typed in the box, with the saved version beside it.
        mine = {
            "minutes_form": MinutesForm(
                initial={"text": request.POST.get("text", ""), "version": conflict.version}
            ),
            "minutes_conflict": conflict,
        }
        if request.htmx:
            # htmx swaps only 2xx answers: a 409 would leave the editor believing it saved.
            return render(
                request,
                "meetings/detail.html#minutes",
                minutes_context(group, meeting, viewer=request.user, **mine),
            )
        context = detail_context(request, group, access, meeting, **mine)
        return render(request, "meetings/detail.html", context, status=409)
    if request.htmx:
        return render(
            request,
            "meetings/detail.html#minutes",
            minutes_context(group, meeting, viewer=request.user, minutes_saved=True),
        )
    messages.success(request, _("Minutes saved."))
    return redirect("meetings:detail", group.public_id, meeting.public_id)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def minutes_editors(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """Who else is editing the minutes now. A page where someone is editing them POSTs
    here every twenty seconds or so (``editing=no`` when they leave); other pages GET."""
    meeting = meeting_in(group, meeting_id)
    if request.method == "POST":
        if request.POST.get("editing") == "no":
            services.minutes_editing_stopped(meeting=meeting, by=request.user)
        else:
            services.minutes_editing(meeting=meeting, by=request.user)
    return render(
        request,
        "meetings/detail.html#minutes_editors",
        {"editors": selectors.minutes_editors(meeting, viewer=request.user)},
    )


@group_view(Need.MEMBER)
@require_GET
def minutes_history(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    revisions, query = page_of(request, meeting.revisions.select_related("saved_by__profile"), 20)
    return render(
        request,
        "meetings/minutes_history.html",
        {"group": group, "meeting": meeting, "revisions": revisions, "query": query},
    )


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def decision_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = DecisionForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data),
        _("Decision recorded."),
    ):
        return back_to(group, meeting, "#decisions")
    return detail_page(request, group, access, meeting, decision_form=form)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def norms_reviewed(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = NormReviewForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.norms_reviewed(
            group=group, by=request.user, meeting=meeting, **form.cleaned_data
        ),
        _("Review of the agreements recorded."),
    ):
        return back_to(group, meeting)
    return detail_page(request, group, access, meeting, norm_review_form=form)
