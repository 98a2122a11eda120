"""Webhooks' periodic work, run by ``kahui scheduler`` every minute (registered in
:mod:`kahui.webhooks.apps`)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from kahui.meetings.models import ActionItem, ActionStatus
from kahui.notifications.scheduler import TickReport
from kahui.notifications.timing import zone_of
from kahui.webhooks.events import Happening, action_data, group_data
from kahui.webhooks.models import Endpoint, Event, EventType
from kahui.webhooks.services import deliveries_due, event_record
from kahui.webhooks.tasks import deliver

# Actions that fell due longer ago than this are not announced when an endpoint starts
# listening: it hears of actions becoming overdue from then on.
LOOK_BACK = timedelta(days=14)


def overdue_actions(now: datetime, report: TickReport) -> None:
    """An ``action.overdue`` event, once per action and due date, when the day it was
    due has passed where its owner lives (in Kāhui's default zone for no one's)."""
    organisations = {
        endpoint.organisation_id
        for endpoint in Endpoint.objects.filter(enabled=True).only("organisation_id", "events")
        if EventType.ACTION_OVERDUE in endpoint.events
    }
    if not organisations:
        return
    actions = list(
        ActionItem.objects.filter(
            status=ActionStatus.OPEN,
            due_on__lt=now.date() + timedelta(days=1),
            due_on__gte=(now - LOOK_BACK).date(),
            group__organisation__in=organisations,
        )
        .filter(Q(owner__isnull=True) | Q(owner__is_active=True))
        .select_related("owner__profile", "group__organisation", "meeting")
    )
    keys = {action.pk: f"action.overdue:{action.public_id}:{action.due_on}" for action in actions}
    known = set(Event.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    for action in actions:
        if keys[action.pk] in known or action.due_on is None:
            continue
        zone = zone_of(action.owner) if action.owner is not None else ZoneInfo(settings.TIME_ZONE)
        today = now.astimezone(zone).date()
        if action.due_on >= today:
            continue
        group = action.group
        event = event_record(
            Happening(
                group.organisation,
                EventType.ACTION_OVERDUE,
                keys[action.pk],
                now,
                lambda action=action, group=group: {
                    "group": group_data(group),
                    "action": action_data(action),
                },
            )
        )
        if event is not None:
            report.done["webhook events"] += 1


def retry_due(now: datetime, report: TickReport) -> None:
    """Queue the deliveries whose next attempt is overdue (see
    :func:`~kahui.webhooks.services.deliveries_due`)."""
    for delivery_id in deliveries_due(now=now):
        deliver.enqueue(delivery_id=delivery_id)
        report.done["webhook retries"] += 1
