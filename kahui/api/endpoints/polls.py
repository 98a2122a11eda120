"""A group's scheduling polls, and one with its options ranked (members, as the pages)."""

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import Need, group_for
from kahui.scheduling import selectors

router = Router(tags=["polls"])


@router.get(
    "/{group_id}/polls", response={200: list[schemas.Poll], **schemas.ERRORS}, url_name="polls"
)
@paginate(Cursor)
def polls(request: HttpRequest, group_id: UUID):
    """The group's polls for a meeting time."""
    found, _access = group_for(request, group_id, Need.MEMBER)
    return selectors.polls_of(found)


@router.get(
    "/{group_id}/polls/{poll_id}",
    response={200: schemas.PollDetail, **schemas.ERRORS},
    url_name="poll",
)
def poll(request: HttpRequest, group_id: UUID, poll_id: UUID):
    """One poll with its options, best first, and how many can come to each."""
    found, _access = group_for(request, group_id, Need.MEMBER)
    chosen = get_object_or_404(selectors.polls_of(found), public_id=poll_id)
    chosen.ranked = selectors.ranked_options(chosen)
    return chosen
