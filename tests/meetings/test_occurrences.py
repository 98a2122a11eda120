"""One meeting of a series: its page and the meetings list (with their query counts),
moving, changing, cancelling and restoring it."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError
from kahui.meetings import services
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import Meeting
from tests.conftest import make_user
from tests.meetings.helpers import _take_place, held, plan

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_meeting_pages_query_counts(client, world, series, django_assert_max_num_queries):
    for n in range(6):
        user = make_user(f"q{n}@kowhai.example")
        world.group.memberships.create(user=user)
        services.action_add(
            group=world.group, by=world.facilitator, text=f"a{n}", owner=user, meeting=series[0]
        )
        services.decision_record(meeting=series[0], by=world.facilitator, text=f"d{n}")
    client.force_login(world.facilitator)
    g = world.group.public_id
    with django_assert_max_num_queries(30):
        assert (
            client.get(reverse("meetings:detail", args=[g, series[0].public_id])).status_code == 200
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("meetings:list", args=[g])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("meetings:my_actions")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("meetings:pd_hours")).status_code == 200


def test_present_count_is_not_multiplied_by_decisions(client, world, series):
    meeting = held(series[0])
    services.attendance_record(
        meeting=meeting,
        by=world.facilitator,
        rows=[
            services.AttendanceRow(user_id=world.member.pk, status="present", minutes_attended=60),
            services.AttendanceRow(
                user_id=world.facilitator.pk, status="present", minutes_attended=60
            ),
        ],
    )
    for text in ("one", "two", "three"):
        services.decision_record(meeting=meeting, by=world.facilitator, text=text)
    from kahui.meetings.selectors import meetings_of

    assert meetings_of(world.group).get(pk=meeting.pk).present == 2


def test_a_meeting_cannot_be_moved_into_the_past(client, world, series):
    meeting = series[0]
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    yesterday = timezone.now().astimezone(ZoneInfo(meeting.time_zone)) - timedelta(days=1)
    fields = {
        "action": "move",
        "title": meeting.title,
        "start_time": "15:30",
        "duration_minutes": "60",
        "format": "in_person",
        "location": "Hall",
    }
    response = client.post(url, {**fields, "start_date": yesterday.date().isoformat()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "A meeting cannot be moved into the past." in page
    assert 'value="Hall"' in page  # what was typed stays
    before = meeting.starts_at
    meeting.refresh_from_db()
    assert meeting.starts_at == before
    assert meeting.location == "Library"
    with pytest.raises(KahuiError, match="into the past"):
        services.meeting_move(
            meeting=meeting,
            by=world.facilitator,
            start_date=yesterday.date(),
            start_time=time(15, 30),
            duration_minutes=60,
            location="Hall",
            online_url="",
            format="in_person",
        )
    # A meeting that took place can still have its room corrected.
    past = held(series[1])
    local = past.starts_at.astimezone(ZoneInfo(past.time_zone))
    response = client.post(
        reverse("meetings:edit", args=[world.group.public_id, past.public_id]),
        {
            **fields,
            "start_date": local.date().isoformat(),
            "start_time": local.strftime("%H:%M:%S.%f"),
        },
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.location == "Hall"


def test_meeting_list_counts_attendance_only_where_it_was_recorded(client, world, series):
    recorded, unrecorded = held(series[0], days_ago=3), held(series[1], days_ago=2)
    services.attendance_record(
        meeting=recorded,
        by=world.facilitator,
        rows=[services.AttendanceRow(world.member.pk, "present", 60)],
    )
    client.force_login(world.member)
    page = client.get(reverse("meetings:list", args=[world.group.public_id]))
    html = page.content.decode()
    upcoming = html[html.index('id="upcoming-title"') : html.index('id="past-title"')]
    past = html[html.index('id="past-title"') :]
    assert "present" not in upcoming
    assert past.count(" present") == 1
    assert "1 present" in past
    assert unrecorded.title in past
    assert "0 present" not in html


def test_cancelling_a_meeting_asks_first(client, world, series):
    meeting = series[0]
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    page = client.post(url, {"action": "cancel", "reason": "Teacher only day"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cancel this meeting?" in html
    assert 'name="confirmed" value="yes"' in html
    assert 'name="reason" value="Teacher only day"' in html
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    response = client.post(
        url, {"action": "cancel", "reason": "Teacher only day", "confirmed": "yes"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancel_reason == "Teacher only day"


def test_restoring_a_cancelled_meeting_tells_the_members(client, world, series):
    from kahui.notifications.models import Notification

    meeting = series[0]
    services.meeting_cancel(meeting=meeting, by=world.facilitator, reason="Teacher only day")
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    response = client.post(url, {"action": "restore"}, follow=True)
    assert "Meeting restored." in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    titles = list(Notification.objects.filter(user=world.member).values_list("title", flat=True))
    assert f"Back on: {meeting.title}" in titles
    assert not Notification.objects.filter(
        user=world.facilitator, title__startswith="Back on"
    ).exists()


def test_restoring_a_meeting_that_is_not_cancelled_is_refused(client, world, series):
    from kahui.core.models import ActivityEntry
    from kahui.notifications.models import Notification

    meeting = series[0]
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    response = client.post(url, {"action": "restore"}, follow=True)
    page = response.content.decode()
    assert "Meeting restored." not in page
    assert "This meeting is not cancelled" in page
    assert not ActivityEntry.objects.filter(action=MeetingActivity.RESTORED).exists()
    assert not Notification.objects.filter(title__startswith="Back on").exists()


def test_one_meetings_title_and_materials_can_be_changed(client, world, series):
    from kahui.core.models import ActivityEntry
    from kahui.notifications.models import Notification

    meeting = series[1]
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    page = client.get(url).content.decode()
    assert f'value="{meeting.title}"' in page
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.time_zone))
    fields = {
        "action": "move",
        "start_date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "duration_minutes": str(meeting.duration_minutes),
        "format": "in_person",
        "location": meeting.location,
    }
    response = client.post(url, {**fields, "title": "", "materials": "Chapter 4"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Chapter 4" in response.content.decode()  # what was typed stays
    response = client.post(
        url,
        {
            **fields,
            "title": "Guest speaker: Dr Ngata",
            "materials": "Read [chapter 4](https://example.org)",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Guest speaker: Dr Ngata"
    assert meeting.materials == "Read [chapter 4](https://example.org)"
    assert Meeting.objects.get(pk=series[2].pk).title == "Hui"  # the rest of the series
    entry = ActivityEntry.objects.filter(action=MeetingActivity.CHANGED).latest("id")
    assert set(entry.changes) == {"title", "materials"}
    assert Notification.objects.filter(
        user=world.member, title="Changed: Guest speaker: Dr Ngata"
    ).exists()
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    assert 'href="https://example.org"' in page.content.decode()


@pytest.mark.clock
def test_the_meetings_list_pages_upcoming_and_past_meetings(
    client, world, django_assert_max_num_queries
):
    meetings = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(rule="FREQ=DAILY;COUNT=60", template=None),
    )
    _take_place(meetings[:35], timezone.now())
    held_ids = [m.pk for m in meetings[:35]]  # newest first
    upcoming_ids = [m.pk for m in meetings[35:]]  # soonest first
    client.force_login(world.member)
    url = reverse("meetings:list", args=[world.group.public_id])
    with django_assert_max_num_queries(10):
        first = client.get(url)
    assert [m.pk for m in first.context["upcoming"]] == upcoming_ids[:20]
    assert [m.pk for m in first.context["past"]] == held_ids[:30]
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Pages of upcoming meetings">' in html
    assert '<nav class="pagination" aria-label="Pages of past meetings">' in html
    assert 'href="?upcoming=2#upcoming-title" rel="next"' in html
    assert 'href="?past=2#past-title" rel="next"' in html
    with django_assert_max_num_queries(10):
        second = client.get(url, {"upcoming": "2", "past": "2"})
    assert [m.pk for m in second.context["upcoming"]] == upcoming_ids[20:]
    assert [m.pk for m in second.context["past"]] == held_ids[30:]
    html = second.content.decode()
    # Paging one list keeps the other where it was.
    assert 'href="?past=2&amp;upcoming=1#upcoming-title" rel="prev"' in html
    assert 'href="?upcoming=2&amp;past=1#past-title" rel="prev"' in html
    assert "Page 2 of 2" in html
