import pytest

from kahui.api import services
from kahui.api.models import TokenScope
from tests.conftest import make_poll  # noqa: F401 (the API tests' poll)


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


# Half past nine on 2 March 2026 (UTC), in the middle of a minute.
RATE_CLOCK = 1_772_443_830.0


@pytest.fixture(autouse=True)
def _rate_clock(monkeypatch):
    """The rate limit counts per window of the clock (each minute for "600/m"): the API
    tests pin its clock, so no window ends between two requests of a test."""
    from kahui.api.throttling import PerCaller

    monkeypatch.setattr(PerCaller, "timer", staticmethod(lambda: RATE_CLOCK))
