"""The built-in kick-off: short tasks that build one picture of what a PLG is, and
the agenda, read from the built-in "kickoff" protocol. An organisation may keep its
own copy of both (``KickoffKit``); the built-in ones stay as they are."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kahui.meetings.models import AgendaTemplate

BUILTIN_TASKS = [
    _("What makes learning together with colleagues work for you?"),
    _("Describe a meeting with colleagues that really helped you. What made it good?"),
    _("What do you hope the learners in your class notice of this group in a year?"),
]


def builtin_agenda() -> str:
    """The built-in kick-off protocol as text: a line for each step."""
    template = AgendaTemplate.objects.filter(key="kickoff", group=None).first()
    if template is None:
        return ""
    return "\n".join(
        f"{step.shown_title} ({step.minutes} min): {step.shown_guidance}"
        for step in template.steps.all()
    )


def kit_for(organisation) -> tuple[list[str], str]:
    """The tasks and agenda an organisation's kick-off uses: its own copy, if it has
    one, or the built-in, in the organisation's default language."""
    kit = getattr(organisation, "kickoff_kit", None)
    if kit is not None:
        return [line.strip() for line in kit.tasks.splitlines() if line.strip()], kit.agenda
    with translation.override(organisation.default_language if organisation else None):
        return [str(task) for task in BUILTIN_TASKS], builtin_agenda()
