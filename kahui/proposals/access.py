"""Who may propose, respond to and close a proposal, and change how the group decides.

Views ask here at their door, after ``@group_view`` has found the group and the
person's role in it; the services ask again, as the demo and the scheduler reach them
too. Proposals are the group's own content: only its members see them (overseers of
the group's organisation see that proposals were made, in the history, but not what
they say)."""

from kahui.groups.access import GroupAccess
from kahui.groups.models import LearningGroup, Status
from kahui.proposals.models import DecisionRules, Proposal, WhoProposes


def may_propose(access: GroupAccess, rules: DecisionRules, group: LearningGroup) -> bool:
    """Members of an open group, or only its facilitators if the group chose so."""
    if not access.is_member or group.status != Status.ACTIVE:
        return False
    return rules.who_proposes == WhoProposes.MEMBERS or access.is_facilitator


def may_respond(access: GroupAccess, proposal: Proposal) -> bool:
    """Every member, while the proposal is open."""
    return access.is_member and proposal.is_open


def may_close(access: GroupAccess, proposal: Proposal) -> bool:
    """Facilitators may close a proposal before its deadline (the scheduler closes it
    at the deadline)."""
    return access.is_facilitator and proposal.closed_at is None


def may_set_rules(access: GroupAccess) -> bool:
    """Facilitators choose who may propose and what counts as agreed."""
    return access.is_facilitator
