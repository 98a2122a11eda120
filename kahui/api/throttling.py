"""A rate limit per token (and per signed-in person in the browser), counted in the
database so several app servers agree. The rate is read from settings on each request
(KAHUI_API_RATE, e.g. "600/m"), so tests can set a tiny one.

The count is kept per fixed window (each minute of the clock for "600/m"): one
statement per request adds one to the caller's row for the current window and returns
the new count. Past the limit the answer is 429 with Retry-After: the seconds until the
window ends. (A fixed window lets a caller make up to twice the rate across the turn of
a window; that is the price of one small write per request instead of a list of times.)
"""

import math
import re
import threading
import time
from datetime import datetime

from django.conf import settings
from django.db import connections, router
from django.db.models import F
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from kahui.api.models import ApiRateWindow

UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|m|min|h|hour|d|day)\s*$")


def rate_parse(rate: str) -> tuple[int, int]:
    """``"600/m"`` → (600, 60), ``"100/5m"`` → (100, 300): the requests allowed, and
    the window in seconds."""
    match = RATE.match(rate)
    if match is None:
        raise ValueError(f"KAHUI_API_RATE is not a rate like 600/m: {rate!r}")
    return int(match[1]), int(match[2] or 1) * UNITS[match[3]]


def rate_count(*, caller: str, starts: int, seconds: int) -> int:
    """Add one request of ``caller`` to the window beginning at ``starts`` (seconds since
    1970) and return the window's count, in one statement: an insert that adds one when
    the row is there (ON CONFLICT … DO UPDATE … RETURNING, SQLite 3.35+ and
    PostgreSQL), so two app servers counting at once never lose a request. The ORM has
    no "add one on conflict", hence the SQL, here only."""
    connection = connections[router.db_for_write(ApiRateWindow)]
    quote = connection.ops.quote_name
    table = quote(ApiRateWindow._meta.db_table)
    caller_, starts_, seconds_, requests = (
        quote(ApiRateWindow._meta.get_field(name).column)
        for name in ("caller", "starts", "seconds", "requests")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({caller_}, {starts_}, {seconds_}, {requests}) "
            f"VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT ({caller_}, {starts_}) "
            f"DO UPDATE SET {requests} = {table}.{requests} + 1 "
            f"RETURNING {requests}",
            [caller, starts, seconds],
        )
        (count,) = cursor.fetchone()
    return count


def rate_windows_prune(*, now: datetime) -> int:
    """Delete the windows that ended before ``now``; returns how many."""
    ended = ApiRateWindow.objects.filter(starts__lte=int(now.timestamp()) - F("seconds"))
    deleted, _by_model = ended.delete()
    return deleted


class PerCaller(BaseThrottle):
    """One count per caller (``str(request.auth)``: the token's id, or the person's in
    the browser) and window of KAHUI_API_RATE."""

    timer = time.time

    def __init__(self) -> None:
        # The wait for the 429 of this thread's current request: ninja asks wait()
        # straight after allow_request() said no, in the same thread.
        self._refused = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        allowed, seconds = rate_parse(settings.KAHUI_API_RATE)
        now = self.timer()
        starts = int(now) // seconds * seconds
        count = rate_count(caller=str(request.auth), starts=starts, seconds=seconds)  # type: ignore[attr-defined]
        if count <= allowed:
            return True
        self._refused.wait = max(1, math.ceil(starts + seconds - now))
        return False

    def wait(self) -> float | None:
        return getattr(self._refused, "wait", None)
