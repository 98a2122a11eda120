"""The REST API, /api/v1/: its authentication, throttle, error shape and routers."""

from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI

from kahui.api import errors
from kahui.api.auth import BrowserSession, TokenAuth
from kahui.api.endpoints import (
    discussions,
    groups,
    health,
    inquiry,
    library,
    meetings,
    orgs,
    polls,
    recognition,
)
from kahui.api.throttling import PerCaller


class KahuiAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """ninja's URL patterns, answering a method an address does not take with a
        JSON 405, then one that answers every other address under the API with a JSON
        404 (``errors.unknown_path``)."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and pattern.name == "api-root":
                # ninja's root only raises Http404 (for Django's HTML page): the
                # address is kept for reversing, the answer is the API's own 404
                pattern.callback = errors.unknown_path
            elif isinstance(pattern, URLPattern):
                pattern.callback = errors.json_not_allowed(pattern.callback)
        return [*patterns, re_path(r"", errors.unknown_path)], app_name, namespace


api = KahuiAPI(
    title="Kāhui API",
    version="1",
    description=(
        "Read and write a Kāhui's organisations, groups and their work. Send a personal "
        "access token as `Authorization: Bearer <token>`; see docs/API.md."
    ),
    urls_namespace="api-v1",
    auth=[TokenAuth(), BrowserSession()],
    throttle=[PerCaller()],
)
errors.install(api)

api.add_router("/organisations/", orgs.router)
api.add_router("/groups/", groups.router)
api.add_router("/groups/", meetings.router)
api.add_router("/groups/", discussions.router)
api.add_router("/groups/", library.router)
api.add_router("/groups/", polls.router)
api.add_router("/groups/", inquiry.router)
api.add_router("/groups/", health.router)
api.add_router("/me/", recognition.router)
