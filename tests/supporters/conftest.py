"""A supporter of the world's group: an RTLB with an account but no school in the
world, invited by its facilitator."""

import pytest
from django.utils import timezone

from kahui.groups.models import GroupSupporter
from tests.conftest import make_user


@pytest.fixture
def rtlb(world):
    return make_user("rtlb@awa.example", "Rawiri RTLB")


@pytest.fixture
def support(world, rtlb) -> GroupSupporter:
    """The RTLB supports the world's group (invited and accepted)."""
    return GroupSupporter.objects.create(
        group=world.group,
        user=rtlb,
        role_note="RTLB",
        invited_by=world.facilitator,
        accepted_at=timezone.now(),
    )
