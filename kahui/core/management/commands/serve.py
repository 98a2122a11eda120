"""``kahui serve``: the development web server and a background worker, together."""

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Kāhui on http://127.0.0.1:8000 with a task worker alongside."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="Do not start a worker.")

    def handle(self, *args, addrport: str, no_worker: bool, **options):
        worker = None
        # runserver's autoreloader re-runs this command in a child process (RUN_MAIN);
        # only the outer process starts the worker, so there is exactly one.
        if not no_worker and os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen(
                [sys.executable, "-m", "kahui", "db_worker", "--interval", "1"]
            )
            self.stdout.write(f"Task worker started (pid {worker.pid}).")
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
