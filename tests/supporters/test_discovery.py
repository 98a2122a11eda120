"""Internal groups within a cluster: staff of the cluster's schools find the cluster's
own internal groups in Explore, a partner organisation's staff find the groups it
shares, and an invitation-only group stays hidden from all of them."""

import pytest
from django.urls import reverse

from kahui.groups.models import Access, LearningGroup
from kahui.orgs.models import OrgMembership
from tests.conftest import make_group, make_org, make_user

pytestmark = pytest.mark.django_db


def _explore(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("groups:explore")).content.decode()


def test_a_cluster_owned_internal_group_is_found_by_its_schools_staff(client, world):
    lead = make_user("lead@awa.example", "Lena Lead", organisation=world.cluster)
    OrgMembership.objects.create(organisation=world.cluster, user=lead)
    cluster_group = make_group(lead, name="Cluster maths network", organisation=world.cluster)
    assert cluster_group in LearningGroup.objects.discoverable_by(world.colleague)
    assert "Cluster maths network" in _explore(client, world.colleague)
    # Staff of a school outside the cluster do not find it.
    assert cluster_group not in LearningGroup.objects.discoverable_by(world.outsider)
    assert "Cluster maths network" not in _explore(client, world.outsider)


def test_a_partner_organisations_staff_find_the_internal_group_it_shares(client, world):
    teacher = make_user("t@elsewhere.example", "Tia Teacher", organisation=world.other_school)
    OrgMembership.objects.create(organisation=world.other_school, user=teacher)
    assert world.group not in LearningGroup.objects.discoverable_by(teacher)
    world.group.partners.add(world.other_school)
    assert world.group in LearningGroup.objects.discoverable_by(teacher)
    assert world.group.name in _explore(client, teacher)


@pytest.mark.parametrize("owner", ["cluster", "partner"])
def test_an_invitation_only_group_stays_hidden(client, world, owner):
    lead = make_user("lead@awa.example", "Lena Lead", organisation=world.cluster)
    OrgMembership.objects.create(organisation=world.cluster, user=lead)
    hidden = make_group(
        lead, name="Principals' circle", organisation=world.cluster, access=Access.INVITE
    )
    viewer = world.colleague
    if owner == "partner":
        hidden.organisation = make_org("Far Cluster")
        hidden.save()
        hidden.partners.add(world.school)
    assert hidden not in LearningGroup.objects.discoverable_by(viewer)
    assert "Principals&#x27; circle" not in _explore(client, viewer)
    assert "Principals' circle" not in _explore(client, viewer)
