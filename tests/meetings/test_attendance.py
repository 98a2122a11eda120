"""Attendance: who may mark it and when, who it lists, and the professional-learning
hours and CSV it becomes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError
from kahui.meetings import services
from kahui.meetings.models import Meeting
from tests.conftest import make_user
from tests.meetings.helpers import _take_place, held, plan

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_attendance_becomes_pd_hours_and_csv(client, world, series):
    meeting = held(series[0])
    client.force_login(world.facilitator)
    fa, me = world.facilitator.public_id, world.member.public_id
    response = client.post(
        reverse("meetings:attendance", args=[world.group.public_id, meeting.public_id]),
        {
            f"status_{fa}": "present",
            f"minutes_{fa}": "60",
            f"status_{me}": "present",
            f"minutes_{me}": "45",
        },
    )
    assert response.status_code == 302
    client.force_login(world.member)
    page = client.get(reverse("meetings:pd_hours"))
    assert page.context["summary"].minutes == 45
    assert page.context["summary"].hours == 0.75
    csv_text = client.get(reverse("meetings:pd_hours_csv")).content.decode()
    assert "Structured literacy" in csv_text
    assert ",45,0.75" in csv_text


def test_apologies_give_no_hours(world, series):
    held(series[0])
    services.attendance_record(
        meeting=series[0],
        by=world.facilitator,
        rows=[
            services.AttendanceRow(user_id=world.member.pk, status="apologies", minutes_attended=60)
        ],
    )
    assert series[0].attendance.get(user=world.member).minutes_attended == 0


@pytest.mark.parametrize("when", ["future", "cancelled"])
def test_no_attendance_for_future_or_cancelled_meetings(client, world, series, when):
    meeting = series[0]
    if when == "cancelled":
        meeting = held(meeting)
        services.meeting_cancel(meeting=meeting, by=world.facilitator)
    client.force_login(world.facilitator)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    assert "attendance_form" not in page.context
    reason = "once the meeting has started" if when == "future" else "was cancelled"
    assert reason in page.content.decode()
    me = world.member.public_id
    response = client.post(
        reverse("meetings:attendance", args=[world.group.public_id, meeting.public_id]),
        {f"status_{me}": "present", f"minutes_{me}": "60"},
        follow=True,
    )
    assert reason in response.content.decode()
    assert not meeting.attendance.exists()
    with pytest.raises(KahuiError, match=reason):
        services.attendance_record(
            meeting=meeting,
            by=world.facilitator,
            rows=[services.AttendanceRow(world.member.pk, "present", 60)],
        )


def test_attendance_form_starts_with_nobody_marked(client, world, series):
    meeting = held(series[0])
    client.force_login(world.facilitator)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    form = page.context["attendance_form"]
    assert {form[f"status_{u.public_id}"].value() for u in form.members} == {""}
    assert 'value="present" selected' not in page.content.decode()
    url = reverse("meetings:attendance", args=[world.group.public_id, meeting.public_id])
    me, fa = world.member.public_id, world.facilitator.public_id
    # Nothing chosen: told so, nothing recorded.
    response = client.post(url, {f"status_{me}": "", f"status_{fa}": ""})
    assert response.status_code == 400
    assert "at least one member" in response.content.decode()
    # Only the rows marked are recorded.
    response = client.post(url, {f"status_{me}": "present", f"minutes_{me}": "50"})
    assert response.status_code == 302
    assert list(meeting.attendance.values_list("user_id", "minutes_attended")) == [
        (world.member.pk, 50)
    ]


def test_pd_hours_csv_does_not_let_names_run_as_formulas(client, world, series):
    import csv
    import io

    meeting = held(series[0])
    world.group.name = '=HYPERLINK("https://evil.example","Hours")'
    world.group.save()
    Meeting.objects.filter(pk=meeting.pk).update(title="@SUM(1+1)")
    services.attendance_record(
        meeting=meeting,
        by=world.facilitator,
        rows=[services.AttendanceRow(world.member.pk, "present", 45)],
    )
    client.force_login(world.member)
    text = client.get(reverse("meetings:pd_hours_csv")).content.decode()
    [_header, row] = list(csv.reader(io.StringIO(text)))
    assert row[1:] == ['\'=HYPERLINK("https://evil.example","Hours")', "'@SUM(1+1)", "45", "0.75"]


@pytest.mark.clock
def test_past_attendance_lists_who_was_a_member_at_the_time(client, world, series):
    import csv
    import io

    from kahui.groups import services as group_services
    from kahui.meetings.selectors import meetings_of, pd_summary

    meeting = held(series[0], days_ago=7)
    world.group.memberships.update(created_at=meeting.starts_at - timedelta(days=30))
    came_then_left = make_user("left@kowhai.example", "Lena Left")
    took_notes_then_left = make_user("notes@kowhai.example", "Nika Notes")
    joined_later = make_user("late@kowhai.example", "Lata Late")
    for user in (came_then_left, took_notes_then_left):
        world.group.memberships.create(user=user)
    world.group.memberships.filter(user__in=[came_then_left, took_notes_then_left]).update(
        created_at=meeting.starts_at - timedelta(days=1)
    )
    Meeting.objects.filter(pk=meeting.pk).update(note_taker=took_notes_then_left, timekeeper=None)
    meeting.refresh_from_db()
    services.attendance_record(
        meeting=meeting,
        by=world.facilitator,
        rows=[services.AttendanceRow(came_then_left.pk, "present", 60)],
    )
    for user in (came_then_left, took_notes_then_left):
        group_services.membership_remove(
            membership=world.group.memberships.get(user=user), by=world.facilitator
        )
    world.group.memberships.create(user=joined_later)  # today, after the meeting

    then = {world.facilitator, world.member, came_then_left, took_notes_then_left}
    client.force_login(world.facilitator)
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    page = client.get(url)
    assert set(page.context["attendance_form"].members) == then
    assert {user for user, _mark in page.context["attendance"]} == then
    assert f"status_{joined_later.public_id}" not in page.content.decode()
    client.force_login(world.member)
    assert {user for user, _mark in client.get(url).context["attendance"]} == then

    # The late joiner cannot be marked, by the form or otherwise; those who left can.
    with pytest.raises(KahuiError, match="members at the meeting"):
        services.attendance_record(
            meeting=meeting,
            by=world.facilitator,
            rows=[services.AttendanceRow(joined_later.pk, "present", 60)],
        )
    client.force_login(world.facilitator)
    notes, late = took_notes_then_left.public_id, joined_later.public_id
    response = client.post(
        reverse("meetings:attendance", args=[world.group.public_id, meeting.public_id]),
        {
            f"status_{notes}": "present",
            f"minutes_{notes}": "50",
            f"status_{late}": "present",
            f"minutes_{late}": "60",
        },
    )
    assert response.status_code == 302
    assert set(meeting.attendance.values_list("user_id", flat=True)) == {
        came_then_left.pk,
        took_notes_then_left.pk,
    }

    # Hours and exports agree with the list: what it shows is what counts.
    listed = client.get(url).context["attendance"]
    present = [user for user, mark in listed if mark and mark.status == "present"]
    assert meetings_of(world.group).get(pk=meeting.pk).present == len(present) == 2
    assert pd_summary(joined_later).minutes == 0
    assert pd_summary(took_notes_then_left).minutes == 50
    client.force_login(came_then_left)
    [_header, row] = list(
        csv.reader(io.StringIO(client.get(reverse("meetings:pd_hours_csv")).content.decode()))
    )
    assert row[2:] == [meeting.title, "60", "1.00"]


@pytest.mark.clock
def test_pd_hours_come_in_pages_and_the_totals_and_csv_count_them_all(
    client, world, django_assert_max_num_queries
):
    from kahui.meetings.models import Attendance

    meetings = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(rule="FREQ=DAILY;COUNT=55", template=None),
    )
    _take_place(meetings, timezone.now())
    Attendance.objects.bulk_create(
        Attendance(meeting=m, user=world.member, status="present", minutes_attended=60)
        for m in meetings
    )
    client.force_login(world.member)
    url = reverse("meetings:pd_hours")
    with django_assert_max_num_queries(7):
        first = client.get(url)
    assert [mark.meeting_id for mark in first.context["record"]] == [m.pk for m in meetings[:50]]
    assert first.context["summary"].meetings == 55
    assert 'href="?page=2" rel="next"' in first.content.decode()
    with django_assert_max_num_queries(7):
        second = client.get(url, {"page": "2"})
    assert [mark.meeting_id for mark in second.context["record"]] == [m.pk for m in meetings[50:]]
    rows = client.get(reverse("meetings:pd_hours_csv")).content.decode().strip().splitlines()
    assert len(rows) == 1 + 55
