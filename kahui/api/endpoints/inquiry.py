"""A group's inquiry cycles, and one with its stages and a summary of its evidence (its
members and supporters, as the inquiry pages: kahui/inquiry/access.py decides)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.groups.access import group_for
from kahui.inquiry import access, selectors
from kahui.inquiry.models import InquiryCycle
from kahui.inquiry.workflow import model_name, stage_views

router = Router(tags=["inquiry"])


@router.get(
    "/{group_id}/inquiry/cycles",
    response={200: list[schemas.InquiryCycle], **schemas.ERRORS},
    url_name="inquiry_cycles",
)
@paginate(Cursor)
def cycles(request: HttpRequest, group_id: UUID):
    """The group's inquiry cycles (its rounds), the first round first."""
    found, _access = group_for(request, group_id, access.READ)
    return InquiryCycle.objects.filter(group=found).select_related("group")


@router.get(
    "/{group_id}/inquiry/cycles/{cycle_id}",
    response={200: schemas.InquiryCycleDetail, **schemas.ERRORS},
    url_name="inquiry_cycle",
)
def cycle(request: HttpRequest, group_id: UUID, cycle_id: UUID):
    """One cycle: the stage it is in, its model's stages (done, current, to do) and its
    evidence in figures — items by kind and stage, assessment data sets by kind and
    stage, and their first and last dates. What the evidence says is on its pages."""
    found, _access = access.cycle_for(request, group_id, cycle_id)
    summary = selectors.evidence_summary(found)
    return {
        "public_id": found.public_id,
        "number": found.number,
        "model": found.model,
        "model_name": model_name(found.inquiry_model),
        "question": found.question,
        "stage_key": found.stage_key,
        "is_open": found.is_open,
        "created_at": found.created_at,
        "stage_changed_at": found.stage_changed_at,
        "ended_at": found.ended_at,
        "stages": [
            {"key": stage.key, "number": stage.number, "name": stage.name, "state": stage.state}
            for stage in stage_views(found.inquiry_model, found.stage_key)
        ],
        "evidence": {"items": vars(summary.items), "data_sets": vars(summary.data_sets)},
    }
