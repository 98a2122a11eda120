"""Benchmark of search over 200,000 posts (kahui/core/search.py).

Target: p95 <= 50 ms on SQLite (FTS5) and on PostgreSQL (tsvector + GIN).
Builds its own throwaway database (a temporary SQLite file; a temporary PostgreSQL
cluster with --postgres), so it never touches real data. Prints the figures and the
machine. Run: `make bench` or `.venv/bin/python -m bench.search [--postgres] [--posts N]`.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

from bench.generate import WORDS


def text(rng: random.Random, length: int) -> str:
    # A Zipf-like spread: a few words everywhere, most words rarely.
    return " ".join(
        WORDS[min(int(rng.paretovariate(1.2)) - 1, len(WORDS) - 1)]
        if rng.random() < 0.7
        else rng.choice(WORDS)
        for _ in range(length)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kahui-bench-")
    os.environ["KAHUI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kahui.settings")
    if args.postgres:
        from tests.pgcluster import _start, _stop

        os.environ["DATABASE_URL"] = _start()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from kahui.accounts.models import User
    from kahui.core.models import SearchDocument
    from kahui.groups.models import GroupMembership, LearningGroup
    from kahui.search.selectors import search_results

    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    now = timezone.now()
    groups = LearningGroup.objects.bulk_create(
        LearningGroup(name=f"Group {n}", purpose="Bench", status="active") for n in range(1000)
    )
    user = User.objects.create_user(email="bench@kahui.example", password="x")
    for group in rng.sample(groups, 5):
        GroupMembership.objects.create(group=group, user=user)

    began = time.perf_counter()
    batch = []
    for number in range(args.posts):
        group = groups[number % len(groups)]
        batch.append(
            SearchDocument(
                kind="post",
                object_id=number,
                group_id=group.pk,
                url=f"/p/{number}",
                title=text(rng, 6),
                body=text(rng, rng.randint(20, 120)),
                public=number % 500 == 0,
                dated=now - timedelta(days=rng.randint(0, 730)),
            )
        )
        if len(batch) == 5000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO search_fts(rowid, title, body, scope) "
                "SELECT id, title, body, 'g' || group_id || "
                "CASE WHEN public THEN ' public' ELSE '' END FROM core_searchdocument"
            )
        else:
            cursor.execute(
                "UPDATE core_searchdocument SET vector = "
                "setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', body), 'B')"
            )
            cursor.execute("ANALYZE core_searchdocument")
    built = time.perf_counter() - began

    queries = [
        "phonics",
        "running records",
        "restorative practice",
        "whanau",
        "decodable readers",
        "formative assessment",
        "year",
        "coaching goals",
        "fractions",
        "mokopuna wellbeing",
    ]
    filtered = {"kinds": ["post"], "since": now - timedelta(days=365)}

    def measure(**filters) -> tuple[float, float]:
        for query in queries:  # warm the caches
            search_results(user=user, query=query, **filters)
        timings = []
        for _ in range(10):
            for query in queries:
                start = time.perf_counter()
                search_results(user=user, query=query, **filters)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print(
        f"search on {connection.vendor}: {args.posts:,} posts in 1,000 groups "
        f"(indexed in {built:.1f} s); searcher in 5 groups"
    )
    for name, filters in (("no filter", {}), ("posts of the last year", filtered)):
        p50, p95 = measure(**filters)
        verdict = "ok" if p95 <= 50 else "OVER TARGET"
        print(
            f"  {name}: 100 searches, p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(target p95 <= 50 ms: {verdict})"
        )
    if args.postgres:
        _stop()


if __name__ == "__main__":
    sys.exit(main())
