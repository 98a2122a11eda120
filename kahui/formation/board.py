"""A grouping as the coordinator's board shows it: each group's figures worked out
afresh from the people, the groups and the rules, so the scores follow every move;
and whether moving one person would break a hard rule. No Django.

The engine forms the groups; this module only reads a grouping (the engine's, or one
a coordinator changed), with the engine's own availability cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kahui.formation.engine import Person, Rules, Window, free_cells, start_cells, windows_of


class Rule(StrEnum):
    """The hard rule a grouping or a move breaks."""

    MIN_SIZE = "min_size"
    MAX_SIZE = "max_size"
    TOGETHER = "together"
    APART = "apart"
    WINDOW = "window"
    SHARE = "share"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class Breach:
    rule: Rule
    group: int  # 1-based
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupFigures:
    number: int  # 1-based
    members: tuple[str, ...]
    facilitators: tuple[str, ...]
    windows: tuple[Window, ...]  # every common window long enough to meet
    shared_values: tuple[str, ...]  # what all share, when the rules ask for it
    shared_interests: tuple[tuple[str, int], ...]  # held by two or more, most first
    quality: int
    schools: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Board:
    groups: tuple[GroupFigures, ...]
    quality: int
    breaches: tuple[Breach, ...]

    @property
    def schools_per_group(self) -> float:
        return _mean([len(g.schools) for g in self.groups])

    @property
    def roles_per_group(self) -> float:
        return _mean([len(g.roles) for g in self.groups])


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def group_quality(members: Sequence[Person]) -> int:
    counts = Counter(i for p in members for i in p.interests)
    return sum(c * (c - 1) // 2 for c in counts.values())


def _starts(members: Sequence[Person], minutes: int) -> int:
    starts = -1
    for p in members:
        starts &= start_cells(free_cells(p.free), minutes)
    return starts if members else 0


def _shared(members: Sequence[Person], rules: Rules) -> frozenset[str]:
    if not rules.share or not members:
        return frozenset()
    return frozenset.intersection(*(frozenset(getattr(p, rules.share.value)) for p in members))


def spreads_facilitators(people: Sequence[Person], groups: int, rules: Rules) -> bool:
    """The facilitator rule holds when asked for and there are enough to go round."""
    return rules.spread_facilitators and sum(p.facilitator for p in people) >= groups


def _pairs(pairs: frozenset[tuple[str, str]], ids: set[str]) -> list[tuple[str, str]]:
    return sorted((a, b) for a, b in pairs if a in ids and b in ids)


def evaluate(people: Sequence[Person], groups: Sequence[Sequence[str]], rules: Rules) -> Board:
    """Every group's figures and every hard rule the grouping breaks."""
    by_id = {p.id: p for p in people}
    spread = spreads_facilitators(people, len(groups), rules)
    where = {pid: n for n, ids in enumerate(groups, 1) for pid in ids}
    out: list[GroupFigures] = []
    breaches: list[Breach] = []
    for n, ids in enumerate(groups, 1):
        members = [by_id[i] for i in ids if i in by_id]
        member_ids = {p.id for p in members}
        if len(members) < rules.min_size:
            breaches.append(Breach(Rule.MIN_SIZE, n))
        if len(members) > rules.max_size:
            breaches.append(Breach(Rule.MAX_SIZE, n))
        starts = _starts(members, rules.meeting_minutes)
        if not starts:
            breaches.append(Breach(Rule.WINDOW, n))
        shared = _shared(members, rules)
        if rules.share and not shared:
            breaches.append(Breach(Rule.SHARE, n))
        for pair in _pairs(rules.apart, member_ids):
            breaches.append(Breach(Rule.APART, n, pair))
        if spread and not any(p.facilitator for p in members):
            breaches.append(Breach(Rule.FACILITATOR, n))
        interests = Counter(i for p in members for i in p.interests)
        out.append(
            GroupFigures(
                number=n,
                members=tuple(p.id for p in members),
                facilitators=tuple(p.id for p in members if p.facilitator),
                windows=windows_of(starts, rules.meeting_minutes) if starts else (),
                shared_values=tuple(sorted(shared)),
                shared_interests=tuple(
                    sorted(
                        ((k, c) for k, c in interests.items() if c >= 2),
                        key=lambda item: (-item[1], item[0]),
                    )
                ),
                quality=group_quality(members),
                schools=tuple(Counter(p.school for p in members).most_common()),
                roles=tuple(Counter(p.role for p in members).most_common()),
            )
        )
    for a, b in sorted(rules.together):
        if a in where and b in where and where[a] != where[b]:
            breaches.append(Breach(Rule.TOGETHER, where[a], (a, b)))
    return Board(groups=tuple(out), quality=sum(g.quality for g in out), breaches=tuple(breaches))


def move(
    people: Sequence[Person],
    groups: Sequence[Sequence[str]],
    rules: Rules,
    *,
    person: str,
    to: int,
) -> tuple[list[list[str]], list[Breach]]:
    """The groups with ``person`` moved to group ``to`` (1-based), and the hard rules
    the move would break that the grouping did not break already (empty: allowed)."""
    moved = [[pid for pid in ids if pid != person] for ids in groups]
    if not 1 <= to <= len(moved):
        raise ValueError(f"no group {to}")
    moved[to - 1].append(person)
    before = set(evaluate(people, groups, rules).breaches)
    after = evaluate(people, moved, rules).breaches
    return moved, [b for b in after if b not in before]
