from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kahui.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from kahui.notifications.scheduler import jobs as periodic
        from kahui.people import changes, jobs

        changes.connect()
        periodic.add("rebuild recommendations", jobs.nightly_rebuild)
