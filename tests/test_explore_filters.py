"""Groups say who they are for (year levels, learning areas, shared learners), and
Explore filters by them and by when and where in the world groups meet."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.groups import services
from kahui.groups.activity import GroupActivity
from kahui.groups.meeting_times import MeetingTime, PartOfDay, groups_meeting, part_of_day
from kahui.groups.models import Access, LearningGroup
from kahui.meetings import services as meeting_services
from tests.conftest import make_group

AUCKLAND = ZoneInfo("Pacific/Auckland")


@pytest.fixture
def monday(time_machine):
    """Monday 1 March 2027, 9:00 in Auckland: the meetings below fall on known days."""
    time_machine.move_to(datetime(2027, 3, 1, 9, 0, tzinfo=AUCKLAND), tick=False)


def meet(group, by, *, day: date, at: time, zone: str = "Pacific/Auckland"):
    meeting_services.meetings_schedule(
        group=group,
        by=by,
        plan=meeting_services.MeetingPlan(
            title="Hui",
            start_date=day,
            start_time=at,
            time_zone=zone,
            duration_minutes=60,
            format="online",
            online_url="https://meet.example/hui",
        ),
    )


def explore(client, **filters) -> str:
    response = client.get(reverse("groups:explore"), filters)
    assert response.status_code == 200
    return response.content.decode()


# -- who a group is for -----------------------------------------------------------


def test_wizard_records_who_the_group_is_for(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:create"),
        {
            "name": "Early maths",
            "purpose": "Number sense in the junior school.",
            "new_focus_areas": "Number sense",
            "year_levels": ["y0-3", "y4-6"],
            "learning_areas": ["mathematics"],
            "shared_learners": "Room 3's new entrants",
        },
    )
    assert response.status_code == 302
    group = LearningGroup.objects.get(name="Early maths")
    assert group.year_levels == ["y0-3", "y4-6"]
    assert group.learning_areas == ["mathematics"]
    assert group.shared_learners == "Room 3's new entrants"


def test_editing_who_the_group_is_for_is_in_its_history(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:edit", args=[world.group.public_id, "focus"]),
        {
            "name": world.group.name,
            "purpose": world.group.purpose,
            "new_focus_areas": "Structured literacy",
            "year_levels": ["y0-3"],
            "learning_areas": ["english", "learning-support"],
            "shared_learners": "Te Awa team",
            "version": world.group.version,
        },
    )
    assert response.status_code == 302
    entry = ActivityEntry.objects.filter(group=world.group, action=GroupActivity.UPDATED).first()
    assert entry.changes["year_levels"] == {
        "label": "Year levels",
        "from": "",
        "to": "Years 0–3 / groep 1–4",
    }
    assert entry.changes["learning_areas"]["to"] == "English, Learning support"
    assert entry.changes["shared_learners"]["to"] == "Te Awa team"
    home = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    assert "Te Awa team" in home
    assert "English, Learning support" in home
    history = client.get(reverse("groups:history", args=[world.group.public_id])).content.decode()
    assert "Years 0–3 / groep 1–4" in history


def test_summary_and_explore_card_say_who_the_group_is_for(client, world):
    services.group_update(
        group=world.group,
        by=world.facilitator,
        version=None,
        year_levels=["y7-8"],
        learning_areas=["science"],
        shared_learners="Year 8 science classes",
    )
    client.force_login(world.colleague)  # not a member: sees the summary
    about = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    assert "Ask to join" in about
    assert "Years 7–8 / groep 8" in about
    assert "Year 8 science classes" in about
    card = explore(client)
    assert "Years 7–8 / groep 8 · Science" in card


def test_an_unknown_year_level_is_a_form_error_that_keeps_what_was_typed(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:edit", args=[world.group.public_id, "focus"]),
        {
            "name": world.group.name,
            "purpose": "A purpose typed with care.",
            "new_focus_areas": "Structured literacy",
            "year_levels": ["y99"],
            "version": world.group.version,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "A purpose typed with care." in page
    world.group.refresh_from_db()
    assert world.group.year_levels == []


def test_services_refuse_codes_outside_the_vocabulary(world):
    with pytest.raises(services.KahuiError):
        services.group_create(by=world.facilitator, name="X", purpose="Y", year_levels=["y99"])
    with pytest.raises(services.KahuiError):
        services.group_update(
            group=world.group, by=world.facilitator, version=None, learning_areas=["alchemy"]
        )


# -- Explore's filters ------------------------------------------------------------


def test_explore_filters_by_year_level_and_learning_area(client, world):
    services.group_update(
        group=world.group,
        by=world.facilitator,
        version=None,
        year_levels=["y0-3"],
        learning_areas=["english"],
    )
    maths = make_group(world.facilitator, name="Maths talk", organisation=world.school)
    services.group_update(
        group=maths,
        by=world.facilitator,
        version=None,
        year_levels=["y4-6", "y7-8"],
        learning_areas=["mathematics"],
    )
    client.force_login(world.colleague)
    page = explore(client, year_level="y7-8")
    assert "Maths talk" in page
    assert world.group.name not in page
    page = explore(client, learning_area="english")
    assert world.group.name in page
    assert "Maths talk" not in page
    assert "No groups match" in explore(client, year_level="y0-3", learning_area="mathematics")


def test_explore_filters_by_when_and_where_groups_meet(client, world, monday):
    meet(world.group, world.facilitator, day=date(2027, 3, 4), at=time(15, 30))  # Thursday
    online = make_group(world.outsider, name="Evening circle", scope="external", access=Access.OPEN)
    meet(online, world.outsider, day=date(2027, 3, 9), at=time(19, 0), zone="Europe/Amsterdam")
    quiet = make_group(world.facilitator, name="No meetings yet", organisation=world.school)
    client.force_login(world.colleague)

    page = explore(client, weekday=3)
    assert world.group.name in page
    assert "Evening circle" not in page
    assert quiet.name not in page
    page = explore(client, time_of_day=PartOfDay.EVENING)
    assert "Evening circle" in page
    assert world.group.name not in page
    page = explore(client, time_zone="Europe/Amsterdam", weekday=1)  # Tuesday
    assert "Evening circle" in page
    assert world.group.name not in page
    # Day and time hold at the same meeting.
    assert "No groups match" in explore(client, weekday=3, time_of_day=PartOfDay.EVENING)
    # The card says when a group meets, with the zone when it is not the viewer's.
    page = explore(client)
    assert "Tuesday" in page
    assert "(Europe/Amsterdam)" in page


def test_explore_offers_only_time_zones_groups_meet_in(client, world, monday):
    meet(world.group, world.facilitator, day=date(2027, 3, 4), at=time(15, 30))
    client.force_login(world.colleague)
    form = client.get(reverse("groups:explore")).context["form"]
    assert [value for value, _label in form.fields["time_zone"].choices] == [
        "",
        "Pacific/Auckland",
    ]
    # A zone no group meets in (an old link) is an error beside its field; the
    # other filters still apply.
    response = client.get(
        reverse("groups:explore"), {"time_zone": "Asia/Tokyo", "q": "nothing like it"}
    )
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "No groups match" in page


def test_explore_with_every_filter_keeps_its_query_count(
    client, world, monday, django_assert_max_num_queries
):
    for n in range(15):
        group = make_group(
            world.outsider, name=f"External {n}", scope="external", access=Access.OPEN
        )
        services.group_update(group=group, by=world.outsider, version=None, year_levels=["y4-6"])
        meet(group, world.outsider, day=date(2027, 3, 2 + n % 5), at=time(15, 30))
    client.force_login(world.colleague)
    filters = {
        "year_level": "y4-6",
        "weekday": 1,
        "time_of_day": PartOfDay.AFTER_SCHOOL,
        "time_zone": "Pacific/Auckland",
    }
    with django_assert_max_num_queries(12):
        response = client.get(reverse("groups:explore"), filters)
    assert response.context["page"].paginator.count == 3
    assert response.context["page"].object_list[0].meets


def test_part_of_day_bounds():
    assert part_of_day(time(8, 59)) == PartOfDay.BEFORE_SCHOOL
    assert part_of_day(time(9, 0)) == PartOfDay.SCHOOL_DAY
    assert part_of_day(time(15, 0)) == PartOfDay.AFTER_SCHOOL
    assert part_of_day(time(17, 0)) == PartOfDay.EVENING


def test_groups_meeting_matches_day_time_and_zone_at_one_meeting():
    times = [
        MeetingTime(1, 0, time(15, 30), "Pacific/Auckland"),
        MeetingTime(1, 2, time(19, 0), "Pacific/Auckland"),
        MeetingTime(2, 0, time(19, 0), "Europe/Amsterdam"),
    ]
    assert groups_meeting(times) == {1, 2}
    assert groups_meeting(times, weekday=0) == {1, 2}
    assert groups_meeting(times, weekday=0, part=PartOfDay.EVENING) == {2}
    assert groups_meeting(times, part=PartOfDay.EVENING, time_zone="Pacific/Auckland") == {1}
    assert groups_meeting(times, weekday=4) == set()


def test_meetings_further_than_eight_weeks_do_not_say_when_a_group_meets(client, world, monday):
    meet(world.group, world.facilitator, day=date(2027, 3, 1) + timedelta(weeks=9), at=time(16))
    client.force_login(world.colleague)
    assert "No groups match" in explore(client, time_of_day=PartOfDay.AFTER_SCHOOL)
