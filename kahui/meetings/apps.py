from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kahui.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from kahui.meetings import jobs
        from kahui.notifications.scheduler import jobs as periodic

        periodic.add("meetings upkeep", jobs.meetings_upkeep)
        periodic.add("meeting reminders", jobs.meeting_reminders)
        periodic.add("minutes reminders", jobs.minutes_reminders)
        periodic.add("overdue actions", jobs.overdue_actions)
