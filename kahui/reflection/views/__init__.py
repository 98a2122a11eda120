"""Reflection pages: a member's reflection home, their goals in a group beside the
group's, the journal and its sharing, peer feedback, and the portfolio with its PDF.
Access is checked at the door (``@group_view`` and :mod:`kahui.reflection.access`).
The pages are split by what they are for; the URL table reads every page from here."""

from kahui.reflection.views.goals import goal, goal_add, goal_note_add
from kahui.reflection.views.journal_entries import (
    entry,
    entry_delete,
    entry_edit,
    entry_new,
    entry_share,
    journal,
    reflection_ask,
)
from kahui.reflection.views.overview import group, home
from kahui.reflection.views.peer_feedback import (
    feedback,
    feedback_answer,
    feedback_ask,
    feedback_decline,
    feedback_request,
)
from kahui.reflection.views.portfolios import portfolio, portfolio_pdf

__all__ = [
    "entry",
    "entry_delete",
    "entry_edit",
    "entry_new",
    "entry_share",
    "feedback",
    "feedback_answer",
    "feedback_ask",
    "feedback_decline",
    "feedback_request",
    "goal",
    "goal_add",
    "goal_note_add",
    "group",
    "home",
    "journal",
    "portfolio",
    "portfolio_pdf",
    "reflection_ask",
]
