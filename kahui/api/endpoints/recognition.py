"""Your professional-learning record: hours of meetings attended and of activities
logged for a year, the activities you logged one by one, and your certificates — your
own only, as the learning record page (kahui/recognition/access.py decides)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.recognition import access, selectors
from kahui.recognition.models import CertificateStatus, LearningActivity

router = Router(tags=["learning record"])


@router.get(
    "/learning-record",
    response={200: schemas.LearningRecord, **schemas.ERRORS},
    url_name="learning_record",
)
def learning_record(request: HttpRequest, filters: Query[schemas.YearFilter]):
    """Your hours in a year (this year in your time zone, unless ``year`` is given)."""
    year = filters.year or selectors.this_year(request.user)
    record = selectors.learning_record(request.user, year=year)
    totals = record.totals
    return {
        "year": year,
        "meetings": totals.meetings,
        "meeting_hours": totals.meeting_hours,
        "activities": totals.activities,
        "activity_hours": totals.activity_hours,
        "by_group": [
            {
                "group": row.group.public_id,
                "name": row.group.name,
                "meetings": row.meetings,
                "hours": row.hours,
            }
            for row in record.by_group
        ],
    }


@router.get(
    "/learning-activities",
    response={200: list[schemas.LearningActivity], **schemas.ERRORS},
    url_name="learning_activities",
)
@paginate(Cursor)
def learning_activities(request: HttpRequest, filters: Query[schemas.YearFilter]):
    """The learning you logged yourself (readings, observations, courses…), in the
    order you logged it; only a year's when ``year`` is given."""
    if filters.year:
        return selectors.activities_in(request.user, year=filters.year)
    return LearningActivity.objects.filter(user=request.user).select_related("group")


@router.get(
    "/learning-activities/{activity_id}",
    response={200: schemas.LearningActivity, **schemas.ERRORS},
    url_name="learning_activity",
)
def learning_activity(request: HttpRequest, activity_id: UUID):
    """One activity you logged (someone else's is as unknown as one that does not exist)."""
    return access.activity_of(request.user, activity_id)


@router.get(
    "/certificates",
    response={200: list[schemas.Certificate], **schemas.ERRORS},
    url_name="certificates",
)
@paginate(Cursor)
def certificates(request: HttpRequest):
    """Your certificates and requests for one, whatever their status."""
    return selectors.certificates_of(request.user).select_related("decided_by__profile")


@router.get(
    "/certificates/{certificate_id}",
    response={200: schemas.CertificateDetail, **schemas.ERRORS},
    url_name="certificate",
)
def certificate(request: HttpRequest, certificate_id: UUID):
    """One of your certificates: what a confirmed one states (kept as it was confirmed)
    or, while a facilitator is asked, your hours with the group that year as they are
    counted now."""
    found = access.own_certificate(request.user, certificate_id)
    found.asked = None  # type: ignore[attr-defined]
    if found.status == CertificateStatus.REQUESTED:
        hours = selectors.learning_hours(request.user, year=found.year, group=found.group)
        found.asked = {  # type: ignore[attr-defined]
            "meetings": hours.meetings,
            "meeting_hours": hours.meeting_hours,
            "activities": hours.activities,
            "activity_hours": hours.activity_hours,
        }
    return found
