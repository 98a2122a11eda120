"""Page benchmarks: server time (p50/p95), queries and bytes of the main pages on a
generated data set. Targets: p95 <= 50 ms and <= 15 queries per page.

Builds its own generated data set in a throwaway database (a temporary SQLite file, or
a temporary PostgreSQL cluster with --postgres): `.venv/bin/python -m bench.pages
[--postgres] [--scale 1.0]`."""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

RUNS = 30


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    os.environ["KAHUI_DATA_DIR"] = tempfile.mkdtemp(prefix="kahui-bench-")
    if args.postgres:
        from tests.pgcluster import _start, _stop

        os.environ["DATABASE_URL"] = _start()
    try:
        run(args.scale)
    finally:
        if args.postgres:
            _stop()


def run(scale: float) -> None:
    from bench.generate import generate, setup

    setup()
    began = time.perf_counter()
    generate(scale)
    print(f"generated in {time.perf_counter() - began:.0f} s")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kahui.accounts.models import User
    from kahui.groups.models import LearningGroup
    from kahui.inquiry.models import InquiryCycle
    from kahui.meetings.models import Meeting
    from kahui.orgs.models import Organisation

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    user = User.objects.get(email="bench0@bench.example")
    group = LearningGroup.objects.filter(memberships__user=user).order_by("pk").first()
    meeting = Meeting.objects.filter(group=group).order_by("starts_at").last()
    cluster = Organisation.objects.get(slug="bench-cluster-0")
    cycle = InquiryCycle.objects.get(group=group)
    pages = [
        ("dashboard", reverse("dashboard:home")),
        ("group home", reverse("groups:home", args=[group.public_id])),
        ("meeting", reverse("meetings:detail", args=[group.public_id, meeting.public_id])),
        ("explore", reverse("groups:explore")),
        ("search", reverse("search:search") + "?q=phonics+routine"),
        ("coordinator", reverse("orgs:detail", args=[cluster.slug])),
        ("discussions", reverse("discussions:list", args=[group.public_id])),
        ("health trend", reverse("health:overview", args=[group.public_id])),
        ("contributions", reverse("recognition:mine")),
        (
            "member's work",
            reverse("recognition:member_contributions", args=[group.public_id, user.public_id]),
        ),
        ("learning record", reverse("recognition:record")),
        ("portfolio", reverse("reflection:portfolio")),
        ("evidence", reverse("inquiry:evidence", args=[group.public_id, cycle.public_id])),
        ("inquiry", reverse("inquiry:cycle", args=[group.public_id, cycle.public_id])),
        ("analysis", reverse("inquiry:analysis", args=[group.public_id, cycle.public_id])),
        ("summary", reverse("inquiry:summary", args=[group.public_id, cycle.public_id])),
    ]
    client = Client()
    client.force_login(user)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; database: "
        f"{connection.vendor}; {User.objects.count():,} people, "
        f"{LearningGroup.objects.count():,} groups"
    )
    print(f"{'page':<16}{'1st ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'kB':>8}  verdict")
    for name, url in pages:
        # The first view draws what later views take from a cache (the analysis's charts).
        began = time.perf_counter()
        client.get(url)
        first = (time.perf_counter() - began) * 1000
        for _ in range(2):
            client.get(url)
        timings = []
        for _ in range(RUNS):
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(RUNS * 0.95) - 1]
        ok = p95 <= 50 and len(queries) <= 15
        print(
            f"{name:<16}{first:>9.1f}{p50:>9.1f}{p95:>9.1f}{len(queries):>9}"
            f"{len(response.content) / 1024:>8.1f}  {'ok' if ok else 'OVER TARGET'}"
        )


if __name__ == "__main__":
    sys.exit(main())
