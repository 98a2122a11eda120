"""The coordinator dashboard at 1,000 groups: server time (p50/p95) and queries.
Target: p95 <= 50 ms, and a query count that does not grow with the groups. The page's
body is kept until its groups change: "afresh" is the median of five views that work
the figures out again (the first view after a change).

Builds the generated data set (bench/generate.py) in a throwaway database, puts all of
its groups in one programme run by the benchmark user's cluster, and times the
programme's dashboard, 30 requests after a warm-up, in-process through the middleware:
`.venv/bin/python -m bench.oversight [--postgres] [--scale 1.0]`."""

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


AFRESH_RUNS = 5


def _afresh(client, url: str) -> tuple[float, int]:
    """The median time and the queries of a view that works the figures out afresh
    (the first view after the groups changed)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(AFRESH_RUNS):
        caches["fragments"].clear()
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def _time(client, url: str) -> tuple[float, float, int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(url)
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return (
        statistics.median(timings),
        timings[int(RUNS * 0.95) - 1],
        len(queries),
        len(response.content) / 1024,
    )


def run(scale: float) -> None:
    from bench.generate import generate, setup

    setup()
    began = time.perf_counter()
    generate(scale)
    print(f"generated in {time.perf_counter() - began:.0f} s")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from kahui.accounts.models import User
    from kahui.groups.models import LearningGroup
    from kahui.meetings.models import Meeting
    from kahui.orgs.models import Organisation
    from kahui.programmes.models import Programme

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    user = User.objects.get(email="bench0@bench.example")
    cluster = Organisation.objects.get(slug="bench-cluster-0")
    programme = Programme.objects.create(name="Every group", organisation=cluster)
    programme.groups.set(LearningGroup.objects.all())
    client = Client()
    client.force_login(user)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; database: "
        f"{connection.vendor}; {User.objects.count():,} people, "
        f"{LearningGroup.objects.count():,} groups, {Meeting.objects.count():,} meetings"
    )
    pages = [
        (
            f"programme, {programme.groups.count():,} groups",
            reverse("oversight:programme_dashboard", args=[programme.public_id]),
        ),
        (
            f"cluster, {LearningGroup.objects.filter(organisation__parent=cluster).count()} groups",
            reverse("oversight:dashboard", args=[cluster.slug]),
        ),
        ("facilitator home", reverse("oversight:facilitating")),
    ]
    print(
        f"{'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'kB':>8}"
        f"{'afresh ms':>11}{'queries':>9}  verdict"
    )
    for name, url in pages:
        cold, cold_queries = _afresh(client, url)
        p50, p95, queries, kb = _time(client, url)
        verdict = "ok" if p95 <= 50 else "OVER TARGET"
        print(
            f"{name:<28}{p50:>9.1f}{p95:>9.1f}{queries:>9}{kb:>8.1f}"
            f"{cold:>11.1f}{cold_queries:>9}  {verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())
