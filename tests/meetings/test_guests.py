"""Guests: what a guest's link shows, and withdrawing it."""

import pytest
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.meetings import services
from kahui.meetings.activity import MeetingActivity

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_guest_sees_agenda_and_materials_only(client, world, series):
    meeting = series[0]
    meeting.materials = "Read **chapter 3**"
    meeting.save()
    services.minutes_save(meeting=meeting, by=world.member, text="Private minutes", version=0)
    guest = services.guest_invite(
        meeting=meeting, by=world.facilitator, name="Dr Rua", email="rua@uni.example"
    )
    page = client.get(reverse("meetings:guest", args=[guest.token])).content.decode()
    assert "Check-in" in page
    assert "<strong>chapter 3</strong>" in page
    assert "Private minutes" not in page
    services.guest_revoke(guest=guest, by=world.facilitator)
    assert client.get(reverse("meetings:guest", args=[guest.token])).status_code == 404


def test_withdrawing_a_guest_asks_first(client, world, series):
    meeting = series[0]
    guest = services.guest_invite(
        meeting=meeting, by=world.facilitator, name="Dr Rua O'Neill", email="rua@uni.example"
    )
    detail = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    url = reverse(
        "meetings:guest_revoke", args=[world.group.public_id, meeting.public_id, guest.public_id]
    )
    guest_page = reverse("meetings:guest", args=[guest.token])
    client.force_login(world.facilitator)
    assert f'href="{url}"' in client.get(detail).content.decode()
    assert client.post(url)["Location"] == url
    assert client.get(guest_page).status_code == 200
    page = client.get(url).content.decode()
    assert "Withdraw Dr Rua O&#x27;Neill&#x27;s invitation?" in page
    assert 'name="confirm" value="yes"' in page
    assert client.post(url, {"confirm": "yes"})["Location"] == f"{detail}#guests"
    assert client.get(guest_page).status_code == 404
    assert ActivityEntry.objects.filter(action=MeetingActivity.GUEST_REVOKED).exists()
    # members who do not facilitate cannot reach the question
    client.force_login(world.member)
    assert client.get(url).status_code == 403
