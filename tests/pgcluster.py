"""A throwaway PostgreSQL cluster for the test run: ``pytest --postgres``.

The plugin starts a private cluster in a temporary directory (a Unix socket only, no
TCP port, fsync off) before pytest-django reads the settings, points ``DATABASE_URL``
at it, and stops and removes it when the run ends."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

_cluster: dict[str, Path] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run the tests on a throwaway PostgreSQL cluster",
    )


def _server_bin() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if candidates:
        return Path(candidates[-1])
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(bindir) / "initdb").exists():
            return Path(bindir)
    raise pytest.UsageError(
        "--postgres needs the PostgreSQL server (initdb, pg_ctl): "
        "apt-get install postgresql, or run `make test` as root."
    )


def _as_owner(args: list[str]) -> list[str]:
    # initdb refuses to run as root; the Debian package provides a postgres user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _start() -> str:
    bindir = _server_bin()
    root = Path(tempfile.mkdtemp(prefix="kahui-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    data = root / "data"
    subprocess.run(
        _as_owner(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(
            f"listen_addresses = ''\nunix_socket_directories = '{root}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
    subprocess.run(
        _as_owner(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-s", "start"]
        ),
        check=True,
    )
    _cluster.update(root=root, data=data, bindir=bindir)
    atexit.register(_stop)
    return f"postgres://postgres@{quote(str(root), safe='')}/postgres"


def _stop() -> None:
    if not _cluster:
        return
    subprocess.run(
        _as_owner(
            [
                str(_cluster["bindir"] / "pg_ctl"),
                "-D",
                str(_cluster["data"]),
                "-m",
                "fast",
                "-w",
                "-s",
                "stop",
            ]
        ),
        check=False,
    )
    shutil.rmtree(_cluster["root"], ignore_errors=True)
    _cluster.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args) -> None:
    if "--postgres" in args:
        os.environ["DATABASE_URL"] = _start()


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.getoption("--postgres", default=False):
        return f"database: throwaway PostgreSQL in {_cluster.get('root')}"
    return None


def pytest_unconfigure(config: pytest.Config) -> None:
    _stop()
