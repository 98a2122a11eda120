from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kahui.core.languages import offered_languages
from kahui.core.registry import Registry

PARTIAL_NOTE = _("Some of Kāhui is not translated into this language yet and shows in English.")

# Links the apps add to the main navigation after Reflection, for the people they
# concern: each entry is (URL name, label, a check of the request). The check runs on
# every page, so it must cost no query (keep what it needs in the session).
nav_links: Registry[tuple[str, str, Callable[[Any], bool]]] = Registry(
    "links in the main navigation for some people"
)


def navigation(request):
    """The main navigation, with the current section marked for screen readers."""
    if not request.user.is_authenticated:
        return {"nav_items": [], "site_name": settings.SITE_NAME}
    items = [
        ("dashboard:home", _("Dashboard")),
        ("groups:mine", _("My groups")),
        ("groups:explore", _("Explore")),
        ("people:search", _("Colleagues")),
        ("meetings:my_actions", _("My actions")),
        ("reflection:home", _("Reflection")),
        *((name, label) for name, label, shown in nav_links if shown(request)),
        ("search:search", _("Search")),
        ("orgs:list", _("Organisations")),
    ]
    path = request.path
    nav = []
    for name, label in items:
        url = _url(name)
        current = path == url if url == "/" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current})
    return {"nav_items": nav, "site_name": settings.SITE_NAME}


_urls: dict[tuple[str, str, str], str] = {}


def _url(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, kept: the navigation asks for
    the same ten on every page."""
    key = (name, get_script_prefix(), str(get_urlconf()))
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)
    return url


def languages(request):
    """The language switcher's choices, and the note on pages in a language whose
    catalogue is partial (settings.PARTIAL_LANGUAGES): in that language and in English."""
    context: dict[str, Any] = {"interface_languages": offered_languages()}
    if translation.get_language() in settings.PARTIAL_LANGUAGES:
        note = str(PARTIAL_NOTE)
        with translation.override(settings.LANGUAGE_CODE):
            in_english = str(PARTIAL_NOTE)
        context["partial_language_note"] = note
        context["partial_language_note_en"] = in_english if in_english != note else ""
    return context
