"""The shared timer: who runs it, what start, pause, next step and back do, and the
panel every open page asks for."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups.models import GroupRole
from kahui.meetings import services
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import MeetingClock
from kahui.meetings.services import ClockMove
from tests.conftest import make_meeting, make_user

T0 = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def meeting(world):
    """A meeting with the regular protocol's agenda, the member its timekeeper."""
    meeting = make_meeting(world, template_key="regular")
    return services.duties_assign(
        meeting=meeting,
        by=world.facilitator,
        facilitator=None,
        note_taker=None,
        timekeeper=world.member,
    )


def move(meeting, by, what, at, **kwargs):
    return services.clock_move(meeting=meeting, by=by, move=ClockMove(what), now=at, **kwargs)


def test_start_pause_carry_on_next_and_back(world, meeting):
    first, second = meeting.agenda.all()[:2]
    clock = move(meeting, world.member, "start", T0)
    assert (clock.step, clock.elapsed(T0 + timedelta(seconds=90))) == (0, 90)
    clock = move(meeting, world.member, "pause", T0 + timedelta(seconds=90))
    assert not clock.is_running
    assert clock.elapsed(T0 + timedelta(hours=1)) == 90  # a pause stops the time
    clock = move(meeting, world.member, "start", T0 + timedelta(seconds=200))
    assert clock.elapsed(T0 + timedelta(seconds=210)) == 100
    clock = move(meeting, world.facilitator, "next", T0 + timedelta(seconds=300))
    assert (clock.step, clock.elapsed(T0 + timedelta(seconds=330))) == (1, 30)
    clock = move(meeting, world.member, "back", T0 + timedelta(seconds=400))
    assert (clock.step, clock.elapsed(T0 + timedelta(seconds=410)), clock.is_running) == (
        0,
        10,
        True,
    )
    assert first.position < second.position


def test_the_end_of_the_agenda_and_back_again(world, meeting):
    steps = meeting.agenda.count()
    move(meeting, world.member, "start", T0)
    for n in range(steps):
        clock = move(meeting, world.member, "next", T0 + timedelta(minutes=n + 1))
    assert clock.step == steps
    assert not clock.is_running
    with pytest.raises(KahuiError):
        move(meeting, world.member, "next", T0 + timedelta(hours=1))
    clock = move(meeting, world.member, "back", T0 + timedelta(hours=1))
    assert (clock.step, clock.is_running) == (steps - 1, True)
    actions = list(
        ActivityEntry.objects.filter(group=world.group, action__startswith="meeting.clock")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    # Only the first start and the end are logged, not every move between steps.
    assert actions == [MeetingActivity.CLOCK_STARTED, MeetingActivity.CLOCK_FINISHED]


def test_two_presses_of_next_for_the_same_step_move_it_once(world, meeting):
    move(meeting, world.member, "start", T0)
    move(meeting, world.member, "next", T0, seen_step=0)
    clock = move(meeting, world.facilitator, "next", T0, seen_step=0)
    assert clock.step == 1


def test_only_the_timekeeper_and_facilitators_run_the_timer(world, meeting):
    other = make_user("other@kowhai.example", "Oti Other")
    world.group.memberships.create(user=other, role=GroupRole.MEMBER)
    with pytest.raises(NotAllowed):
        move(meeting, other, "start", T0)
    assert not MeetingClock.objects.exists()
    move(meeting, world.facilitator, "start", T0)  # a facilitator of the group


def test_nothing_moves_before_a_start_or_on_a_cancelled_meeting(world, meeting):
    with pytest.raises(KahuiError):
        move(meeting, world.member, "next", T0)
    services.meeting_cancel(meeting=meeting, by=world.facilitator)
    with pytest.raises(KahuiError):
        move(meeting, world.member, "start", T0)


def test_the_panel_shows_the_step_and_the_time_over(client, world, meeting, time_machine):
    time_machine.move_to(T0, tick=False)
    first = meeting.agenda.first()
    move(meeting, world.member, "start", T0)
    time_machine.move_to(T0 + timedelta(minutes=first.minutes, seconds=75), tick=False)
    client.force_login(world.facilitator)
    url = reverse("meetings:clock", args=[world.group.public_id, meeting.public_id])
    html = client.get(url).content.decode()
    assert first.title in html
    assert f'data-elapsed="{first.minutes * 60 + 75}"' in html
    assert "is-over" in html
    assert "+01:15" in html
    assert "data-over-note hidden" not in html


def test_watchers_see_no_controls(client, world, meeting):
    other = make_user("other@kowhai.example", "Oti Other")
    world.group.memberships.create(user=other, role=GroupRole.MEMBER)
    client.force_login(other)
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    html = client.get(url).content.decode()
    assert "data-timekeeper" in html
    assert "Not started yet" in html
    assert 'name="move"' not in html
    response = client.post(
        reverse("meetings:clock_move", args=[world.group.public_id, meeting.public_id]),
        {"move": "start"},
    )
    assert response.status_code == 403


def test_a_plain_form_moves_the_timer_and_comes_back_to_the_agenda(client, world, meeting):
    client.force_login(world.member)
    url = reverse("meetings:clock_move", args=[world.group.public_id, meeting.public_id])
    response = client.post(url, {"move": "start"})
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda")
    response = client.post(url, {"move": "next", "step": "0"}, headers={"HX-Request": "true"})
    second = meeting.agenda.all()[1]
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="clock"' in html
    assert second.title in html
    # Without JavaScript the page shows where the meeting is.
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    assert 'class="is-current" aria-current="step"' in page.content.decode()
    assert client.post(url, {"move": "sideways"}).status_code == 400


def test_a_refused_move_is_said_in_the_panel(client, world, meeting):
    client.force_login(world.member)
    url = reverse("meetings:clock_move", args=[world.group.public_id, meeting.public_id])
    response = client.post(url, {"move": "next"}, headers={"HX-Request": "true"})
    assert "Start the timer first." in response.content.decode()


def test_the_panel_costs_few_queries(client, world, meeting, django_assert_max_num_queries):
    move(meeting, world.member, "start", T0)
    client.force_login(world.member)
    url = reverse("meetings:clock", args=[world.group.public_id, meeting.public_id])
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
