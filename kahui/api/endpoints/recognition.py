"""Your professional-learning record: hours of meetings attended and of activities
logged, for a year (your own only, as the learning record page)."""

from django.http import HttpRequest
from ninja import Query, Router

from kahui.api import schemas
from kahui.recognition import selectors

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
