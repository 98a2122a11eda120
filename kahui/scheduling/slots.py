"""The best-time finder: which weekly slot suits a group best. Pure: no Django.

Each person paints a week of availability in their own time zone (cells of 15 or
30 minutes, "yes" or "if need be"). For a run of concrete weeks the finder maps every
person's week onto a grid in the reference time zone (the group's) — week by week, so a
daylight-saving change on either side moves the mapping exactly as it moves the
clocks — removes the times they are already busy, and ranks the recurring slots:

1. every required person (the facilitators) can come, every week;
2. the most people can come every week;
3. then fewer "if need be" answers, then earlier in the day, then earlier in the week.

Weeks are Python integers used as bitsets (bit ``k`` = cell ``k`` of the week), so a
thousand people take a few thousand integer operations per week.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_WEEK = 7 * 24 * 60


@dataclass(frozen=True)
class Person:
    """Someone whose week counts. ``yes`` and ``if_need_be`` are bitsets of cells in
    the person's own week (Monday 00:00 local = cell 0)."""

    id: Hashable
    time_zone: str
    yes: int
    if_need_be: int = 0
    required: bool = False
    busy: Sequence[tuple[datetime, datetime]] = ()  # aware start, end


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday, in the reference time zone
    start: time  # local time in the reference time zone
    available: tuple[Hashable, ...]  # can come every week
    if_need_be: tuple[Hashable, ...]  # can come every week, some weeks only "if need be"
    unavailable: tuple[Hashable, ...]

    @property
    def attendance(self) -> int:
        return len(self.available)


@dataclass
class _Grid:
    cell: int  # minutes
    cells: int  # per week
    full: int = field(init=False)

    def __post_init__(self) -> None:
        self.full = (1 << self.cells) - 1


def week_mask(cells: Iterable[tuple[int, int]], cell_minutes: int) -> int:
    """Bitset of a week from (weekday, minute of day) pairs that start cells."""
    mask = 0
    per_day = 24 * 60 // cell_minutes
    for weekday, minute in cells:
        mask |= 1 << (weekday * per_day + minute // cell_minutes)
    return mask


def _rotate(mask: int, shift: int, cells: int, full: int) -> int:
    """Rotate a week bitset by ``shift`` cells (positive: later)."""
    shift %= cells
    return ((mask << shift) | (mask >> (cells - shift))) & full


def _offset_cells(zone: ZoneInfo, reference: ZoneInfo, moment: datetime, cell: int) -> int:
    """How many cells a person's local clock is ahead of the reference clock."""
    ahead = moment.astimezone(zone).utcoffset() - moment.astimezone(reference).utcoffset()  # type: ignore[operator]
    return int(ahead.total_seconds() // 60) // cell


def _segments(
    zone: ZoneInfo, reference: ZoneInfo, week_start: datetime, grid: _Grid
) -> list[tuple[int, int, int]]:
    """Pieces of the reference week (first cell, end cell, offset in cells) in which
    the two clocks differ by a constant amount. Usually one piece; two or three in a
    week with a daylight-saving change."""
    pieces: list[tuple[int, int, int]] = []
    step = 60 // grid.cell if grid.cell < 60 else 1  # look hourly for changes
    first = 0
    current = _offset_cells(zone, reference, week_start, grid.cell)
    for index in range(step, grid.cells, step):
        moment = week_start + timedelta(minutes=index * grid.cell)
        offset = _offset_cells(zone, reference, moment, grid.cell)
        if offset != current:
            pieces.append((first, index, current))
            first, current = index, offset
    pieces.append((first, grid.cells, current))
    return pieces


def _to_reference(mask: int, pieces: list[tuple[int, int, int]], grid: _Grid) -> int:
    """A person's local week bitset seen on the reference grid."""
    result = 0
    for first, end, offset in pieces:
        piece = ((1 << (end - first)) - 1) << first
        # Reference cell k is local cell k + offset: shift the local mask down by offset.
        result |= _rotate(mask, -offset, grid.cells, grid.full) & piece
    return result


def _busy_mask(busy: Sequence[tuple[datetime, datetime]], week_start: datetime, grid: _Grid) -> int:
    """Cells of the reference week (wall-clock, in ``week_start``'s zone) that overlap
    the busy intervals."""
    mask = 0
    zone = week_start.tzinfo
    origin = week_start.replace(tzinfo=None)
    for start, end in busy:
        first_minute = (start.astimezone(zone).replace(tzinfo=None) - origin).total_seconds() // 60
        end_minute = (end.astimezone(zone).replace(tzinfo=None) - origin).total_seconds() // 60
        first = max(0, int(first_minute) // grid.cell)
        last = min(grid.cells, -(-int(end_minute) // grid.cell))
        if last > first:
            mask |= ((1 << (last - first)) - 1) << first
    return mask


def _starts(mask: int, length: int) -> int:
    """Cells where ``length`` consecutive cells of ``mask`` begin."""
    result = mask
    for shift in range(1, length):
        result &= mask >> shift
    return result


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def best_slots(
    people: Sequence[Person],
    *,
    reference_time_zone: str,
    first_week: date,
    weeks: int = 4,
    duration_minutes: int = 60,
    cell_minutes: int = 30,
    limit: int = 10,
) -> list[Slot]:
    """Rank the weekly slots of ``duration_minutes`` for ``people`` over ``weeks``
    weeks from the Monday of ``first_week`` (in the reference time zone)."""
    if cell_minutes not in (15, 30, 60):
        raise ValueError("cells are 15, 30 or 60 minutes")
    if duration_minutes <= 0 or weeks <= 0:
        raise ValueError("duration and weeks must be positive")
    grid = _Grid(cell=cell_minutes, cells=MINUTES_PER_WEEK // cell_minutes)
    length = -(-duration_minutes // cell_minutes)
    reference = ZoneInfo(reference_time_zone)
    monday = first_week - timedelta(days=first_week.weekday())
    week_starts = [
        datetime.combine(monday + timedelta(weeks=w), time(0), tzinfo=reference)
        for w in range(weeks)
    ]
    # Reference weeks run in wall-clock cells, so "Tuesday 15:30" stays 15:30 across a
    # daylight-saving change; each person's week is mapped onto them week by week.
    zone_pieces: dict[tuple[str, int], list[tuple[int, int, int]]] = {}

    every_week_yes: dict[Hashable, int] = {}
    every_week_any: dict[Hashable, int] = {}
    for person in people:
        zone = ZoneInfo(person.time_zone)
        yes_all = grid.full
        any_all = grid.full
        for number, start in enumerate(week_starts):
            key = (person.time_zone, number)
            if key not in zone_pieces:
                zone_pieces[key] = _segments(zone, reference, start, grid)
            pieces = zone_pieces[key]
            yes = _to_reference(person.yes, pieces, grid)
            maybe = _to_reference(person.yes | person.if_need_be, pieces, grid)
            if person.busy:
                busy = _busy_mask(person.busy, start, grid)
                yes &= ~busy
                maybe &= ~busy
            yes_all &= _starts(yes, length)
            any_all &= _starts(maybe, length)
        every_week_yes[person.id] = yes_all
        every_week_any[person.id] = any_all

    # A slot must fit in the week and suit every required person.
    candidates = grid.full >> (length - 1)
    for person in people:
        if person.required:
            candidates &= every_week_any[person.id]

    counts = [0] * grid.cells
    maybes = [0] * grid.cells
    for person in people:
        for cell in _bits(every_week_any[person.id] & candidates):
            counts[cell] += 1
        for cell in _bits(every_week_any[person.id] & ~every_week_yes[person.id] & candidates):
            maybes[cell] += 1

    per_day = 24 * 60 // cell_minutes
    ranked = sorted(
        (cell for cell in _bits(candidates) if counts[cell]),
        key=lambda cell: (-counts[cell], maybes[cell], cell % per_day, cell // per_day),
    )[:limit]
    slots = []
    for cell in ranked:
        bit = 1 << cell
        available = tuple(p.id for p in people if every_week_yes[p.id] & bit)
        if_need_be = tuple(
            p.id for p in people if every_week_any[p.id] & bit and not every_week_yes[p.id] & bit
        )
        unavailable = tuple(p.id for p in people if not every_week_any[p.id] & bit)
        minute = (cell % per_day) * cell_minutes
        slots.append(
            Slot(
                weekday=cell // per_day,
                start=time(minute // 60, minute % 60),
                available=available + if_need_be,
                if_need_be=if_need_be,
                unavailable=unavailable,
            )
        )
    return slots


def heat_map(
    people: Sequence[Person], *, reference_time_zone: str, week: date, cell_minutes: int = 30
) -> list[tuple[int, int]]:
    """For each cell of the reference week containing ``week``: how many people are
    free ("yes") and how many only "if need be"."""
    grid = _Grid(cell=cell_minutes, cells=MINUTES_PER_WEEK // cell_minutes)
    reference = ZoneInfo(reference_time_zone)
    monday = week - timedelta(days=week.weekday())
    start = datetime.combine(monday, time(0), tzinfo=reference)
    yes_counts = [0] * grid.cells
    maybe_counts = [0] * grid.cells
    pieces_by_zone: dict[str, list[tuple[int, int, int]]] = {}
    for person in people:
        if person.time_zone not in pieces_by_zone:
            pieces_by_zone[person.time_zone] = _segments(
                ZoneInfo(person.time_zone), reference, start, grid
            )
        pieces = pieces_by_zone[person.time_zone]
        yes = _to_reference(person.yes, pieces, grid)
        maybe = _to_reference(person.if_need_be, pieces, grid) & ~yes
        for cell in _bits(yes):
            yes_counts[cell] += 1
        for cell in _bits(maybe):
            maybe_counts[cell] += 1
    return list(zip(yes_counts, maybe_counts, strict=True))
