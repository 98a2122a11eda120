"""Run the suite at a chosen instant: ``pytest --clock 2026-12-24T09:00:00+13:00``.

The clock starts at that instant when the run starts and then runs on as usual
(time-machine's ``tick``), so every ``timezone.now()``, ``date.today()`` and
``time.time()`` in the tests and in the code they call reads as if the run had begun
then. ``make test`` runs the tests marked ``clock`` (the demo, the scheduler,
reminders, digests, recurrence, school terms, poll deadlines, overdue actions) at the
instants in :data:`PINNED`, so a change that only works on some days fails at once
rather than on the day it meets a holiday or a change of daylight saving."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

# Each instant says what it catches. The clock-sensitive tests run at every one.
PINNED: dict[str, str] = {
    # Sunday 23:30 in Auckland: the end of the week in one zone, Sunday morning in
    # Europe, and Monday's weekly digest an hour and a half ahead.
    "sunday-night-auckland": "2026-12-06T23:30:00+13:00",
    # New Zealand summer holidays: no term meetings for weeks.
    "christmas-eve": "2026-12-24T10:00:00+13:00",
    "summer-holidays": "2027-01-20T15:00:00+13:00",
    # Daylight saving ends (April) and starts (September) in Auckland.
    "auckland-dst-ends": "2027-04-04T02:30:00+12:00",
    "auckland-dst-starts": "2027-09-26T01:30:00+12:00",
    # Summer time starts (March) and ends (October) in Amsterdam.
    "amsterdam-dst-starts": "2027-03-28T01:30:00+01:00",
    "amsterdam-dst-ends": "2027-10-31T02:30:00+01:00",
    "leap-day": "2028-02-29T12:00:00+13:00",
    "new-year-utc": "2026-12-31T23:59:00+00:00",
}

_traveller: time_machine.travel | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        metavar="INSTANT",
        help="start the run's clock at this ISO 8601 instant (with its UTC offset), "
        "or at one of the pinned instants by name: " + ", ".join(PINNED),
    )


def instant(value: str) -> datetime:
    moment = datetime.fromisoformat(PINNED.get(value, value))
    if moment.tzinfo is None:
        raise pytest.UsageError(f"--clock needs a UTC offset, e.g. {PINNED['christmas-eve']}")
    return moment


def pytest_configure(config: pytest.Config) -> None:
    global _traveller
    value = config.getoption("--clock")
    if value:
        _traveller = time_machine.travel(instant(value), tick=True)
        _traveller.start()


def pytest_report_header(config: pytest.Config) -> str | None:
    value = config.getoption("--clock")
    return f"clock: starts at {instant(value).isoformat()} ({value})" if value else None


def pytest_unconfigure(config: pytest.Config) -> None:
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None
