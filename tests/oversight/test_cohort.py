"""The cohort view: educators in no group, in several, or who stopped attending."""

import pytest
from django.urls import reverse

from kahui.groups.models import GroupMembership
from kahui.orgs.models import OrgMembership
from kahui.oversight.access import Overseen
from kahui.oversight.cohort import cohort_of
from tests.conftest import make_group, make_user
from tests.oversight.conftest import past_meeting

pytestmark = pytest.mark.django_db


def test_no_group_several_groups_and_stopped_attending(world, moment):
    second = make_group(world.facilitator, name="Maths talk", organisation=world.school)
    GroupMembership.objects.create(group=second, user=world.member)
    newcomer = make_user("new@kowhai.example", "Nia Newcomer", organisation=world.school)
    OrgMembership.objects.create(organisation=world.school, user=newcomer)
    for days in (42, 28, 14):
        past_meeting(world.group, days, present=[world.facilitator], absent=[world.member])
    GroupMembership.objects.create(group=world.group, user=newcomer)  # joined since
    cohort = cohort_of(Overseen(organisation=world.cluster).organisations())
    names = lambda people: sorted(p.name for p in people)  # noqa: E731
    assert "Colin Colleague" in names(cohort.in_no_group)
    assert names(cohort.in_several) == ["Aroha Facilitator", "Mere Member"]
    assert names(cohort.stopped) == ["Mere Member"]
    assert cohort.stopped[0].stopped_in == [world.group.name]


def test_the_cohort_page_shows_names_and_groups(client, world, moment):
    client.force_login(world.coordinator)
    response = client.get(reverse("oversight:cohort", args=[world.school.slug]))
    assert response.status_code == 200
    assert "Colin Colleague" in response.content.decode()
