import pytest

from kahui.webhooks import services
from kahui.webhooks.models import EventType
from tests.webhooks.receiver import serve


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = True


@pytest.fixture
def receiver():
    """A receiver that answers 200 unless a test changes its script."""
    state, stop = serve()
    yield state
    stop()


@pytest.fixture
def hook(world, receiver):
    """An endpoint of the world's school, listening for every event, at ``receiver``."""
    return services.endpoint_create(
        organisation=world.school,
        by=world.admin,
        url=receiver.url,
        events=list(EventType.values),
    )
