"""The API's periodic work, run by ``kahui scheduler`` every minute (see
kahui/notifications/scheduler.py)."""

from datetime import datetime

from kahui.api.throttling import rate_windows_prune
from kahui.notifications.scheduler import TickReport


def rate_windows_forget(now: datetime, report: TickReport) -> None:
    """Delete the rate-limit counts of windows that have ended."""
    deleted = rate_windows_prune(now=now)
    if deleted:
        report.done["rate windows forgotten"] += deleted
