"""Actions: they carry over until done, belong to members, have sensible due dates,
and their status changes go back only to safe places; my actions, in pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError
from kahui.meetings import services
from kahui.meetings.models import ActionStatus, Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_actions_carry_over_until_done(client, world, series):
    first, second, third = series[:3]
    action = services.action_add(
        group=world.group,
        by=world.facilitator,
        text="Try talk moves",
        owner=world.member,
        meeting=first,
    )
    Meeting.objects.filter(pk=action.meeting_id).update(starts_at=first.starts_at)
    type(action).objects.filter(pk=action.pk).update(created_at=first.starts_at)
    client.force_login(world.member)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, second.public_id]))
    assert "Try talk moves" in page.content.decode()
    services.action_set_status(action=action, by=world.member, status=ActionStatus.DONE)
    type(action).objects.filter(pk=action.pk).update(completed_at=first.starts_at)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, third.public_id]))
    assert "Try talk moves" not in page.content.decode()
    mine = client.get(reverse("meetings:my_actions")).content.decode()
    assert "Try talk moves" in mine


def test_action_owner_must_be_a_member(world, series):
    with pytest.raises(KahuiError, match="member"):
        services.action_add(
            group=world.group,
            by=world.facilitator,
            text="x",
            owner=world.outsider,
            meeting=series[0],
        )


@pytest.mark.parametrize(
    ("target", "where"),
    [
        ("mine", "my_actions"),
        ("not-a-meeting", "own_meeting"),
        ("https://evil.example/", "own_meeting"),
        ("00000000-0000-0000-0000-000000000000", "own_meeting"),
        ("other_meeting", "other_meeting"),
        ("", "own_meeting"),
    ],
)
def test_action_status_goes_back_only_to_safe_places(client, world, series, target, where):
    action = services.action_add(
        group=world.group, by=world.facilitator, text="Read", meeting=series[0]
    )
    g = world.group.public_id
    places = {
        "my_actions": reverse("meetings:my_actions"),
        "own_meeting": reverse("meetings:detail", args=[g, series[0].public_id]),
        "other_meeting": reverse("meetings:detail", args=[g, series[1].public_id]),
    }
    if target == "other_meeting":
        target = str(series[1].public_id)
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:action_status", args=[g, action.public_id]),
        {"status": "done", "next": target},
    )
    assert response.status_code == 302
    anchor = "" if where == "my_actions" else f"#action-{action.public_id}"
    assert response["Location"] == places[where] + anchor
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_action_status_without_a_meeting_goes_back_to_the_meetings(client, world):
    action = services.action_add(group=world.group, by=world.facilitator, text="Read")
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:action_status", args=[world.group.public_id, action.public_id]),
        {"status": "done", "next": "nonsense"},
    )
    assert response["Location"] == reverse("meetings:list", args=[world.group.public_id])


def test_my_actions_does_not_query_per_action(client, world, series, django_assert_max_num_queries):
    for n in range(8):
        services.action_add(
            group=world.group, by=world.facilitator, text=f"a{n}", owner=world.member
        )
    from kahui.meetings.selectors import actions_of

    with django_assert_max_num_queries(1):
        assert {a.owner.display_name for a in actions_of(world.member)} == {"Mere Member"}
    client.force_login(world.member)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("meetings:my_actions"))
    assert page.content.decode().count("Mere Member") >= 8


@pytest.mark.parametrize(
    ("due", "error"),
    [
        ("1900-01-01", "more than a year ago"),
        ((date.today() - timedelta(days=400)).isoformat(), "more than a year ago"),
        ((date.today() + timedelta(days=6 * 365)).isoformat(), "in the next five years"),
    ],
)
def test_unlikely_due_dates_are_refused_and_the_action_kept(client, world, series, due, error):
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:action_add", args=[world.group.public_id, series[0].public_id]),
        {"text": "Read chapter 3", "due_on": due},
    )
    assert response.status_code == 400
    assert error in response.context["action_form"].errors["due_on"][0]
    assert 'value="Read chapter 3"' in response.content.decode()
    assert not series[0].actions.exists()
    with pytest.raises(KahuiError, match=error):
        services.action_add(
            group=world.group, by=world.member, text="x", due_on=date.fromisoformat(due)
        )


def test_due_dates_show_the_year_when_it_is_not_this_year(client, world, series):
    today = timezone.localdate()
    later = date(today.year + 1, 3, 2)
    services.action_add(
        group=world.group, by=world.member, text="Soon", due_on=today, meeting=series[0]
    )
    services.action_add(
        group=world.group, by=world.member, text="Next year", due_on=later, meeting=series[0]
    )
    client.force_login(world.member)
    page = client.get(
        reverse("meetings:detail", args=[world.group.public_id, series[0].public_id])
    ).content.decode()
    assert f">{today.day} {today:%b}</time>" in page
    assert f">2 Mar {later.year}</time>" in page


@pytest.mark.clock
def test_my_actions_come_in_pages_group_by_group(client, world, django_assert_max_num_queries):
    from tests.conftest import make_group

    other = make_group(world.facilitator, name="Maths hui", members=[world.member])
    for n in range(30):
        services.action_add(
            group=other if n % 2 else world.group,
            by=world.facilitator,
            text=f"Action {n:02d}",
            owner=world.member,
            due_on=timezone.localdate() + timedelta(days=n),
        )
    client.force_login(world.member)
    url = reverse("meetings:my_actions")
    with django_assert_max_num_queries(6):
        first = client.get(url)
    with django_assert_max_num_queries(6):
        second = client.get(url, {"page": "2"})
    assert (len(first.context["actions"]), len(second.context["actions"])) == (25, 5)
    shown = [a.text for page in (first, second) for a in page.context["actions"]]
    assert sorted(shown) == [f"Action {n:02d}" for n in range(30)]
    html = first.content.decode()
    # However the due dates interleave, each group heads one section of a page.
    for group in (world.group, other):
        assert html.count(f'id="g-{group.public_id}"') == 1
    assert 'href="?page=2" rel="next"' in html
