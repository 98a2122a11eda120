"""What webhooks hear: every entry the activity log records (the events are things
Kāhui already records; no app below knows of webhooks)."""

from kahui.core.models import ActivityEntry
from kahui.webhooks.events import happening_for
from kahui.webhooks.services import event_record


def activity_recorded(sender, instance: ActivityEntry, created: bool, raw: bool = False, **kwargs):
    """A new entry of the log that stands for an event: record it (in the same
    transaction, so a change rolled back sends nothing)."""
    if raw or not created:
        return
    happening = happening_for(instance)
    if happening is not None:
        event_record(happening)
