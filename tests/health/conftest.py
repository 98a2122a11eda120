"""Fixtures of the health check tests: the world's group grown to six members, and
answers to give."""

import pytest

from kahui.health.results import CONDITIONS
from tests.conftest import make_user


def scores(level: int = 3, **levels: int) -> dict[str, int]:
    """An answer: ``level`` for every condition but those given by name."""
    return {key: levels.get(key, level) for key in CONDITIONS}


@pytest.fixture
def team(world):
    """The world's facilitator and member, and four more members: six in all."""
    more = [
        make_user(f"{name.lower()}@kowhai.example", f"{name} Teacher", organisation=world.school)
        for name in ("Hana", "Ihaia", "Jade", "Kiri")
    ]
    for user in more:
        world.group.memberships.create(user=user)
    return [world.facilitator, world.member, *more]
