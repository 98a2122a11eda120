"""A server killed (SIGKILL) in the middle of a stream of writes: the database stays
consistent and every write the server acknowledged is there."""

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from kahui.meetings.models import Decision
from tests.test_worker_kill import database_url

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_sigkill_during_writes_loses_no_acknowledged_write(world, settings):
    from kahui.meetings import services as meeting_services
    from tests.meetings.helpers import plan

    [meeting] = meeting_services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(template=None)
    )
    # The server hashes as in production; store a password it can check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world.member.set_password("correct horse battery staple")
    world.member.save()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": str(ROOT),
        "KAHUI_TASK_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kahui.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                opener.open(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        login = f"{base}/accounts/login/"
        opener.open(login, timeout=5)
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {
                "login": world.member.email,
                "password": "correct horse battery staple",
                "csrfmiddlewaretoken": csrf,
            }
        ).encode()
        after = opener.open(
            urllib.request.Request(login, data, headers={"Referer": login}), timeout=10
        )
        assert "/accounts/login" not in after.geturl()
        csrf = next(c.value for c in jar if c.name == "csrftoken")  # rotated at log-in
        url = f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/decisions/"
        meeting_path = f"/meetings/{meeting.public_id}/"
        acknowledged: list[str] = []
        stop = threading.Event()

        def write() -> None:
            number = 0
            while not stop.is_set():
                text = f"decision {number}"
                body = urllib.parse.urlencode({"text": text, "csrfmiddlewaretoken": csrf}).encode()
                try:
                    response = opener.open(
                        urllib.request.Request(url, body, headers={"Referer": url}), timeout=5
                    )
                    # Acknowledged: the redirect back to the meeting page was followed.
                    if response.status == 200 and meeting_path in response.geturl():
                        acknowledged.append(text)
                except OSError:
                    return
                number += 1

        writer = threading.Thread(target=write)
        writer.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 15:
            assert time.monotonic() < deadline, "no write was acknowledged"
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        stop.set()
        writer.join(timeout=10)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)

    saved = set(Decision.objects.filter(meeting=meeting).values_list("text", flat=True))
    assert set(acknowledged) <= saved
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"
