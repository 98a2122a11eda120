"""What the activity log records about programmes (see :mod:`kahui.core.activity`).

Each entry is tied to its programme by a ``ProgrammeEntry`` and keyed to the lead
organisation; the drafts a programme makes are recorded by the groups' own codes too."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register
from kahui.core.models import ActivityEntry


class ProgrammeActivity(ActivityCode):
    CREATED = "programme.created", _("set up a programme")
    UPDATED = "programme.updated", _("changed the programme")
    PHASE_MOVED = "programme.phase_moved", _("moved the programme to another phase")
    INTAKE_SAVED = "programme.intake_saved", _("wrote up the intake conversation")
    VERSION_WRITTEN = "programme.version_written", _("wrote a version of the structure proposal")
    COMMENTED = "programme.commented", _("commented on the structure proposal")
    AGREED = "programme.agreed", _("agreed to the structure proposal")
    GROUPS_GENERATED = "programme.groups_generated", _("made the planned groups as drafts")
    COACH_ADDED = "programme.coach_added", _("added a coach")
    COACH_REMOVED = "programme.coach_removed", _("removed a coach")
    KICKOFF_SCHEDULED = "programme.kickoff_scheduled", _("scheduled the kick-off")
    KICKOFF_ANSWERED = "programme.kickoff_answered", _("answered a kick-off task")
    KIT_SAVED = "programme.kit_saved", _("adapted the kick-off for the organisation")
    CIRCLE_CREATED = "programme.circle_created", _("started an intervisie circle")
    HANDED_OVER = "programme.handed_over", _("handed the groups over to run on their own")


def _phase_sentence(entry: ActivityEntry) -> str | None:
    if "phase" not in entry.changes:
        return None
    return gettext("moved the programme on to %(phase)s") % {"phase": entry.changes["phase"]["to"]}


register(ProgrammeActivity, sentences={ProgrammeActivity.PHASE_MOVED: _phase_sentence})
