"""Planning meetings: the one rule for the nights the clocks change, how a series
ends when nobody says, the dates shown before a series is saved, the protocol a
new group starts with, and the schedule form itself (error summary, the place
fields each format needs, the raw rule under “Advanced”)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError
from kahui.meetings import recurrence, selectors, services
from kahui.meetings.models import AgendaTemplate, Meeting
from kahui.orgs.models import SchoolPeriod
from kahui.scheduling import services as poll_services
from kahui.scheduling.models import PollOption

AUCKLAND = ZoneInfo("Pacific/Auckland")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Clocks go forward (02:00 becomes 03:00) and back (03:00 becomes 02:00) in 2027.
GAPS = [
    ("Pacific/Auckland", date(2027, 9, 26)),
    ("Europe/Amsterdam", date(2027, 3, 28)),
]
REPEATS = [
    ("Pacific/Auckland", date(2027, 4, 4)),
    ("Europe/Amsterdam", date(2027, 10, 31)),
]


@pytest.fixture
def early_2027(time_machine):
    """A day in January 2027, before both changes of the clocks that year."""
    time_machine.move_to(datetime(2027, 1, 11, 9, 0, tzinfo=AUCKLAND), tick=False)


# ---- the rule, pure ------------------------------------------------------------------


@pytest.mark.parametrize(("zone", "day"), GAPS)
def test_a_time_the_clocks_jump_over_moves_to_the_first_time_after(zone, day):
    when = recurrence.wall_clock(day, time(2, 30), zone)
    assert when.skipped
    assert not when.repeated
    local = when.local(zone)
    assert (local.date(), local.time()) == (day, time(3, 0))


@pytest.mark.parametrize(("zone", "day"), REPEATS)
def test_a_time_that_happens_twice_is_the_first_unless_fold_says_the_second(zone, day):
    first = recurrence.wall_clock(day, time(2, 30), zone)
    second = recurrence.wall_clock(day, time(2, 30, fold=1), zone)
    assert first.repeated
    assert second.repeated
    assert second.instant - first.instant == timedelta(hours=1)
    assert first.local(zone).utcoffset() > second.local(zone).utcoffset()  # summer time first
    assert (first.local(zone).hour, first.local(zone).minute) == (2, 30)


def test_an_ordinary_time_is_itself():
    when = recurrence.wall_clock(date(2027, 9, 27), time(2, 30), "Pacific/Auckland")
    assert not when.skipped
    assert not when.repeated
    assert when.instant == datetime(2027, 9, 26, 13, 30, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "day"), GAPS + REPEATS)
def test_a_weekly_series_at_0230_says_which_meetings_the_clocks_change(zone, day):
    start = day - timedelta(weeks=1)
    result = recurrence.expand(
        rule="FREQ=WEEKLY;COUNT=3",
        start_date=start,
        start_time=time(2, 30),
        time_zone=zone,
        horizon=day + timedelta(weeks=2),
    )
    local = [o.astimezone(ZoneInfo(zone)) for o in result.occurrences]
    assert [d.date() for d in local] == [start, day, day + timedelta(weeks=1)]
    assert [when.day for when in result.clock_changes] == [day]
    expected = time(3, 0) if result.clock_changes[0].skipped else time(2, 30)
    assert [d.time() for d in local] == [time(2, 30), expected, time(2, 30)]


# ---- one meeting, a series, a move, a poll's chosen time ----------------------------


def plan(**changes) -> services.MeetingPlan:
    values = {
        "title": "Hui",
        "start_date": date(2027, 9, 26),
        "start_time": time(2, 30),
        "time_zone": "Pacific/Auckland",
        "duration_minutes": 60,
        "format": "in_person",
        "location": "Library",
    }
    values.update(changes)
    return services.MeetingPlan(**values)


@pytest.mark.parametrize(("zone", "day"), GAPS)
@pytest.mark.parametrize("minutes", [60, 90])
def test_one_meeting_at_a_time_the_clocks_skip_is_refused_in_words(
    world, early_2027, zone, day, minutes
):
    with pytest.raises(services.ClockSkipsTime, match="Choose 03:00 or later"):
        services.meetings_schedule(
            group=world.group,
            by=world.facilitator,
            plan=plan(start_date=day, time_zone=zone, duration_minutes=minutes),
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("zone", "day"), REPEATS)
def test_one_meeting_in_the_hour_that_repeats_is_the_first_and_keeps_its_length(
    world, early_2027, zone, day
):
    [meeting] = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(start_date=day, time_zone=zone, duration_minutes=90),
    )
    assert meeting.starts_at == recurrence.wall_clock(day, time(2, 30), zone).instant
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)


@pytest.mark.parametrize(("zone", "day"), GAPS + REPEATS)
def test_every_meeting_of_a_series_keeps_its_length_across_the_change(world, early_2027, zone, day):
    meetings = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(
            start_date=day - timedelta(weeks=1),
            time_zone=zone,
            duration_minutes=90,
            rule="FREQ=WEEKLY;COUNT=3",
        ),
    )
    assert [m.duration_minutes for m in meetings] == [90, 90, 90]
    assert [(m.ends_at - m.starts_at) for m in meetings] == [timedelta(minutes=90)] * 3
    assert meetings[1].starts_at == recurrence.wall_clock(day, time(2, 30), zone).instant


def test_the_form_refuses_a_time_the_clocks_skip_on_the_start_time(client, world, early_2027):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("meetings:schedule", args=[world.group.public_id]),
        {
            "title": "Night owls",
            "start_date": "2027-09-26",
            "start_time": "02:30",
            "duration_minutes": "90",
            "time_zone": "Pacific/Auckland",
            "format": "in_person",
            "location": "Library",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["start_time"]
    assert (
        "02:30 does not exist on Sunday 26 September 2027 in Pacific/Auckland"
        in (errors["start_time"][0])
    )
    assert not Meeting.objects.exists()


def test_the_series_form_shows_the_moved_meeting_before_saving(client, world, early_2027):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    data = {
        "title": "Night owls",
        "start_date": "2027-03-21",
        "start_time": "02:30",
        "duration_minutes": "90",
        "time_zone": "Europe/Amsterdam",
        "format": "in_person",
        "location": "Library",
        "repeat": "weekly",
        "ends": "weeks",
    }
    page = client.post(url, data).content.decode()
    assert not Meeting.objects.exists()
    assert (
        "On Sunday 28 March 2027 the clocks go forward over 02:30, so that meeting starts at "
        "03:00, for its full length." in page
    )
    previewed = client.post(url, {**data, "preview": "1"}).context["layout"].fingerprint
    response = client.post(url, {**data, "previewed": previewed})
    assert response.status_code == 302
    assert len(Meeting.objects.all()) == 10
    moved = Meeting.objects.get(starts_at__date=date(2027, 3, 28))
    assert moved.starts_at.astimezone(AMSTERDAM).time() == time(3, 0)
    assert moved.duration_minutes == 90
    page = client.get(response["Location"]).content.decode()
    assert "the clocks go forward over 02:30" in page  # said again once saved


def test_moving_one_meeting_follows_the_same_rule(client, world, early_2027):
    [meeting] = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(start_date=date(2027, 9, 20), start_time=time(15, 30)),
    )
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    fields = {
        "action": "move",
        "title": meeting.title,
        "start_date": "2027-09-26",
        "start_time": "02:30",
        "duration_minutes": "90",
        "format": "in_person",
        "location": "Library",
    }
    response = client.post(url, fields)
    assert response.status_code == 200
    assert list(response.context["move_form"].errors) == ["start_time"]
    assert "Choose 03:00 or later" in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    with pytest.raises(services.ClockSkipsTime):
        services.meeting_move(
            meeting=meeting,
            by=world.facilitator,
            start_date=date(2027, 9, 26),
            start_time=time(2, 30),
            duration_minutes=90,
            location="Library",
            online_url="",
            format="in_person",
        )
    assert client.post(url, {**fields, "start_date": "2027-04-04"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2027, 4, 3, 13, 30, tzinfo=UTC)  # 02:30 in summer time
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)


def test_a_meeting_in_the_second_of_two_0230s_stays_there_when_its_room_changes(
    client, world, early_2027
):
    second = datetime(2027, 4, 3, 14, 30, tzinfo=UTC)  # 02:30 after the clocks went back
    [meeting] = services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(start_time=time(15, 30))
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=second, ends_at=second + timedelta(hours=1)
    )
    client.force_login(world.facilitator)
    url = reverse("meetings:edit", args=[world.group.public_id, meeting.public_id])
    response = client.post(
        url,
        {
            "action": "move",
            "title": meeting.title,
            "start_date": "2027-04-04",
            "start_time": "02:30",
            "duration_minutes": "60",
            "format": "in_person",
            "location": "Hall",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.location) == (second, "Hall")


def test_a_polls_time_in_the_second_of_two_0230s_becomes_that_meeting(world, early_2027):
    poll = poll_services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="When shall we meet?",
        description="",
        time_zone="Pacific/Auckland",
        options=[poll_services.OptionPlan(date(2027, 4, 5), time(15, 30), 60, "in_person")],
    )
    second = datetime(2027, 4, 3, 14, 30, tzinfo=UTC)
    option = PollOption.objects.create(
        poll=poll, starts_at=second, duration_minutes=90, format="in_person"
    )
    [meeting] = poll_services.poll_choose(
        poll=poll, by=world.facilitator, option=option, location="Library"
    )
    assert (meeting.starts_at, meeting.ends_at) == (second, second + timedelta(minutes=90))


# ---- how a series ends, and its dates before saving --------------------------------


def schedule_data(**changes) -> dict:
    start = timezone.now().astimezone(AUCKLAND).date() + timedelta(days=1)
    return {
        "title": "Our hui",
        "start_date": start.isoformat(),
        "start_time": "15:30",
        "duration_minutes": "60",
        "time_zone": "Pacific/Auckland",
        "format": "in_person",
        "location": "Library",
        "repeat": "fortnightly",
        **changes,
    }


def term_around(world, start: date, *, weeks: int = 9) -> SchoolPeriod:
    """A term from the start of ``start``'s week, with a week's break in its middle."""
    first = start - timedelta(days=start.weekday())
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="holiday",
        name="Mid-term break",
        first_day=start + timedelta(weeks=4),
        last_day=start + timedelta(weeks=4, days=6),
    )
    return SchoolPeriod.objects.create(
        organisation=world.school,
        kind="term",
        name="Term",
        first_day=first,
        last_day=first + timedelta(weeks=weeks, days=-1),
    )


@pytest.mark.clock
def test_a_series_ends_with_the_term_unless_the_form_says_otherwise(client, world):
    start = date.fromisoformat(schedule_data()["start_date"])
    term = term_around(world, start)
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    page = client.get(url).content.decode()
    assert 'value="term" data-shown-by="repeat"' in page.replace(" checked", "")
    form = client.get(url).context["form"]
    assert form["ends"].value() == "term"
    assert form["follow_terms"].value() is True
    response = client.post(url, schedule_data(ends="term", follow_terms="on"))
    layout = response.context["layout"]
    assert not Meeting.objects.exists()  # shown first, not saved
    assert layout.starts[-1].astimezone(AUCKLAND).date() <= term.last_day
    assert layout.skipped == [start + timedelta(weeks=4)]
    assert len(layout.starts) == 5 - 1  # weeks 0, 2, 6, 8 of a nine-week term; 4 skipped
    page = response.content.decode()
    assert "Nothing is saved yet. Check the 4 meetings below" in page
    assert "Skipped, in the school holidays:" in page
    response = client.post(
        url, schedule_data(ends="term", follow_terms="on", previewed=layout.fingerprint)
    )
    assert response.status_code == 302
    assert Meeting.objects.count() == 4


@pytest.mark.clock
def test_without_term_dates_a_series_stops_after_ten_weeks_and_says_so(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    response = client.get(url)
    assert response.context["form"]["ends"].value() == "weeks"
    page = response.content.decode()
    assert "There are no term dates for this group's school, so a series stops after 10" in page
    assert "At the end of the term" not in page
    layout = client.post(url, {**schedule_data(), "preview": "1"}).context["layout"]
    assert len(layout.starts) == 5
    assert not layout.open_ended
    first, last = (layout.starts[i].astimezone(AUCKLAND) for i in (0, -1))
    assert last.date() - first.date() == timedelta(weeks=8)
    assert last.time() == first.time() == time(15, 30)


@pytest.mark.clock
def test_a_series_shown_with_its_dates_warns_of_holidays_it_keeps(client, world):
    start = date.fromisoformat(schedule_data()["start_date"])
    term_around(world, start)  # to the end of week 8, with week 4 off
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="term",
        name="Next term",
        first_day=start + timedelta(weeks=11, days=1),
        last_day=start + timedelta(weeks=20),
    )
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    response = client.post(url, {**schedule_data(ends="open", repeat="weekly"), "preview": "1"})
    layout = response.context["layout"]
    assert layout.open_ended
    weeks = [(day - start).days // 7 for day in layout.in_holidays]
    assert weeks == [4, 9, 10, 11]  # the mid-term break, then between the two terms
    page = response.content.decode()
    assert "more are added as the year goes on" in page
    assert "In the school holidays, and kept:" in page


@pytest.mark.clock
def test_the_dates_come_as_a_fragment_to_htmx_and_one_meeting_needs_no_second_press(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    response = client.post(url, {**schedule_data(), "preview": "1"}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.lstrip().startswith("<h2")
    assert "5 meetings" in fragment
    assert 'name="previewed"' in fragment
    response = client.post(
        url, {**schedule_data(start_date=""), "preview": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "Choose the date, the time and how the meetings repeat" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, schedule_data(repeat=""))
    assert response.status_code == 302
    assert Meeting.objects.count() == 1


@pytest.mark.clock
def test_the_dates_show_while_other_fields_still_need_fixing(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    response = client.post(url, schedule_data(title="", location=""))
    assert set(response.context["form"].errors) == {"title", "location"}
    layout = response.context["layout"]
    assert len(layout.starts) == 5
    assert "Nothing is saved yet" not in response.content.decode()  # the errors come first
    response = client.post(url, schedule_data(previewed=layout.fingerprint))
    assert response.status_code == 302  # the dates were shown: saved at once
    assert Meeting.objects.count() == 5


@pytest.mark.clock
def test_a_changed_plan_is_shown_again_before_it_is_saved(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    shown = client.post(url, {**schedule_data(), "preview": "1"}).context["layout"].fingerprint
    response = client.post(url, schedule_data(repeat="weekly", previewed=shown))
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert len(response.context["layout"].starts) == 10


@pytest.mark.clock
def test_ending_on_a_date_needs_the_date(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    form = client.post(url, schedule_data(ends="date")).context["form"]
    assert form.errors == {"until": ["Choose the date of the last meeting."]}
    start = date.fromisoformat(schedule_data()["start_date"])
    layout = client.post(
        url,
        {
            **schedule_data(ends="date", until=(start + timedelta(weeks=4)).isoformat()),
            "preview": "1",
        },
    ).context["layout"]
    assert len(layout.starts) == 3


@pytest.mark.clock
def test_ending_with_the_term_needs_a_term(world):
    start = date.fromisoformat(schedule_data()["start_date"])
    with pytest.raises(KahuiError, match="no term dates"):
        services.series_until(group=world.group, start_date=start, ends="term")
    term = term_around(world, start + timedelta(weeks=3))  # starts after the first meeting
    assert services.series_until(group=world.group, start_date=start, ends="term") == (
        term.last_day
    )


# ---- the protocol a new group starts with --------------------------------------------


def test_a_new_group_follows_the_regular_meeting_until_it_chooses(world):
    regular = AgendaTemplate.objects.get(key="regular", group=None)
    assert world.group.default_template is None
    assert selectors.suggested_protocol(world.group) == regular
    [meeting] = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(start_date=timezone.localdate() + timedelta(days=3), start_time=time(15, 30)),
    )
    assert [item.title for item in meeting.agenda.all()][:2] == ["Check-in", "Our agreements"]


def test_a_group_without_a_default_protocol_starts_from_the_regular_meeting(client, world):
    world.group.default_template = None  # as groups made before they were given one
    world.group.save(update_fields=["default_template"])
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    response = client.get(url)
    regular = AgendaTemplate.objects.get(key="regular", group=None)
    assert response.context["form"]["template"].value() == regular.pk
    page = response.content.decode()
    assert "Your group has no default protocol yet, so a built-in one is preselected" in page
    consultancy = AgendaTemplate.objects.get(key="consultancy", group=None)
    services.template_make_default(template=consultancy, group=world.group, by=world.facilitator)
    response = client.get(url)
    assert response.context["form"]["template"].value() == consultancy.pk
    assert "no default protocol yet" not in response.content.decode()


# ---- the form itself -----------------------------------------------------------------


@pytest.mark.clock
def test_a_refused_form_lists_its_errors_at_the_top_with_links_to_the_fields(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    page = client.post(
        url, schedule_data(start_date="2020-01-01", location="", format="in_person")
    ).content.decode()
    summary = page[page.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert '<a href="#id_start_date">Date: The first meeting cannot be in the past.</a>' in summary
    assert '<a href="#id_location">Room or place: Say where people meet in person.</a>' in summary
    assert "js/error-summary.js" in page
    assert 'class="error-summary"' not in client.get(url).content.decode()


@pytest.mark.clock
def test_place_fields_say_which_format_needs_them_and_keep_only_what_it_uses(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    page = client.get(url).content.decode()
    assert 'data-shown-by="format" data-show-for="in_person hybrid"' in page
    assert 'data-shown-by="format" data-show-for="online hybrid"' in page
    assert "js/show-fields.js" in page
    response = client.post(
        url, schedule_data(repeat="", format="online", online_url="https://meet.example/hui")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.location, meeting.online_url) == ("", "https://meet.example/hui")


def test_the_raw_repeat_rule_is_under_advanced(client, world):
    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    page = client.get(url).content.decode()
    advanced = page[page.index('<details class="field advanced"') :]
    assert advanced.index('name="custom_rule"') < advanced.index("</details>")
    assert page.count('<details class="field advanced" data-opened-by') == 1  # closed
    page = client.get(url, {"repeat": "custom"}).content.decode()
    assert '<details class="field advanced" open' in page
