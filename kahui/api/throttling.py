"""A rate limit per token (and per signed-in person in the browser), counted in the
shared cache so several app servers agree. The rate is read from settings on each
request (KAHUI_API_RATE, e.g. "600/m"), so tests can set a tiny one."""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AuthRateThrottle


class PerCaller(AuthRateThrottle):
    scope = "api"

    def __init__(self) -> None:
        super().__init__(settings.KAHUI_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        rate = settings.KAHUI_API_RATE
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)
