"""When a group reaches a milestone, celebrate it (:func:`~.services.celebrate`).

- The first inquiry round completed: groups sends ``round_finished`` whenever the
  group's round moves on (:mod:`kahui.groups.signals`); the first one is celebrated.
- A goal met: whatever measures goals sends ``goal_met`` (the same module).
- A year of meeting: :func:`years_of_meeting`, a periodic job of ``kahui scheduler``,
  celebrates each whole year since a group's first meeting that took place.

Each milestone is celebrated once per group (and goal, and year)."""

from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kahui.groups.models import Goal, LearningGroup, Status
from kahui.meetings.models import Meeting
from kahui.notifications.scheduler import TickReport
from kahui.recognition.models import Celebration, Milestone
from kahui.recognition.services import celebrate


def on_round_finished(*, group: LearningGroup, finished: int, **_kwargs: Any) -> None:
    if finished == 1:
        celebrate(group=group, milestone=Milestone.FIRST_ROUND, detail=_("The first round"))


def on_goal_met(*, goal: Goal, **_kwargs: Any) -> None:
    celebrate(group=goal.group, milestone=Milestone.GOAL_MET, key=str(goal.pk), detail=goal.text)


def whole_years(first: datetime, now: datetime) -> int:
    """Whole years from ``first`` to ``now`` (a year from 29 February is 28 February)."""
    years = now.year - first.year
    if now < first + relativedelta(years=years):
        years -= 1
    return max(years, 0)


def years_of_meeting(now: datetime, report: TickReport) -> None:
    """Celebrate each whole year since an open group's first meeting that took place
    (not cancelled, and over). Only the latest anniversary is celebrated: a group that
    comes back after two years is not sent two."""
    firsts = (
        Meeting.objects.held()
        .filter(ends_at__lt=now, group__status=Status.ACTIVE)
        .values("group_id")
        .annotate(first=Min("starts_at"))
        .filter(first__lte=now - relativedelta(years=1))
    )
    due = {row["group_id"]: whole_years(row["first"], now) for row in firsts}
    if not due:
        return
    done = set(
        Celebration.objects.filter(
            group_id__in=due, milestone=Milestone.YEAR_OF_MEETING
        ).values_list("group_id", "key")
    )
    for group in LearningGroup.objects.filter(pk__in=due).select_related("organisation"):
        years = due[group.pk]
        if (group.pk, str(years)) in done:
            continue
        detail = ngettext("%(years)d year of meeting", "%(years)d years of meeting", years) % {
            "years": years
        }
        if celebrate(
            group=group, milestone=Milestone.YEAR_OF_MEETING, key=str(years), detail=detail
        ):
            report.done["years of meeting celebrated"] += 1
