"""Writing an organisation's learning objectives: what it wants its educators to learn
about, which group goals and personal goals then say they serve."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext, gettext_lazy

from kahui.core import activity
from kahui.core.errors import NotAllowed
from kahui.orgs.access import has_org_role
from kahui.orgs.models import LearningObjective, Organisation, OrgRole
from kahui.oversight.activity import OversightActivity

LABELS = {
    "title": gettext_lazy("Objective"),
    "description": gettext_lazy("What it means for us"),
    "active": gettext_lazy("Current"),
}


def _check(by, organisation: Organisation) -> None:
    if not has_org_role(by, organisation, OrgRole.COORDINATOR):
        raise NotAllowed(gettext("Only coordinators and administrators set objectives."))


@transaction.atomic
def objective_add(
    *, organisation: Organisation, by, title: str, description: str = ""
) -> LearningObjective:
    """Add a current objective at the end of the organisation's list."""
    _check(by, organisation)
    last = organisation.objectives.aggregate(last=Max("position"))["last"]
    objective = LearningObjective.objects.create(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        position=(last or 0) + 1,
    )
    activity.record(
        actor=by,
        action=OversightActivity.OBJECTIVE_ADDED,
        organisation=organisation,
        target=objective.title,
    )
    return objective


@transaction.atomic
def objective_update(
    *, objective: LearningObjective, by, title: str, description: str, active: bool
) -> LearningObjective:
    """Change an objective; one no longer current stays linked to the goals that
    served it, and is offered to no new goal."""
    _check(by, objective.organisation)
    before = {f: getattr(objective, f) for f in LABELS}
    objective.title, objective.description = title.strip(), description.strip()
    objective.active = active
    objective.save(update_fields=["title", "description", "active", "updated_at"])
    changes = activity.field_changes(before, {f: getattr(objective, f) for f in LABELS}, LABELS)
    if changes:
        activity.record(
            actor=by,
            action=OversightActivity.OBJECTIVE_CHANGED,
            organisation=objective.organisation,
            target=objective.title,
            changes=changes,
        )
    return objective
