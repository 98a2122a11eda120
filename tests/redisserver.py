"""A throwaway Redis (or Valkey) server for the scale-out test: a Unix socket in a
temporary directory, no TCP port, nothing written to disk; stopped and removed when the
test ends. Debian's ``redis-server`` provides it (``make system-deps`` installs it)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_binary() -> str | None:
    return shutil.which("redis-server") or shutil.which("valkey-server")


@contextmanager
def throwaway_redis() -> Iterator[str]:
    """Start a server and yield its address for ``KAHUI_CACHE_URL`` (``unix://…``)."""
    binary = server_binary()
    if binary is None:
        raise RuntimeError(
            "The scale-out test needs redis-server or valkey-server: "
            "apt-get install redis-server, or run `make test` as root."
        )
    root = Path(tempfile.mkdtemp(prefix="kahui-redis-"))
    socket = root / "redis.sock"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"unix://{socket}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(root, ignore_errors=True)
