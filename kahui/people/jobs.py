"""The people app's periodic work, run by ``kahui scheduler`` every minute (see
:mod:`kahui.notifications.scheduler`; registered in :mod:`kahui.people.apps`)."""

from datetime import UTC, datetime

from django.core.cache import cache

from kahui.notifications.scheduler import TickReport
from kahui.people.tasks import rebuild_recommendations

REBUILD_HOUR = 3  # UTC: night in Europe, the afternoon before school ends in Aotearoa
TWO_DAYS = 2 * 24 * 3600


def nightly_rebuild(now: datetime, report: TickReport) -> None:
    """Once a day, from 03:00 UTC, refit the word weights and rebuild every
    recommendation vector in the background: it catches up on changes made while no
    worker ran. The day's key in the shared cache is the claim, so of several
    schedulers one queues it."""
    now = now.astimezone(UTC)
    if now.hour < REBUILD_HOUR:
        return
    if cache.add(f"people:rebuild:{now.date().isoformat()}", True, TWO_DAYS):
        rebuild_recommendations.enqueue()
        report.done["recommendations rebuilt"] += 1
