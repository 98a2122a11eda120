"""When groups meet, for Explore's filters and cards.

A group's meetings belong to the meetings app, which sits above groups: it tells
Explore when groups meet through :data:`meeting_times` (filled in its
``AppConfig.ready``), as the local weekday and start time of each coming meeting in
the time zone it is held in. A group meets on a day, at a part of the day and in a
time zone when one of its coming meetings does."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import time

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kahui.core.registry import Registry


@dataclass(frozen=True)
class MeetingTime:
    """One coming meeting of a group, on its own wall clock."""

    group_id: int
    weekday: int  # Monday is 0, as date.weekday()
    starts: time
    time_zone: str


# Each entry takes a queryset of groups and gives the MeetingTime of their coming
# meetings, in one query however many groups there are.
meeting_times: Registry[Callable[[QuerySet], Iterable[MeetingTime]]] = Registry(
    "when groups meet, for Explore"
)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PartOfDay(models.TextChoices):
    BEFORE_SCHOOL = "before_school", _("Before school (before 9:00)")
    SCHOOL_DAY = "school_day", _("During the school day (9:00–15:00)")
    AFTER_SCHOOL = "after_school", _("After school (15:00–17:00)")
    EVENING = "evening", _("Evening (from 17:00)")


def part_of_day(starts: time) -> PartOfDay:
    """The part of the day a meeting starting at ``starts`` (local time) falls in."""
    if starts < time(9):
        return PartOfDay.BEFORE_SCHOOL
    if starts < time(15):
        return PartOfDay.SCHOOL_DAY
    if starts < time(17):
        return PartOfDay.AFTER_SCHOOL
    return PartOfDay.EVENING


def coming_meetings(groups: QuerySet) -> list[MeetingTime]:
    """When ``groups`` meet next, from every app that holds meetings."""
    return [found for entry in meeting_times for found in entry(groups)]


def groups_meeting(
    times: Iterable[MeetingTime],
    *,
    weekday: int | None = None,
    part: str = "",
    time_zone: str = "",
) -> set[int]:
    """The ids of the groups with a coming meeting on ``weekday``, in ``part`` of the
    day and in ``time_zone`` (each only when given), all three at the same meeting."""
    return {
        found.group_id
        for found in times
        if (weekday is None or found.weekday == weekday)
        and (not part or part_of_day(found.starts) == part)
        and (not time_zone or found.time_zone == time_zone)
    }
