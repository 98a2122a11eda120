"""Protocols (agenda templates): copying one into the group, changing it, making it
the group's default."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.groups.models import LearningGroup
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import AgendaItem, AgendaTemplate, AgendaTemplateStep
from kahui.meetings.protocols import builtin_text


@dataclass(frozen=True)
class StepEdit:
    """A step of a protocol, or an item of one meeting's agenda, as it is edited and
    copied (its place in the order aside)."""

    title: str
    kind: str
    minutes: int
    guidance: str

    @classmethod
    def of(cls, step: AgendaTemplateStep | AgendaItem) -> "StepEdit":
        return cls(title=step.title, kind=step.kind, minutes=step.minutes, guidance=step.guidance)


def protocol_steps(template: AgendaTemplate, language: str) -> list[tuple[int, StepEdit]]:
    """The protocol's steps with their places, as a group copies them: a built-in
    protocol's texts in the group's ``language``, a group's own as they were written."""
    steps = list(template.steps.all())
    if not template.is_builtin:
        return [(step.position, StepEdit.of(step)) for step in steps]
    with translation.override(language):
        return [
            (
                step.position,
                StepEdit(
                    title=builtin_text(step.title),
                    kind=step.kind,
                    minutes=step.minutes,
                    guidance=builtin_text(step.guidance),
                ),
            )
            for step in steps
        ]


@transaction.atomic
def template_copy(*, template: AgendaTemplate, group: LearningGroup, by) -> AgendaTemplate:
    """Copy a protocol into the group so it can be adapted (a built-in one in the
    group's language)."""
    with translation.override(group.language):
        name, description = template.shown_name, template.shown_description
        name = _("%(name)s (our version)") % {"name": name}
    copy = AgendaTemplate.objects.create(
        group=group, name=name, description=description, copied_from=template
    )
    AgendaTemplateStep.objects.bulk_create(
        AgendaTemplateStep(template=copy, position=position, **vars(step))
        for position, step in protocol_steps(template, group.language)
    )
    activity.record(actor=by, action=MeetingActivity.TEMPLATE_COPIED, group=group, target=copy.name)
    return copy


@transaction.atomic
def template_save(
    *, template: AgendaTemplate, by, name: str, description: str, steps: Sequence[StepEdit]
) -> AgendaTemplate:
    if template.is_builtin:
        raise KahuiError(_("Built-in protocols cannot be changed; copy one first."))
    if not steps:
        raise KahuiError(_("A protocol needs at least one step."))
    template.name = name
    template.description = description
    template.save()
    template.steps.all().delete()
    AgendaTemplateStep.objects.bulk_create(
        AgendaTemplateStep(template=template, position=index, **vars(step))
        for index, step in enumerate(steps, start=1)
    )
    activity.record(
        actor=by, action=MeetingActivity.TEMPLATE_CHANGED, group=template.group, target=name
    )
    return template


@transaction.atomic
def template_make_default(*, template: AgendaTemplate, group: LearningGroup, by) -> None:
    if template.group_id not in (None, group.pk):
        raise KahuiError(_("Choose one of this group's protocols."))
    group.default_template = template
    group.save(update_fields=["default_template", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.TEMPLATE_DEFAULT, group=group, target=template.name
    )
