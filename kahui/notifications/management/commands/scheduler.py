"""``kahui scheduler``: queue reminders, digests and other periodic work every minute."""

import time

from django.core.management.base import BaseCommand

from kahui.notifications.scheduler import tick


class Command(BaseCommand):
    help = "Queue periodic work (reminders, digests, overdue actions) every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds.")

    def handle(self, *args, once: bool, interval: int, **options):
        while True:
            report = tick()
            done = "".join(f", {what} {n}" for what, n in report.done.items() if n)
            if report.queued or report.requeued or done:
                self.stdout.write(
                    f"queued {len(report.queued)} emails, re-queued {report.requeued}{done}"
                )
            if once:
                return
            time.sleep(interval)
