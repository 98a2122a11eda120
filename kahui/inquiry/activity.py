"""What the activity log records about a group's inquiry (see :mod:`kahui.core.activity`).

Moves of a cycle that follows the group's own stages (He Pikorua) are recorded by the
group as ``group.stage_changed``; ``STAGE_MOVED`` records the moves through another
model's stages. Goals keep their own history through the groups' services
(``group.goal_added``, ``group.goal_changed``) and plan actions through meetings'
(``meeting.action_added``)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register
from kahui.core.models import ActivityEntry


class InquiryActivity(ActivityCode):
    CYCLE_STARTED = "inquiry.cycle_started", _("started an inquiry cycle")
    CYCLE_CHANGED = "inquiry.cycle_changed", _("changed the inquiry question or its goals")
    CYCLE_ENDED = "inquiry.cycle_ended", _("finished an inquiry cycle")
    STAGE_MOVED = "inquiry.stage_moved", _("moved the inquiry to another stage")
    RECORD_SAVED = "inquiry.record_saved", _("wrote up a stage of the inquiry")
    TRIAL_ADDED = "inquiry.trial_added", _("logged a trial")
    GOAL_MEASURED = "inquiry.goal_measured", _("set how a goal is measured")
    READING_ADDED = "inquiry.reading_added", _("recorded a reading of a goal's measure")
    REVISITS_SAVED = "inquiry.revisits_saved", _("chose the goals to revisit")
    EVIDENCE_ADDED = "inquiry.evidence_added", _("added evidence to the inquiry")
    EVIDENCE_CHANGED = "inquiry.evidence_changed", _("changed a piece of evidence")
    EVIDENCE_REMOVED = "inquiry.evidence_removed", _("removed a piece of evidence")
    DATA_SET_ADDED = "inquiry.data_set_added", _("added an assessment data set")
    DATA_SET_CHANGED = "inquiry.data_set_changed", _("changed an assessment data set")
    DATA_SET_REMOVED = "inquiry.data_set_removed", _("removed an assessment data set")
    # By a member or a supporter of the group (an RTLB, a coach).
    COMMENTED = "inquiry.commented", _("commented on a stage of the inquiry")
    EXPECTED_LEVELS_SAVED = (
        "inquiry.expected_levels_saved",
        _("set the expected levels of a measure"),
    )


def _stage_sentence(entry: ActivityEntry) -> str | None:
    if "stage" not in entry.changes:
        return None
    return gettext("moved the inquiry on to %(stage)s") % {"stage": entry.changes["stage"]["to"]}


register(
    InquiryActivity,
    # Which stage the inquiry is at, which overseers see on the group's pages too.
    charter=[InquiryActivity.STAGE_MOVED],
    sentences={InquiryActivity.STAGE_MOVED: _stage_sentence},
)
