"""Pieces of a deployment started as separate processes on this machine, for the
scale-out test and benchmark: app servers (gunicorn), task workers and schedulers
sharing one database and one cache, and a browser whose cookies go to any of them."""

from __future__ import annotations

import http.cookiejar
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email import message_from_string
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.test_server_kill import free_port

ROOT = Path(__file__).resolve().parent.parent

SCHEDULER = ["kahui", "scheduler", "--interval", "1"]
WORKER = ["kahui", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"]


@contextmanager
def process(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """``python -m <args>`` running until the block ends."""
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
def app_server(env: dict[str, str], *, workers: int = 1) -> Iterator[str]:
    """A gunicorn app server on a free port; yields its base address once it answers."""
    port = free_port()
    args = ["gunicorn", "kahui.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
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
    """One person's browser: its cookies go to whichever server it asks (cookies are
    kept per host, not per port)."""

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

    def log_in(self, base: str, email: str, password: str) -> bool:
        self.get(f"{base}/accounts/login/")
        landed, _ = self.post(f"{base}/accounts/login/", {"login": email, "password": password})
        return "/accounts/login" not in landed


def zone_where_it_is_noon(now: datetime) -> str:
    """A fixed-offset zone whose local time is between 12:00 and 13:00 at ``now``: a
    daily digest is due there, whatever the hour it runs."""
    offset = 12 - now.astimezone(ZoneInfo("UTC")).hour
    if offset == 0:
        return "Etc/GMT"
    # The Etc zones' signs are the POSIX way round: Etc/GMT-5 is five hours ahead.
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


def sent_message_ids(outbox: Path) -> list[str]:
    """The Message-ID of every email the file backend wrote into ``outbox``."""
    ids = []
    for path in outbox.iterdir():
        # The file backend writes each message followed by a line of 79 dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                ids.append(message_from_string(chunk.lstrip())["Message-ID"])
    return ids
