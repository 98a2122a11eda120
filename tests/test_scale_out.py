"""Several machines' worth of Kāhui on one PostgreSQL and one shared Redis: two app
servers (gunicorn), two task workers and two schedulers, each a process of its own,
as docs/DEPLOY.md's reference deployment runs them.

- A session made on one app server works on the other, and logging out on one ends it
  on both.
- A page fragment changed through one server is fresh on the other.
- Every reminder and digest goes out exactly once, though two schedulers queue them and
  two workers send them."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_string
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from django.db import connection
from django.utils import timezone

from kahui.meetings.models import Meeting
from kahui.notifications.headers import message_id
from kahui.notifications.models import Category, Delivery, Dispatch, Preference
from tests.conftest import make_meeting
from tests.redisserver import throwaway_redis
from tests.test_server_kill import free_port
from tests.test_worker_kill import database_url

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("scaling out means PostgreSQL: this test runs in the PostgreSQL lane")


@pytest.fixture
def shared_env(tmp_path, settings) -> Iterator[dict[str, str]]:
    """What every process of the deployment is started with."""
    # The test's own writes queue their emails where the workers will find them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    with throwaway_redis() as cache_url:
        yield {
            **os.environ,
            "DATABASE_URL": database_url(),
            "KAHUI_CACHE_URL": cache_url,
            "KAHUI_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "KAHUI_DATA_DIR": str(tmp_path),
            "EMAIL_URL": f"filemail://{outbox}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "KAHUI_SITE_URL": settings.SITE_URL,
            "PYTHONPATH": str(ROOT),
        }


@contextmanager
def process(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen(
        [sys.executable, "-m", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def app_server(env: dict[str, str]) -> Iterator[str]:
    """A gunicorn app server on a free port; yields its base address once it answers."""
    port = free_port()
    args = ["gunicorn", "kahui.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
    args += ["--log-level", "warning"]
    with process(args, env) as proc:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, "the app server stopped"
                assert time.monotonic() < deadline, "the app server did not start"
                time.sleep(0.2)
        yield base


@dataclass
class Browser:
    """One person's browser: its cookies go to whichever server it asks."""

    jar: http.cookiejar.CookieJar
    opener: urllib.request.OpenerDirector

    @classmethod
    def new(cls) -> Browser:
        jar = http.cookiejar.CookieJar()
        return cls(jar, urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)))

    def get(self, url: str) -> tuple[str, str]:
        """The page's final address (after redirects) and its text."""
        response = self.opener.open(url, timeout=20)
        return response.geturl(), response.read().decode()

    def post(self, url: str, data: dict[str, str]) -> tuple[str, str]:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}).encode()
        request = urllib.request.Request(url, body, headers={"Referer": url})
        response = self.opener.open(request, timeout=20)
        return response.geturl(), response.read().decode()


def test_sessions_and_fragments_are_shared_by_two_app_servers(world, shared_env, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world.facilitator.set_password(PASSWORD)
    world.facilitator.save()
    home = f"/groups/{world.group.public_id}/"
    with app_server(shared_env) as one, app_server(shared_env) as two:
        browser = Browser.new()
        browser.get(f"{one}/accounts/login/")
        landed, _ = browser.post(
            f"{one}/accounts/login/", {"login": world.facilitator.email, "password": PASSWORD}
        )
        assert "/accounts/login" not in landed
        # The cache both servers use is the Redis server (the log-in's rate-limit
        # counters are kept there).
        cache = redis.Redis(unix_socket_path=shared_env["KAHUI_CACHE_URL"].removeprefix("unix://"))
        assert cache.dbsize() > 0

        # The session made on the first server works on the second.
        landed, page = browser.get(f"{two}{home}")
        assert landed == f"{two}{home}"
        assert world.group.name in page

        # The second server has the group's home in its own fragment cache; a change
        # made through the first server shows on the second at once.
        _, form = browser.get(f"{one}/groups/{world.group.public_id}/edit/vision/")
        version = re.search(r'name="version" value="(\d+)"', form)
        assert version is not None
        vision = "Every ākonga reads with confidence by the end of Term 3."
        browser.post(
            f"{one}/groups/{world.group.public_id}/edit/vision/",
            {"vision": vision, "version": version.group(1)},
        )
        _, page = browser.get(f"{two}{home}")
        assert vision in page

        # Logging out on the second server ends the session on the first too.
        browser.post(f"{two}/accounts/logout/", {})
        landed, _ = browser.get(f"{one}{home}")
        assert "/accounts/login/" in landed


def _zone_where_it_is_noon(now) -> str:
    """A fixed-offset zone whose local time is between 12:00 and 13:00 at ``now``: a
    daily digest is due there, whatever the hour the test runs."""
    offset = 12 - now.astimezone(ZoneInfo("UTC")).hour
    if offset == 0:
        return "Etc/GMT"
    # The Etc zones' signs are the POSIX way round: Etc/GMT-5 is five hours ahead.
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


def _sent_message_ids(outbox: Path) -> list[str]:
    ids = []
    for path in outbox.iterdir():
        # The file backend writes each message followed by a line of 79 dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                ids.append(message_from_string(chunk.lstrip())["Message-ID"])
    return ids


def test_two_schedulers_and_two_workers_send_each_email_once(world, shared_env):
    now = timezone.now()
    meeting = make_meeting(world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now + timedelta(minutes=40), ends_at=now + timedelta(minutes=100)
    )
    profile = world.member.profile
    profile.time_zone = _zone_where_it_is_noon(now)
    profile.save()
    Preference.objects.create(user=world.member, category=Category.DIGEST, delivery=Delivery.DAILY)
    local_day = now.astimezone(ZoneInfo(profile.time_zone)).date().isoformat()
    expected = {
        f"reminder:60:{meeting.pk}:{world.facilitator.pk}",
        f"reminder:60:{meeting.pk}:{world.member.pk}",
        f"digest:daily:{world.member.pk}:{local_day}",
    }
    scheduler = ["kahui", "scheduler", "--interval", "1"]
    worker = ["kahui", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"]
    with ExitStack() as stack:
        for args in (scheduler, scheduler, worker, worker):
            stack.enter_context(process(args, shared_env))
        deadline = time.monotonic() + 120
        while True:
            queued = set(Dispatch.objects.values_list("key", flat=True))
            unsent = Dispatch.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
            if expected <= queued and not unsent.exists():
                break
            assert time.monotonic() < deadline, f"not all sent: {sorted(queued)}"
            time.sleep(0.5)
        # A few more rounds of both schedulers: nothing is queued or sent again.
        time.sleep(4)

    dispatches = list(Dispatch.objects.all())
    assert all(d.sent_at is not None and d.attempts == 1 for d in dispatches)
    sent = _sent_message_ids(Path(shared_env["EMAIL_URL"].removeprefix("filemail://")))
    assert len(sent) == len(set(sent)) == len(dispatches)
    assert set(sent) == {message_id(d.key) for d in dispatches}
