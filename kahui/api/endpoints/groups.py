"""Groups: mine, one, and its members (groups/access.py decides, as for the pages)."""

from uuid import UUID

from django.db.models import F
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import Need, group_for
from kahui.groups.models import LearningGroup

router = Router(tags=["groups"])


@router.get("/", response={200: list[schemas.Group], **schemas.ERRORS}, url_name="groups")
@paginate(Cursor)
def my_groups(request: HttpRequest):
    """The groups you belong to."""
    return (
        LearningGroup.objects.filter(memberships__user=request.user)
        .select_related("organisation")
        .annotate(my_role=F("memberships__role"))
    )


@router.get("/{group_id}", response={200: schemas.Group, **schemas.ERRORS}, url_name="group")
def group(request: HttpRequest, group_id: UUID):
    """A group's public summary: for anyone who may find it (as its home page)."""
    found, _access = group_for(request, group_id, Need.DISCOVER)
    return found


@router.get(
    "/{group_id}/members",
    response={200: list[schemas.Membership], **schemas.ERRORS},
    url_name="members",
)
@paginate(Cursor)
def members(request: HttpRequest, group_id: UUID):
    """Its members and their roles: for members, supporters and overseers."""
    found, _access = group_for(request, group_id, Need.OVERSEE)
    return found.memberships.select_related("user__profile")
