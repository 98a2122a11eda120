from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    name = "kahui.replies"
    label = "replies"
    verbose_name = _("Replies by email")

    def ready(self) -> None:
        from anymail.signals import inbound

        from kahui.notifications.scheduler import jobs
        from kahui.replies import receivers

        inbound.connect(receivers.webhook_inbound, dispatch_uid="kahui.replies.inbound")
        if settings.KAHUI_IMAP_HOST:
            jobs.add("fetch mail", receivers.fetch_mail_job)
