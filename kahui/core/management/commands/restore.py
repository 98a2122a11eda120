"""``kahui restore FOLDER``: bring back a snapshot made by ``kahui backup``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kahui.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and uploaded files with a snapshot from `kahui backup`."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder: str, yes: bool, **options):
        if not yes:
            answer = input("This replaces all current data. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was changed.")
        try:
            snapshot = restore(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the {snapshot.engine} database and {snapshot.files} files.")
