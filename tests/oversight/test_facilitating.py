"""The facilitator home: what needs a facilitator today, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.groups.models import JoinRequest
from kahui.groups.pages import WaitingItem, facilitator_needs
from kahui.meetings.models import ActionItem
from kahui.oversight.facilitating import facilitator_home
from kahui.scheduling.models import AvailabilityPoll
from tests.conftest import make_meeting
from tests.oversight.conftest import add_groups, bare_meeting

pytestmark = pytest.mark.django_db


def test_what_waits_for_a_facilitator(world, moment):
    meeting = bare_meeting(world.group, 2)
    ActionItem.objects.create(group=world.group, text="Read", due_on=date(2027, 5, 1))
    JoinRequest.objects.create(group=world.group, user=world.colleague)
    AvailabilityPoll.objects.create(group=world.group, title="When next?", time_zone="UTC")
    home = facilitator_home(world.facilitator)
    kinds = {item.kind for item in home.waiting}
    assert {"meeting", "actions", "request", "poll"} <= kinds
    assert [g.pk for g in home.groups] == [world.group.pk]
    prepare = next(item for item in home.waiting if item.kind == "meeting")
    assert meeting.title in prepare.text
    assert facilitator_home(world.member).waiting == []


def test_a_meeting_with_its_agenda_and_duties_needs_nothing(world, moment):
    meeting = make_meeting(world, days=2, template_key="regular")
    meeting.note_taker = world.member
    meeting.timekeeper = world.facilitator
    meeting.save()
    home = facilitator_home(world.facilitator)
    assert "meeting" not in {item.kind for item in home.waiting}


def test_apps_add_what_needs_a_facilitator(world, moment):
    item = WaitingItem(kind="coaching", text="Reply to your coach", url="/coach/")
    facilitator_needs.add("test-coaching", lambda user: [item])
    try:
        assert item in facilitator_home(world.facilitator).waiting
    finally:
        facilitator_needs._entries.pop("test-coaching")


def test_the_page_takes_the_same_queries_for_one_group_and_many(
    client, world, django_assert_num_queries, django_assert_max_num_queries, moment
):
    bare_meeting(world.group, 2)
    client.force_login(world.facilitator)
    url = reverse("oversight:facilitating")
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        response = client.get(url)
    assert "Prepare" in response.content.decode()
    for group in add_groups(world, 5, meetings=1):
        group.memberships.create(user=world.facilitator, role="facilitator")
        ActionItem.objects.create(
            group=group, text="Read", due_on=timezone.localdate() - timedelta(days=3)
        )
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.content.decode().count("overdue action") >= 5


def test_the_dashboard_links_facilitators_to_their_home(client, world):
    client.force_login(world.facilitator)
    text = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("oversight:facilitating") in text
