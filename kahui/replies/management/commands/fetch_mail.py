from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kahui.replies.mailbox import fetch_mail


class Command(BaseCommand):
    help = "Read replies by email from the IMAP mailbox in KAHUI_IMAP_* once."

    def handle(self, *args, **options) -> None:
        if not settings.KAHUI_IMAP_HOST:
            raise CommandError("Set KAHUI_IMAP_HOST (and KAHUI_REPLY_DOMAIN) to read a mailbox.")
        fetched = fetch_mail()
        self.stdout.write(f"{fetched.handled} emails handled, {fetched.failed} failed.")
