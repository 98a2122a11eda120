import zoneinfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Show pages in the signed-in educator's language and time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        zone = None
        if profile is not None:
            try:
                zone = zoneinfo.ZoneInfo(profile.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                zone = None
            # A language without a catalogue (yet) would mix Django's own translated
            # strings into English pages; such profiles see the default language.
            if profile.language in dict(settings.LANGUAGES):
                translation.activate(profile.language)
                request.LANGUAGE_CODE = translation.get_language()
        # The viewer's zone for this request only: the thread goes back to the zone it
        # had, so work done after the response (or the next request) never inherits it.
        with timezone.override(zone):
            return self.get_response(request)


class HtmxMessagesMiddleware:
    """Show messages set during an htmx request in that same response.

    An htmx response replaces only a fragment of the page, so the messages region in
    the base layout is not re-rendered and a message would wait for the next full page.
    Unread messages are appended as an out-of-band swap of that region instead.
    Redirects and responses that make htmx navigate keep them for the next page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self._swappable(request, response):
            return response
        storage = getattr(request, "_messages", None)
        if storage is None or storage.used or not len(storage):
            return response
        fragment = render_to_string(
            "partials/messages.html", {"messages": storage, "oob": True}, request=request
        )
        response.content += fragment.encode(response.charset)
        return response

    @staticmethod
    def _swappable(request, response) -> bool:
        # htmx swaps 2xx responses (not 204); other codes and navigation headers
        # would drop the out-of-band fragment with the messages in it.
        return (
            request.headers.get("HX-Request") == "true"
            and 200 <= response.status_code < 300
            and response.status_code != 204
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not any(
                header in response for header in ("HX-Redirect", "HX-Location", "HX-Refresh")
            )
        )
