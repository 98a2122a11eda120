"""Reviewing the group's agreements at a meeting."""

import pytest
from django.urls import reverse

from kahui.meetings import services
from tests.meetings.helpers import held

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_norm_review_prompt_goes_away_when_recorded(client, world, series):
    held(series[0], days_ago=75)
    client.force_login(world.member)
    url = reverse("meetings:detail", args=[world.group.public_id, series[0].public_id])
    assert "Review due this term" in client.get(url).content.decode()
    client.post(
        reverse("meetings:norms_reviewed", args=[world.group.public_id, series[0].public_id]),
        {"note": "Kept all"},
    )
    assert "Review due this term" not in client.get(url).content.decode()


def test_a_norm_review_note_over_the_limit_is_kept(client, world, series):
    held(series[0], days_ago=75)
    note = "We changed how we share airtime so that everyone speaks. " * 10
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:norms_reviewed", args=[world.group.public_id, series[0].public_id]),
        {"note": note.strip()},
    )
    assert response.status_code == 400
    assert f'value="{note.strip()}"' in response.content.decode()
    assert not world.group.norm_reviews.exists()


def test_a_new_group_is_prompted_to_review_its_agreements_only_after_a_term(client, world, series):
    client.force_login(world.member)
    url = reverse("meetings:detail", args=[world.group.public_id, series[1].public_id])
    assert "Review due this term" not in client.get(url).content.decode()  # first meeting
    held(series[0], days_ago=30)
    assert "Review due this term" not in client.get(url).content.decode()
    services.meeting_cancel(meeting=held(series[2], days_ago=80), by=world.facilitator)
    assert "Review due this term" not in client.get(url).content.decode()  # never met then
    held(series[0], days_ago=71)
    assert "Review due this term" in client.get(url).content.decode()
