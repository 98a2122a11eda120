from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "kahui.reflection"
    label = "reflection"
    verbose_name = _("Reflection")

    def ready(self) -> None:
        from kahui.core.search import sources
        from kahui.groups.pages import asked_of_member
        from kahui.reflection import selectors
        from kahui.reflection.services import SEARCH_KIND, entries_reindex

        asked_of_member.add("reflection", selectors.asked_of_member)
        sources.add(SEARCH_KIND, entries_reindex)
