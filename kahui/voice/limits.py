"""How often answers may be sent through a survey's link: per link and per client
address, counted in Django's shared cache (so every app server counts together) in
fixed windows.

A survey link travels on paper and in newsletters, so it is guarded against someone
flooding it with answers; the limits are generous enough for a class answering on a
shared set of devices behind one school address. Opening the page is not counted: a
GET only reads (``tests/test_reading_writes_nothing.py``), and the link's token is too
long to guess."""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


# Seconds to wait before sending again, as the 429 answer's Retry-After says.
RETRY_AFTER = 10 * 60
SEND_LIMITS = (Limit("link", 300, 60 * 60), Limit("address", 40, 10 * 60))


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as the server sees it."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow_send(request: HttpRequest, *, token: str) -> bool:
    """Count this sending of answers through the link ``token``; False once any of its
    limits is reached."""
    allowed = True
    for limit in SEND_LIMITS:
        who = token if limit.scope == "link" else client_address(request)
        key = f"voice:send:{limit.scope}:{who}"
        # add() starts the window only if it is not running; incr() counts within it.
        cache.add(key, 0, timeout=limit.seconds)
        try:
            used = cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, 1, timeout=limit.seconds)
            used = 1
        if used > limit.count:
            allowed = False
    return allowed
