import pytest
from django.core.management import call_command
from django.urls import reverse

from kahui.accounts.models import User
from kahui.demo.data.programmes import MATHS, TRAJECT
from kahui.groups.models import GroupKind, Status
from kahui.programmes.models import Phase, Programme
from kahui.programmes.selectors import is_agreed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_demo_has_a_programme_in_each_country_at_different_phases(client):
    call_command("seed_demo", stdout=None)
    # (the demo's coaching stories bring a programme of their own in each country)
    maths = Programme.objects.get(organisation__country="NZ", name=MATHS.name)
    traject = Programme.objects.get(organisation__country="NL", name=TRAJECT.name)
    assert maths.phase == Phase.SUPPORTED
    assert traject.phase == Phase.KICK_OFF
    assert traject.partnership == "primary_secondary"
    for programme in (maths, traject):
        versions = list(programme.proposal_versions.all())
        assert len(versions) == 2
        assert all(version.comments.exists() for version in versions)
        assert is_agreed(versions[0])
        assert not versions[1].agreements.exists()
        assert programme.groups.exists()
        assert programme.coaches.exists()
        assert programme.kickoff.answers.exists()
        assert programme.intake.aim
    assert set(maths.groups.values_list("status", flat=True)) == {Status.ACTIVE}
    assert set(traject.groups.values_list("status", flat=True)) == {Status.DRAFT}
    for programme in (maths, traject):
        circle = programme.circles.get()
        assert circle.kind == GroupKind.INTERVISIE
        assert circle.meetings.exists()

    runner = User.objects.get(email="mereana.rameka@waitahacoast.example")
    client.force_login(runner)
    for name in ("detail", "intake", "proposal", "kickoff"):
        response = client.get(reverse(f"programmes:{name}", args=[maths.public_id]))
        assert response.status_code == 200, name
    assert "Maths talk across Waitaha Coast" in client.get(reverse("programmes:list")).text
