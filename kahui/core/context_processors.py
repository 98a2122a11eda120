from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    """The main navigation, with the current section marked for screen readers."""
    if not request.user.is_authenticated:
        return {"nav_items": [], "site_name": settings.SITE_NAME}
    items = [
        ("dashboard:home", _("Dashboard")),
        ("groups:mine", _("My groups")),
        ("groups:explore", _("Explore")),
        ("meetings:my_actions", _("My actions")),
        ("reflection:home", _("Reflection")),
        ("search:search", _("Search")),
        ("orgs:list", _("Organisations")),
    ]
    path = request.path
    nav = []
    for name, label in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current})
    return {"nav_items": nav, "site_name": settings.SITE_NAME}
