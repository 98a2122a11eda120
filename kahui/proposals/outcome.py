"""What counts as agreed: the outcome of a proposal from its responses, by the rule
the group chose when the proposal opened.

Plain data in and out: no Django and nothing else of Kāhui, so the rules are easy to
read, to test with every combination and to reuse (the proposal page shows how it
would end if it closed now; the closing job decides with the same function)."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """What counts as agreed.

    - consent: nobody blocks and at least one person agrees; abstaining and
      disagreeing are heard, but do not stop the group.
    - majority: more agree than disagree, a block counting as a disagreement; the
      group may also ask that a minimum share of its members respond."""

    CONSENT = "consent"
    MAJORITY = "majority"


class Position(StrEnum):
    AGREE = "agree"
    ABSTAIN = "abstain"
    DISAGREE = "disagree"
    BLOCK = "block"


class Reason(StrEnum):
    """Why a proposal ended as it did."""

    AGREED = "agreed"
    NO_RESPONSES = "no_responses"
    BLOCKED = "blocked"  # consent: somebody blocked
    NOBODY_AGREED = "nobody_agreed"  # consent: nobody blocked, but nobody agreed either
    TOO_FEW = "too_few"  # majority: fewer responded than the group's minimum share
    TIE = "tie"  # majority: as many against as for
    MORE_AGAINST = "more_against"  # majority: more disagreed or blocked than agreed


@dataclass(frozen=True)
class Tally:
    """The responses of the group's members, and how many members could respond."""

    agree: int = 0
    abstain: int = 0
    disagree: int = 0
    block: int = 0
    members: int = 0

    def __post_init__(self) -> None:
        counts = (self.agree, self.abstain, self.disagree, self.block, self.members)
        if min(counts) < 0:
            raise ValueError("A tally counts people: no count can be negative.")
        if self.responded > self.members:
            raise ValueError("More responses than members.")

    @classmethod
    def of(cls, positions: Iterable[str], *, members: int) -> "Tally":
        """Count the members' positions (``agree``, ``abstain``, ``disagree``, ``block``)."""
        counts = dict.fromkeys(Position, 0)
        for position in positions:
            counts[Position(position)] += 1
        return cls(
            agree=counts[Position.AGREE],
            abstain=counts[Position.ABSTAIN],
            disagree=counts[Position.DISAGREE],
            block=counts[Position.BLOCK],
            members=members,
        )

    @property
    def responded(self) -> int:
        return self.agree + self.abstain + self.disagree + self.block

    @property
    def against(self) -> int:
        """Disagreements and blocks: what a majority weighs the agreements against."""
        return self.disagree + self.block


@dataclass(frozen=True)
class Verdict:
    agreed: bool
    reason: Reason


def decide(tally: Tally, rule: Rule | str, min_share: int = 0) -> Verdict:
    """The outcome of ``tally`` under ``rule``.

    ``min_share`` (a percentage, 0 for none) is the share of the members who must
    respond for a majority to count; consent has no such minimum, as a block from
    anyone who responds stops it."""
    rule = Rule(rule)
    if not 0 <= min_share <= 100:
        raise ValueError("The minimum share is a percentage from 0 to 100.")
    if tally.responded == 0:
        return Verdict(False, Reason.NO_RESPONSES)
    if rule == Rule.CONSENT:
        if tally.block:
            return Verdict(False, Reason.BLOCKED)
        if not tally.agree:
            return Verdict(False, Reason.NOBODY_AGREED)
        return Verdict(True, Reason.AGREED)
    if tally.responded * 100 < min_share * tally.members:
        return Verdict(False, Reason.TOO_FEW)
    if tally.agree > tally.against:
        return Verdict(True, Reason.AGREED)
    if tally.agree == tally.against:
        return Verdict(False, Reason.TIE)
    return Verdict(False, Reason.MORE_AGAINST)
