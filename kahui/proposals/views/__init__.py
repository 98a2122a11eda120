"""Deciding together: the group's proposals (open first, then the outcomes), one
proposal with its change, the response form and the responses, making a proposal,
closing one early, and how the group decides.

The pages are split by what they are for; the URL table reads them all from here."""

from kahui.proposals.views.listing import awaiting, proposal_list, rules
from kahui.proposals.views.proposing import proposal_new
from kahui.proposals.views.responding import close, proposal_detail, respond

__all__ = [
    "awaiting",
    "close",
    "proposal_detail",
    "proposal_list",
    "proposal_new",
    "respond",
    "rules",
]
