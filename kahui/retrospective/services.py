"""Writing a group's retrospective."""

from django.db import transaction
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.inquiry.models import InquiryCycle
from kahui.retrospective import access
from kahui.retrospective.activity import RetrospectiveActivity
from kahui.retrospective.models import Area, AreaChoice, Choice, Retrospective


@transaction.atomic
def retrospective_save(
    *,
    cycle: InquiryCycle,
    by,
    worked: str,
    hindered: str,
    choices: dict[str, tuple[str, str]],
) -> Retrospective:
    """Write or rewrite the retrospective of ``cycle``: what helped and hindered, and
    for each :class:`Area` whether the group keeps it or changes it (with a note). Every
    change is recorded in the activity log with its old and new text."""
    access.check_write(cycle, by)
    retro, created = Retrospective.objects.select_for_update().get_or_create(
        cycle=cycle, defaults={"group": cycle.group, "saved_by": by}
    )
    rows = {row.area: row for row in retro.choices.all()}
    changes = {}
    texts = (
        ("worked", _("What helped us work well together"), worked.strip()),
        ("hindered", _("What got in our way"), hindered.strip()),
    )
    for field, label, new in texts:
        old = getattr(retro, field)
        if old != new:
            changes[field] = activity.change(label, old, new)
            setattr(retro, field, new)
    for area in Area:
        choice, note = choices.get(area.value, (Choice.KEEP, ""))
        note = note.strip() if choice == Choice.CHANGE else ""
        row = rows.get(area.value)
        before = _describe(row.choice, row.note) if row else ""
        after = _describe(choice, note)
        if row is None:
            AreaChoice.objects.create(retrospective=retro, area=area, choice=choice, note=note)
        elif (row.choice, row.note) != (choice, note):
            row.choice, row.note = choice, note
            row.save(update_fields=["choice", "note"])
        if before != after and not (created and choice == Choice.KEEP):
            changes[area.value] = activity.change(area.label, before, after)
    retro.saved_by = by
    retro.save()
    if created or changes:
        activity.record(
            actor=by,
            action=RetrospectiveActivity.SAVED if created else RetrospectiveActivity.CHANGED,
            group=cycle.group,
            target=str(cycle.question),
            changes=changes,
        )
    return retro


def _describe(choice: str, note: str) -> str:
    label = str(Choice(choice).label)
    return f"{label}: {note}" if note else label
