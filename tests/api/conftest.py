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
