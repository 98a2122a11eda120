"""How healthy a group's size is. Pure: no Django, plain numbers in and out.

Professional learning groups work best with six to twelve people: fewer and the
group lacks perspectives (and collapses when two people are away), more and not
everyone gets a voice. Kāhui warns outside that range and never blocks."""

from dataclasses import dataclass
from enum import StrEnum

HEALTHY_MIN = 6
HEALTHY_MAX = 12


class SizeState(StrEnum):
    SMALL = "small"
    HEALTHY = "healthy"
    LARGE = "large"


@dataclass(frozen=True)
class SizeAssessment:
    members: int
    target: int
    state: SizeState
    open_places: int


def assess_size(members: int, target: int) -> SizeAssessment:
    """Judge a group of ``members`` people that aims for ``target`` people."""
    if members < 0 or target < 0:
        raise ValueError("sizes cannot be negative")
    if members < HEALTHY_MIN:
        state = SizeState.SMALL
    elif members > HEALTHY_MAX:
        state = SizeState.LARGE
    else:
        state = SizeState.HEALTHY
    return SizeAssessment(
        members=members, target=target, state=state, open_places=max(target - members, 0)
    )
