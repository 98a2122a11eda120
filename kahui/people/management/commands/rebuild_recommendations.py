"""``kahui rebuild-recommendations``: every profile's and group's recommendation vector
again, after changing KAHUI_SEMANTIC_MODEL or to catch up on changes made while no
worker ran."""

from typing import Any

from django.core.management.base import BaseCommand

from kahui.people.encoders import current_encoder
from kahui.people.services import vectors_rebuild


class Command(BaseCommand):
    help = "Compute every profile's and group's recommendation vector again."

    def handle(self, *args: Any, **options: Any) -> None:
        people, groups = vectors_rebuild()
        self.stdout.write(
            f"{people} people and {groups} groups with {current_encoder().name} vectors."
        )
