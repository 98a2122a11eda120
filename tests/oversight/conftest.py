"""Fixtures of the oversight tests: groups with meetings and attendance in the past."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from kahui.meetings.models import Attendance, Meeting
from tests.conftest import make_group, make_user


def past_meeting(group, days_ago: int, *, present=(), absent=(), minutes: int = 60) -> Meeting:
    """A held meeting of ``group`` ``days_ago`` days before now, with its attendance."""
    starts = timezone.now() - timedelta(days=days_ago)
    meeting = Meeting.objects.create(
        group=group,
        title="Hui",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        time_zone="Pacific/Auckland",
    )
    for user in present:
        Attendance.objects.create(
            meeting=meeting, user=user, status="present", minutes_attended=minutes
        )
    for user in absent:
        Attendance.objects.create(meeting=meeting, user=user, status="absent")
    return meeting


def bare_meeting(group, days_ahead: int) -> Meeting:
    """A meeting ``days_ahead`` days from now with no agenda and no duties yet."""
    starts = timezone.now() + timedelta(days=days_ahead)
    return Meeting.objects.create(
        group=group,
        title="Next hui",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        time_zone="Pacific/Auckland",
    )


def add_groups(world, count: int, *, meetings: int = 3, prefix: str = "g"):
    """``count`` more groups of the world's school, each with a few members and past
    meetings a fortnight apart."""
    groups = []
    for n in range(count):
        facilitator = make_user(f"{prefix}f{n}@many.example", f"Facilitator {n}")
        members = [make_user(f"{prefix}m{n}-{i}@many.example", f"Member {n}-{i}") for i in range(3)]
        group = make_group(
            facilitator, name=f"Group {prefix}{n:03}", organisation=world.school, members=members
        )
        for m in range(meetings):
            past_meeting(group, 14 * (m + 1), present=members[:2], absent=members[2:])
        groups.append(group)
    return groups


@pytest.fixture
def moment(time_machine):
    time_machine.move_to(datetime(2027, 5, 12, 3, 0, tzinfo=timezone.UTC))
    return timezone.now()
