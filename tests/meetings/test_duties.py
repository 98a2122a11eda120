"""Rotating duties: the note-taker and timekeeper in turn, and the timekeeper's view."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kahui.meetings import services
from kahui.meetings.rotation import suggest_duties
from tests.meetings.helpers import held

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_duties_rotate_in_turn():
    members = ["ana", "ben", "cam", "dee"]
    note_takers: list = []
    timekeepers: list = []
    for _ in range(4):
        note, keeper = suggest_duties(members, note_takers, timekeepers)
        note_takers.append(note)
        timekeepers.append(keeper)
    assert sorted(note_takers) == members
    assert sorted(timekeepers) == members


@given(
    members=st.lists(st.integers(0, 50), min_size=2, max_size=12, unique=True),
    history=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=30),
)
def test_note_taker_and_timekeeper_are_two_different_members(members, history):
    note, keeper = suggest_duties(members, [h[0] for h in history], [h[1] for h in history])
    assert note in members
    assert keeper in members
    assert note != keeper


def test_duties_suggested_when_rotating(world, series):
    first = series[0]
    assert first.note_taker_id is not None
    assert first.note_taker_id != first.timekeeper_id


def test_timekeeper_is_offered_only_before_and_during_the_meeting(client, world, series):
    client.force_login(world.member)

    def page(meeting):
        url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
        return client.get(url).content.decode()

    upcoming = page(series[1])
    assert "data-timekeeper" in upcoming
    assert "Not started yet" in upcoming
    past = page(held(series[0]))
    assert "Check-in" in past  # the agenda is still there
    assert "data-timekeeper" not in past
    services.meeting_cancel(meeting=series[2], by=world.facilitator)
    assert "data-timekeeper" not in page(series[2])
