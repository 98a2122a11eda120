"""Calendar feeds: moved and cancelled meetings in iCalendar, new addresses, and a
person's feed holding only their own groups."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from kahui.meetings import services
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_moved_and_cancelled_meetings_in_ics(client, world, series):
    services.meeting_cancel(meeting=series[1], by=world.facilitator, reason="Teacher only day")
    services.meeting_move(
        meeting=series[2],
        by=world.facilitator,
        start_date=series[2].starts_at.date() + timedelta(days=1),
        start_time=time(9, 0),
        duration_minutes=90,
        location="Hall",
        online_url="",
        format="in_person",
    )
    client.force_login(world.member)
    url = reverse("meetings:group_calendar", args=[world.group.public_id])
    client.post(url, {"address": "yes"})
    token = client.get(url).context["feed"].token
    client.logout()
    response = client.get(reverse("meetings:feed", args=[token]))
    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 6
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Pacific/Auckland"
    assert str(events[1]["STATUS"]) == "CANCELLED"
    assert events[2].decoded("dtstart").hour == 9
    assert {e["DTSTART"].params["TZID"] for e in events} == {"Pacific/Auckland"}
    assert {e.decoded("dtstart").hour for e in events if e is not events[2]} == {15}


@pytest.mark.parametrize("of_group", [False, True])
def test_a_new_calendar_address_is_made_only_once_confirmed(client, world, of_group):
    group = world.group if of_group else None
    args = [world.group.public_id] if of_group else []
    page_url = reverse("meetings:group_calendar" if of_group else "meetings:calendar", args=args)
    url = reverse(
        "meetings:group_calendar_renew" if of_group else "meetings:calendar_renew", args=args
    )
    old = services.feed_for(user=world.member, group=group)
    client.force_login(world.member)
    assert f'href="{url}"' in client.get(page_url).content.decode()
    # the button of an older page, or a bare POST, only leads to the question
    assert client.post(page_url)["Location"] == url
    assert client.post(url)["Location"] == url
    assert client.get(reverse("meetings:feed", args=[old.token])).status_code == 200
    page = client.get(url).content.decode()
    assert "Make a new calendar address?" in page
    assert 'name="confirm" value="yes"' in page
    assert client.post(url, {"confirm": "yes"})["Location"] == page_url
    assert client.get(reverse("meetings:feed", args=[old.token])).status_code == 404
    new = services.feed_for(user=world.member, group=group)
    assert new.token != old.token
    assert client.get(reverse("meetings:feed", args=[new.token])).status_code == 200


def test_user_feed_only_has_own_groups(client, world, series):
    other = make_user("z@else.example")
    from tests.conftest import make_group

    make_group(other, name="Secret group")
    feed = services.feed_for(user=world.member)
    body = client.get(reverse("meetings:feed", args=[feed.token])).content.decode()
    assert "Structured literacy" in body
    assert "Secret group" not in body
