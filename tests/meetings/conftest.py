"""Fixtures of the meetings tests."""

import pytest

from kahui.meetings import services
from tests.meetings.helpers import plan


@pytest.fixture
def series(world):
    return services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(rule="FREQ=WEEKLY;INTERVAL=2;COUNT=6")
    )
