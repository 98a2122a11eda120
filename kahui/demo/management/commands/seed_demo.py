"""``kahui seed-demo``: a demo cluster with educators and learning groups to explore."""

from django.core.management.base import BaseCommand, CommandError

from kahui.demo.builder import DemoConflict, DemoSummary, build_demo


class Command(BaseCommand):
    help = (
        "Fill the database with a believable demo: a New Zealand learning-support cluster "
        "and a Dutch network, 60 educators and 6 learning groups. Safe to run again: once "
        "the demo exists it only prints the log-ins."
    )

    def handle(self, *args, **options) -> None:
        try:
            summary = build_demo()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.render(summary))

    def render(self, summary: DemoSummary) -> str:
        if summary.created:
            head = self.style.SUCCESS(
                f"Demo ready: {summary.organisations} organisations, {summary.educators} "
                f"educators, {summary.groups} learning groups."
            )
        else:
            head = "The demo is already in place; nothing was changed."
        rows = [("Who", "Name", "Email", "Try")] + [
            (login.who, login.name, login.email, login.note) for login in summary.logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths) + "  ---")
        return "\n".join(
            [
                head,
                "",
                *lines,
                "",
                f"Every demo account uses the password: {summary.password}",
                f"Sign in at {summary.url}",
            ]
        )
