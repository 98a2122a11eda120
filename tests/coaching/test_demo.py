"""The demo's coaching: in each country a coach and a facilitator with notes both
ways, a request answered and one open, and an observation shared and debriefed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kahui.coaching import access
from kahui.coaching.models import AdviceRequest, AdviceStatus, CoachingNote, Observation
from kahui.core.models import ActivityEntry

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_demo_coaches_a_facilitator_in_each_country():
    call_command("seed_demo", stdout=StringIO())
    now = timezone.now()
    observations = Observation.objects.select_related("meeting__group__organisation")
    assert {o.meeting.group.organisation.country for o in observations} == {"NZ", "NL"}
    for observation in observations:
        coach, facilitator = observation.coach, observation.facilitator
        assert access.coaches(coach, facilitator)
        assert not observation.meeting.group.memberships.filter(user=coach).exists()
        assert observation.is_shared
        assert observation.is_done
        assert observation.reflection
        assert observation.steps.exclude(went_well="", question="", suggestion="").exists()
        assert observation.shared_at <= now
        assert observation.debrief_done_at <= now
        notes = CoachingNote.objects.of_pair(coach, facilitator)
        assert {note.author for note in notes} == {coach, facilitator}
        assert not notes.filter(created_at__gt=now).exists()
        requests = AdviceRequest.objects.of_pair(coach, facilitator)
        assert {r.status for r in requests} == {AdviceStatus.OPEN, AdviceStatus.ANSWERED}
    dutch = observations.get(meeting__group__organisation__country="NL")
    assert "structuur" in dutch.reflection
    logged = ActivityEntry.objects.filter(action__startswith="coaching.")
    assert logged.exists()
    assert not logged.filter(group__isnull=False).exists()
    assert not logged.filter(organisation__isnull=False).exists()
