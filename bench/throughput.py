"""Throughput of the group home page under gunicorn (2 workers) and wrk, as a ratio
to a bare Django "hello" view served the same way in the same run (the framework
floor). Target ratio >= 0.25. It also measures a signed-in "hello" through Kāhui's
own middleware (session and user loaded, nothing else): the most any signed-in page
could reach. Loopback only; each load lasts 10 seconds.

Run: `.venv/bin/python -m bench.throughput [--scale 0.1]` (needs wrk: apt-get install wrk)."""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(settings_module: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
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
        env={**env, "DJANGO_SETTINGS_MODULE": settings_module},
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # slow to start on a busy machine
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)
    return process, base


def load(url: str, cookie: str = "") -> float:
    command = ["wrk", "-t2", "-c16", f"-d{SECONDS}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url} answered {errors.group(1)} errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    data_dir = tempfile.mkdtemp(prefix="kahui-bench-")
    os.environ["KAHUI_DATA_DIR"] = data_dir
    from bench.generate import generate, setup

    setup()
    generate(args.scale)
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from kahui.accounts.models import User
    from kahui.groups.models import LearningGroup

    user = User.objects.get(email="bench0@bench.example")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "kahui.accounts.backends.ProfileBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    group = LearningGroup.objects.filter(memberships__user=user).order_by("pk").first()

    env = {
        **os.environ,
        "KAHUI_DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KAHUI_TASK_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        "PYTHONPATH": str(ROOT),
    }
    hello, hello_base = serve("bench.hello_settings", env)
    try:
        floor = load(hello_base + "/")
    finally:
        hello.terminate()
        hello.wait()
    kahui, base = serve("bench.stack_settings", env)
    cookie = f"sessionid={session.session_key}"
    try:
        stack = load(f"{base}/bench/signed-in-hello/", cookie)
        home = load(f"{base}/groups/{group.public_id}/", cookie)
    finally:
        kahui.terminate()
        kahui.wait()
    ratio = home / floor
    print(
        f"gunicorn, 2 workers, wrk 2 threads x 16 connections x {SECONDS} s, "
        f"{os.cpu_count()} cores (wrk shares them)"
    )
    print(f"  hello view (floor):                      {floor:8.0f} requests/s")
    print(
        f"  signed-in hello, Kāhui's middleware:     {stack:8.0f} requests/s "
        f"(ratio {stack / floor:.2f})"
    )
    print(f"  group home:                              {home:8.0f} requests/s")
    print(f"  ratio {ratio:.2f} (target >= 0.25: {'ok' if ratio >= 0.25 else 'UNDER TARGET'})")


if __name__ == "__main__":
    sys.exit(main())
