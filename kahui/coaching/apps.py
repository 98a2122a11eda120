from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "kahui.coaching"
    label = "coaching"
    verbose_name = _("Coaching of facilitators")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from kahui.coaching import navigation, selectors
        from kahui.core.context_processors import nav_links
        from kahui.groups.pages import facilitator_needs

        facilitator_needs.add("coaching", selectors.waiting_for)
        nav_links.add("coaching", ("coaching:home", _("Coaching"), navigation.shown))
        user_logged_in.connect(navigation.remember, dispatch_uid="coaching-navigation")
