from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kahui.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from kahui.core import search
        from kahui.notifications.scheduler import jobs as periodic
        from kahui.people import access, changes, indexing, jobs

        changes.connect()
        periodic.add("rebuild recommendations", jobs.nightly_rebuild)
        search.audiences.add(
            indexing.KIND, lambda viewer: access.people_found_by(viewer).values("pk")
        )
        search.sources.add(indexing.KIND, indexing.people_reindex)
