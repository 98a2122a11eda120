"""Consistent backups and restores of the database and uploaded files.

SQLite is copied with its online backup API (a consistent snapshot while Kāhui runs);
PostgreSQL with ``pg_dump --format=custom`` and brought back with ``pg_restore``.
Uploaded files go into a tar archive beside the database snapshot."""

import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class Snapshot:
    folder: Path
    engine: str
    files: int


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} is needed for PostgreSQL backups; install postgresql-client.")


def _pg_run(tool: str, db: dict, *arguments: str) -> None:
    """Run pg_dump or pg_restore on the database ``db`` with ``arguments``."""
    args, env = _pg_env(db)
    result = subprocess.run(
        [_pg_tool(tool), *args, *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def _pg_env(db: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(destination: Path, *, alias: str = "default") -> Snapshot:
    """Write a snapshot of the database and the media folder into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        source = sqlite3.connect(str(db["NAME"]))
        target = sqlite3.connect(str(destination / DB_SQLITE))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif vendor == "postgresql":
        dump = str(destination / DB_POSTGRES)
        _pg_run("pg_dump", db, "--format=custom", "--no-owner", "--file", dump)
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    media = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(destination / MEDIA, "w:gz") as archive:
        if media.exists():
            for path in sorted(media.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media)))
                    files += 1
    (destination / MANIFEST).write_text(
        json.dumps({"engine": vendor, "made_at": datetime.now(UTC).isoformat(), "files": files})
    )
    return Snapshot(folder=destination, engine=vendor, files=files)


def restore(source: Path, *, alias: str = "default") -> Snapshot:
    """Bring back a snapshot made by :func:`backup` (replacing the current data)."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a Kāhui backup: {error}") from None
    connection = connections[alias]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; Kāhui now uses "
            f"{connection.vendor}."
        )
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        snapshot = sqlite3.connect(str(source / DB_SQLITE))
        live = sqlite3.connect(str(db["NAME"]))
        try:
            with live:
                snapshot.backup(live)
        finally:
            live.close()
            snapshot.close()
    else:
        _pg_run(
            "pg_restore",
            db,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(source / DB_POSTGRES),
        )
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(media, filter="data")
    return Snapshot(folder=source, engine=connection.vendor, files=manifest.get("files", 0))
