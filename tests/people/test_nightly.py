"""The nightly rebuild of the recommendation vectors, queued by the scheduler."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.cache import cache

from kahui.notifications.scheduler import TickReport
from kahui.people import jobs
from kahui.people.models import PersonVector, TextWeights

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_rebuild_is_queued_once_a_day_from_three_utc_whoever_asks(world):
    report = TickReport()
    with mock.patch.object(jobs, "rebuild_recommendations") as task:
        enqueue = task.enqueue
        jobs.nightly_rebuild(datetime(2027, 3, 2, 2, 59, tzinfo=UTC), report)
        assert enqueue.call_count == 0  # not yet
        for minute in range(3):  # a second scheduler, a minute later: nothing more
            jobs.nightly_rebuild(datetime(2027, 3, 2, 3, minute, tzinfo=UTC), report)
        assert enqueue.call_count == 1
        jobs.nightly_rebuild(datetime(2027, 3, 3, 14, 0, tzinfo=UTC), report)  # a tick missed
        assert enqueue.call_count == 2
    assert report.done["recommendations rebuilt"] == 2


def test_the_queued_rebuild_fits_the_weights_and_writes_every_vector(world):
    PersonVector.objects.all().delete()
    TextWeights.objects.all().delete()
    jobs.nightly_rebuild(datetime(2027, 3, 2, 4, 0, tzinfo=UTC), TickReport())
    assert TextWeights.objects.exists()
    assert PersonVector.objects.filter(user=world.member).exists()
