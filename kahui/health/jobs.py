"""Health checks' periodic work, run by ``kahui scheduler`` every minute (see
:mod:`kahui.notifications.scheduler`; registered in :mod:`kahui.health.apps`): close
the checks whose time is up, remind those who have not answered, and open the checks
the groups' cadences call for. Each happens once however many schedulers run: a
check closes under a row lock, a reminder is claimed by one update, and a group can
have only one open check."""

from datetime import datetime

from kahui.core.errors import KahuiError
from kahui.health import selectors, services
from kahui.health.models import HealthCheck
from kahui.notifications.scheduler import TickReport


def close_health_checks(now: datetime, report: TickReport) -> None:
    """Close every open check whose closing time has come."""
    for check in HealthCheck.objects.open().filter(closes_at__lte=now):
        services.check_close(check=check, now=now)
        report.done["health checks closed"] += 1


def health_check_reminders(now: datetime, report: TickReport) -> None:
    """Two days before a check closes (and at least a day after it opened), remind
    the members who have not answered."""
    candidates = (
        HealthCheck.objects.open()
        .filter(
            reminded_at__isnull=True,
            closes_at__gt=now,
            closes_at__lte=now + services.REMIND_BEFORE,
            opened_at__lte=now - services.QUIET_AFTER_OPENING,
        )
        .select_related("group")
    )
    for check in candidates:
        report.done["health check reminders"] += services.check_remind(check=check, now=now)


def open_health_checks(now: datetime, report: TickReport) -> None:
    """Open a check in every group whose cadence calls for one."""
    for group in selectors.checks_due(now):
        try:
            services.check_open(group=group, now=now)
        except KahuiError:  # opened by someone else meanwhile
            continue
        report.done["health checks opened"] += 1
