"""Scheduling's periodic work, run by ``kahui scheduler`` every minute (see
:mod:`kahui.notifications.scheduler`; registered in :mod:`kahui.scheduling.apps`)."""

from datetime import datetime

from kahui.notifications.scheduler import TickReport
from kahui.scheduling.models import AvailabilityPoll


def close_polls(now: datetime, report: TickReport) -> None:
    """Close the polls whose deadline has passed."""
    report.done["polls closed"] += AvailabilityPoll.objects.filter(
        closed_at__isnull=True, deadline__lte=now
    ).update(closed_at=now)
