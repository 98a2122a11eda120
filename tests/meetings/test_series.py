"""Meeting series: recurrence across daylight saving and months, school terms and
holidays, refused and unreadable rules, the schedule form, and series laid out further
as the year goes on."""

import contextlib
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kahui.core.errors import KahuiError
from kahui.meetings import recurrence, services
from kahui.meetings.models import Meeting
from kahui.orgs.models import SchoolPeriod
from tests.meetings.helpers import local, plan, post_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


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
