"""Forming balanced learning groups from a cohort. Pure: no Django.

The engine takes plain data (people with their interests, subjects, year levels, school,
role and free weekly windows) and rules (sizes, what must be shared, who must be
together or apart, one facilitator per group), and returns groups that keep every hard
rule, each with why it was formed, or a clear reason why no grouping can keep them.

Quality is ``Q``: over every group, over every pair of its members, the number of
interests the pair shares. Because a pair shares interest ``k`` exactly when both hold
it, Q is also, over every group and interest, ``c·(c-1)/2`` where ``c`` counts the
group's members holding it; the search keeps those counts per group, so the gain of a
move costs a handful of additions.

The search:

1. **Units.** Together pairs are joined (union–find) into units that always move as one;
   a unit bigger than a group, holding an apart pair, or with no common meeting window
   is reported at once.
2. **Windows.** Each person's free windows become a bitset of 15-minute cells over the
   week (a spare cell after each day, so no run crosses midnight); the cells where a
   meeting of the given length can *start* are ``free & free>>1 & …``. A group can meet
   when the AND of its members' start sets is not empty.
3. **A constructive start.** Each unit gets a *home*: the start cell (and shared value,
   when the rules ask for one) that most of the cohort can use; homes too small for a
   group pass their people on (a home is the cell where most of those who share the
   unit's interests can meet), and a home's last, partly filled group is saved when its
   people fit in other homes' groups. Facilitators are matched to the groups the homes
   will make (a maximum bipartite matching), one each. Each home's people, ordered by
   the home's most common interests, are cut into groups; anyone left over is placed
   by an ejection chain or opens a group, and the smallest groups are emptied into the
   others while fewer groups would do.
4. **Local search** until the time is up: the best improving move or swap between a
   unit's group and the groups where people sharing an interest with it are, and, while
   the temperature is high, now and then a random one that loses a little.
5. **Small cohorts** (``exact_up_to`` people, no mix asked for): after a short search,
   the exact method (``exact.py``: set partitioning with column generation) takes the
   rest of the time; its groups are kept when at least as good, with its proven bound.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from kahui.formation import exact

CELL_MINUTES = 15
CELLS_PER_DAY = 24 * 60 // CELL_MINUTES
DAY_STRIDE = CELLS_PER_DAY + 1  # a spare, never-free cell after each day
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EXACT_UP_TO = 60  # cohorts up to this size also go to the exact method


@dataclass(frozen=True)
class Window:
    """A free weekly window: ``day`` 0 = Monday, minutes from midnight."""

    day: int
    start: int
    end: int

    def __str__(self) -> str:
        return f"{DAYS[self.day]} {_hhmm(self.start)}-{_hhmm(self.end)}"


@dataclass(frozen=True)
class Person:
    id: str
    name: str = ""
    school: str = ""
    role: str = ""
    facilitator: bool = False
    experience: str = ""
    year_levels: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    free: tuple[Window, ...] = ()


class Share(StrEnum):
    """What every member of a group must share (one value held by all of them)."""

    NOTHING = ""
    INTEREST = "interests"
    SUBJECT = "subjects"
    YEAR_LEVEL = "year_levels"


class Mix(StrEnum):
    """What groups should mix (a soft rule: reported, and weighed in the search)."""

    SCHOOL = "school"
    ROLE = "role"
    EXPERIENCE = "experience"


@dataclass(frozen=True)
class Rules:
    min_size: int = 6
    max_size: int = 12
    meeting_minutes: int = 60
    share: Share = Share.NOTHING
    mix: tuple[Mix, ...] = ()
    together: frozenset[tuple[str, str]] = frozenset()
    apart: frozenset[tuple[str, str]] = frozenset()
    spread_facilitators: bool = True
    seconds: float = 10.0
    seed: int = 0


class Problem(StrEnum):
    """Why a cohort cannot be grouped under the rules."""

    EMPTY = "empty"
    SIZES = "sizes"
    NO_WINDOW = "no_window"
    TOGETHER_TOO_BIG = "together_too_big"
    TOGETHER_AND_APART = "together_and_apart"
    TOGETHER_NO_WINDOW = "together_no_window"
    TOGETHER_NOTHING_SHARED = "together_nothing_shared"
    NOTHING_SHARED = "nothing_shared"
    NO_COMPANY = "no_company"
    NOT_PLACED = "not_placed"
    FACILITATORS = "facilitators"
    UNKNOWN_PERSON = "unknown_person"
    BAD_RULES = "bad_rules"


@dataclass(frozen=True)
class Explanation:
    """A reason in data: a code and the people and figures it is about. The caller
    puts it in words (and translates it); ``str()`` gives plain English."""

    problem: Problem
    people: tuple[str, ...] = ()
    figures: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        who = ", ".join(self.people)
        f = self.figures
        match self.problem:
            case Problem.EMPTY:
                return "The cohort is empty."
            case Problem.SIZES:
                return (
                    f"{f['people']} people cannot be split into groups of "
                    f"{f['min_size']} to {f['max_size']}."
                )
            case Problem.NO_WINDOW:
                return f"No free window of {f['minutes']} minutes: {who}."
            case Problem.TOGETHER_TOO_BIG:
                return (
                    f"These people must be together but are more than a group holds "
                    f"({f['size']} > {f['max_size']}): {who}."
                )
            case Problem.TOGETHER_AND_APART:
                return f"These people must be together and also apart: {who}."
            case Problem.TOGETHER_NO_WINDOW:
                return (
                    f"These people must be together but have no common free window of "
                    f"{f['minutes']} minutes: {who}."
                )
            case Problem.TOGETHER_NOTHING_SHARED:
                return f"These people must be together but share nothing required: {who}."
            case Problem.NOTHING_SHARED:
                return f"These people hold nothing of what every member must share: {who}."
            case Problem.NO_COMPANY:
                return (
                    f"Fewer than {f['min_size']} people of the cohort are free at any time "
                    f"these people are free: {who}."
                )
            case Problem.NOT_PLACED:
                return (
                    f"No group could take these people within the rules "
                    f"(a common window, what must be shared, who must be apart): {who}."
                )
            case Problem.FACILITATORS:
                return (
                    f"The facilitators could not be spread one to each of the "
                    f"{f['groups']} groups within their free windows."
                )
            case Problem.UNKNOWN_PERSON:
                return f"A together or apart pair names someone not in the cohort: {who}."
            case Problem.BAD_RULES:
                return "The size range is not valid."
        return self.problem.value  # pragma: no cover


class CannotForm(Exception):
    def __init__(self, explanations: Sequence[Explanation]) -> None:
        self.explanations = tuple(explanations)
        super().__init__(" ".join(str(e) for e in explanations))


@dataclass(frozen=True)
class FormedGroup:
    members: tuple[str, ...]
    facilitators: tuple[str, ...]
    window: Window  # the first common window long enough to meet
    windows: tuple[Window, ...]  # every common window long enough to meet
    shared_value: str  # what all share, when the rules ask for it
    shared_interests: tuple[tuple[str, int], ...]  # interest, how many members hold it
    quality: int  # this group's Q
    schools: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Formation:
    groups: tuple[FormedGroup, ...]
    quality: int
    bound: int  # the tightest proven upper bound on Q (see ``bound_kind``)
    simple_bound: int
    seconds: float
    violations: tuple[str, ...]
    proved_optimal: bool = False  # no grouping under the rules has a higher Q
    bound_kind: str = "slot"  # "slot" (slot-aware) or "lp" (the exact method's)
    slot_bound: int = 0  # the slot-aware bound, whichever bound is tighter

    @property
    def ratio(self) -> float:
        return self.quality / self.bound if self.bound else 1.0

    def assignment(self) -> dict[str, int]:
        return {pid: n for n, g in enumerate(self.groups, 1) for pid in g.members}


# ---------------------------------------------------------------- availability


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def free_cells(windows: Iterable[Window]) -> int:
    """The week's free cells as a bitset; windows are trimmed inwards to whole cells
    (never free when the person is not), and overlapping or touching ones merge."""
    bits = 0
    for w in windows:
        first = -(-w.start // CELL_MINUTES)
        last = w.end // CELL_MINUTES
        if last > first:
            base = w.day * DAY_STRIDE
            bits |= ((1 << (last - first)) - 1) << (base + first)
    return bits


def start_cells(free: int, minutes: int) -> int:
    """Cells where a meeting of ``minutes`` can start with every cell of it free."""
    cells = max(1, -(-minutes // CELL_MINUTES))
    starts = free
    for shift in range(1, cells):
        starts &= free >> shift
    return starts


def windows_of(starts: int, minutes: int) -> tuple[Window, ...]:
    """The windows covered by meetings starting in ``starts``."""
    cells = max(1, -(-minutes // CELL_MINUTES))
    covered = starts
    for shift in range(1, cells):
        covered |= starts << shift
    out: list[Window] = []
    for day in range(7):
        row = (covered >> (day * DAY_STRIDE)) & ((1 << CELLS_PER_DAY) - 1)
        cell = 0
        while row:
            if row & 1:
                run = 0
                while row & 1:
                    row >>= 1
                    run += 1
                out.append(Window(day, cell * CELL_MINUTES, (cell + run) * CELL_MINUTES))
                cell += run
            else:
                skip = (row & -row).bit_length() - 1
                row >>= skip
                cell += skip
    return tuple(out)


def parse_windows(text: str) -> tuple[Window, ...]:
    """``"Mon 15:30-17:00;Wed 15:00-16:30"`` → windows; ValueError names the bad part."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        try:
            day_text, span = part.split(None, 1)
            day = [d.lower() for d in DAYS].index(day_text[:3].lower())
            start_text, end_text = span.replace(" ", "").split("-")
            start = _minutes(start_text)
            end = _minutes(end_text)
        except ValueError:
            raise ValueError(f"not a window like 'Mon 15:30-17:00': {part!r}") from None
        if not 0 <= start < end <= 24 * 60:
            raise ValueError(f"a window must end after it starts, within the day: {part!r}")
        out.append(Window(day, start, end))
    return tuple(out)


def _minutes(text: str) -> int:
    hours, _colon, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes or 0)
    if not (0 <= int(minutes or 0) < 60):
        raise ValueError(text)
    return value


# ---------------------------------------------------------------- the search


@dataclass
class _Unit:
    people: list[int]
    interests: list[int]  # interest index per member, repeated across members
    starts: int
    share: frozenset[str]
    facilitators: int
    apart: set[int] = field(default_factory=set)  # unit indices
    counted: dict[int, int] = field(default_factory=dict)  # interest: members holding it


class _Group:
    __slots__ = ("counts", "facilitators", "mix", "share", "size", "units")

    def __init__(self) -> None:
        self.units: list[int] = []
        self.size = 0
        self.counts: dict[int, int] = defaultdict(int)
        self.facilitators = 0
        self.share: Counter[str] = Counter()
        self.mix: Counter[tuple[int, str]] = Counter()


class _Search:
    def __init__(self, people: Sequence[Person], rules: Rules) -> None:
        self.people = list(people)
        self.rules = rules
        self.rng = random.Random(rules.seed)
        self.index = {p.id: n for n, p in enumerate(self.people)}
        names = sorted({i for p in self.people for i in p.interests})
        self.interest_index = {name: n for n, name in enumerate(names)}
        self.interest_names = names
        self.person_interests = [
            [self.interest_index[i] for i in sorted(p.interests)] for p in self.people
        ]
        self.person_starts = [
            start_cells(free_cells(p.free), rules.meeting_minutes) for p in self.people
        ]
        self.mix_weight = 1 if rules.mix else 0

    # -- set-up

    def check(self) -> list[Explanation]:
        r = self.rules
        n = len(self.people)
        if r.min_size < 1 or r.max_size < r.min_size:
            return [Explanation(Problem.BAD_RULES)]
        if n == 0:
            return [Explanation(Problem.EMPTY)]
        if self.group_count() is None:
            return [
                Explanation(
                    Problem.SIZES,
                    figures={"people": n, "min_size": r.min_size, "max_size": r.max_size},
                )
            ]
        problems = []
        unknown = sorted(
            {pid for pair in r.together | r.apart for pid in pair if pid not in self.index}
        )
        if unknown:
            problems.append(Explanation(Problem.UNKNOWN_PERSON, tuple(unknown)))
            return problems
        lonely = [p.id for p, s in zip(self.people, self.person_starts, strict=True) if not s]
        if lonely:
            problems.append(
                Explanation(Problem.NO_WINDOW, tuple(lonely), {"minutes": r.meeting_minutes})
            )
        if not lonely:
            population: Counter[int] = Counter()
            for starts in self.person_starts:
                population.update(_bits(starts))
            alone = [
                p.id
                for p, starts in zip(self.people, self.person_starts, strict=True)
                if max(population[c] for c in _bits(starts)) < r.min_size
            ]
            if alone:
                problems.append(
                    Explanation(Problem.NO_COMPANY, tuple(alone), {"min_size": r.min_size})
                )
        if r.share:
            bare = [p.id for p in self.people if not getattr(p, r.share.value)]
            if bare:
                problems.append(Explanation(Problem.NOTHING_SHARED, tuple(bare)))
        return problems

    def group_count(self) -> int | None:
        n, r = len(self.people), self.rules
        count = -(-n // r.max_size)
        return count if count * r.min_size <= n else None

    def build_units(self) -> list[Explanation]:
        r = self.rules
        parent = list(range(len(self.people)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in r.together:
            ra, rb = find(self.index[a]), find(self.index[b])
            if ra != rb:
                parent[ra] = rb
        members: dict[int, list[int]] = defaultdict(list)
        for n in range(len(self.people)):
            members[find(n)].append(n)
        self.units: list[_Unit] = []
        self.unit_of = [0] * len(self.people)
        problems = []
        for people in members.values():
            starts = -1
            for n in people:
                starts &= self.person_starts[n]
            share: frozenset[str] = frozenset()
            if r.share:
                share = frozenset.intersection(
                    *(frozenset(getattr(self.people[n], r.share.value)) for n in people)
                )
            ids = tuple(self.people[n].id for n in people)
            if len(people) > 1:
                if len(people) > r.max_size:
                    problems.append(
                        Explanation(
                            Problem.TOGETHER_TOO_BIG,
                            ids,
                            {"size": len(people), "max_size": r.max_size},
                        )
                    )
                if not starts:
                    problems.append(
                        Explanation(Problem.TOGETHER_NO_WINDOW, ids, {"minutes": r.meeting_minutes})
                    )
                if r.share and not share:
                    problems.append(Explanation(Problem.TOGETHER_NOTHING_SHARED, ids))
            unit = _Unit(
                people=people,
                interests=[i for n in people for i in self.person_interests[n]],
                starts=starts,
                share=share,
                facilitators=sum(self.people[n].facilitator for n in people),
            )
            unit.counted = dict(Counter(unit.interests))
            for n in people:
                self.unit_of[n] = len(self.units)
            self.units.append(unit)
        for a, b in r.apart:
            ua, ub = self.unit_of[self.index[a]], self.unit_of[self.index[b]]
            if ua == ub:
                problems.append(Explanation(Problem.TOGETHER_AND_APART, (a, b)))
            self.units[ua].apart.add(ub)
            self.units[ub].apart.add(ua)
        return problems

    # -- group bookkeeping

    def _mix_keys(self, n: int) -> list[tuple[int, str]]:
        p = self.people[n]
        return [(k, str(getattr(p, mix.value))) for k, mix in enumerate(self.rules.mix)]

    def add(self, g: int, u: int) -> None:
        group, unit = self.groups[g], self.units[u]
        group.units.append(u)
        group.size += len(unit.people)
        for i in unit.interests:
            group.counts[i] += 1
        group.facilitators += unit.facilitators
        group.share.update(unit.share)
        for n in unit.people:
            group.mix.update(self._mix_keys(n))
        self.where[u] = g
        self.starts[g] &= unit.starts

    def remove(self, g: int, u: int) -> None:
        group, unit = self.groups[g], self.units[u]
        group.units.remove(u)
        group.size -= len(unit.people)
        for i in unit.interests:
            group.counts[i] -= 1
        group.facilitators -= unit.facilitators
        group.share.subtract(unit.share)
        for n in unit.people:
            group.mix.subtract(self._mix_keys(n))
        self.where[u] = -1
        starts = -1
        for other in group.units:
            starts &= self.units[other].starts
        self.starts[g] = starts

    def gain_in(self, g: int, u: int) -> int:
        """Q gained by putting unit ``u`` (not in ``g``) into ``g``, with the mix
        penalty (a pair from the same school, role… costs one)."""
        counts = self.groups[g].counts
        gain = sum(counts.get(i, 0) for i in self.units[u].interests)
        if self.mix_weight:
            mix = self.groups[g].mix
            gain -= sum(mix.get(k, 0) for n in self.units[u].people for k in self._mix_keys(n))
        return gain

    def loss_out(self, g: int, u: int) -> int:
        """Q lost by taking unit ``u`` out of ``g`` (it is in ``g``)."""
        unit = self.units[u]
        counts = self.groups[g].counts
        # The pairs between the unit and the rest of the group go; those inside stay.
        loss = sum(c * (counts[i] - c) for i, c in unit.counted.items())
        if self.mix_weight:
            mix = self.groups[g].mix
            mine: Counter[tuple[int, str]] = Counter(
                k for n in unit.people for k in self._mix_keys(n)
            )
            loss -= sum(c * (mix[k] - c) for k, c in mine.items())
        return loss

    def fits(self, g: int, u: int, leaving: int = -1) -> bool:
        """Whether unit ``u`` may join group ``g`` (optionally while unit ``leaving``
        leaves it): size, window, apart pairs and what must be shared."""
        group, unit = self.groups[g], self.units[u]
        size = group.size + len(unit.people)
        starts = unit.starts
        others = group.units
        if leaving >= 0:
            size -= len(self.units[leaving].people)
            for other in others:
                if other != leaving:
                    starts &= self.units[other].starts
        else:
            starts &= self.starts[g]
        if size > self.rules.max_size or not starts:
            return False
        if unit.apart and any(o in unit.apart for o in others if o != leaving):
            return False
        if self.rules.share:
            need = size - len(unit.people)
            share = group.share
            left = self.units[leaving].share if leaving >= 0 else frozenset()
            if not any(share[v] - (v in left) == need for v in unit.share):
                return False
        return True

    def can_leave(self, g: int, u: int, coming: int = -1) -> bool:
        """Whether unit ``u`` may leave ``g`` (optionally replaced by ``coming``)."""
        group, unit = self.groups[g], self.units[u]
        size = group.size - len(unit.people)
        fac = group.facilitators - unit.facilitators
        if coming >= 0:
            size += len(self.units[coming].people)
            fac += self.units[coming].facilitators
        if size < self.rules.min_size:
            return False
        return not (self.spread and group.facilitators > 0 and fac == 0)

    # -- construction

    def construct(self, count: int) -> list[int]:
        """Place every unit; return the units that found no group.

        Each unit gets a *home*: a start cell (and, when the rules ask for a shared
        value, that value) that many others can use too, so that groups form where
        people can meet. Homes with too few people for a group send them on to their
        next best home. Each home's units are then ordered by interest (the home's
        most common interests first) and cut into as few groups as the size range
        allows, so neighbours in that order, who share most, end up together."""
        r = self.rules
        self.where = [-1] * len(self.units)
        kinds_of: list[list[tuple[int, str]]] = []
        reach: Counter[tuple[int, str]] = Counter()
        for unit in self.units:
            values = sorted(unit.share) if r.share else [""]
            kinds = [(c, v) for c in _bits(unit.starts) for v in values]
            kinds_of.append(kinds)
            reach.update({kind: len(unit.people) for kind in kinds})
        # How many people free at each kind hold each interest: a unit's best home is
        # where the most of what it shares can meet (its colleagues, not just anyone).
        holding: dict[tuple[int, str], Counter[int]] = defaultdict(Counter)
        for u, kinds in enumerate(kinds_of):
            for kind in kinds:
                holding[kind].update(self.units[u].interests)

        def appeal(u: int, kind: tuple[int, str]) -> int:
            held = holding[kind]
            return sum(held[i] for i in self.units[u].interests)

        ranked = {
            u: sorted(kinds, key=lambda k: (-appeal(u, k), -reach[k], k))
            for u, kinds in enumerate(kinds_of)
        }
        choice = dict.fromkeys(range(len(self.units)), 0)
        homes: dict[tuple[int, str], list[int]] = defaultdict(list)
        for u in range(len(self.units)):
            homes[ranked[u][0]].append(u)
        low = -(-len(self.people) // r.max_size)
        spread = r.spread_facilitators and sum(u.facilitators for u in self.units) >= low

        def people_at(kind: tuple[int, str]) -> int:
            return sum(len(self.units[w].people) for w in homes[kind])

        def leads_at(kind: tuple[int, str]) -> int:
            return sum(self.units[w].facilitators for w in homes[kind])

        def weak(kind: tuple[int, str]) -> bool:
            return people_at(kind) < r.min_size or (spread and not leads_at(kind))

        # Homes too small for a group (or, when facilitators are spread, without one)
        # pass their units on to the next best home that is not.
        for _round in range(8):
            moved = False
            for kind in sorted(homes, key=lambda k: len(homes[k])):
                units = homes[kind]
                if not units or not weak(kind):
                    continue
                for u in list(units):
                    options = ranked[u]
                    for step in range(len(options)):
                        other = options[(choice[u] + 1 + step) % len(options)]
                        if other != kind and homes[other] and not weak(other):
                            units.remove(u)
                            homes[other].append(u)
                            choice[u] = options.index(other)
                            moved = True
                            break
            if not moved:
                break
        self._consolidate(homes, kinds_of)
        leads = self._match_leads(homes, kinds_of) if spread else {}
        self.groups: list[_Group] = []
        self.starts: list[int] = []
        unplaced: list[int] = []
        for kind, units in homes.items():
            people = sum(len(self.units[u].people) for u in units)
            if not units:
                continue
            if people < r.min_size:
                unplaced.extend(units)
                continue
            parts = max(1, -(-people // r.max_size))
            common = Counter(i for u in units for i in self.units[u].interests)
            order = sorted(
                units,
                key=lambda u: sorted((-common[i], i) for i in self.units[u].interests),
            )
            # One facilitator at the head of each part, where there are enough.
            heads = leads.get(kind) or [u for u in order if self.units[u].facilitators]
            heads = heads[:parts]
            if heads:
                rest = [u for u in order if u not in set(heads)]
                stride = len(order) / parts
                for j, lead in enumerate(heads):
                    rest.insert(min(len(rest), round(j * stride)), lead)
                order = rest
            first = len(self.groups)
            for _ in range(parts):
                self.groups.append(_Group())
                self.starts.append(1 << kind[0])
            per = people / parts
            g, filled = first, 0
            for u in order:
                if filled >= per * (g - first + 1) - 0.5 and g < first + parts - 1:
                    g += 1
                if not self.fits(g, u):
                    unplaced.append(u)
                    continue
                self.add(g, u)
                filled += len(self.units[u].people)
        # Drop groups left empty.
        keep = [g for g, group in enumerate(self.groups) if group.units]
        renumber = {old: new for new, old in enumerate(keep)}
        self.groups = [self.groups[g] for g in keep]
        self.starts = [self.starts[g] for g in keep]
        self.where = [renumber.get(g, -1) if g >= 0 else -1 for g in self.where]
        facilitators = sum(u.facilitators for u in self.units)
        self.spread = r.spread_facilitators and facilitators >= len(self.groups)
        return self._eject(unplaced)

    def _consolidate(
        self,
        homes: dict[tuple[int, str], list[int]],
        kinds_of: list[list[tuple[int, str]]],
    ) -> None:
        """Fewer, fuller groups share more. A home's last, partly filled group is
        saved when its people can move to homes with room in their own groups."""
        b = self.rules.max_size

        def people(kind: tuple[int, str]) -> int:
            return sum(len(self.units[u].people) for u in homes[kind])

        def room(kind: tuple[int, str]) -> int:
            have = people(kind)
            return -(-have // b) * b - have if have else 0

        changed = True
        rounds = 0
        while changed and rounds < 4:
            changed = False
            rounds += 1
            for kind in sorted(homes, key=lambda k: people(k) % b or b):
                have = people(kind)
                spare = have % b
                if not have or not spare:
                    continue
                # The units to move: those with another home that has room.
                plan: list[tuple[int, tuple[int, str]]] = []
                rooms = {k: room(k) for k in homes if k != kind and homes[k]}
                moving = 0
                for u in sorted(homes[kind], key=lambda u: len(kinds_of[u])):
                    if moving >= spare:
                        break
                    size = len(self.units[u].people)
                    for other in kinds_of[u]:
                        if rooms.get(other, 0) >= size:
                            rooms[other] -= size
                            plan.append((u, other))
                            moving += size
                            break
                if moving != spare or (have - spare and have - spare < self.rules.min_size):
                    continue
                for u, other in plan:
                    homes[kind].remove(u)
                    homes[other].append(u)
                changed = True

    def _match_leads(
        self,
        homes: dict[tuple[int, str], list[int]],
        kinds_of: list[list[tuple[int, str]]],
    ) -> dict[tuple[int, str], list[int]]:
        """Give every group a home's groups will make a facilitator who can meet
        there: a maximum matching of groups to facilitators (augmenting paths), and
        each matched facilitator moved to that home. Returns each home's leads."""
        r = self.rules
        seats: list[tuple[int, str]] = []
        for kind, units in homes.items():
            people = sum(len(self.units[u].people) for u in units)
            if units and people >= r.min_size:
                seats.extend([kind] * max(1, -(-people // r.max_size)))
        leads = [u for u in range(len(self.units)) if self.units[u].facilitators]
        able: dict[tuple[int, str], list[int]] = defaultdict(list)
        for u in leads:
            for kind in kinds_of[u]:
                able[kind].append(u)
        seat_of: dict[int, int] = {}  # lead unit: seat

        def augment(seat: int, seen: set[int]) -> bool:
            for u in able.get(seats[seat], ()):
                if u in seen:
                    continue
                seen.add(u)
                if u not in seat_of or augment(seat_of[u], seen):
                    seat_of[u] = seat
                    return True
            return False

        for seat in range(len(seats)):
            augment(seat, set())
        out: dict[tuple[int, str], list[int]] = defaultdict(list)
        for u, seat in seat_of.items():
            kind = seats[seat]
            for units in homes.values():
                if u in units:
                    units.remove(u)
                    break
            homes[kind].append(u)
            out[kind].append(u)
        return out

    def _eject(self, unplaced: list[int]) -> list[int]:
        """Place leftovers by moving someone out of a group to another that takes them."""
        still = []
        for u in unplaced:
            done = False
            near = [g for g in range(len(self.groups)) if self.starts[g] & self.units[u].starts]
            tries = self.rng.sample(near, min(48, len(near)))
            for g in tries:
                if self.fits(g, u):
                    self.add(g, u)
                    done = True
                    break
                for v in list(self.groups[g].units):
                    if not self.fits(g, u, leaving=v) or not self.can_leave(g, v, coming=u):
                        continue
                    for h in range(len(self.groups)):
                        if h != g and self.fits(h, v):
                            self.remove(g, v)
                            self.add(h, v)
                            self.add(g, u)
                            done = True
                            break
                    if done:
                        break
                if done:
                    break
            if not done:
                still.append(u)
        # Who still has no group opens one of their own, if the size range allows
        # another group; balance() then brings it up to size.
        high = len(self.people) // self.rules.min_size
        rest = []
        for u in still:
            roomy = [g for g, group in enumerate(self.groups) if self.fits(g, u)]
            if roomy:
                self.add(min(roomy, key=lambda g: self.groups[g].size), u)
                continue
            if len(self.groups) >= high:
                rest.append(u)
                continue
            cell = max(_bits(self.units[u].starts), key=lambda c: self.cell_reach(c))
            self.groups.append(_Group())
            self.starts.append(1 << cell)
            self.add(len(self.groups) - 1, u)
        return rest

    def spread_facilitators(self) -> bool:
        """When the rules spread facilitators and there are enough for every group,
        give each group without one a facilitator from a group with two or more, in
        exchange for someone else. False when a group is left without one."""
        facilitators = sum(u.facilitators for u in self.units)
        self.spread = self.rules.spread_facilitators and facilitators >= len(self.groups)
        if not self.spread:
            return True
        for g, group in enumerate(self.groups):
            if group.facilitators:
                continue
            done = False
            for h, donor in enumerate(self.groups):
                if donor.facilitators < 2:
                    continue
                for v in donor.units:
                    if (
                        not self.units[v].facilitators
                        or self.units[v].facilitators == donor.facilitators
                    ):
                        continue
                    if (
                        self.fits(g, v)
                        and donor.size - len(self.units[v].people) >= self.rules.min_size
                    ):
                        self.remove(h, v)
                        self.add(g, v)
                        done = True
                        break
                    for u in group.units:
                        if self.units[u].facilitators:
                            continue
                        if self.fits(g, v, leaving=u) and not self.fits(h, u, leaving=v):
                            # v comes, u goes on to a third group that can take them.
                            for h2 in range(len(self.groups)):
                                if h2 in (g, h) or not self.fits(h2, u):
                                    continue
                                if donor.size - len(self.units[v].people) < self.rules.min_size:
                                    break
                                if (
                                    group.size
                                    - len(self.units[u].people)
                                    + len(self.units[v].people)
                                    > self.rules.max_size
                                ):
                                    break
                                self.remove(g, u)
                                self.remove(h, v)
                                self.add(g, v)
                                self.add(h2, u)
                                done = True
                                break
                            if done:
                                break
                        if self.fits(g, v, leaving=u) and self.fits(h, u, leaving=v):
                            sizes_ok = (
                                self.rules.min_size
                                <= group.size
                                - len(self.units[u].people)
                                + len(self.units[v].people)
                                <= self.rules.max_size
                                and self.rules.min_size
                                <= donor.size
                                - len(self.units[v].people)
                                + len(self.units[u].people)
                                <= self.rules.max_size
                            )
                            if sizes_ok:
                                self.remove(g, u)
                                self.remove(h, v)
                                self.add(g, v)
                                self.add(h, u)
                                done = True
                                break
                    if done:
                        break
                if done:
                    break
            if not done:
                return False
        return True

    def cell_reach(self, cell: int) -> int:
        bit = 1 << cell
        return sum(1 for unit in self.units if unit.starts & bit)

    def balance(self) -> bool:
        """Bring groups below the minimum up by moving units from the largest."""
        for _round in range(len(self.units) * 2):
            small = [g for g, grp in enumerate(self.groups) if grp.size < self.rules.min_size]
            if not small:
                return True
            g = small[0]
            moved = False
            donors = sorted(range(len(self.groups)), key=lambda h: -self.groups[h].size)
            for h in donors:
                if h == g:
                    continue
                for v in sorted(self.groups[h].units, key=lambda v: -self.gain_in(g, v)):
                    if self.fits(g, v) and self.can_leave(h, v):
                        self.remove(h, v)
                        self.add(g, v)
                        moved = True
                        break
                if moved:
                    break
            if not moved:
                return False
        return False

    def dissolve(self, deadline: float) -> None:
        """Fewer, fuller groups share more: empty the smallest groups into the others
        while the size range allows fewer groups and their people fit elsewhere."""
        low = -(-len(self.people) // self.rules.max_size)
        tried: set[int] = set()
        while len(self.groups) > low and time.perf_counter() < deadline:
            candidates = [g for g in range(len(self.groups)) if g not in tried]
            if not candidates:
                return
            # Groups without a facilitator first, then the smallest.
            g = min(
                candidates,
                key=lambda h: (self.groups[h].facilitators > 0, self.groups[h].size),
            )
            tried.add(g)
            group = self.groups[g]
            if self.spread and group.facilitators:
                others = sum(1 for h, o in enumerate(self.groups) if h != g and o.facilitators)
                if others < len(self.groups) - 1:
                    continue
            moves: list[tuple[int, int, int]] = []  # unit, from, to: to undo
            for u in sorted(group.units, key=lambda u: -len(self.units[u].people)):
                placed = self._place_elsewhere(g, u, moves)
                if not placed:
                    break
            if group.units:
                for u, source, target in reversed(moves):
                    self.remove(target, u)
                    self.add(source, u)
                continue
            del self.groups[g]
            del self.starts[g]
            for u in range(len(self.units)):
                if self.where[u] > g:
                    self.where[u] -= 1
            tried = {t - (t > g) for t in tried if t != g}

    def _place_elsewhere(self, g: int, u: int, moves: list[tuple[int, int, int]]) -> bool:
        """Move unit ``u`` out of ``g`` into the group it gains most in, or else into
        a group after moving one of that group's units on to a third (an ejection
        chain of length two). Every move is appended to ``moves``."""
        starts = self.units[u].starts
        near = [h for h in range(len(self.groups)) if h != g and self.starts[h] & starts]
        best, best_gain = -1, None
        for h in near:
            if not self.fits(h, u):
                continue
            gain = self.gain_in(h, u)
            if best_gain is None or gain > best_gain:
                best, best_gain = h, gain
        if best >= 0:
            self.remove(g, u)
            self.add(best, u)
            moves.append((u, g, best))
            return True
        for h in self.rng.sample(near, min(32, len(near))):
            if h == g:
                continue
            for v in list(self.groups[h].units):
                if not self.fits(h, u, leaving=v) or not self.can_leave(h, v, coming=u):
                    continue
                for h2 in self.rng.sample(range(len(self.groups)), min(32, len(self.groups))):
                    if h2 in (g, h) or not self.fits(h2, v):
                        continue
                    self.remove(h, v)
                    self.add(h2, v)
                    moves.append((v, h, h2))
                    self.remove(g, u)
                    self.add(h, u)
                    moves.append((u, g, h))
                    return True
        return False

    # -- local search

    def neighbours(self, u: int, limit: int = 12) -> list[int]:
        """Groups where people sharing an interest with unit ``u`` are."""
        holders = self.holders
        groups: set[int] = set()
        interests = self.units[u].interests
        if interests:
            for _ in range(limit * 2):
                i = interests[self.rng.randrange(len(interests))]
                people = holders[i]
                n = people[self.rng.randrange(len(people))]
                g = self.where[self.unit_of[n]]
                if g >= 0:
                    groups.add(g)
                if len(groups) >= limit:
                    break
        for _ in range(3):
            groups.add(self.rng.randrange(len(self.groups)))
        groups.discard(self.where[u])
        return list(groups)

    def improve(self, deadline: float) -> None:
        """Moves and swaps until ``deadline``: the best improving one among the groups
        near a random unit (feasibility checked only for candidates that would
        improve), and now and then, while the temperature is high, a random move
        that loses a little."""
        self.holders: dict[int, list[int]] = defaultdict(list)
        for n, interests in enumerate(self.person_interests):
            for i in interests:
                self.holders[i].append(n)
        count = len(self.units)
        start = time.perf_counter()
        span = max(deadline - start, 1e-6)
        self.temperature = 1.5
        steps = 0
        while True:
            steps += 1
            if steps % 128 == 0:
                now = time.perf_counter()
                if now >= deadline:
                    self.steps = steps
                    return
                self.temperature = 1.5 * max(0.0, 1 - (now - start) / span) ** 3
            u = self.rng.randrange(count)
            g = self.where[u]
            loss = self.loss_out(g, u)
            best_delta, best_move = 0, (-1, -1)
            leave_ok: bool | None = None
            for h in self.neighbours(u):
                gain = self.gain_in(h, u)
                delta = gain - loss
                if delta > best_delta:
                    if leave_ok is None:
                        leave_ok = self.can_leave(g, u)
                    if leave_ok and self.fits(h, u):
                        best_delta, best_move = delta, (h, -1)
                for v in self.groups[h].units:
                    rough = gain - loss + self.gain_in(g, v) - self.loss_out(h, v)
                    if rough <= best_delta:
                        continue
                    delta = rough - 2 * self._pairs(u, v)
                    if delta <= best_delta:
                        continue
                    if not (self.can_leave(g, u, coming=v) and self.can_leave(h, v, coming=u)):
                        continue
                    if not (self.fits(h, u, leaving=v) and self.fits(g, v, leaving=u)):
                        continue
                    best_delta, best_move = delta, (h, v)
            h, v = best_move
            if h < 0:
                if self.temperature > 0.05:
                    step = self._random_step(g, u, loss)
                    if step is None:
                        continue
                    h, v = step
                else:
                    continue
            self.remove(g, u)
            if v >= 0:
                self.remove(h, v)
                self.add(g, v)
            self.add(h, u)

    def _pairs(self, u: int, v: int) -> int:
        """Interest pairs between units ``u`` and ``v`` (with the mix penalty)."""
        a, b = self.units[u], self.units[v]
        shared = sum(c * b.counted.get(i, 0) for i, c in a.counted.items())
        if self.mix_weight:
            shared -= sum(
                1
                for x in a.people
                for y in b.people
                for kx, ky in zip(self._mix_keys(x), self._mix_keys(y), strict=True)
                if kx == ky
            )
        return shared

    def _random_step(self, g: int, u: int, loss: int) -> tuple[int, int] | None:
        """A random move or swap, taken if it gains or, by chance, if it loses little."""
        h = self.rng.randrange(len(self.groups))
        if h == g:
            return None
        others = self.groups[h].units
        v = others[self.rng.randrange(len(others))] if others and self.rng.random() < 0.7 else -1
        if v < 0:
            if not (self.can_leave(g, u) and self.fits(h, u)):
                return None
            delta = self.gain_in(h, u) - loss
        else:
            if not (self.can_leave(g, u, coming=v) and self.can_leave(h, v, coming=u)):
                return None
            if not (self.fits(h, u, leaving=v) and self.fits(g, v, leaving=u)):
                return None
            delta = (
                self.gain_in(h, u)
                + self.gain_in(g, v)
                - 2 * self._pairs(u, v)
                - loss
                - self.loss_out(h, v)
            )
        if delta >= 0 or self.rng.random() < math.exp(delta / self.temperature):
            return (h, v)
        return None

    # -- the answer

    def quality(self) -> int:
        return sum(c * (c - 1) // 2 for grp in self.groups for c in grp.counts.values())

    def violations(self) -> list[str]:
        """Every hard rule checked afresh on the final groups (must be empty)."""
        r = self.rules
        out = []
        seen: Counter[int] = Counter()
        for g, grp in enumerate(self.groups, 1):
            people = [n for u in grp.units for n in self.units[u].people]
            seen.update(people)
            if not r.min_size <= len(people) <= r.max_size:
                out.append(f"group {g} has {len(people)} members")
            starts = -1
            for n in people:
                starts &= self.person_starts[n]
            if not starts:
                out.append(f"group {g} has no common window")
            if r.share and not frozenset.intersection(
                *(frozenset(getattr(self.people[n], r.share.value)) for n in people)
            ):
                out.append(f"group {g} shares no {r.share.value}")
            ids = {self.people[n].id for n in people}
            for a, b in r.apart:
                if a in ids and b in ids:
                    out.append(f"group {g} holds {a} and {b}, who must be apart")
            if self.spread and not any(self.people[n].facilitator for n in people):
                out.append(f"group {g} has no facilitator")
        for a, b in r.together:
            if self.where[self.unit_of[self.index[a]]] != self.where[self.unit_of[self.index[b]]]:
                out.append(f"{a} and {b} must be together")
        if len(seen) != len(self.people) or any(c != 1 for c in seen.values()):
            out.append("not everyone is in exactly one group")
        return out

    def describe(self) -> tuple[FormedGroup, ...]:
        r = self.rules
        out = []
        for g, grp in enumerate(self.groups):
            people = sorted(n for u in grp.units for n in self.units[u].people)
            shared = sorted(
                ((self.interest_names[i], c) for i, c in grp.counts.items() if c >= 2),
                key=lambda item: (-item[1], item[0]),
            )
            value = ""
            if r.share:
                common = frozenset.intersection(
                    *(frozenset(getattr(self.people[n], r.share.value)) for n in people)
                )
                value = sorted(common)[0] if common else ""
            windows = windows_of(self.starts[g], r.meeting_minutes)
            out.append(
                FormedGroup(
                    members=tuple(self.people[n].id for n in people),
                    facilitators=tuple(
                        self.people[n].id for n in people if self.people[n].facilitator
                    ),
                    window=windows[0],
                    windows=windows,
                    shared_value=value,
                    shared_interests=tuple(shared),
                    quality=sum(c * (c - 1) // 2 for c in grp.counts.values()),
                    schools=tuple(Counter(self.people[n].school for n in people).most_common()),
                    roles=tuple(Counter(self.people[n].role for n in people).most_common()),
                )
            )
        return tuple(out)


def _bits(value: int) -> list[int]:
    out = []
    while value:
        low = value & -value
        out.append(low.bit_length() - 1)
        value ^= low
    return out


def _pairs_between(a: list[int], b: list[int]) -> int:
    cb = Counter(b)
    return sum(cb.get(i, 0) for i in a)


def form_groups(
    people: Sequence[Person],
    rules: Rules = Rules(),
    *,
    with_bound: bool = True,
    exact_up_to: int = EXACT_UP_TO,
) -> Formation:
    """Groups for ``people`` under ``rules``, or CannotForm with the reasons.

    A cohort of at most ``exact_up_to`` people (and no mix asked for, which only the
    search weighs) also goes to the exact method (kahui/formation/exact.py) after a
    short search: its answer is kept when it is better, with its proven bound, and
    ``proved_optimal`` says whether it is proved best. ``seconds`` of the answer is
    the search's own time; the slot-aware bound (left out with ``with_bound=False``)
    is worked out after it."""
    began = time.perf_counter()
    use_exact = len(people) <= exact_up_to and not rules.mix
    search = _Search(people, rules)
    problems = search.check()
    fatal = {Problem.BAD_RULES, Problem.EMPTY, Problem.SIZES, Problem.UNKNOWN_PERSON}
    if not any(p.problem in fatal for p in problems):
        problems = search.build_units() + problems
    if problems:
        raise CannotForm(problems)
    count = search.group_count()
    assert count is not None
    deadline = began + rules.seconds
    failure: CannotForm | None = None
    leftovers = search.construct(count)
    if leftovers or not search.balance():
        failure = CannotForm(
            [
                Explanation(
                    Problem.NOT_PLACED,
                    tuple(search.people[n].id for u in leftovers for n in search.units[u].people),
                )
            ]
        )
    else:
        search.dissolve(began + rules.seconds * 0.4)
        if not search.spread_facilitators():
            failure = CannotForm(
                [
                    Explanation(
                        Problem.FACILITATORS,
                        figures={"groups": len(search.groups)},
                    )
                ]
            )
    grouping = None
    if use_exact:
        # A short search gives the exact method its first groups; when the search
        # found none, the exact method may still find a grouping.
        if failure is None:
            search.improve(began + rules.seconds * 0.1)
        grouping = exact.solve(
            _exact_instance(search),
            max(0.1, deadline - 0.02 * rules.seconds - time.perf_counter()),
            start=None if failure else [tuple(sorted(grp.units)) for grp in search.groups],
        )
        if grouping is not None and (failure or grouping.quality >= search.quality()):
            _take(search, grouping)
            failure = None
    if failure is not None:
        raise failure
    if not use_exact:
        search.improve(deadline - 0.02 * rules.seconds)
    seconds = time.perf_counter() - began
    bound, simple = slot_bound(search) if with_bound else (0, 0)
    best, kind = bound, "slot"
    if (
        grouping is not None
        and grouping.bound is not None
        and (not bound or grouping.bound < bound)
    ):
        best, kind = grouping.bound, "lp"
    return Formation(
        groups=search.describe(),
        quality=search.quality(),
        bound=best,
        simple_bound=simple,
        seconds=seconds,
        violations=tuple(search.violations()),
        proved_optimal=grouping is not None
        and grouping.proved
        and search.quality() == grouping.quality,
        bound_kind=kind,
        slot_bound=bound,
    )


def _exact_instance(search: _Search) -> exact.Instance:
    """The search's units as plain data for the exact method."""
    units = search.units
    m = max(1, len(search.interest_names))
    counts = np.zeros((len(units), m), dtype=np.float64)
    for u, unit in enumerate(units):
        for i, c in unit.counted.items():
            counts[u, i] = c
    weights = counts @ counts.T
    np.fill_diagonal(weights, 0)
    return exact.Instance(
        weights=weights,
        inner=tuple(sum(c * (c - 1) // 2 for c in unit.counted.values()) for unit in units),
        sizes=tuple(len(unit.people) for unit in units),
        facilitators=tuple(unit.facilitators for unit in units),
        starts=tuple(unit.starts for unit in units),
        share=tuple(unit.share for unit in units),
        apart=frozenset((u, v) for u, unit in enumerate(units) for v in unit.apart if u < v),
        min_size=search.rules.min_size,
        max_size=search.rules.max_size,
        spread_facilitators=search.rules.spread_facilitators,
        needs_share=bool(search.rules.share),
    )


def _take(search: _Search, grouping: exact.Grouping) -> None:
    """Lay the exact method's groups into the search (for the answer and its check)."""
    search.groups = []
    search.starts = []
    search.where = [-1] * len(search.units)
    for g, (units, _cell) in enumerate(grouping.groups):
        search.groups.append(_Group())
        search.starts.append(-1)
        for u in units:
            search.add(g, u)
    facilitators = sum(unit.facilitators for unit in search.units)
    search.spread = search.rules.spread_facilitators and facilitators >= len(search.groups)


def slot_bound(search: _Search) -> tuple[int, int]:
    """Upper bounds on Q: ``(slot-aware, simple)``.

    Q is half the sum, over people, of the interests each shares with the others in
    their group. A person's group has at most ``max_size - 1`` others, so the *simple*
    bound gives each person their best ``max_size - 1`` partners in the whole cohort.
    A group can only form where all its members can start a meeting at one common
    cell, so the *slot-aware* bound gives each person their best ``max_size - 1``
    partners among those free at one of the person's cells, for the best such cell.
    Both are halved (each pair counted from both sides) and rounded down."""
    people = search.people
    n = len(people)
    if n < 2:
        return 0, 0
    k = min(search.rules.max_size - 1, n - 1)
    m = max(1, len(search.interest_names))
    x = np.zeros((n, m), dtype=np.float32)
    for row, interests in enumerate(search.person_interests):
        x[row, interests] = 1.0
    cells = sorted({c for starts in search.person_starts for c in _bits(starts)})
    column = {c: j for j, c in enumerate(cells)}
    free = np.zeros((len(cells), n), dtype=bool)
    person_cells = []
    for row, starts in enumerate(search.person_starts):
        mine = [column[c] for c in _bits(starts)]
        person_cells.append(mine)
        free[mine, row] = True
    slot_total = 0.0
    simple_total = 0.0
    block = 256
    for first in range(0, n, block):
        weights = x[first : first + block] @ x.T
        for r in range(weights.shape[0]):
            row = first + r
            w = weights[r]
            w[row] = 0.0
            simple_total += float(np.partition(w, n - k)[n - k :].sum())
            best = 0.0
            seen: set[bytes] = set()
            for j in person_cells[row]:
                mask = free[j]
                key = mask.tobytes()
                if key in seen:
                    continue
                seen.add(key)
                vals = w[mask]
                if vals.size > k:
                    vals = np.partition(vals, vals.size - k)[vals.size - k :]
                best = max(best, float(vals.sum()))
            slot_total += best
    return int(slot_total // 2), int(simple_total // 2)
