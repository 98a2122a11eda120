from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kahui.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from kahui.api import jobs
        from kahui.notifications.scheduler import jobs as periodic

        periodic.add("forget API rate windows", jobs.rate_windows_forget)
