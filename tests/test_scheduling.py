"""Finding times: the best-time engine (time zones, daylight saving, required people,
busy times), availability polls and their bad input, and each person's usual week."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from kahui.core.errors import KahuiError
from kahui.meetings.models import Meeting
from kahui.scheduling import services
from kahui.scheduling.models import AvailabilityPoll, PollAnswer, PollResponse
from kahui.scheduling.slots import Person, best_slots, heat_map, week_mask
from tests.conftest import make_user

CELLS = 7 * 48


def free(day: int, start_hour: float, end_hour: float) -> list[tuple[int, int]]:
    return [(day, m) for m in range(int(start_hour * 60), int(end_hour * 60), 30)]


def test_slot_for_auckland_and_amsterdam_across_both_dst_changes():
    # Aroha: Tuesdays 16:00-18:00 in Auckland; Sanne: Tuesdays 05:00-08:00 in Amsterdam.
    aroha = Person("aroha", "Pacific/Auckland", week_mask(free(1, 16, 18), 30), required=True)
    sanne = Person("sanne", "Europe/Amsterdam", week_mask(free(1, 5, 8), 30))
    winter_nz = best_slots(
        [aroha, sanne], reference_time_zone="Pacific/Auckland", first_week=date(2027, 6, 7)
    )
    assert (winter_nz[0].weekday, winter_nz[0].start) == (1, time(16, 0))
    assert winter_nz[0].available == ("aroha", "sanne")
    # In January Auckland is 12 hours ahead, not 10: only 17:00 suits both.
    summer_nz = best_slots(
        [aroha, sanne], reference_time_zone="Pacific/Auckland", first_week=date(2027, 1, 11)
    )
    assert (summer_nz[0].start, summer_nz[0].available) == (time(17, 0), ("aroha", "sanne"))
    # Four weeks across both changes (Amsterdam 28 March, Auckland 4 April 2027): the
    # clocks are 12, 11, then 10 hours apart. 16:00 fails the first week; 17:00 (05:00,
    # 06:00, then 07:00 in Amsterdam) suits both every week.
    across = best_slots(
        [aroha, sanne],
        reference_time_zone="Pacific/Auckland",
        first_week=date(2027, 3, 22),
        weeks=4,
    )
    assert (across[0].start, across[0].available) == (time(17, 0), ("aroha", "sanne"))
    at_four = next(slot for slot in across if slot.start == time(16, 0))
    assert at_four.available == ("aroha",)


def test_required_people_must_fit_and_ties_prefer_earlier_and_fewer_maybes():
    lead = Person(
        "lead", "Pacific/Auckland", week_mask(free(0, 9, 12) + free(2, 9, 12), 30), required=True
    )
    a = Person(
        "a",
        "Pacific/Auckland",
        week_mask(free(0, 10, 12), 30),
        if_need_be=week_mask(free(2, 9, 12), 30),
    )
    b = Person("b", "Pacific/Auckland", week_mask(free(2, 9, 12), 30))
    c = Person("c", "Pacific/Auckland", week_mask(free(4, 9, 12), 30))  # lead cannot on Friday
    slots = best_slots(
        [lead, a, b, c],
        reference_time_zone="Pacific/Auckland",
        first_week=date(2027, 5, 3),
        duration_minutes=60,
    )
    assert all(slot.weekday != 4 for slot in slots)
    top = slots[0]
    assert (top.weekday, top.start) == (2, time(9, 0))  # three can come, one if need be
    assert top.if_need_be == ("a",)
    assert set(top.available) == {"lead", "a", "b"}


def test_busy_meetings_remove_slots():
    zone = ZoneInfo("Pacific/Auckland")
    meeting = (datetime(2027, 5, 11, 16, 0, tzinfo=zone), datetime(2027, 5, 11, 17, 0, tzinfo=zone))
    free_person = Person("p", "Pacific/Auckland", week_mask(free(1, 16, 18), 30))
    busy_person = Person("q", "Pacific/Auckland", week_mask(free(1, 16, 18), 30), busy=[meeting])
    slots = best_slots(
        [free_person, busy_person],
        reference_time_zone="Pacific/Auckland",
        first_week=date(2027, 5, 10),
        duration_minutes=60,
    )
    assert slots[0].start == time(17, 0)
    assert set(slots[0].available) == {"p", "q"}


def test_heat_map_counts_in_the_viewers_zone():
    person = Person("p", "Europe/Amsterdam", week_mask(free(0, 9, 10), 30))
    heat = heat_map([person], reference_time_zone="Pacific/Auckland", week=date(2027, 6, 7))
    # Monday 09:00 in Amsterdam is Monday 19:00 in Auckland in June.
    assert heat[19 * 2] == (1, 0)
    assert sum(yes for yes, _ in heat) == 2


def test_engine_rejects_odd_cells():
    with pytest.raises(ValueError, match="cells"):
        best_slots([], reference_time_zone="UTC", first_week=date(2027, 1, 4), cell_minutes=20)


zones = st.sampled_from(["Pacific/Auckland", "Europe/Amsterdam", "UTC", "America/New_York"])
weeks = st.integers(0, (1 << CELLS) - 1)


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(st.tuples(zones, weeks, st.booleans()), min_size=1, max_size=6),
    reference=zones,
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
    length=st.sampled_from([30, 60, 90]),
)
def test_a_proposed_slot_never_falls_outside_a_required_persons_week(
    people, reference, start, length
):
    persons = [Person(i, z, mask, required=req) for i, (z, mask, req) in enumerate(people)]
    for slot in best_slots(
        persons, reference_time_zone=reference, first_week=start, weeks=2, duration_minutes=length
    ):
        monday = start - timedelta(days=start.weekday())
        for week in range(2):
            day = monday + timedelta(days=slot.weekday, weeks=week)
            begin = datetime.combine(day, slot.start, tzinfo=ZoneInfo(reference))
            for person in persons:
                if not person.required:
                    continue
                for step in range(0, length, 30):
                    local = (begin + timedelta(minutes=step)).astimezone(ZoneInfo(person.time_zone))
                    # wall-clock arithmetic in the reference zone, as the finder does
                    cell = local.weekday() * 48 + (local.hour * 60 + local.minute) // 30
                    assert person.yes >> cell & 1, (slot, person.id, local)


# ---- polls ------------------------------------------------------------------------------

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def option(days=3, hour=15, minutes=60, fmt="in_person"):
    return services.OptionPlan(
        day=timezone.localdate() + timedelta(days=days),
        start=time(hour, 0),
        duration_minutes=minutes,
        format=fmt,
    )


def make_poll(world, **kwargs):
    return services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="When?",
        description="",
        time_zone="Pacific/Auckland",
        options=kwargs.pop("options", [option(), option(4)]),
        **kwargs,
    )


def test_poll_bad_input_is_refused(world):
    with pytest.raises(KahuiError, match="at least one"):
        make_poll(world, options=[])
    with pytest.raises(KahuiError, match="future"):
        make_poll(world, options=[option(days=-2)])
    with pytest.raises(KahuiError, match="end after"):
        make_poll(world, options=[option(minutes=0)])
    with pytest.raises(KahuiError, match="deadline"):
        make_poll(world, deadline=timezone.now() - timedelta(hours=1))
    assert not AvailabilityPoll.objects.exists()


def test_poll_form_keeps_input_when_end_is_before_start(client, world):
    client.force_login(world.facilitator)
    page = client.post(
        reverse("scheduling:poll_create", args=[world.group.public_id]),
        {
            "title": "Term 3 times",
            "time_zone": "Pacific/Auckland",
            "deadline": "",
            "options-TOTAL_FORMS": "1",
            "options-INITIAL_FORMS": "0",
            "options-0-day": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "options-0-start": "16:00",
            "options-0-end": "15:00",
            "options-0-format": "online",
        },
    ).content.decode()
    assert "The end must be after the start." in page
    assert 'value="Term 3 times"' in page


def test_answers_rank_options_and_show_who_has_not_answered(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        poll = make_poll(world)
    assert any(m.to == [world.member.email] for m in mail.outbox)
    first, second = poll.options.order_by("starts_at")
    services.poll_answer(poll=poll, user=world.member, answers={first.pk: "no", second.pk: "yes"})
    client.force_login(world.facilitator)
    response = client.get(reverse("scheduling:poll", args=[world.group.public_id, poll.public_id]))
    assert response.context["ranked"][0] == second
    assert world.facilitator in response.context["waiting"]


def test_answering_a_closed_poll_loses_nothing_and_says_why(client, world):
    poll = make_poll(world)
    first = poll.options.first()
    services.poll_answer(poll=poll, user=world.member, answers={first.pk: "yes"})
    services.poll_close(poll=poll, by=world.facilitator)
    with pytest.raises(KahuiError, match="closed"):
        services.poll_answer(poll=poll, user=world.member, answers={first.pk: "no"})
    assert first.answers.get(user=world.member).answer == "yes"


def test_an_empty_poll_answer_says_what_is_missing_and_saves_nothing(client, world):
    poll = make_poll(world)
    client.force_login(world.member)
    poll_url = reverse("scheduling:poll", args=[world.group.public_id, poll.public_id])
    assert " checked" not in client.get(poll_url).content.decode()  # nothing chosen for them
    first = poll.options.order_by("starts_at").first()  # the second is left unanswered
    response = client.post(
        reverse("scheduling:poll_answer", args=[world.group.public_id, poll.public_id]),
        {f"option_{first.public_id}": "yes", "comment": "Mornings suit me"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Answer every time below; nothing was saved yet." in page
    assert "Answer yes, if need be or no for this time." in page
    assert "Thank you" not in page
    assert 'value="Mornings suit me"' in page
    assert not PollAnswer.objects.exists()
    assert not PollResponse.objects.exists()


def test_choosing_makes_a_meeting_and_tells_everyone(world, django_capture_on_commit_callbacks):
    poll = make_poll(world)
    chosen = poll.options.last()
    with django_capture_on_commit_callbacks(execute=True):
        [meeting] = services.poll_choose(
            poll=poll, by=world.facilitator, option=chosen, title="Hui", location="Staffroom"
        )
    assert meeting.starts_at == chosen.starts_at
    assert {m.to[0] for m in mail.outbox if "meeting time" in m.subject} == {
        world.facilitator.email,
        world.member.email,
    }
    with pytest.raises(KahuiError, match="already chosen"):
        services.poll_choose(poll=poll, by=world.facilitator, option=chosen, title="Again")


def test_weekly_availability_saved_and_used_by_finder(client, world):
    client.force_login(world.member)
    yes = week_mask(free(1, 15, 18), 30)
    response = client.post(
        reverse("scheduling:availability"),
        {
            "time_zone": "Pacific/Auckland",
            "cell_minutes": "30",
            "yes": format(yes, "x"),
            "if_need_be": "",
        },
    )
    assert response.status_code == 302
    services.availability_save(
        user=world.facilitator, time_zone="Pacific/Auckland", cell_minutes=30, yes=yes, if_need_be=0
    )
    page = client.get(reverse("scheduling:group_times", args=[world.group.public_id]))
    ranked = page.context["ranked"]
    assert ranked[0]["day"] == "Tue"
    assert ranked[0]["slot"].start == time(15, 0)


def test_weekly_availability_rejects_garbage(client, world):
    client.force_login(world.member)
    page = client.post(
        reverse("scheduling:availability"),
        {
            "time_zone": "Pacific/Auckland",
            "cell_minutes": "30",
            "yes": "not-hex",
            "if_need_be": "",
        },
    ).content.decode()
    assert "could not be read" in page


def test_finder_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for n in range(10):
        user = make_user(f"w{n}@kowhai.example")
        world.group.memberships.create(user=user)
        services.availability_save(
            user=user,
            time_zone="Europe/Amsterdam",
            cell_minutes=30,
            yes=week_mask(free(n % 5, 9, 12), 30),
            if_need_be=0,
        )
    client.force_login(world.member)
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("scheduling:group_times", args=[world.group.public_id])).status_code
            == 200
        )


def test_meeting_from_poll_has_no_duplicates(world):
    poll = make_poll(world)
    services.poll_choose(
        poll=poll, by=world.facilitator, option=poll.options.first(), title="Hui", location="Hall"
    )
    assert Meeting.objects.filter(group=world.group).count() == 1


def _choose_url(world, poll, option_row):
    return reverse(
        "scheduling:poll_choose",
        args=[world.group.public_id, poll.public_id, option_row.public_id],
    )


def test_series_from_a_poll_repeats_on_the_poll_weekday_for_a_viewer_across_the_date_line(
    client, world
):
    from kahui.meetings.models import MeetingSeries

    # 09:00 in Auckland is the afternoon before in Los Angeles.
    poll = make_poll(world, options=[option(days=10, hour=9)])
    chosen = poll.options.get()
    auckland_day = chosen.starts_at.astimezone(ZoneInfo("Pacific/Auckland")).date()
    world.facilitator.profile.time_zone = "America/Los_Angeles"
    world.facilitator.profile.save()
    client.force_login(world.facilitator)
    response = client.post(
        _choose_url(world, poll, chosen), {"title": "Hui", "repeat": "weekly", "location": "Hall"}
    )
    assert response.status_code == 302
    series = MeetingSeries.objects.get(group=world.group)
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][auckland_day.weekday()]
    assert f"BYDAY={weekday}" in series.rule
    meetings = list(Meeting.objects.filter(group=world.group).order_by("starts_at")[:3])
    assert {m.starts_at.astimezone(ZoneInfo("Pacific/Auckland")).weekday() for m in meetings} == {
        auckland_day.weekday()
    }


def test_meeting_from_a_poll_is_named_after_the_poll_or_the_group(client, world):
    client.force_login(world.facilitator)
    question = make_poll(world)  # titled "When?": a question is no meeting title
    page = client.get(reverse("scheduling:poll", args=[world.group.public_id, question.public_id]))
    assert page.context["ranked"][0].choose_form.initial["title"] == (
        "Structured literacy Y0-3 meeting"
    )
    client.post(
        _choose_url(world, question, question.options.first()), {"title": "", "location": "Hall"}
    )
    question.refresh_from_db()
    assert question.meeting.title == "Structured literacy Y0-3 meeting"
    named = services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="Term 3 planning hui",
        description="",
        time_zone="Pacific/Auckland",
        options=[option(days=6)],
    )
    [meeting] = services.poll_choose(
        poll=named, by=world.facilitator, option=named.options.get(), location="Hall"
    )
    assert meeting.title == "Term 3 planning hui"


def test_choosing_with_a_bad_link_keeps_what_was_typed(client, world):
    poll = make_poll(world)
    client.force_login(world.facilitator)
    response = client.post(
        _choose_url(world, poll, poll.options.first()),
        {"title": "Our hui", "location": "Room 12", "online_url": "not a link"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Room 12"' in page
    assert 'value="Our hui"' in page
    assert "Enter a valid URL" in page
    assert not Meeting.objects.filter(group=world.group).exists()


@pytest.mark.clock
@pytest.mark.parametrize(
    ("fmt", "location", "online_url", "missing"),
    [
        ("hybrid", "", "", {"location", "online_url"}),
        ("hybrid", "Room 12", "", {"online_url"}),
        ("online", "Room 12", "", {"online_url"}),
        ("in_person", "", "https://meet.example/hui", {"location"}),
    ],
)
def test_choosing_a_time_asks_for_the_room_and_link_the_schedule_form_asks_for(
    client, world, fmt, location, online_url, missing
):
    from kahui.meetings import services as meeting_services
    from kahui.meetings.forms import ScheduleForm

    poll = make_poll(world, options=[option(fmt=fmt)])
    chosen = poll.options.get()
    client.force_login(world.facilitator)
    typed = {"title": "Our hui", "repeat": "weekly", "location": location, "online_url": online_url}
    response = client.post(_choose_url(world, poll, chosen), typed)
    assert response.status_code == 400
    assert not Meeting.objects.filter(group=world.group).exists()
    [refused] = [o.choose_form for o in response.context["ranked"]]
    assert set(refused.errors) == missing
    # The same words as the schedule form, from the same rules.
    schedule = ScheduleForm(
        {
            "title": "Our hui",
            "start_date": chosen.starts_at.date().isoformat(),
            "start_time": "15:00",
            "duration_minutes": "60",
            "time_zone": "Pacific/Auckland",
            "format": fmt,
            **typed,
        },
        group=world.group,
    )
    assert {name: schedule.errors[name] for name in missing} == dict(refused.errors)
    page = response.content.decode()
    assert 'value="Our hui"' in page
    if location:
        assert f'value="{location}"' in page
    if online_url:
        assert f'value="{online_url}"' in page
    assert 'value="weekly" selected' in page
    for name in missing:  # the box that needs filling says so to assistive technology
        assert f'id="id_choose_{chosen.public_id}_{name}_error"' in page
    assert "<details open>" in page
    # The service refuses it too, however it is called.
    with pytest.raises(meeting_services.PlaceMissing) as error:
        services.poll_choose(
            poll=poll,
            by=world.facilitator,
            option=chosen,
            location=location,
            online_url=online_url,
        )
    assert set(error.value.missing) == missing
    assert not Meeting.objects.filter(group=world.group).exists()
    # Filled in, the time becomes the meeting.
    complete = {**typed, "location": "Room 12", "online_url": "https://meet.example/hui"}
    assert client.post(_choose_url(world, poll, chosen), complete).status_code == 302
    meeting = Meeting.objects.filter(group=world.group).order_by("starts_at").first()
    assert (meeting.format, meeting.starts_at) == (fmt, chosen.starts_at)


@pytest.mark.parametrize("minutes", ["abc", "9999", "-5", "1e3"])
def test_finder_with_a_bad_length_explains_and_uses_the_group_length(client, world, minutes):
    client.force_login(world.member)
    response = client.get(
        reverse("scheduling:group_times", args=[world.group.public_id]), {"minutes": minutes}
    )
    assert response.status_code == 200
    assert response.context["duration"] == world.group.meeting_minutes
    assert "from 30 to 240" in response.content.decode()


def test_finder_takes_a_good_length(client, world):
    client.force_login(world.member)
    response = client.get(
        reverse("scheduling:group_times", args=[world.group.public_id]), {"minutes": "90"}
    )
    assert response.context["duration"] == 90
    assert "from 30 to 240" not in response.content.decode()


def test_weekday_names_follow_the_viewer_language(client, world):
    # Translated when shown, not when the module was imported: Django's own Dutch
    # catalogue names the days even before Kāhui offers Dutch.
    client.force_login(world.member)
    response = client.get(reverse("scheduling:group_times", args=[world.group.public_id]))
    with translation.override("nl"):
        assert [str(day) for day in response.context["days"]][:2] == ["ma", "di"]


@pytest.mark.parametrize("total", ["abc", "", "-1", None])
@pytest.mark.parametrize("button", [{"add": "1"}, {}])
def test_poll_options_with_a_broken_form_count_are_refused_not_crashed(
    client, world, total, button
):
    """A hand-edited hidden row count answers 400 with every typed row kept."""
    client.force_login(world.facilitator)
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {
        "title": "Term 3 times",
        "time_zone": "Pacific/Auckland",
        "deadline": "",
        "options-INITIAL_FORMS": "0",
        "options-0-day": day,
        "options-0-start": "16:00",
        "options-0-end": "17:15",
        "options-0-format": "online",
        **button,
    }
    if total is not None:
        data["options-TOTAL_FORMS"] = total
    response = client.post(reverse("scheduling:poll_create", args=[world.group.public_id]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Part of this form arrived damaged, so nothing was saved." in page
    assert 'value="Term 3 times"' in page
    assert f'value="{day}"' in page
    assert 'value="17:15"' in page
    assert not AvailabilityPoll.objects.exists()


def test_an_untouched_starter_row_does_not_block_a_new_poll(client, world):
    client.force_login(world.facilitator)
    url = reverse("scheduling:poll_create", args=[world.group.public_id])
    shown = client.get(url).context["formset"].management_form
    assert shown["TOTAL_FORMS"].value() >= 2
    response = client.post(
        url,
        {
            "title": "Term 3 times",
            "time_zone": "Pacific/Auckland",
            "deadline": "",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": str(shown["INITIAL_FORMS"].value()),
            "options-0-day": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "options-0-start": "15:00",
            "options-0-end": "16:00",
            "options-0-format": "online",
            "options-1-day": "",
            "options-1-start": "",
            "options-1-end": "",
            "options-1-format": "online",
        },
    )
    assert response.status_code == 302
    assert AvailabilityPoll.objects.get(title="Term 3 times").options.count() == 1


def test_a_poll_deadline_ends_the_day_in_the_polls_time_zone(client, world):
    world.facilitator.profile.time_zone = "Europe/Amsterdam"
    world.facilitator.profile.save()
    client.force_login(world.facilitator)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("scheduling:poll_create", args=[world.group.public_id]),
        {
            "title": "Deadline test",
            "time_zone": "Pacific/Auckland",
            "deadline": day.isoformat(),
            "options-TOTAL_FORMS": "1",
            "options-INITIAL_FORMS": "0",
            "options-0-day": (day + timedelta(days=2)).isoformat(),
            "options-0-start": "15:00",
            "options-0-end": "16:00",
            "options-0-format": "online",
        },
    )
    assert response.status_code == 302
    deadline = AvailabilityPoll.objects.get(title="Deadline test").deadline
    assert deadline == datetime.combine(day, time(23, 59), tzinfo=ZoneInfo("Pacific/Auckland"))


def test_the_polls_come_in_pages(client, world, django_assert_max_num_queries):
    AvailabilityPoll.objects.bulk_create(
        AvailabilityPoll(
            group=world.group, title=f"Poll {n:02d}", time_zone="UTC", created_by=world.facilitator
        )
        for n in range(23)
    )
    client.force_login(world.member)
    url = reverse("scheduling:polls", args=[world.group.public_id])
    with django_assert_max_num_queries(6):
        first = client.get(url)
    with django_assert_max_num_queries(6):
        second = client.get(url, {"page": "2"})
    shown = [p.title for page in (first, second) for p in page.context["polls"]]
    assert (len(first.context["polls"]), len(second.context["polls"])) == (20, 3)
    assert sorted(shown) == [f"Poll {n:02d}" for n in range(23)]
    assert 'href="?page=2" rel="next"' in first.content.decode()


def test_a_series_chosen_from_a_poll_ends_with_the_term_or_after_ten_weeks(world):
    from kahui.meetings.models import MeetingSeries
    from kahui.orgs.models import PeriodKind, SchoolPeriod

    poll = make_poll(world, options=[option(days=7)])
    [first, *rest] = services.poll_choose(
        poll=poll, by=world.facilitator, option=poll.options.get(), repeat="weekly", location="Hall"
    )
    day = first.starts_at.astimezone(ZoneInfo("Pacific/Auckland")).date()
    # No term dates: ten weeks of meetings, not a year of them.
    assert len(rest) + 1 == 10
    series = MeetingSeries.objects.get()
    assert "UNTIL=" in series.rule
    assert not series.follow_terms

    SchoolPeriod.objects.create(
        organisation=world.school,
        kind=PeriodKind.TERM,
        name="Term",
        first_day=day - timedelta(days=30),
        last_day=day + timedelta(days=20),
    )
    poll = make_poll(world, options=[option(days=7, hour=10)])
    meetings = services.poll_choose(
        poll=poll, by=world.facilitator, option=poll.options.get(), repeat="weekly", location="Hall"
    )
    assert len(meetings) == 3  # the chosen day and the two weeks left in its term
    assert MeetingSeries.objects.get(meetings=meetings[0]).follow_terms


@pytest.mark.parametrize(
    ("day", "zone", "when"),
    [
        (date(2027, 9, 26), "Pacific/Auckland", "02:30"),
        (date(2027, 3, 28), "Europe/Amsterdam", "02:30"),
    ],
)
def test_a_candidate_time_the_clocks_skip_is_refused(world, time_machine, day, zone, when):
    time_machine.move_to(datetime(2027, 1, 20, 9, 0, tzinfo=ZoneInfo(zone)), tick=False)
    plan = services.OptionPlan(day=day, start=time(2, 30), duration_minutes=60, format="online")
    with pytest.raises(KahuiError, match=f"{when} does not exist"):
        services.poll_create(
            group=world.group,
            by=world.facilitator,
            title="When?",
            description="",
            time_zone=zone,
            options=[plan],
        )


def test_a_candidate_time_ends_after_its_length_on_the_night_the_clocks_go_forward(world):
    from kahui.scheduling.views.polls import _label

    poll = make_poll(world)
    candidate = poll.options.first()
    # 01:30 on the night Auckland's clocks go forward: an hour later it is 03:30.
    candidate.starts_at = datetime(2027, 9, 26, 1, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    with timezone.override("Pacific/Auckland"):
        assert _label(candidate).endswith("01:30–03:30")
