"""A group's library (members and supporters, as its page) and one resource (whoever
library/access.py lets see it: published ones reach beyond the group)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import Need, group_for
from kahui.library.access import resource_for

router = Router(tags=["library"])


@router.get(
    "/{group_id}/resources",
    response={200: list[schemas.Resource], **schemas.ERRORS},
    url_name="resources",
)
@paginate(Cursor)
def resources(request: HttpRequest, group_id: UUID):
    """The group's own resources."""
    found, _access = group_for(request, group_id, Need.SUPPORT)
    return found.resources.select_related("added_by__profile")


@router.get(
    "/{group_id}/resources/{resource_id}",
    response={200: schemas.Resource, **schemas.ERRORS},
    url_name="resource",
)
def resource(request: HttpRequest, group_id: UUID, resource_id: UUID):
    """One resource: its group's members and supporters, and beyond the group whoever
    it was published to."""
    return resource_for(request, group_id, resource_id)
