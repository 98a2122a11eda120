from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "kahui.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduling")

    def ready(self) -> None:
        from kahui.notifications.scheduler import jobs as periodic
        from kahui.scheduling import jobs

        periodic.add("close polls", jobs.close_polls)
