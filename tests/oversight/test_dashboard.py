"""The coordinator dashboard: its figures, flags, filters and the fixed number of
queries it takes however many groups there are."""

from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from kahui.core import activity
from kahui.groups.models import Frequency, GroupMembership, LearningGroup
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import ActionItem
from kahui.orgs.models import SchoolPeriod
from kahui.oversight import selectors
from kahui.oversight.access import Overseen
from tests.conftest import make_user
from tests.oversight.conftest import add_groups, past_meeting

pytestmark = pytest.mark.django_db


def _row(world, group=None):
    rows = selectors.group_rows(LearningGroup.objects.filter(pk=(group or world.group).pk))
    return rows[0]


def test_a_group_meeting_on_its_cadence_is_regular(world, moment):
    for weeks in (2, 4, 6):
        past_meeting(world.group, 14 * weeks // 2, present=[world.member])
    row = _row(world)
    assert row.cadence_days == 14
    assert not row.irregular
    assert row.longest_gap_days == 14


def test_a_long_gap_between_meetings_is_irregular(world, moment):
    past_meeting(world.group, 60, present=[world.member])
    past_meeting(world.group, 5, present=[world.member])
    row = _row(world)
    assert row.irregular
    assert "irregular" in row.flags


def test_school_holidays_do_not_count_in_a_gap(world, moment):
    past_meeting(world.group, 40, present=[world.member])
    past_meeting(world.group, 5, present=[world.member])
    assert _row(world).irregular
    today = timezone.localdate()
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="holiday",
        name="Holidays",
        first_day=today - timedelta(days=33),
        last_day=today - timedelta(days=20),
    )
    assert not _row(world).irregular


def test_no_meeting_for_longer_than_the_cadence_is_irregular(world, moment):
    world.group.frequency = Frequency.WEEKLY
    world.group.save()
    past_meeting(world.group, 30, present=[world.member])
    assert _row(world).irregular


def test_attendance_trend_compares_the_last_three_meetings_with_the_three_before(world, moment):
    others = [make_user(f"x{i}@kowhai.example") for i in range(3)]
    for user in others:
        GroupMembership.objects.create(group=world.group, user=user)
    everyone = [world.member, *others]
    for days in (70, 56, 42):
        past_meeting(world.group, days, present=everyone)
    for days in (28, 14, 1):
        past_meeting(world.group, days, present=everyone[:1], absent=everyone[1:])
    row = _row(world)
    assert row.attendance_before == 1
    assert row.attendance_recent == 0.25
    assert row.trend == "down"
    assert "attendance" in row.flags


def test_size_and_overdue_actions_are_flagged(world, moment):
    ActionItem.objects.create(
        group=world.group, text="Read", due_on=timezone.localdate() - timedelta(days=2)
    )
    ActionItem.objects.create(group=world.group, text="Plan")
    row = _row(world)
    assert row.members == 2
    assert row.size_state == "small"
    assert (row.open_actions, row.overdue_actions) == (2, 1)
    assert {"size", "overdue"} <= set(row.flags)


def test_filters_and_sorting(world, moment):
    add_groups(world, 3)
    rows = selectors.group_rows(Overseen(organisation=world.school).groups())
    names = [r.group.name for r in selectors.filter_rows(rows, selectors.Filters(sort="name"))]
    assert names == sorted(names, key=str.casefold)
    backwards = selectors.filter_rows(rows, selectors.Filters(sort="name", descending=True))
    assert [r.group.name for r in backwards] == names[::-1]
    online = selectors.filter_rows(rows, selectors.Filters(format="online"))
    assert online == []
    flagged = selectors.filter_rows(rows, selectors.Filters(flagged=True))
    assert all(row.flags for row in flagged)


def test_a_cluster_sees_its_schools_groups_and_a_school_its_own(world):
    other = add_groups(world, 1)[0]
    other.organisation = world.other_school
    other.save()
    assert set(Overseen(organisation=world.cluster).groups()) == {world.group}
    world.group.partners.add(world.other_school)
    assert set(Overseen(organisation=world.other_school).groups()) == {world.group, other}


def test_the_dashboard_takes_the_same_queries_for_3_and_30_groups(
    client, world, django_assert_num_queries, django_assert_max_num_queries, moment
):
    """The number of queries does not grow with the number of groups."""
    client.force_login(world.admin)
    url = reverse("oversight:dashboard", args=[world.school.slug])
    add_groups(world, 2, prefix="a")
    client.get(url)  # fills what the first request of a session fills
    caches["fragments"].clear()  # the figures worked out afresh, not kept
    with django_assert_max_num_queries(30) as three:
        response = client.get(url)
    assert response.status_code == 200
    assert b"Group a001" in response.content
    for group in add_groups(world, 27, prefix="b"):
        ActionItem.objects.create(group=group, text="Read", due_on=date(2027, 1, 1))
    assert LearningGroup.objects.count() == 30
    caches["fragments"].clear()
    with django_assert_num_queries(len(three)):
        response = client.get(url)
    assert response.status_code == 200
    assert b"Group b026" in response.content


def test_the_figures_are_kept_until_the_groups_change(
    client, world, django_assert_max_num_queries, moment
):
    client.force_login(world.admin)
    url = reverse("oversight:dashboard", args=[world.school.slug])
    client.get(url)
    caches["fragments"].clear()
    with django_assert_max_num_queries(40) as afresh:
        client.get(url)
    with django_assert_max_num_queries(40) as kept:
        client.get(url)
    assert len(kept) <= len(afresh) - 5
    past_meeting(world.group, 2, present=[world.member])
    ActionItem.objects.create(group=world.group, text="Plan", due_on=date(2027, 5, 1))
    assert b"1 overdue" not in client.get(url).content  # not logged: kept a while
    activity.record(actor=world.facilitator, action=MeetingActivity.ACTION_ADDED, group=world.group)
    assert b"1 overdue" in client.get(url).content


def test_the_dashboard_shows_a_row_per_group_with_its_flags(client, world, moment):
    past_meeting(world.group, 60, present=[world.member])
    client.force_login(world.coordinator)
    response = client.get(reverse("oversight:dashboard", args=[world.school.slug]))
    text = response.content.decode()
    assert response.status_code == 200
    assert world.group.name in text
    assert "irregular" in text
    assert reverse("oversight:group", args=[world.group.public_id]) in text
    flagged = client.get(
        reverse("oversight:dashboard", args=[world.school.slug]) + "?flagged=on&sort=members"
    )
    assert world.group.name in flagged.content.decode()


def test_the_organisation_page_links_coordinators_to_the_dashboard(client, world):
    url = reverse("oversight:dashboard", args=[world.school.slug])
    client.force_login(world.admin)
    assert url in client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()
    client.force_login(world.member)
    assert url not in client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()


def test_the_group_figures_page(client, world, moment):
    past_meeting(world.group, 7, present=[world.member], absent=[world.facilitator])
    client.force_login(world.coordinator)
    response = client.get(reverse("oversight:group", args=[world.group.public_id]))
    assert response.status_code == 200
    assert "Latest health check" in response.content.decode()
