from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from kahui.meetings.protocols import sync_after_migrate


class MeetingsConfig(AppConfig):
    name = "kahui.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.core.search import sources
        from kahui.groups.meeting_times import meeting_times
        from kahui.groups.pages import home_parts
        from kahui.meetings import jobs, selectors
        from kahui.meetings.services.indexing import meetings_reindex
        from kahui.notifications.scheduler import jobs as periodic

        home_parts.add(
            "next meeting",
            PagePart(template="meetings/_group_home.html", context=selectors.next_meeting_card),
        )

        meeting_times.add("meetings", selectors.coming_meeting_times)

        periodic.add("meetings upkeep", jobs.meetings_upkeep)
        periodic.add("meeting reminders", jobs.meeting_reminders)
        periodic.add("minutes reminders", jobs.minutes_reminders)
        periodic.add("overdue actions", jobs.overdue_actions)
        periodic.add("calendar invitations", jobs.calendar_invitations)
        sources.add("meeting", meetings_reindex)

        # The built-in protocols follow their table after every migrate and flush.
        post_migrate.connect(sync_after_migrate, sender=self)
