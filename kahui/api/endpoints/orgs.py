"""Organisations: mine, and one (orgs/access.py decides, as for the pages)."""

from django.db.models import F
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.orgs.access import org_for
from kahui.orgs.models import Organisation

router = Router(tags=["organisations"])


@router.get("/", response={200: list[schemas.MyOrganisation], **schemas.ERRORS}, url_name="orgs")
@paginate(Cursor)
def my_organisations(request: HttpRequest):
    """The organisations you belong to, with your role in each."""
    return Organisation.objects.filter(memberships__user=request.user).annotate(
        role=F("memberships__role")
    )


@router.get("/{slug}", response={200: schemas.Organisation, **schemas.ERRORS}, url_name="org")
def organisation(request: HttpRequest, slug: str):
    """One organisation you belong to (404 when you do not)."""
    found, _membership = org_for(request, slug)
    return found
