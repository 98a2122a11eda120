"""Several machines' worth of Kāhui on one PostgreSQL and one shared Redis: two app
servers (gunicorn), two task workers and two schedulers, each a process of its own,
as docs/DEPLOY.md's reference deployment runs them.

- A session made on one app server works on the other, and logging out on one ends it
  on both.
- A page fragment changed through one server is fresh on the other.
- Every reminder and digest goes out exactly once, though two schedulers queue them and
  two workers send them."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
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
from tests.deployment import (
    ROOT,
    SCHEDULER,
    WORKER,
    Browser,
    app_server,
    process,
    sent_message_ids,
    zone_where_it_is_noon,
)
from tests.redisserver import throwaway_redis
from tests.test_worker_kill import database_url

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


def test_sessions_and_fragments_are_shared_by_two_app_servers(world, shared_env, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world.facilitator.set_password(PASSWORD)
    world.facilitator.save()
    home = f"/groups/{world.group.public_id}/"
    with app_server(shared_env) as one, app_server(shared_env) as two:
        browser = Browser.new()
        assert browser.log_in(one, world.facilitator.email, PASSWORD)
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


def test_two_schedulers_and_two_workers_send_each_email_once(world, shared_env):
    now = timezone.now()
    meeting = make_meeting(world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now + timedelta(minutes=40), ends_at=now + timedelta(minutes=100)
    )
    profile = world.member.profile
    profile.time_zone = zone_where_it_is_noon(now)
    profile.save()
    Preference.objects.create(user=world.member, category=Category.DIGEST, delivery=Delivery.DAILY)
    local_day = now.astimezone(ZoneInfo(profile.time_zone)).date().isoformat()
    expected = {
        f"reminder:60:{meeting.pk}:{world.facilitator.pk}",
        f"reminder:60:{meeting.pk}:{world.member.pk}",
        f"digest:daily:{world.member.pk}:{local_day}",
    }
    with ExitStack() as stack:
        for args in (SCHEDULER, SCHEDULER, WORKER, WORKER):
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
    sent = sent_message_ids(Path(shared_env["EMAIL_URL"].removeprefix("filemail://")))
    assert len(sent) == len(set(sent)) == len(dispatches)
    assert set(sent) == {message_id(d.key) for d in dispatches}
