from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "kahui.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from kahui.core.models import ActivityEntry
        from kahui.core.registry import PagePart
        from kahui.notifications.scheduler import jobs
        from kahui.orgs.pages import detail_parts
        from kahui.webhooks import jobs as webhook_jobs
        from kahui.webhooks.pages import organisation_card
        from kahui.webhooks.receivers import activity_recorded

        # Events are what the activity log already records: nothing below knows of webhooks.
        post_save.connect(activity_recorded, sender=ActivityEntry, dispatch_uid="webhooks")
        jobs.add("webhook overdue actions", webhook_jobs.overdue_actions)
        jobs.add("webhook retries", webhook_jobs.retry_due)
        # Administrators reach the webhooks from the organisation's page.
        detail_parts.add(
            "webhooks",
            PagePart(template="webhooks/_organisation.html", context=organisation_card),
        )
