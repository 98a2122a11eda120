"""``kahui seed-demo``: a believable cluster, built once, through the services."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Q

from kahui.accounts.models import Profile, User
from kahui.core import demo
from kahui.core.models import ActivityEntry, FocusArea
from kahui.groups import services as group_services
from kahui.groups.models import (
    Goal,
    GroupInvite,
    GroupMembership,
    GroupRole,
    JoinRequest,
    LearningGroup,
    Norm,
)
from kahui.groups.stages import Stage
from kahui.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole

pytestmark = pytest.mark.django_db

COUNTED = (
    User,
    Profile,
    EmailAddress,
    Organisation,
    OrgMembership,
    FocusArea,
    LearningGroup,
    GroupMembership,
    Goal,
    Norm,
    JoinRequest,
    GroupInvite,
    ActivityEntry,
)


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    # The services queue invitation emails; nothing needs to run them here.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}


def test_seed_demo_builds_the_cluster_once():
    first = seed()
    counts = row_counts()
    second = seed()

    assert "Demo ready" in first
    assert "already in place" in second
    assert row_counts() == counts, "the second run must not add or change rows"
    for output in (first, second):
        assert "kahui-demo" in output
        assert "http://127.0.0.1:8000/" in output

    schools = Organisation.objects.exclude(kind=OrgKind.CLUSTER)
    assert schools.count() == 8
    assert set(schools.values_list("country", flat=True)) == {"NZ", "NL"}
    assert not schools.filter(parent=None).exists()
    assert {OrgKind.KURA, OrgKind.EARLY_LEARNING} <= set(schools.values_list("kind", flat=True))

    assert User.objects.count() == 60
    assert Profile.objects.count() == 60
    assert not User.objects.exclude(email__endswith=".example").exists()
    assert set(Profile.objects.values_list("time_zone", flat=True)) == {
        "Pacific/Auckland",
        "Europe/Amsterdam",
    }
    assert Profile.objects.filter(language="nl").exists()
    assert len(set(Profile.objects.values_list("role", flat=True))) == 5
    assert OrgMembership.objects.filter(role=OrgRole.COORDINATOR).exists()
    assert OrgMembership.objects.filter(role=OrgRole.ADMIN).count() == 10


def test_every_demo_user_can_sign_in_straight_away():
    seed()
    for user in User.objects.all():
        assert authenticate(email=user.email, password=demo.DEMO_PASSWORD) == user, user.email
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()


def test_groups_cover_every_stage_with_full_charters():
    seed()
    groups = LearningGroup.objects.annotate(
        members=Count("memberships", distinct=True),
        facilitators=Count(
            "memberships", filter=Q(memberships__role=GroupRole.FACILITATOR), distinct=True
        ),
        goal_count=Count("goals", distinct=True),
        norm_count=Count("norms", distinct=True),
    )
    assert groups.count() == 6
    assert {group.stage for group in groups} == set(Stage.values)
    assert len({group.format for group in groups}) == 3
    assert len({group.scope for group in groups}) == 2
    assert len({group.access for group in groups}) == 3
    for group in groups:
        assert group.status == "active"
        assert group.vision
        assert 1 <= group.facilitators <= 2, group.name
        assert 2 <= group.goal_count <= 3, group.name
        assert 4 <= group.norm_count <= 6, group.name
        assert not group.goals.filter(evidence="").exists()
    sizes = sorted(group.members for group in groups)
    assert 4 <= sizes[0] <= 5, "one small group shows the size warning"
    assert all(6 <= size <= 12 for size in sizes[1:])

    assert JoinRequest.objects.pending().count() >= 2
    assert GroupInvite.objects.pending().count() >= 1
    # The history was written by the services, and spans months rather than one moment.
    actions = set(ActivityEntry.objects.values_list("action", flat=True))
    assert {
        "group.created",
        "group.updated",
        "group.goal_added",
        "group.goal_changed",
        "group.norm_added",
        "group.invited",
        "group.member_joined",
        "group.activated",
        "group.stage_changed",
        "group.join_requested",
        "group.join_approved",
        "org.created",
        "org.member_joined",
    } <= actions
    times = ActivityEntry.objects.values_list("created_at", flat=True)
    assert (max(times) - min(times)).days > 180
    assert LearningGroup.objects.filter(cycle=2).exists()


def test_log_in_table_matches_the_data():
    output = seed()
    for login in demo.demo_logins():
        assert login.email in output
        assert User.objects.filter(email=login.email).exists()
    outsider = next(login for login in demo.demo_logins() if login.who == "Outsider")
    assert not GroupMembership.objects.filter(user__email=outsider.email).exists()
    coordinator = next(login for login in demo.demo_logins() if login.who == "Coordinator")
    assert OrgMembership.objects.filter(
        user__email=coordinator.email, role=OrgRole.COORDINATOR
    ).exists()


def test_roster_is_deterministic():
    first, second = demo.demo_roster(), demo.demo_roster()
    assert first == second
    assert len({person.email for person in first}) == 60
    assert all(person.email.isascii() for person in first)


def test_a_failed_build_leaves_nothing_behind(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(group_services, "group_set_stage", fail)
    with pytest.raises(RuntimeError, match="power cut"):
        seed()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()

    monkeypatch.undo()
    assert "Demo ready" in seed()
