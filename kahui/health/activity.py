"""What the activity log records about health checks (see :mod:`kahui.core.activity`).

Opening, closing and the group's settings are logged; answering is not. An entry
saying who answered, and when, would let anyone who also saw the results before and
after that moment work out the answer, so the log never holds one (see the README)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


class HealthActivity(ActivityCode):
    SETTINGS_CHANGED = "health.settings_changed", _("changed how the group checks its health")
    OPENED = "health.opened", _("opened a health check")
    # Done by Kāhui itself: these read as whole sentences, without a name before them.
    OPENED_ON_CADENCE = (
        "health.opened_on_cadence",
        _("A health check opened, on the group's cadence"),
    )
    CLOSED = "health.closed", _("A health check closed")


def _health(entry) -> str:
    return reverse("health:overview", args=[entry.group.public_id])


register(
    HealthActivity,
    unattributed=[HealthActivity.OPENED_ON_CADENCE, HealthActivity.CLOSED],
    feed={
        code: FeedLine(code.label, link=_health)
        for code in (HealthActivity.OPENED, HealthActivity.OPENED_ON_CADENCE, HealthActivity.CLOSED)
    },
)
