"""Scale-out: the reference deployment of docs/DEPLOY.md on one machine. Two app
servers (gunicorn), two task workers and two schedulers, each a process of its own, on
one throwaway PostgreSQL with a throwaway Redis as the shared cache.

Prints whether a session made on one app server works on the other, whether logging
out on one ends it on both and whether a change made through one is fresh on the
other; then, for the reminders and digests of ``--people`` educators (groups of ten,
each with a meeting in 40 minutes, everyone on a daily digest that is due), how many
emails the two schedulers queued, how many the two workers sent, how many went out
twice (target 0) and how long it took.

Run: `make bench` or `.venv/bin/python -m bench.scaleout [--people 200]`."""

import argparse
import os
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUP_SIZE = 10


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kahui-scaleout-"))
    os.environ["KAHUI_DATA_DIR"] = str(work)
    os.environ["KAHUI_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
    from tests.pgcluster import _start, _stop
    from tests.redisserver import throwaway_redis

    os.environ["DATABASE_URL"] = _start()
    try:
        with throwaway_redis() as cache_url:
            os.environ["KAHUI_CACHE_URL"] = cache_url
            run(args.people, work)
    finally:
        _stop()


def build(people: int):
    """Groups of ten with a meeting each in 40 minutes; everyone on a daily digest."""
    from django.utils import timezone

    from kahui.meetings.models import Meeting
    from kahui.notifications.models import Category, Delivery, Preference
    from tests.conftest import make_group, make_meeting, make_org, make_user
    from tests.deployment import zone_where_it_is_noon

    now = timezone.now()
    zone = zone_where_it_is_noon(now)
    school = make_org("Scale Out School")
    users = []
    for n in range(people):
        user = make_user(f"educator{n}@scale.example", f"Educator {n}", organisation=school)
        user.profile.time_zone = zone
        user.profile.save()
        users.append(user)
    Preference.objects.bulk_create(
        Preference(user=user, category=Category.DIGEST, delivery=Delivery.DAILY) for user in users
    )
    groups = []
    for start in range(0, people, GROUP_SIZE):
        facilitator, *members = users[start : start + GROUP_SIZE]
        group = make_group(
            facilitator, name=f"Group {start // GROUP_SIZE}", organisation=school, members=members
        )
        meeting = make_meeting(_World(group, facilitator))
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=now + timedelta(minutes=40), ends_at=now + timedelta(minutes=100)
        )
        groups.append((group, facilitator))
    return groups


class _World:
    """What tests.conftest.make_meeting reads of a test world."""

    def __init__(self, group, facilitator):
        self.group, self.facilitator = group, facilitator


def run(people: int, work: Path) -> None:
    from bench.generate import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from django.conf import settings

    from kahui.notifications.headers import message_id
    from kahui.notifications.models import Dispatch
    from tests.conftest import PASSWORD
    from tests.deployment import (
        SCHEDULER,
        WORKER,
        Browser,
        app_server,
        process,
        sent_message_ids,
    )

    groups = build(people)
    outbox = work / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "EMAIL_URL": f"filemail://{outbox}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KAHUI_SITE_URL": settings.SITE_URL,
        "PYTHONPATH": str(ROOT),
    }
    print(
        f"scale-out: 2 app servers, 2 workers, 2 schedulers, PostgreSQL and Redis on one "
        f"machine ({platform.machine()}, {os.cpu_count()} cores)"
    )

    started = time.monotonic()
    with ExitStack() as stack:
        for args in (SCHEDULER, SCHEDULER, WORKER, WORKER):
            stack.enter_context(process(args, env))
        deadline = started + 600
        settled = None
        while time.monotonic() < deadline:
            unsent = Dispatch.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
            reminders = Dispatch.objects.filter(key__startswith="reminder:").count()
            if reminders >= people and not unsent.exists():
                settled = time.monotonic() - started
                break
            time.sleep(0.5)
        time.sleep(5)  # more rounds of both schedulers: nothing is queued again
    dispatches = list(Dispatch.objects.values_list("key", "sent_at"))
    sent = sent_message_ids(outbox)
    twice = len(sent) - len(set(sent))
    missing = {message_id(key) for key, _ in dispatches} - set(sent)
    print(
        f"  emails: {len(dispatches):,} queued, {len(set(sent)):,} sent, {twice} sent twice, "
        f"{len(missing)} never sent (target: each exactly once: "
        f"{'ok' if twice == 0 and not missing else 'NOT MET'})"
    )
    if settled is not None:
        print(
            f"  all sent {settled:.1f} s after the schedulers and workers started "
            f"({len(dispatches) / settled:.0f} emails/s including start-up)"
        )
    else:
        print("  NOT all sent within 10 minutes")

    group, facilitator = groups[0]
    home = f"/groups/{group.public_id}/"
    with app_server(env) as one, app_server(env) as two:
        browser = Browser.new()
        signed_in = browser.log_in(one, facilitator.email, PASSWORD)
        landed, _ = browser.get(f"{two}{home}")
        shared = signed_in and landed.endswith(home)
        browser.get(f"{two}{home}")  # the second server caches the home's body
        _, form = browser.get(f"{one}/groups/{group.public_id}/edit/vision/")
        version = form.split('name="version" value="', 1)[1].split('"', 1)[0]
        vision = "Each learner reads with confidence, checked on the second server."
        browser.post(
            f"{one}/groups/{group.public_id}/edit/vision/", {"vision": vision, "version": version}
        )
        _, page = browser.get(f"{two}{home}")
        fresh = vision in page
        browser.post(f"{two}/accounts/logout/", {})
        landed, _ = browser.get(f"{one}{home}")
        ended = "/accounts/login/" in landed

    def word(ok: bool) -> str:
        return "yes" if ok else "NO"

    print(f"  a session made on one app server works on the other: {word(shared)}")
    print(f"  a change through one app server is fresh on the other: {word(fresh)}")
    print(f"  logging out on one app server ends the session on both: {word(ended)}")


if __name__ == "__main__":
    sys.exit(main())
