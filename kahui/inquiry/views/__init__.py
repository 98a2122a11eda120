"""The inquiry pages: the group's inquiry and a cycle's page, a stage's record and its
history, moving on and the next round, the plan (trials, actions, goals to revisit),
goals with their measures and readings, a round's summary, evidence, data sets
(imported from a file, typed into a grid, held against expected levels) and what the
data show.

Members, and the group's supporters for reading and commenting (``Need.SUPPORT``): the
group is checked at the door (:func:`kahui.groups.access.group_view`), the finer rules
(who writes, who steers) in ``access.py``; writing to an ended cycle is refused, and
files of evidence are served to members alone. The pages are split by
what they are for, and ``lookup`` holds what they all start from; the URL table reads
every page from here."""

from kahui.inquiry.views.cycles import cycle_detail, cycle_edit, home, start
from kahui.inquiry.views.data_analysis import analysis, analysis_csv
from kahui.inquiry.views.data_grid import data_edit, data_new
from kahui.inquiry.views.data_sets import data_csv, data_delete, data_set, expected_levels
from kahui.inquiry.views.evidence_items import (
    evidence,
    evidence_add,
    evidence_delete,
    evidence_edit,
    evidence_file,
)
from kahui.inquiry.views.file_import import data_import
from kahui.inquiry.views.goals import goal_add, goal_edit, reading_add
from kahui.inquiry.views.moving import move
from kahui.inquiry.views.plan import action_add, revisits, trial_add
from kahui.inquiry.views.records import record, record_comment, record_history
from kahui.inquiry.views.round_summary import summary, summary_pdf

__all__ = [
    "action_add",
    "analysis",
    "analysis_csv",
    "cycle_detail",
    "cycle_edit",
    "data_csv",
    "data_delete",
    "data_edit",
    "data_import",
    "data_new",
    "data_set",
    "evidence",
    "evidence_add",
    "evidence_delete",
    "evidence_edit",
    "evidence_file",
    "expected_levels",
    "goal_add",
    "goal_edit",
    "home",
    "move",
    "reading_add",
    "record",
    "record_comment",
    "record_history",
    "revisits",
    "start",
    "summary",
    "summary_pdf",
    "trial_add",
]
