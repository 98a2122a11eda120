"""Meeting recurrence: RFC 5545 rules expanded in the series' own time zone.

Pure: no Django. Occurrences are computed on local wall-clock times and only then
given their zone, so a 3:30 pm meeting stays at 3:30 pm on both sides of a
daylight-saving change. :func:`wall_clock` is the one rule for the two nights a
year when a local time does not name exactly one instant."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

# A series never materialises more than this many meetings at once.
MAX_OCCURRENCES = 120

# A group meets at most once a day; faster rules would flood the calendar.
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


class TooFrequent(ValueError):
    """The rule repeats more often than once a day."""


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of dates (a term, or a holiday)."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class WallClock:
    """When a local date and time happens in a time zone."""

    day: date
    asked: time  # the wall-clock time asked for
    instant: datetime  # aware, UTC
    skipped: bool = False  # the clocks jump over ``asked`` that day
    repeated: bool = False  # the clocks go back over ``asked``: it happens twice

    def local(self, time_zone: str) -> datetime:
        return self.instant.astimezone(ZoneInfo(time_zone))


def wall_clock(day: date, at: time, time_zone: str) -> WallClock:
    """The instant of ``at`` on ``day`` in ``time_zone``, by one rule everywhere.

    On the night the clocks go forward, a time they jump over (02:30 when 02:00
    becomes 03:00) moves to the first time after the jump (03:00): the meeting
    starts as soon after the time asked for as the clock allows. On the night they
    go back, a time that happens twice is the first of the two (as RFC 5545 reads
    it), unless ``at.fold`` is 1, which names the second (an instant converted to
    local time keeps its fold, so it converts back to itself)."""
    zone = ZoneInfo(time_zone)
    local = datetime.combine(day, at.replace(tzinfo=None))
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return WallClock(day, at, first.astimezone(UTC))
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None, fold=0) == local.replace(fold=0):
        chosen = second if at.fold else first
        return WallClock(day, at, chosen.astimezone(UTC), repeated=True)
    # In the jump, fold 0 reads the time with the offset from before the change (a
    # later instant) and fold 1 with the offset after it (an earlier one): the
    # change itself lies between the two. Find it to the second.
    after = second.utcoffset()
    low = second.astimezone(UTC)
    high = int((first.astimezone(UTC) - low).total_seconds())
    lo = 0
    while high - lo > 1:
        middle = (lo + high) // 2
        if (low + timedelta(seconds=middle)).astimezone(zone).utcoffset() == after:
            high = middle
        else:
            lo = middle
    return WallClock(day, at, low + timedelta(seconds=high), skipped=True)


@dataclass
class Expansion:
    occurrences: list[datetime] = field(default_factory=list)  # aware, UTC
    skipped: list[date] = field(default_factory=list)  # outside terms or in a holiday
    truncated: bool = False  # the limit was reached before the horizon
    # Occurrences on a night the clocks change at the series' time (see wall_clock).
    clock_changes: list[WallClock] = field(default_factory=list)


def build_rule(
    *,
    pattern: str,
    start: date,
    until: date | None = None,
    count: int | None = None,
) -> str:
    """An RRULE for the common patterns a group chooses from.

    ``pattern`` is one of ``weekly``, ``fortnightly``, ``three_weekly``,
    ``monthly_weekday`` (e.g. the 2nd Tuesday) or ``monthly_date``."""
    weekday = WEEKDAYS[start.weekday()]
    match pattern:
        case "weekly":
            parts = ["FREQ=WEEKLY", f"BYDAY={weekday}"]
        case "fortnightly":
            parts = ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={weekday}"]
        case "three_weekly":
            parts = ["FREQ=WEEKLY", "INTERVAL=3", f"BYDAY={weekday}"]
        case "monthly_weekday":
            nth = (start.day - 1) // 7 + 1
            parts = ["FREQ=MONTHLY", f"BYDAY={nth if nth < 5 else -1}{weekday}"]
        case "monthly_date":
            parts = ["FREQ=MONTHLY", f"BYMONTHDAY={start.day}"]
        case _:
            raise ValueError(f"unknown pattern {pattern!r}")
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def frequency(rule: str) -> str:
    """The FREQ part of ``rule`` (upper case), or an empty string."""
    for part in rule.removeprefix("RRULE:").upper().split(";"):
        name, _, value = part.partition("=")
        if name.strip() == "FREQ":
            return value.strip()
    return ""


def validate_rule(rule: str) -> None:
    """Raise ValueError when ``rule`` is not an RRULE dateutil understands, and
    TooFrequent when it repeats more often than daily."""
    text = rule.removeprefix("RRULE:")
    if not text or "FREQ=" not in text:
        raise ValueError("A rule needs FREQ, e.g. FREQ=WEEKLY;INTERVAL=2")
    rrulestr(text, dtstart=datetime(2000, 1, 3, 9, 0))
    if frequency(text) not in ALLOWED_FREQUENCIES:
        raise TooFrequent("A meeting repeats at most daily")


def expand(
    *,
    rule: str,
    start_date: date,
    start_time: time,
    time_zone: str,
    horizon: date,
    terms: Sequence[DateRange] = (),
    holidays: Sequence[DateRange] = (),
    follow_terms: bool = False,
    limit: int = MAX_OCCURRENCES,
    after: datetime | None = None,
) -> Expansion:
    """The occurrences of ``rule`` from ``start_date`` up to ``horizon``, at most
    ``limit`` of them (``truncated`` tells whether more were left out).

    ``after`` (naive, local wall-clock time) keeps only later occurrences, so a
    series can be extended without counting the meetings it already has.

    With ``follow_terms``, dates outside every term, or inside a holiday, are left
    out and reported in ``skipped``."""
    first = datetime.combine(start_date, start_time)  # naive, local wall-clock time
    recurrence = rrulestr(rule.removeprefix("RRULE:"), dtstart=first)
    result = Expansion()
    end = datetime.combine(horizon, time.max)
    since = first - timedelta(seconds=1)
    if after is not None and after > since:
        since = after
    for local in recurrence.xafter(since, inc=False):
        if local > end:
            break
        day = local.date()
        if follow_terms and (
            not any(day in term for term in terms) or any(day in h for h in holidays)
        ):
            result.skipped.append(day)
            continue
        if len(result.occurrences) >= limit:
            result.truncated = True
            break
        when = wall_clock(day, local.time(), time_zone)
        if when.skipped or when.repeated:
            result.clock_changes.append(when)
        result.occurrences.append(when.instant)
    return result
