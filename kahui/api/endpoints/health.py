"""A group's health checks, as its health overview shows them (members, supporters and
overseers: kahui/health/access.py decides). While a check is open only how many have
answered; once closed, its results when enough members answered (the check's own
threshold, kahui/health/results.py), otherwise only that too few did. Comments go to
members alone; no answer is ever shown, because none is kept."""

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import group_for
from kahui.health import access
from kahui.health.models import HealthCheck

router = Router(tags=["health"])


@router.get(
    "/{group_id}/health-checks",
    response={200: list[schemas.HealthCheck], **schemas.ERRORS},
    url_name="health_checks",
)
@paginate(Cursor)
def health_checks(request: HttpRequest, group_id: UUID):
    """The group's health checks, the first first, each with its results or why they
    are withheld."""
    found, _access = group_for(request, group_id, access.READ)
    return HealthCheck.objects.filter(group=found)


@router.get(
    "/{group_id}/health-checks/{check_id}",
    response={200: schemas.HealthCheckDetail, **schemas.ERRORS},
    url_name="health_check",
)
def health_check(request: HttpRequest, group_id: UUID, check_id: UUID):
    """One health check, with its comments for the group's members."""
    found, group_access = group_for(request, group_id, access.READ)
    check = get_object_or_404(HealthCheck, group=found, public_id=check_id)
    check.comment_texts = (  # type: ignore[attr-defined]
        list(check.comments.values_list("text", flat=True))
        if access.can_read_comments(group_access) and check.results() is not None
        else None
    )
    return check
