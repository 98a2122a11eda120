"""Benchmark of the REST API's lists (kahui/api) at full data size.

Target: p95 <= 50 ms and at most 10 queries per list page. Builds its own throwaway
database (a temporary SQLite file; a temporary PostgreSQL cluster with --postgres), so
it never touches real data: 100 groups with 200 meetings each (20,000), a member of
five of them with a token. Measures a group's meetings, first and deep pages (by
cursor), and "my groups", through the whole stack (token, rate limit, access, paging,
JSON). Prints the machine's load average too, and the CPU time this process spent a
request (the database server's not included on PostgreSQL): on a shared machine the
wall-clock times say little on their own.
Run: `make bench` or `.venv/bin/python -m bench.api [--postgres]`.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta

GROUPS = 100
MEETINGS_PER_GROUP = 200
ROUNDS = 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    os.environ["KAHUI_DATA_DIR"] = tempfile.mkdtemp(prefix="kahui-bench-")
    os.environ["KAHUI_API_RATE"] = "1000000/m"
    if args.postgres:
        from tests.pgcluster import _start, _stop

        os.environ["DATABASE_URL"] = _start()
    try:
        run()
    finally:
        if args.postgres:
            _stop()


def run() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kahui.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kahui.accounts.models import User
    from kahui.api.models import TokenScope
    from kahui.api.services import token_create
    from kahui.groups.models import GroupMembership, LearningGroup
    from kahui.meetings.models import Meeting

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    groups = LearningGroup.objects.bulk_create(
        LearningGroup(name=f"Group {n}", purpose="Bench", status="active") for n in range(GROUPS)
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        (
            Meeting(
                group=group,
                title=f"Hui {n}",
                starts_at=now + timedelta(days=n - 100),
                ends_at=now + timedelta(days=n - 100, hours=1),
                time_zone="Pacific/Auckland",
            )
            for group in groups
            for n in range(MEETINGS_PER_GROUP)
        ),
        batch_size=5000,
    )
    user = User.objects.create_user(email="bench@kahui.example", password="x")
    for group in groups[:5]:
        GroupMembership.objects.create(group=group, user=user)
    _token, secret = token_create(user=user, name="Bench", scope=TokenScope.READ)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    group = groups[0].public_id
    first = f"/api/v1/groups/{group}/meetings"
    deep = client.get(f"{first}?page_size=50").json()
    for _ in range(2):  # a cursor three pages in
        deep = client.get(deep["next"]).json()
    cases = {
        "a group's meetings, first page of 50": first,
        "a group's meetings, fourth page (cursor)": deep["next"],
        "my groups": "/api/v1/groups/",
    }

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print(
        f"api on {connection.vendor}: {GROUPS} groups x {MEETINGS_PER_GROUP} meetings "
        f"({GROUPS * MEETINGS_PER_GROUP:,}); a token of a member of 5 groups"
    )
    print("load average: {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg()))
    for name, url in cases.items():
        for _ in range(5):  # warm the caches
            client.get(url)
        timings = []
        cpu = time.process_time()
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content
        cpu = (time.process_time() - cpu) * 1000 / ROUNDS
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
        verdict = "ok" if p95 <= 50 and len(queries) <= 10 else "OVER TARGET"
        print(
            f"  {name}: {ROUNDS} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"CPU {cpu:.1f} ms a request (this process), "
            f"{len(queries)} queries (target p95 <= 50 ms, <= 10 queries: {verdict})"
        )
    print("load average: {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg()))


if __name__ == "__main__":
    sys.exit(main())
