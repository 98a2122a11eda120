"""Programme pages: the list, setting one up, its page with the phases and groups, the
intake, the structure proposal, coaches, the kick-off and intervisie circles."""

from kahui.programmes.views.kickoff import (
    circle_new,
    kickoff,
    kickoff_answer,
    kickoff_schedule,
    kit,
)
from kahui.programmes.views.planning import agree, comment, generate, intake, proposal, version_new
from kahui.programmes.views.programme import (
    coach_add,
    coach_remove,
    hand_over,
    phase,
    programme_create,
    programme_detail,
    programme_edit,
    programme_list,
)

__all__ = [
    "agree",
    "circle_new",
    "coach_add",
    "coach_remove",
    "comment",
    "generate",
    "hand_over",
    "intake",
    "kickoff",
    "kickoff_answer",
    "kickoff_schedule",
    "kit",
    "phase",
    "programme_create",
    "programme_detail",
    "programme_edit",
    "programme_list",
    "proposal",
    "version_new",
]
