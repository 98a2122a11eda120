"""Milestones: the first inquiry round completed, a goal met and each year of meeting
are celebrated once, with a notification to the members and a line in the group's
activity that names no one."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.activity import describe
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.groups.signals import goal_met
from kahui.groups.stages import STAGE_ORDER
from kahui.meetings import services as meeting_services
from kahui.notifications.models import Category, Notification
from kahui.notifications.scheduler import tick
from kahui.recognition.milestones import whole_years
from kahui.recognition.models import Celebration, Milestone
from tests.recognition.helpers import held_meeting, members_since

pytestmark = pytest.mark.django_db


def _round(world) -> None:
    for _stage in STAGE_ORDER:
        group_services.group_set_stage(group=world.group, by=world.facilitator)


def test_the_first_round_completed_is_celebrated_once(client, world):
    _round(world)
    world.group.refresh_from_db()
    assert world.group.cycle == 2
    celebration = Celebration.objects.get()
    assert celebration.milestone == Milestone.FIRST_ROUND
    notes = Notification.objects.filter(category=Category.KUDOS)
    assert {note.user for note in notes} == {world.facilitator, world.member}
    assert "completed its first inquiry round" in notes.first().title
    entry = ActivityEntry.objects.get(action="recognition.first_round")
    assert entry.actor is None
    assert entry.group == world.group

    _round(world)  # the second round is not a first
    assert Celebration.objects.count() == 1
    assert notes.count() == 2

    client.force_login(world.member)
    history = client.get(reverse("groups:history", args=[world.group.public_id]))
    assert "The group completed its first inquiry round: a milestone to celebrate" in history.text
    assert "Someone" not in history.text
    page = client.get(reverse("recognition:group", args=[world.group.public_id]))
    assert "First inquiry round completed" in page.text


def test_moving_between_other_stages_celebrates_nothing(world):
    group_services.group_set_stage(group=world.group, by=world.facilitator)
    group_services.group_set_stage(group=world.group, by=world.facilitator, stage="connect")
    assert not Celebration.objects.exists()


def test_a_goal_met_is_celebrated_once_per_goal(client, world):
    goal = world.group.goals.get()
    goal_met.send(sender=type(goal), goal=goal, by=world.member)
    goal_met.send(sender=type(goal), goal=goal, by=world.member)
    celebration = Celebration.objects.get()
    assert (celebration.milestone, celebration.detail) == (Milestone.GOAL_MET, "Daily phonics")
    assert Notification.objects.filter(user=world.member, title__contains="Daily phonics").count()
    client.force_login(world.member)
    history = client.get(reverse("groups:history", args=[world.group.public_id]))
    assert "The group met its goal “Daily phonics”: a milestone to celebrate" in history.text
    # Milestones are part of the charter that overseers follow, like the stage.
    client.force_login(world.coordinator)
    history = client.get(reverse("groups:history", args=[world.group.public_id]))
    assert "The group met its goal “Daily phonics”: a milestone to celebrate" in history.text


@pytest.mark.parametrize(
    ("first", "now", "years"),
    [
        (datetime(2025, 3, 4, tzinfo=UTC), datetime(2026, 3, 3, 23, tzinfo=UTC), 0),
        (datetime(2025, 3, 4, tzinfo=UTC), datetime(2026, 3, 4, tzinfo=UTC), 1),
        (datetime(2024, 2, 29, tzinfo=UTC), datetime(2025, 2, 28, tzinfo=UTC), 1),
        (datetime(2023, 6, 1, tzinfo=UTC), datetime(2026, 5, 31, tzinfo=UTC), 2),
    ],
)
def test_whole_years(first, now, years):
    assert whole_years(first, now) == years


@pytest.mark.clock
def test_a_year_of_meeting_is_celebrated_by_the_scheduler_once(world, time_machine):
    now = timezone.now()
    members_since(world, now - timedelta(days=800))
    held_meeting(world, starts=now - timedelta(days=364), attended=[world.member])
    tick(now)
    assert not Celebration.objects.exists()  # not a year yet

    time_machine.move_to(now + timedelta(days=2))
    report = tick(timezone.now())
    tick(timezone.now())  # the next minute: nothing again
    celebration = Celebration.objects.get()
    assert (celebration.milestone, celebration.key) == (Milestone.YEAR_OF_MEETING, "1")
    assert report.done["years of meeting celebrated"] == 1
    assert Notification.objects.filter(title__contains="meeting for a year").count() == 2

    time_machine.move_to(now + timedelta(days=370))
    tick(timezone.now())
    assert Celebration.objects.filter(key="2").exists()
    latest = ActivityEntry.objects.filter(action="recognition.year_of_meeting").latest("id")
    assert describe(latest) == "the group has been meeting for 2 years: a milestone to celebrate"


@pytest.mark.clock
def test_cancelled_meetings_do_not_make_a_year(world):
    now = timezone.now()
    members_since(world, now - timedelta(days=800))
    meeting = held_meeting(world, starts=now - timedelta(days=400))
    meeting_services.meeting_cancel(meeting=meeting, by=world.facilitator)
    tick(now)
    assert not Celebration.objects.exists()
