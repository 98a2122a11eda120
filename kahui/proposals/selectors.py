"""Reading proposals: a group's list (open first), one proposal with its responses and
who has not responded, the current wording a proposal changes, and the group home's
card."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from kahui.core.fragments import EXPIRES_AT
from kahui.groups.models import Goal, GroupMembership, LearningGroup
from kahui.meetings.models import Decision
from kahui.proposals import outcome
from kahui.proposals.access import may_propose
from kahui.proposals.diff import Line, Piece, line_diff, word_diff
from kahui.proposals.models import DecisionRules, Kind, Proposal, Response


@dataclass(frozen=True)
class Wording:
    """The text a proposal changes (and, for a goal, how progress is seen)."""

    text: str = ""
    evidence: str = ""


def rules_of(group: LearningGroup) -> DecisionRules:
    """How the group decides: its saved rules, or the defaults (unsaved)."""
    return DecisionRules.objects.filter(group=group).first() or DecisionRules(group=group)


def agreement_lines(text: str) -> list[str]:
    """The agreements in a text written one a line, without blank lines or the bullets
    and numbers people type in front of them."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-*•–").strip()
        head, dot, rest = line.partition(". ")
        if dot and head.isdigit():
            line = rest.strip()
        if line:
            lines.append(line)
    return lines


def current_wording(group: LearningGroup, kind: str, goal: Goal | None = None) -> Wording:
    """What ``kind`` of proposal would change now: the vision, ``goal`` (empty for a
    new goal), or the agreements one a line. A decision changes no text."""
    match kind:
        case Kind.VISION:
            return Wording(text=group.vision)
        case Kind.GOAL if goal is not None:
            return Wording(text=goal.text, evidence=goal.evidence)
        case Kind.AGREEMENTS:
            return Wording(text="\n".join(group.norms.values_list("text", flat=True)))
    return Wording()


def proposals_of(group: LearningGroup, user) -> QuerySet[Proposal]:
    """The group's proposals: those still open first, closing soonest first, then the
    closed ones, most recently closed first; each with its number of responses and
    the viewer's own response (``mine``)."""
    mine = Response.objects.filter(proposal=OuterRef("pk"), user=user).values("position")[:1]
    return (
        Proposal.objects.filter(group=group)
        .select_related("created_by__profile")
        .annotate(response_count=Count("responses"), mine=Subquery(mine))
        .order_by(F("closed_at").desc(nulls_first=True), "deadline", "-id")
    )


def meeting_decisions(group: LearningGroup, limit: int = 8) -> list[Decision]:
    """The decisions recorded lately at the group's meetings."""
    return list(
        Decision.objects.filter(group=group)
        .select_related("meeting")
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class ProposalPage:
    responses: list[Response]  # of current members, in the order they first responded
    waiting: list[Any]  # members who have not responded
    tally: outcome.Tally
    standing: outcome.Verdict  # how it would end if it closed now
    mine: Response | None
    word_pieces: dict[str, list[Piece]]  # "text" / "evidence": word by word
    lines: list[Line]  # the agreements, line by line


def proposal_page(proposal: Proposal, user) -> ProposalPage:
    """Everything the proposal's page shows beyond the proposal itself."""
    members = [
        m.user
        for m in proposal.group.memberships.select_related("user__profile").order_by(
            "user__profile__display_name", "user_id"
        )
    ]
    member_ids = {member.pk for member in members}
    responses = [
        r
        for r in proposal.responses.select_related("user__profile")
        if r.user_id in member_ids or proposal.closed_at is not None
    ]
    counted = [r for r in responses if r.user_id in member_ids]
    responded = {r.user_id for r in responses}
    if proposal.final_tally is not None:
        tally = proposal.final_tally
    else:
        tally = outcome.Tally.of((r.position for r in counted), members=len(members))
    word_pieces: dict[str, list[Piece]] = {}
    lines: list[Line] = []
    if proposal.kind == Kind.AGREEMENTS:
        lines = line_diff(proposal.base_text.splitlines(), proposal.text.splitlines())
    elif proposal.changes_text:
        word_pieces["text"] = word_diff(proposal.base_text, proposal.text)
        if proposal.kind == Kind.GOAL:
            word_pieces["evidence"] = word_diff(proposal.base_evidence, proposal.evidence)
    return ProposalPage(
        responses=responses,
        waiting=[m for m in members if m.pk not in responded],
        tally=tally,
        standing=outcome.decide(tally, proposal.rule, proposal.min_share),
        mine=next((r for r in responses if r.user_id == user.pk), None),
        word_pieces=word_pieces,
        lines=lines,
    )


def open_proposals(group: LearningGroup) -> list[Proposal]:
    """The proposals members can still respond to, closing soonest first."""
    return list(
        Proposal.objects.filter(group=group, closed_at__isnull=True, deadline__gt=timezone.now())
        .annotate(response_count=Count("responses"))
        .order_by("deadline", "id")
    )


def awaiting(group: LearningGroup, user) -> list[Proposal]:
    """The open proposals ``user`` has not responded to yet."""
    return list(
        Proposal.objects.filter(group=group, closed_at__isnull=True, deadline__gt=timezone.now())
        .exclude(responses__user=user)
        .order_by("deadline", "id")
    )


def home_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The context of the open-proposals card on the group home, for members only.

    The home is a fragment shared by every member with the same role, so the card
    holds nothing of the viewer's own: which proposals wait for *their* response is
    fetched by the card itself (``proposals:awaiting``, htmx)."""
    if not access.is_member:
        return None
    proposals = open_proposals(group)
    return {
        "open_proposals": proposals,
        "can_propose": may_propose(access, rules_of(group), group),
        # The card changes when the first of them reaches its deadline.
        EXPIRES_AT: proposals[0].deadline if proposals else None,
    }


def awaiting_of(user) -> list[Proposal]:
    """The open proposals of all ``user``'s groups that ``user`` has not responded to
    yet, closing soonest first."""
    return list(
        Proposal.objects.filter(
            group__in=GroupMembership.objects.filter(user=user).values("group"),
            closed_at__isnull=True,
            deadline__gt=timezone.now(),
        )
        .exclude(responses__user=user)
        .select_related("group")
        .order_by("deadline", "id")
    )
