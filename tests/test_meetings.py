"""Meetings: recurrence across daylight saving, terms, iCalendar, minutes with
conflicts and sanitising, actions that carry over, attendance into PD hours,
rotating duties, guests and calendar feeds."""

import contextlib
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from kahui.core.errors import KahuiError
from kahui.core.models import ActivityEntry
from kahui.meetings import recurrence, services
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import ActionStatus, AgendaTemplate, Meeting, MinutesRevision
from kahui.meetings.rotation import suggest_duties
from kahui.orgs.models import SchoolPeriod
from tests.conftest import make_user

# ---- pure recurrence and rotation ---------------------------------------------------


def test_fortnightly_series_keeps_local_time_across_nz_dst_end():
    # New Zealand daylight time ends on Sunday 4 April 2027.
    rule = recurrence.build_rule(pattern="fortnightly", start=date(2027, 3, 17))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    result = recurrence.expand(
        rule=rule,
        start_date=date(2027, 3, 17),
        start_time=time(16, 0),
        time_zone="Pacific/Auckland",
        horizon=date(2027, 4, 30),
    )
    local = [o.astimezone(ZoneInfo("Pacific/Auckland")) for o in result.occurrences]
    assert [d.date() for d in local] == [
        date(2027, 3, 17),
        date(2027, 3, 31),
        date(2027, 4, 14),
        date(2027, 4, 28),
    ]
    assert {d.hour for d in local} == {16}
    assert [o.hour for o in result.occurrences] == [3, 3, 4, 4]  # UTC moves, local does not


def test_weekly_series_across_amsterdam_dst_end():
    result = recurrence.expand(
        rule=recurrence.build_rule(pattern="weekly", start=date(2027, 10, 18)),
        start_date=date(2027, 10, 18),
        start_time=time(15, 30),
        time_zone="Europe/Amsterdam",
        horizon=date(2027, 11, 2),
    )
    assert [(o.day, o.hour, o.minute) for o in result.occurrences] == [
        (18, 13, 30),
        (25, 13, 30),
        (1, 14, 30),
    ]


def test_monthly_on_the_second_tuesday():
    rule = recurrence.build_rule(pattern="monthly_weekday", start=date(2027, 2, 9))
    assert rule == "FREQ=MONTHLY;BYDAY=2TU"
    result = recurrence.expand(
        rule=rule,
        start_date=date(2027, 2, 9),
        start_time=time(15, 0),
        time_zone="Pacific/Auckland",
        horizon=date(2027, 5, 31),
    )
    assert [o.astimezone(ZoneInfo("Pacific/Auckland")).date() for o in result.occurrences] == [
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
        date(2027, 5, 11),
    ]


def test_follow_terms_skips_holidays_and_reports_them():
    terms = [
        recurrence.DateRange(date(2027, 2, 1), date(2027, 4, 16)),
        recurrence.DateRange(date(2027, 5, 3), date(2027, 7, 2)),
    ]
    holidays = [recurrence.DateRange(date(2027, 3, 22), date(2027, 3, 26))]
    result = recurrence.expand(
        rule="FREQ=WEEKLY;BYDAY=TU",
        start_date=date(2027, 3, 16),
        start_time=time(15, 0),
        time_zone="Pacific/Auckland",
        horizon=date(2027, 5, 12),
        terms=terms,
        holidays=holidays,
        follow_terms=True,
    )
    assert result.skipped == [date(2027, 3, 23), date(2027, 4, 20), date(2027, 4, 27)]
    assert len(result.occurrences) == 6


@pytest.mark.parametrize("bad", ["", "WEEKLY", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX"])
def test_invalid_rules_are_refused(bad):
    with pytest.raises(ValueError):  # noqa: PT011 - dateutil's messages vary
        recurrence.validate_rule(bad)


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


# ---- scheduling and the meeting page ----------------------------------------------


def plan(**changes):
    values = {
        "title": "Hui",
        "start_date": date.today() + timedelta(days=2),
        "start_time": time(15, 30),
        "time_zone": "Pacific/Auckland",
        "duration_minutes": 60,
        "format": "in_person",
        "location": "Library",
        "template": AgendaTemplate.objects.get(key="regular"),
    }
    values.update(changes)
    return services.MeetingPlan(**values)


def post_schedule(client, world, **changes):
    """The schedule form posted with a custom repeat rule and ``changes``."""
    data = {
        "title": "Our hui",
        "start_date": (date.today() + timedelta(days=2)).isoformat(),
        "start_time": "15:30",
        "duration_minutes": "60",
        "time_zone": "Pacific/Auckland",
        "format": "in_person",
        "location": "Library",
        "repeat": "custom",
        **changes,
    }
    return client.post(reverse("meetings:schedule", args=[world.group.public_id]), data)


@pytest.fixture
def series(world):
    return services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(rule="FREQ=WEEKLY;INTERVAL=2;COUNT=6")
    )


pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_builtin_protocols_exist():
    keys = set(AgendaTemplate.objects.filter(group=None).values_list("key", flat=True))
    assert {"regular", "consultancy", "tuning", "data_dialogue", "success_analysis"} <= keys


def local(moment):
    return timezone.localtime(moment, ZoneInfo("Pacific/Auckland"))


def test_series_lays_out_meetings_with_the_protocol(series):
    assert len(series) == 6
    # Two weeks apart on the wall clock, whether or not daylight saving changes between.
    first, second = local(series[0].starts_at), local(series[1].starts_at)
    assert second.date() - first.date() == timedelta(days=14)
    assert second.time() == first.time() == time(15, 30)
    assert [a.title for a in series[0].agenda.all()][:2] == ["Check-in", "Our agreements"]


def test_past_start_and_empty_rules_are_refused(world):
    with pytest.raises(KahuiError, match="past"):
        services.meetings_schedule(
            group=world.group, by=world.facilitator, plan=plan(start_date=date(2020, 1, 1))
        )
    with pytest.raises(KahuiError, match="no term dates"):
        services.meetings_schedule(
            group=world.group,
            by=world.facilitator,
            plan=plan(rule="FREQ=WEEKLY", follow_terms=True),
        )


def test_series_following_terms_records_skipped_dates(world):
    start = date.today() + timedelta(days=1)
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="term",
        name="Term",
        first_day=start,
        last_day=start + timedelta(days=70),
    )
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="holiday",
        name="Break",
        first_day=start + timedelta(days=20),
        last_day=start + timedelta(days=34),
    )
    meetings = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(start_date=start, rule="FREQ=WEEKLY", follow_terms=True),
    )
    series = meetings[0].series
    assert len(series.skipped_dates) >= 2
    assert all(m.starts_at.date() <= start + timedelta(days=71) for m in meetings)


def test_schedule_form_errors_keep_input(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    page = client.post(
        url,
        {
            "title": "Our hui",
            "start_date": "2020-01-01",
            "start_time": "15:30",
            "duration_minutes": "60",
            "time_zone": "Pacific/Auckland",
            "format": "online",
            "repeat": "custom",
            "custom_rule": "FREQ=NEVER",
            "until": "2019-01-01",
        },
    ).content.decode()
    assert "The first meeting cannot be in the past." in page
    assert "Add the link people will use to join online." in page
    assert "Not a valid rule" in page
    assert 'value="Our hui"' in page
    assert not Meeting.objects.exists()


def test_minutes_conflict_shows_both_versions_and_keeps_mine(client, world, series):
    meeting = series[0]
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    assert client.post(url, {"text": "Aroha's notes", "version": 0}).status_code == 302
    client.force_login(world.facilitator)
    response = client.post(url, {"text": "Facilitator notes", "version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved the minutes" in page
    assert "Aroha&#x27;s notes" in page or "Aroha's notes" in page
    assert "Facilitator notes" in page  # still in the box, nothing lost
    meeting.refresh_from_db()
    assert meeting.minutes == "Aroha's notes"
    assert client.post(url, {"text": "Merged notes", "version": 1}).status_code == 302
    assert list(
        MinutesRevision.objects.filter(meeting=meeting).values_list("version", flat=True)
    ) == [2, 1]


def test_a_decision_over_the_limit_keeps_its_text(client, world, series):
    meeting = series[0]
    text = "We read aloud to every class for ten minutes after lunch, every day. " * 8
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:decision_add", args=[world.group.public_id, meeting.public_id]),
        {"text": text.strip()},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 500 characters" in page
    assert f'value="{text.strip()}"' in page
    assert not meeting.decisions.exists()


def test_a_damaged_minutes_form_keeps_the_text_and_shows_what_is_saved(client, world, series):
    meeting = series[0]
    services.minutes_save(meeting=meeting, by=world.facilitator, text="Saved notes", version=0)
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    for headers, status in (({}, 409), ({"HX-Request": "true"}, 200)):
        response = client.post(url, {"text": "My notes", "version": "x"}, headers=headers)
        assert response.status_code == status
        page = response.content.decode()
        assert "\nMy notes</textarea>" in page
        assert "Saved notes" in page
        assert 'name="version" value="1"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Saved notes"


def test_minutes_are_sanitised(client, world, series):
    meeting = series[0]
    services.minutes_save(
        meeting=meeting,
        by=world.member,
        version=0,
        text=(
            "**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)> "
            "[bad](javascript:alert(1))"
        ),
    )
    client.force_login(world.member)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    html = page.content.decode()
    view = html[html.index('data-testid="minutes-view"') :]
    view = view[: view.index("</section>")]
    assert "<strong>Bold</strong>" in view
    assert "<script" not in view
    assert "onerror" not in view.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in view


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


def held(meeting: Meeting, *, days_ago: int = 1) -> Meeting:
    """Move ``meeting`` into the past, so it has taken place."""
    starts = timezone.now() - timedelta(days=days_ago)
    length = meeting.ends_at - meeting.starts_at
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + length)
    meeting.refresh_from_db()
    return meeting


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


def test_duties_suggested_when_rotating(world, series):
    first = series[0]
    assert first.note_taker_id is not None
    assert first.note_taker_id != first.timekeeper_id


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


def test_protocol_copy_edit_and_default(client, world):
    builtin = AgendaTemplate.objects.get(key="consultancy")
    copy = services.template_copy(template=builtin, group=world.group, by=world.facilitator)
    client.force_login(world.facilitator)
    url = reverse("meetings:template_edit", args=[world.group.public_id, copy.public_id])
    response = client.post(
        url,
        {
            "name": "Our consultancy",
            "description": "",
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
            "steps-0-title": "Dilemma",
            "steps-0-kind": "discussion",
            "steps-0-minutes": "15",
            "steps-1-title": "",
            "steps-1-kind": "discussion",
            "steps-1-minutes": "",
        },
    )
    assert response.status_code == 302
    assert [s.title for s in copy.steps.all()] == ["Dilemma"]
    services.template_make_default(template=copy, group=world.group, by=world.facilitator)
    [meeting] = services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(template=None)
    )
    assert [a.title for a in meeting.agenda.all()] == ["Dilemma"]
    with pytest.raises(KahuiError, match="copy one first"):
        services.template_save(
            template=builtin, by=world.facilitator, name="x", description="", steps=[]
        )


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


def test_open_ended_series_is_extended_and_duties_follow_in_turn(world):
    meetings = services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(rule="FREQ=WEEKLY;INTERVAL=4")
    )
    last = meetings[-1]
    series = last.series
    later = last.starts_at.date() - timedelta(days=30)
    added = services.series_extend(series=series, today=later)
    assert added
    assert local(added[0].starts_at).date() - local(last.starts_at).date() == timedelta(weeks=4)
    assert local(added[0].starts_at).time() == local(last.starts_at).time()
    assert not services.series_extend(series=series, today=later)  # nothing twice
    Meeting.objects.filter(pk=meetings[1].pk).update(
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        note_taker=None,
        timekeeper=None,
    )
    assert services.duties_for_next_meetings() >= 1
    second = Meeting.objects.get(pk=meetings[1].pk)
    assert second.note_taker_id
    assert second.timekeeper_id


def test_a_schools_own_closure_keeps_the_clusters_terms(world):
    start = date.today() + timedelta(days=1)
    SchoolPeriod.objects.create(
        organisation=world.cluster,
        kind="term",
        name="Term",
        first_day=start,
        last_day=start + timedelta(days=60),
    )
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="holiday",
        name="Teacher day",
        first_day=start + timedelta(days=7),
        last_day=start + timedelta(days=7),
    )
    terms, holidays = services.school_periods(world.group)
    assert len(terms) == 1
    assert len(holidays) == 1


def test_minutes_conflict_over_htmx_is_swapped_in_with_both_versions(client, world, series):
    meeting = series[0]
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    assert client.post(url, {"text": "Aroha's notes", "version": 0}).status_code == 302
    client.force_login(world.facilitator)
    response = client.post(
        url, {"text": "Facilitator notes", "version": 0}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200  # htmx ignores the body of a 409
    page = response.content.decode()
    assert page.lstrip().startswith("<section")  # the minutes fragment, not the whole page
    assert "Someone else saved the minutes" in page
    assert "Aroha&#x27;s notes" in page
    assert "\nFacilitator notes</textarea>" in page  # still in the box
    assert 'name="version" value="1"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Aroha's notes"


@pytest.mark.parametrize("rule", ["FREQ=MINUTELY", "FREQ=HOURLY;INTERVAL=2", "FREQ=SECONDLY"])
def test_rules_faster_than_daily_are_refused(client, world, rule):
    with pytest.raises(recurrence.TooFrequent):
        recurrence.validate_rule(rule)
    with pytest.raises(KahuiError, match="at most once a day"):
        services.meetings_schedule(group=world.group, by=world.facilitator, plan=plan(rule=rule))
    client.force_login(world.facilitator)
    page = post_schedule(client, world, custom_rule=rule).content.decode()
    assert "A meeting can repeat at most once a day" in page
    assert not Meeting.objects.exists()


def test_a_rule_making_too_many_meetings_is_refused_with_the_reason(client, world):
    client.force_login(world.facilitator)
    page = post_schedule(
        client,
        world,
        title="Daily stand-up",
        start_time="08:30",
        duration_minutes="15",
        location="Staffroom",
        custom_rule="FREQ=DAILY",
    ).content.decode()
    assert "would make more than 120 meetings" in page
    assert 'value="Daily stand-up"' in page
    assert not Meeting.objects.exists()


def test_series_extend_adds_a_bounded_number_of_meetings(world):
    start = date.today() + timedelta(days=1)
    [first] = services.meetings_schedule(group=world.group, by=world.facilitator, plan=plan())
    series = services.MeetingSeries.objects.create(
        group=world.group,
        title="Hui",
        rule="FREQ=DAILY",
        start_date=start,
        start_time=time(15, 30),
        time_zone="Pacific/Auckland",
        duration_minutes=60,
    )
    Meeting.objects.filter(pk=first.pk).update(series=series, original_start=first.starts_at)
    added = services.series_extend(series=series)
    assert len(added) == recurrence.MAX_OCCURRENCES
    assert min(m.starts_at for m in added) > first.starts_at
    # A series saved before faster rules were refused is never extended.
    series.rule = "FREQ=MINUTELY"
    series.save()
    assert services.series_extend(series=series) == []


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


def test_timekeeper_is_offered_only_before_and_during_the_meeting(client, world, series):
    client.force_login(world.member)

    def page(meeting):
        url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
        return client.get(url).content.decode()

    upcoming = page(series[1])
    assert "data-timekeeper" in upcoming
    assert 'data-after="Agenda finished"' in upcoming
    assert 'data-starts-in="Starts in {n} min"' in upcoming
    past = page(held(series[0]))
    assert "Check-in" in past  # the agenda is still there
    assert "data-timekeeper" not in past
    assert "Start the timer now" not in past
    services.meeting_cancel(meeting=series[2], by=world.facilitator)
    assert "data-timekeeper" not in page(series[2])


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


@pytest.mark.parametrize("total", ["abc", "", "-1", "99999999999999999999"])
def test_protocol_steps_with_a_broken_form_count_are_refused_not_crashed(client, world, total):
    copy = services.template_copy(
        template=AgendaTemplate.objects.get(key="consultancy"),
        group=world.group,
        by=world.facilitator,
    )
    client.force_login(world.facilitator)
    response = client.post(
        reverse("meetings:template_edit", args=[world.group.public_id, copy.public_id]),
        {
            "name": "Our consultancy",
            "steps-TOTAL_FORMS": total,
            "steps-INITIAL_FORMS": "0",
            "steps-0-title": "Dilemma",
            "steps-0-kind": "discussion",
            "steps-0-minutes": "15",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Our consultancy"' in page
    if total in ("abc", ""):  # not a number at all
        assert "ManagementForm data is missing or has been tampered with" in page
    copy.refresh_from_db()
    assert copy.name != "Our consultancy"


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


def test_meetings_added_to_a_series_later_keep_its_materials(world):
    meetings = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(rule="FREQ=WEEKLY;INTERVAL=4", materials="Read chapter 3"),
    )
    series = meetings[0].series
    later = meetings[-1].starts_at.date() - timedelta(days=30)
    added = services.series_extend(series=series, today=later)
    assert added
    assert {m.materials for m in Meeting.objects.filter(pk__in=[m.pk for m in added])} == {
        "Read chapter 3"
    }
    assert all(m.agenda.exists() for m in added)


def test_series_extend_adds_no_meetings_without_their_agendas(world, monkeypatch):
    meetings = services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(rule="FREQ=WEEKLY;INTERVAL=4")
    )
    series = meetings[0].series
    before = series.meetings.count()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_copy_agendas", broken)
    with pytest.raises(RuntimeError):
        services.series_extend(series=series, today=meetings[-1].starts_at.date())
    assert series.meetings.count() == before


@given(st.text(max_size=60))
def test_any_rule_text_is_accepted_or_refused_in_our_words(text):
    with contextlib.suppress(KahuiError):
        services.repeat_rule_check("FREQ=WEEKLY;" + text)


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=TU;COUNT=3;garbage", "FREQ=WEEKLY;;", "FREQ=WEEKLY;INTERVAL=x"]
)
def test_a_rule_that_cannot_be_read_says_what_a_rule_looks_like(client, world, rule):
    client.force_login(world.facilitator)
    response = post_schedule(client, world, custom_rule=rule)
    assert response.status_code == 200
    errors = response.context["form"].errors["custom_rule"]
    assert errors == [
        "Not a valid rule. Write it like FREQ=WEEKLY;INTERVAL=2;BYDAY=TU: FREQ=DAILY, WEEKLY "
        "or MONTHLY, then parts such as INTERVAL=2, BYDAY=MO,TH, COUNT=10 or UNTIL=20271218, "
        "each NAME=VALUE, separated by semicolons."
    ]
    page = response.content.decode()
    assert "unpack" not in page
    assert "invalid &#x27;INTERVAL&#x27;" not in page
    assert 'value="Our hui"' in page
    assert not Meeting.objects.exists()
    with pytest.raises(KahuiError, match="Write it like") as refused:
        services.meetings_schedule(group=world.group, by=world.facilitator, plan=plan(rule=rule))
    assert "unpack" not in refused.value.message


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


def test_the_meeting_list_shows_only_holiday_dates_still_to_skip(client, world, series):
    skipping = series[0].series
    soon = timezone.localdate() + timedelta(days=20)
    skipping.skipped_dates = ["2020-04-14", soon.isoformat()]
    skipping.save()
    client.force_login(world.member)
    page = client.get(reverse("meetings:list", args=[world.group.public_id])).content.decode()
    assert "skips 1 date in the school holidays" in page
    assert f'<time datetime="{soon.isoformat()}">{soon:%A} {soon.day} {soon:%B %Y}</time>' in page
    assert "2020-04-14" not in page
    assert "April 2020" not in page
    skipping.skipped_dates = ["2020-04-14"]
    skipping.save()
    page = client.get(reverse("meetings:list", args=[world.group.public_id])).content.decode()
    assert "school holidays" not in page


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


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_a_first_meeting_in_the_past_is_a_form_error_in_the_meetings_own_zone(client, world, zone):
    yesterday = timezone.now().astimezone(ZoneInfo(zone)).date() - timedelta(days=1)
    client.force_login(world.facilitator)
    response = client.post(
        reverse("meetings:schedule", args=[world.group.public_id]),
        {
            "title": "Our hui",
            "start_date": yesterday.isoformat(),
            "start_time": "15:30",
            "duration_minutes": "60",
            "time_zone": zone,
            "format": "in_person",
            "location": "Library",
        },
    )
    form = response.context["form"]
    assert form.errors == {"start_date": ["The first meeting cannot be in the past."]}
    assert not Meeting.objects.exists()


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


def agenda_post(items, *, extra=None) -> dict:
    """The agenda page's form data: ``items`` as (title, minutes, order, delete)."""
    data = {"items-TOTAL_FORMS": str(len(items) + 1), "items-INITIAL_FORMS": str(len(items))}
    for index, (title, minutes, order, delete) in enumerate([*items, extra or ("", "", "", False)]):
        data.update(
            {
                f"items-{index}-title": title,
                f"items-{index}-kind": "discussion",
                f"items-{index}-minutes": str(minutes),
                f"items-{index}-guidance": "",
                f"items-{index}-ORDER": str(order),
            }
        )
        if delete:
            data[f"items-{index}-DELETE"] = "on"
    return data


def test_a_facilitator_edits_one_meetings_agenda(
    client, world, series, django_assert_max_num_queries
):
    from kahui.core.models import ActivityEntry

    meeting = series[1]
    g = world.group.public_id
    url = reverse("meetings:agenda_edit", args=[g, meeting.public_id])
    detail = reverse("meetings:detail", args=[g, meeting.public_id])
    client.force_login(world.member)
    assert url not in client.get(detail).content.decode()
    client.force_login(world.facilitator)
    assert url in client.get(detail).content.decode()
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    original = list(meeting.agenda.all())
    assert 'name="items-0-ORDER"' in page.content.decode()
    rows = [(item.title, item.minutes, n, False) for n, item in enumerate(original, start=1)]
    first, second = rows[0], rows[1]
    rows[0] = ("Whakawhanaungatanga", 10, 2, False)  # renamed and moved below the next
    rows[1] = (second[0], second[1], 1, False)
    rows[-1] = (rows[-1][0], rows[-1][1], rows[-1][2], True)  # removed
    with django_assert_max_num_queries(20):
        response = client.post(
            url, agenda_post(rows, extra=("Guest talk", 20, len(rows) + 1, False))
        )
    assert response.status_code == 302
    titles = [(item.title, item.minutes) for item in meeting.agenda.all()]
    assert titles[:2] == [(second[0], second[1]), ("Whakawhanaungatanga", 10)]
    assert titles[-1] == ("Guest talk", 20)
    assert original[-1].title not in [title for title, _minutes in titles[:-1]]
    assert len(titles) == len(original)  # one removed, one added
    assert [a.title for a in series[2].agenda.all()] == [a.title for a in original]
    entry = ActivityEntry.objects.filter(action=MeetingActivity.AGENDA_CHANGED).get()
    assert "Guest talk (20)" in entry.changes["agenda"]["to"]
    assert first[0] in entry.changes["agenda"]["from"]


def test_a_broken_agenda_is_refused_and_what_was_typed_kept(client, world, series):
    meeting = series[1]
    before = [(item.title, item.minutes) for item in meeting.agenda.all()]
    client.force_login(world.facilitator)
    rows = [(title, minutes, n, False) for n, (title, minutes) in enumerate(before, start=1)]
    response = client.post(
        reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id]),
        agenda_post(rows, extra=("Guest talk", "lots", 9, False)),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a whole number." in page
    assert 'value="Guest talk"' in page
    assert [(item.title, item.minutes) for item in meeting.agenda.all()] == before


def test_the_agenda_page_offers_an_empty_item_to_add_one(client, world, series):
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, series[1].public_id])
    page = client.get(url).content.decode()
    assert page.count("Add an item") == 1
    assert 'name="items-6-title" maxlength' in page  # six steps, then the empty one


# ---- attendance of who was a member at the time ----------------------------------------


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


# ---- long lists come in pages -------------------------------------------------------------


def _take_place(meetings, now) -> None:
    """Move ``meetings`` into the past, the first yesterday, each one a day before."""
    for days, meeting in enumerate(meetings, start=1):
        starts = now - timedelta(days=days)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts, ends_at=starts + timedelta(hours=1)
        )


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


def test_every_saved_version_of_the_minutes_can_be_read(client, world, series):
    MinutesRevision.objects.bulk_create(
        MinutesRevision(
            meeting=series[0], version=n, text=f"Version text {n}", saved_by=world.member
        )
        for n in range(1, 26)
    )
    client.force_login(world.member)
    url = reverse("meetings:minutes_history", args=[world.group.public_id, series[0].public_id])
    first, second = client.get(url), client.get(url, {"page": "2"})
    assert [r.version for r in first.context["revisions"]] == list(range(25, 5, -1))
    assert [r.version for r in second.context["revisions"]] == [5, 4, 3, 2, 1]
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Version text 1<" in second.content.decode()
