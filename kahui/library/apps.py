from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "kahui.library"
    label = "library"
    verbose_name = _("Resource library")

    def ready(self) -> None:
        from kahui.core.search import sources
        from kahui.library.services import resources_reindex

        sources.add("resource", resources_reindex)
