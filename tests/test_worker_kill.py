"""A worker killed (SIGKILL) in the middle of sending: the email is sent again by the
next worker, and exactly once."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kahui.notifications import scheduler, services
from kahui.notifications.models import Dispatch

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host = quote(db["HOST"] or "", safe="")
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def worker(email_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_URL": email_url,
        "KAHUI_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kahui",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.1",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


# A Wednesday morning in Auckland (Tuesday evening in Europe): no digest is due
# anywhere, so the only email in play is the one the worker was killed sending.
QUIET_MORNING = datetime(2026, 12, 9, 10, 0, tzinfo=ZoneInfo("Pacific/Auckland"))


@pytest.mark.django_db(transaction=True)
def test_killed_worker_sends_the_email_once(world, settings, tmp_path, time_machine):
    time_machine.move_to(QUIET_MORNING, tick=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # A mail server that accepts the connection and never answers: sending hangs.
    stalled = socket.socket()
    stalled.bind(("127.0.0.1", 0))
    stalled.listen()
    port = stalled.getsockname()[1]

    dispatch = services.queue_email(
        key="test:kill",
        user=world.member,
        category="meetings",
        template="minutes_reminder",
        context={"meeting": {"title": "Hui", "group": {"name": "G"}}, "meeting_url": "/"},
    )
    assert DBTaskResult.objects.count() == 1

    first = worker(f"smtp://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.filter(status="RUNNING").count() == 0:
            assert time.monotonic() < deadline, "the worker never started the task"
            time.sleep(0.1)
        time.sleep(0.5)  # it is now inside the SMTP conversation
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
        stalled.close()
    dispatch.refresh_from_db()
    assert dispatch.sent_at is None

    # Ten minutes later the scheduler re-queues what the dead worker left behind.
    report = scheduler.tick(timezone.now() + timedelta(minutes=11))
    assert report.requeued == 1
    outbox = tmp_path / "mail"
    outbox.mkdir()
    second = worker(f"filemail://{outbox}")
    second.wait(timeout=60)
    assert len(list(outbox.iterdir())) == 1
    dispatch.refresh_from_db()
    assert dispatch.sent_at is not None

    # Nothing goes out twice, however often it is queued again.
    from kahui.notifications.tasks import send_dispatch

    send_dispatch.enqueue(dispatch_id=dispatch.pk)
    third = worker(f"filemail://{outbox}")
    third.wait(timeout=60)
    assert len(list(outbox.iterdir())) == 1
    assert Dispatch.objects.get(pk=dispatch.pk).attempts == 1
