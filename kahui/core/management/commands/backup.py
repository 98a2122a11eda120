"""``kahui backup [FOLDER]``: a consistent snapshot of the database and uploaded files."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kahui.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database and uploaded files."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            help="Where to write it (default: KAHUI_DATA_DIR/backups/<date-time>).",
        )

    def handle(self, *args, folder: str | None, **options):
        target = (
            Path(folder)
            if folder
            else (
                Path(settings.DATA_DIR) / "backups" / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            )
        )
        try:
            snapshot = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up the {snapshot.engine} database and {snapshot.files} files to {target}"
        )
