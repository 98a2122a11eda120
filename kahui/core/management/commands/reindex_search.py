"""``kahui reindex-search``: empty the search index and index everything again, after
an upgrade changed what is indexed or how (plain text from Markdown, dates, new kinds
such as meetings, people and groups)."""

from typing import Any

from django.core.management.base import BaseCommand

from kahui.core import search


class Command(BaseCommand):
    help = "Index every searchable thing again."

    def handle(self, *args: Any, **options: Any) -> None:
        made = search.reindex_all()
        for kind, count in made.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"{sum(made.values())} documents indexed.")
