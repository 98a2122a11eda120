"""The role ladder that groups and organisations share."""

import pytest

from kahui.groups.models import GROUP_ROLES, GroupRole
from kahui.orgs.models import ORG_ROLES, OrgRole


def test_a_higher_role_carries_every_right_of_a_lower_one():
    assert ORG_ROLES.at_least(OrgRole.ADMIN, OrgRole.COORDINATOR)
    assert ORG_ROLES.at_least(OrgRole.COORDINATOR, OrgRole.COORDINATOR)
    assert not ORG_ROLES.at_least(OrgRole.MEMBER, OrgRole.COORDINATOR)
    assert GROUP_ROLES.at_least(GroupRole.FACILITATOR, GroupRole.MEMBER)
    assert not GROUP_ROLES.at_least(GroupRole.MEMBER, GroupRole.FACILITATOR)


@pytest.mark.django_db
def test_the_last_in_the_top_role_cannot_step_down_or_leave(world):
    group, school = world.group, world.school
    assert GROUP_ROLES.leaves_none(group, role=GroupRole.FACILITATOR, becomes=None)
    assert GROUP_ROLES.leaves_none(group, role=GroupRole.FACILITATOR, becomes=GroupRole.MEMBER)
    assert not GROUP_ROLES.leaves_none(group, role=GroupRole.MEMBER, becomes=None)
    assert not GROUP_ROLES.leaves_none(
        group, role=GroupRole.FACILITATOR, becomes=GroupRole.FACILITATOR
    )
    assert ORG_ROLES.leaves_none(school, role=OrgRole.ADMIN, becomes=OrgRole.COORDINATOR)
    school.memberships.update_or_create(user=world.member, defaults={"role": OrgRole.ADMIN})
    assert not ORG_ROLES.leaves_none(school, role=OrgRole.ADMIN, becomes=None)
