"""School terms and holidays for the demo's organisations, built from the year the
demo is built in, and the school days its story is counted in.

Plain dates, no Django: the builder adds these periods through ``orgs.services``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    kind: str  # TERM or HOLIDAY
    name: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class SchoolCalendar:
    """Periods an organisation's administrator adds in one sitting, ``added`` days
    before the demo is built. The schools of a cluster use the cluster's calendar unless
    they add their own."""

    organisation: str
    added_days_ago: int
    periods: tuple[Period, ...]


# The values of kahui.orgs.models.PeriodKind, kept as plain strings so that these
# functions need no Django.
TERM, HOLIDAY = "term", "holiday"


def _monday_from(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def _week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def nz_terms(year: int) -> tuple[Period, ...]:
    """A New Zealand school year: four terms of about ten weeks, each from a Monday to
    a Friday, with the summer holidays from mid-December to early February."""
    starts = (
        _monday_from(date(year, 1, 29)),
        _monday_from(date(year, 4, 20)),
        _monday_from(date(year, 7, 13)),
        _monday_from(date(year, 10, 5)),
    )
    lengths = (10, 10, 10, 10)
    return tuple(
        Period(TERM, f"Term {n} {year}", first, first + timedelta(weeks=weeks, days=-3))
        for n, (first, weeks) in enumerate(zip(starts, lengths, strict=True), start=1)
    )


def nl_school_year(year: int) -> tuple[Period, ...]:
    """A Dutch school year from late August ``year`` to mid-July, with the usual
    holidays (the dates of region midden, approximately) inside it and the summer
    holiday after it."""
    first = _monday_from(date(year, 8, 25))
    summer = _week_start(year + 1, 29) - timedelta(days=2)  # the Saturday before week 29
    summer_end = _monday_from(date(year + 1, 8, 25)) - timedelta(days=1)
    christmas = _monday_from(date(year, 12, 19)) - timedelta(days=2)
    label = f"{year}-{year + 1}"
    return (
        Period(TERM, f"Schooljaar {label}", first, summer - timedelta(days=1)),
        Period(
            HOLIDAY,
            f"Herfstvakantie {year}",
            _week_start(year, 43) - timedelta(days=2),
            _week_start(year, 44) - timedelta(days=1),
        ),
        Period(HOLIDAY, f"Kerstvakantie {label}", christmas, christmas + timedelta(days=15)),
        Period(
            HOLIDAY,
            f"Voorjaarsvakantie {year + 1}",
            _week_start(year + 1, 8) - timedelta(days=2),
            _week_start(year + 1, 9) - timedelta(days=1),
        ),
        Period(
            HOLIDAY,
            f"Meivakantie {year + 1}",
            _week_start(year + 1, 17) - timedelta(days=2),
            _week_start(year + 1, 18) + timedelta(days=6),
        ),
        Period(HOLIDAY, f"Zomervakantie {year + 1}", summer, summer_end),
    )


def school_calendars(today: date) -> tuple[SchoolCalendar, ...]:
    """The term dates the demo's administrators have added by ``today``: the cluster's
    New Zealand terms (each year's added in the October before) and the Dutch network's
    school years (each added in the March it starts), from about two years back to the
    next year once its dates are out. They follow ``today``, so the demo has a school
    calendar, and meetings that keep to it, on whatever day it is built."""
    calendars = []
    for year in range(today.year - 2, today.year + 2):
        added = date(year - 1, 10, 6)
        if added <= today:
            calendars.append(SchoolCalendar("cl", (today - added).days, nz_terms(year)))
    for year in range(today.year - 3, today.year + 1):
        added = date(year, 3, 2)
        if added <= today:
            calendars.append(SchoolCalendar("nl", (today - added).days, nl_school_year(year)))
    return tuple(calendars)


def school_day_offsets(today: date, periods: Sequence[Period], count: int) -> list[int]:
    """How many calendar days before ``today`` each of the last ``count`` school days
    fell: 0 for today, then the days inside a term and outside its holidays, newest
    first. The demo's story counts its "days ago" in school days, so whenever it is
    built, even in the summer holidays, the groups have met in term time."""
    terms = [p for p in periods if p.kind == TERM]
    holidays = [p for p in periods if p.kind == HOLIDAY]
    offsets = [0]
    back = 0
    while len(offsets) < count and back < 10 * count:
        back += 1
        day = today - timedelta(days=back)
        if any(t.first_day <= day <= t.last_day for t in terms) and not any(
            h.first_day <= day <= h.last_day for h in holidays
        ):
            offsets.append(back)
    return offsets


def first_meeting_day(opened: date, weekday: int) -> date:
    """A group's first meeting: its meeting day (0 = Monday) in the week after it opens."""
    return opened + timedelta(days=(weekday - opened.weekday() - 1) % 7 + 1)
