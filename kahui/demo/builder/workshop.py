"""What the parts of the build (a group's story, its meetings, its sharing) are handed:
the shared calendars, timeline and random draw, and the people, organisations and
focus areas made so far. :class:`~.build.Builder` is one; the parts need no more of it."""

import random
from typing import Protocol

from kahui.accounts.models import User
from kahui.core.models import FocusArea
from kahui.demo.builder.timeline import Timeline
from kahui.demo.data.calendars import SchoolCalendar
from kahui.orgs.models import Organisation


class Workshop(Protocol):
    calendars: tuple[SchoolCalendar, ...]
    timeline: Timeline
    rng: random.Random
    users: dict[str, User]
    orgs: dict[str, Organisation]
    areas: dict[str, FocusArea]
