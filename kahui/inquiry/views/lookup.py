"""What every inquiry page starts from: the cycle its address names (fetched through
the group, so another group's cycle is a 404), the stages it has reached and its goals,
the pages to go back to, and the two finer rules: who writes the cycle and who steers
it (``access.py``)."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from kahui.groups.access import GroupAccess
from kahui.groups.models import Goal, LearningGroup
from kahui.inquiry.access import may_steer, may_write
from kahui.inquiry.models import InquiryCycle
from kahui.inquiry.workflow import StageView, stage_views


def cycle_in(group: LearningGroup, cycle_id: UUID) -> InquiryCycle:
    return get_object_or_404(
        InquiryCycle.objects.select_related("group", "started_by__profile", "previous"),
        group=group,
        public_id=cycle_id,
    )


def cycle_url(cycle: InquiryCycle, anchor: str = "") -> str:
    if cycle.is_open:
        url = reverse("inquiry:home", args=[cycle.group.public_id])
    else:
        url = reverse("inquiry:cycle", args=[cycle.group.public_id, cycle.public_id])
    return url + anchor


def evidence_url(cycle: InquiryCycle, anchor: str = "") -> str:
    return reverse("inquiry:evidence", args=[cycle.group.public_id, cycle.public_id]) + anchor


def reached_stages(cycle: InquiryCycle) -> list[StageView]:
    return [s for s in stage_views(cycle.inquiry_model, cycle.stage_key) if s.state != "todo"]


def cycle_goals(cycle: InquiryCycle) -> QuerySet[Goal]:
    return cycle.goals.order_by("position", "id")


def check_may_steer(request: HttpRequest, access: GroupAccess, cycle: InquiryCycle) -> None:
    if not may_steer(access, cycle, request.user):
        raise PermissionDenied(
            "Facilitators, and whoever leads the stage, move the inquiry on and set its goals."
        )


def check_may_write(access: GroupAccess, cycle: InquiryCycle) -> None:
    if not may_write(access, cycle):
        raise PermissionDenied("Only members write the open cycle's record.")
