"""Load and soak: 200 simulated educators for 5 minutes against gunicorn and a
throwaway PostgreSQL on loopback. Targets: no errors, p95 <= 300 ms.

Then the capacity: shorter runs at rising numbers of educators (``--steps``), each
reporting requests/s, p95 and errors; the capacity is the highest requests/s served
with p95 <= 300 ms and no errors. ``--pin`` runs locust on the last core and gunicorn on
the others (taskset), so the load generator's share of the cores does not decide the
result.

Run: `.venv/bin/python -m bench.soak [--users 200] [--minutes 5] [--steps 25,50,100,200]
[--step-minutes 1] [--pin]` (needs locust)."""

import argparse
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import time as clock
from datetime import timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--steps", default="25,50,100,200")
    parser.add_argument("--step-minutes", type=float, default=1)
    parser.add_argument("--pin", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kahui-soak-"))
    os.environ["KAHUI_DATA_DIR"] = str(work)
    from tests.pgcluster import _start, _stop

    os.environ["DATABASE_URL"] = _start()
    try:
        run(args, work)
    finally:
        _stop()


def run(args, work: Path) -> None:
    from bench.generate import generate, setup

    setup()
    generate(0.1)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from kahui.accounts.models import User
    from kahui.discussions import services as talk
    from kahui.groups.models import LearningGroup
    from kahui.scheduling import services as scheduling

    people = []
    steps = [int(n) for n in args.steps.split(",") if n.strip()]
    wanted = max([args.users, *steps])
    for user in User.objects.filter(email__startswith="bench").order_by("pk")[:wanted]:
        membership = user.group_memberships.select_related("group").first()
        if membership is None:
            continue
        group: LearningGroup = membership.group
        thread = group.threads.first() or talk.thread_start(
            group=group, by=user, kind="idea", title="Soak", body="Ideas?"
        )
        poll = group.polls.first() or scheduling.poll_create(
            group=group,
            by=user,
            title="When?",
            description="",
            time_zone="Pacific/Auckland",
            options=[
                scheduling.OptionPlan(
                    day=timezone.localdate() + timedelta(days=5),
                    start=clock(15, 30),
                    duration_minutes=60,
                    format="in_person",
                )
            ],
        )
        meeting = group.meetings.order_by("-starts_at").first()
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "kahui.accounts.backends.ProfileBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append(
            {
                "email": user.email,
                "session": session.session_key,
                "group": str(group.public_id),
                "thread": str(thread.public_id),
                "poll": str(poll.public_id),
                "option": str(poll.options.first().public_id),
                "meeting": str(meeting.public_id),
            }
        )
    (work / "people.json").write_text(json.dumps(people))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "KAHUI_DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KAHUI_TASK_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        "PYTHONPATH": str(ROOT),
        "KAHUI_SOAK_PEOPLE": str(work / "people.json"),
    }
    cores = os.cpu_count() or 1
    pin_server: list[str] = []
    pin_locust: list[str] = []
    if args.pin and cores > 1 and shutil.which("taskset"):
        pin_server = ["taskset", "-c", f"0-{cores - 2}"]
        pin_locust = ["taskset", "-c", str(cores - 1)]
    server = subprocess.Popen(
        [
            *pin_server,
            sys.executable,
            "-m",
            "gunicorn",
            "kahui.wsgi",
            "-w",
            "3",
            "--threads",
            "4",
            # Longer than a simulated educator's pause (at most 5 s), so the server never
            # closes a kept-alive connection just as the client reuses it.
            "--keep-alive",
            "30",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    host = f"http://127.0.0.1:{port}"
    pinned = " (locust pinned to its own core)" if pin_locust else ""
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(host + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        requests, failures, p95, _ = swarm(
            args.users, args.minutes, host=host, env=env, work=work, pin=pin_locust
        )
        print(
            f"soak: {args.users} educators for {args.minutes:g} min against gunicorn "
            f"(3 workers x 4 threads) + PostgreSQL on loopback, {cores} cores{pinned}"
        )
        print(
            f"  {requests:,} requests, {failures} errors, p95 {p95:.0f} ms "
            f"(targets: 0 errors, p95 <= 300 ms: "
            f"{'ok' if failures == 0 and p95 <= 300 else 'NOT MET'})"
        )
        print(f"capacity: {args.step_minutes:g} min at each number of educators{pinned}")
        capacity = 0.0
        for users in steps:
            requests, failures, p95, rate = swarm(
                users, args.step_minutes, host=host, env=env, work=work, pin=pin_locust
            )
            within = failures == 0 and p95 <= 300
            if within:
                capacity = max(capacity, rate)
            print(
                f"  {users:>4} educators: {rate:6.1f} requests/s, p95 {p95:5.0f} ms, "
                f"{failures} errors{'' if within else '  (over the target)'}"
            )
        print(f"  capacity at p95 <= 300 ms and no errors: {capacity:.1f} requests/s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def swarm(
    users: int, minutes: float, *, host: str, env: dict, work: Path, pin: list[str]
) -> tuple[int, int, float, float]:
    """One locust run: requests, failures, p95 (ms) and requests per second."""
    seconds = max(int(minutes * 60), 10)
    prefix = work / f"soak-{users}-{seconds}"
    subprocess.run(
        [
            *pin,
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            "20",
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
        ],
        env=env,
        cwd=ROOT,
        check=False,
        timeout=seconds + 120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    return (
        int(total["Request Count"]),
        int(total["Failure Count"]),
        float(total["95%"]),
        float(total["Requests/s"]),
    )


if __name__ == "__main__":
    sys.exit(main())
