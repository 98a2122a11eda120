"""The demo's supporters: an RTLB in Aotearoa and a coach in the Netherlands, each
supporting groups, and one invitation waiting for an answer."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kahui.groups.models import GroupSupporter
from kahui.inquiry.models import StageComment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_demo_has_supporters_in_both_countries(client):
    call_command("seed_demo", stdout=StringIO())
    active = GroupSupporter.objects.active().select_related("user__profile", "group")
    assert {s.role_note for s in active} == {"RTLB", "Coach"}
    coach = next(s for s in active if s.role_note == "Coach")
    assert coach.group.name.startswith("PLG Rekentaal")  # the Dutch network's PLG
    rtlb = next(s.user for s in active if s.group.name == "From early learning to school")
    assert active.filter(user=rtlb).count() == 2
    # an RTLB supports a group the cluster's maths programme made, too
    assert active.filter(group__programmes__name__startswith="Maths talk").exists()
    pending = GroupSupporter.objects.filter(accepted_at=None, revoked_at=None)
    assert pending.count() == 1
    assert StageComment.objects.filter(author__in=[s.user for s in active]).exists()

    client.force_login(rtlb)
    page = client.get(reverse("dashboard:home")).content.decode()
    for support in active.filter(user=rtlb):
        assert support.group.name in page
    # The Dutch network's coordinator coaches its PLG: they open its meetings too.
    client.force_login(coach.user)
    meetings = reverse("meetings:list", args=[coach.group.public_id])
    assert client.get(meetings).status_code == 200
    invited = pending.get().user
    client.force_login(invited)
    assert pending.get().group.name in client.get(reverse("groups:supporting")).content.decode()
