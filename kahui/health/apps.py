from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "kahui.health"
    label = "health"
    verbose_name = _("Group health checks")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.groups.pages import home_parts
        from kahui.health import jobs, selectors
        from kahui.notifications.scheduler import jobs as periodic

        home_parts.add(
            "open health check",
            PagePart(template="health/_group_home.html", context=selectors.open_check_card),
        )
        # Closing first, so the next check may open in the same round.
        periodic.add("close health checks", jobs.close_health_checks)
        periodic.add("health check reminders", jobs.health_check_reminders)
        periodic.add("open health checks on cadence", jobs.open_health_checks)
