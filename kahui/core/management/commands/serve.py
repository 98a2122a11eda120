"""``kahui serve``: the development web server with a background worker and the
scheduler (reminders, digests), together."""

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kahui.core.local_server import serve_address


class Command(BaseCommand):
    help = (
        "Serve Kāhui on http://127.0.0.1:8000 (or the port in $PORT) with a task worker "
        "and scheduler alongside."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", help="Address and port, or a port (default 127.0.0.1:$PORT)."
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a worker or scheduler."
        )

    def handle(self, *args, addrport: str | None, no_worker: bool, **options):
        addrport = serve_address(addrport)
        helpers = []
        # runserver's autoreloader re-runs this command in a child process (RUN_MAIN);
        # only the outer process starts the helpers, so there is exactly one of each.
        if not no_worker and os.environ.get("RUN_MAIN") != "true":
            for name, command in (
                ("Task worker", ["db_worker", "--interval", "1"]),
                ("Scheduler", ["scheduler"]),
            ):
                process = subprocess.Popen([sys.executable, "-m", "kahui", *command])
                helpers.append(process)
                self.stdout.write(f"{name} started (pid {process.pid}).")
        try:
            call_command("runserver", addrport)
        finally:
            for process in helpers:
                process.terminate()
            for process in helpers:
                process.wait(timeout=10)
