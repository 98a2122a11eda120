from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "kahui.rights"
    label = "rights"
    verbose_name = _("Data rights")

    def ready(self) -> None:
        from kahui.notifications.scheduler import jobs
        from kahui.rights import exporting, retention

        jobs.add("expire data exports", exporting.expire_exports)
        jobs.add("retention of closed groups", retention.apply_retention)
