import pytest

from kahui.api import services
from kahui.api.models import TokenScope


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def read_secret(world) -> str:
    """A read-only token of the group's member."""
    _token, secret = services.token_create(user=world.member, name="Reader")
    return secret


@pytest.fixture
def write_secret(world) -> str:
    """A read-and-write token of the group's member."""
    _token, secret = services.token_create(user=world.member, name="Writer", scope=TokenScope.WRITE)
    return secret


def make_poll(world):
    """A poll of the world's group with one option, five days on."""
    from datetime import date, time, timedelta

    from kahui.scheduling import services as scheduling_services

    return scheduling_services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="When?",
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling_services.OptionPlan(
                day=date.today() + timedelta(days=5),
                start=time(16, 0),
                duration_minutes=60,
                format="online",
            )
        ],
    )
