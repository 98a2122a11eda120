"""What the activity log records about webhooks (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class WebhookActivity(ActivityCode):
    ADDED = "webhook.added", _("added a webhook endpoint")
    CHANGED = "webhook.changed", _("changed a webhook endpoint")
    SECRET_ROTATED = "webhook.secret_rotated", _("made a new signing secret for a webhook")
    REMOVED = "webhook.removed", _("removed a webhook endpoint")
    RESENT = "webhook.resent", _("resent a webhook delivery")
    SWITCHED_OFF = (
        "webhook.switched_off",
        _("A webhook endpoint was switched off after repeated failed deliveries"),
    )


register(WebhookActivity, unattributed=[WebhookActivity.SWITCHED_OFF])
