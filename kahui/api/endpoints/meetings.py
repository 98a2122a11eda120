"""A group's meetings, and one with its agenda, decisions, actions and attendance
(members and supporters, as the meetings pages)."""

from uuid import UUID

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import Need, group_for
from kahui.meetings.models import ActionItem, Attendance, Decision, Meeting

router = Router(tags=["meetings"])

SUMMARY_FIELDS = (
    "id",
    "public_id",
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "location",
    "status",
)


@router.get(
    "/{group_id}/meetings",
    response={200: list[schemas.MeetingSummary], **schemas.ERRORS},
    url_name="meetings",
)
@paginate(Cursor)
def meetings(request: HttpRequest, group_id: UUID):
    """The group's meetings, oldest first."""
    found, _access = group_for(request, group_id, Need.SUPPORT)
    # Only what a summary shows: not the minutes and materials of every meeting.
    return found.meetings.only(*SUMMARY_FIELDS)


@router.get(
    "/{group_id}/meetings/{meeting_id}",
    response={200: schemas.Meeting, **schemas.ERRORS},
    url_name="meeting",
)
def meeting(request: HttpRequest, group_id: UUID, meeting_id: UUID):
    """One meeting with its agenda, decisions, actions and attendance."""
    found, _access = group_for(request, group_id, Need.SUPPORT)
    return get_object_or_404(
        Meeting.objects.select_related(
            "facilitator__profile", "note_taker__profile"
        ).prefetch_related(
            "agenda",
            Prefetch("decisions", queryset=Decision.objects.order_by("id")),
            Prefetch(
                "actions",
                queryset=ActionItem.objects.select_related("owner__profile").order_by("id"),
            ),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("user__profile").order_by("id"),
            ),
        ),
        group=found,
        public_id=meeting_id,
    )
