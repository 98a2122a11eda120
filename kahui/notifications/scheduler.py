"""Periodic work: ``kahui scheduler`` calls :func:`tick` every minute.

Each app adds its own jobs to :data:`jobs` when Django starts (in its
``AppConfig.ready()``): meetings keep open series laid out and send reminders, minutes
reminders and overdue actions; scheduling closes polls past their deadline. After
them come the jobs of notifications itself: daily and weekly digests (which collect
what those jobs noted), re-queueing emails a dead worker left behind, and forgetting
old form submission keys and PDFs made for download.

Two schedulers may run at once (on two machines, or twice by mistake): every email is a
:class:`~kahui.notifications.models.Dispatch` with a unique key, so only one of them
queues it."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from kahui.core.models import ActivityEntry
from kahui.core.pdf import pdf_exports_prune
from kahui.core.registry import Registry
from kahui.core.submissions import submission_keys_prune
from kahui.notifications.models import Category, Delivery, Dispatch, Notification
from kahui.notifications.services import deliveries_for, queue_email
from kahui.notifications.tasks import send_dispatch
from kahui.notifications.timing import zone_of

DIGEST_HOUR = 7  # local time


@dataclass
class TickReport:
    """What one round did: the keys of the emails it queued, the emails it queued
    again, and counts of anything else (``done["polls closed"]``)."""

    queued: list[str] = field(default_factory=list)
    requeued: int = 0
    done: Counter[str] = field(default_factory=Counter)

    def queue_email(self, **kwargs) -> Dispatch | None:
        """:func:`~kahui.notifications.services.queue_email`, noting what it queued."""
        dispatch = queue_email(**kwargs)
        if dispatch is not None:
            self.queued.append(dispatch.key)
        return dispatch


Job = Callable[[datetime, TickReport], None]

jobs: Registry[Job] = Registry("periodic jobs that kahui scheduler runs every minute")


def digests(now: datetime, report: TickReport) -> None:
    """Daily digests at 07:00 local time for people who chose them; the weekly digest
    on Monday at 07:00. Each collects the notifications not yet emailed."""
    users = get_user_model().objects.filter(is_active=True).select_related("profile")
    for user in users:
        local = now.astimezone(zone_of(user))
        if local.time() < time(DIGEST_HOUR):
            continue
        for period in ("daily", "weekly"):
            if period == "weekly" and local.weekday() != 0:
                continue
            wanted = Delivery.DAILY if period == "daily" else Delivery.WEEKLY
            chosen = deliveries_for(user)
            categories = [c for c in Category.values if chosen[c] == wanted]
            if not categories:
                continue
            since = now - timedelta(days=1 if period == "daily" else 7)
            notes = list(
                Notification.objects.filter(
                    user=user,
                    category__in=categories,
                    emailed_at__isnull=True,
                    created_at__gte=since,
                ).select_related("group")[:50]
            )
            activity = []
            if Category.DIGEST in categories:
                activity = list(
                    ActivityEntry.objects.filter(
                        group__memberships__user=user, created_at__gte=since
                    )
                    .exclude(actor=user)
                    .select_related("actor__profile", "group")[:30]
                )
            if not notes and not activity:
                continue
            stamp = (
                local.date().isoformat()
                if period == "daily"
                else (f"{local.isocalendar().year}-W{local.isocalendar().week:02d}")
            )
            dispatch = report.queue_email(
                key=f"digest:{period}:{user.pk}:{stamp}",
                user=user,
                category=Category.DIGEST,
                template="digest",
                context={"period": period, "notes": notes, "activity": activity},
            )
            if dispatch is not None:
                Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)


def requeue_stale(now: datetime, report: TickReport) -> None:
    """Emails still unsent ten minutes after they were queued: their worker died.
    Sending is idempotent, so queueing them again is safe."""
    stale = Dispatch.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, created_at__lte=now - timedelta(minutes=10)
    ).filter(Q(attempts__lt=5))
    for dispatch_id in stale.values_list("pk", flat=True)[:500]:
        send_dispatch.enqueue(dispatch_id=dispatch_id)
        report.requeued += 1


def tick(now: datetime | None = None) -> TickReport:
    """One round of periodic work: the apps' jobs, then digests and upkeep."""
    now = now or timezone.now()
    report = TickReport()
    for job in jobs:
        job(now, report)
    digests(now, report)
    requeue_stale(now, report)
    submission_keys_prune(now=now)
    pdf_exports_prune(now=now)
    return report
