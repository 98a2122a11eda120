from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from kahui.meetings.protocols import sync_after_migrate


class MeetingsConfig(AppConfig):
    name = "kahui.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # The built-in protocols follow their table after every migrate and flush.
        post_migrate.connect(sync_after_migrate, sender=self)
