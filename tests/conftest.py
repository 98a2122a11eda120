"""Shared fixtures: settings for fast tests, factories and the personas every view is
tested with (anonymous, outsider, member, facilitator, coordinator, admin)."""

import os
from dataclasses import dataclass

import hypothesis
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core.cache import caches
from django.utils import timezone, translation

from kahui.accounts.models import Profile, User
from kahui.groups import services as group_services
from kahui.groups.models import Access, GroupRole, LearningGroup, Scope
from kahui.groups.services import ItemEdit
from kahui.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole

# Playwright runs an event loop; without this Django refuses DB access in sync tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Tests assert behaviour, not speed (benchmarks under bench/ measure that): on a busy
# machine a slow example is no failure.
hypothesis.settings.register_profile(
    "kahui", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("kahui")

PASSWORD = "correct horse battery staple"


def fast_settings(media_root) -> dict:
    """What every test runs with: a quick password hash, tasks run at once, media in a
    throwaway folder, static files unhashed, no sign-in rate limits."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        "MEDIA_ROOT": media_root,
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "ACCOUNT_RATE_LIMITS": False,
    }


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    for name, value in fast_settings(tmp_path / "media").items():
        setattr(settings, name, value)
    caches["fragments"].clear()
    yield
    # A request leaves its language active in the thread (as Django's LocaleMiddleware
    # does); the next test starts in the default language, whatever this one signed in as.
    translation.deactivate()
    timezone.deactivate()


def make_user(email: str, name: str = "", *, organisation=None, role="teacher") -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    Profile.objects.create(
        user=user,
        display_name=name or email.split("@")[0].title(),
        role=role,
        organisation=organisation,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def tiny_png(size: tuple[int, int] = (40, 30), colour: str = "#0b5c57") -> bytes:
    """A small PNG, for profile pictures."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def make_org(name: str = "Kōwhai Primary", kind: str = OrgKind.SCHOOL, parent=None):
    slug = name.lower().replace(" ", "-").replace("ō", "o")
    return Organisation.objects.create(name=name, slug=slug, kind=kind, parent=parent)


def make_group(
    facilitator: User,
    *,
    name: str = "Structured literacy Y0-3",
    organisation=None,
    members=(),
    access: str = Access.REQUEST,
    scope: str = Scope.INTERNAL,
) -> LearningGroup:
    group = group_services.group_create(
        by=facilitator, name=name, purpose="Lift early reading through structured literacy."
    )
    group_services.group_update(
        group=group,
        by=facilitator,
        version=None,
        vision="Every child reads with joy by the end of Year 3.",
        organisation=organisation,
        access=access,
        scope=scope,
    )
    group_services.goals_save(
        group=group,
        by=facilitator,
        rows=[ItemEdit(id=None, values={"text": "Daily phonics", "evidence": "Running records"})],
    )
    group_services.norms_save(
        group=group, by=facilitator, rows=[ItemEdit(id=None, values={"text": "Be on time"})]
    )
    group_services.group_activate(group=group, by=facilitator)
    for member in members:
        group.memberships.create(user=member, role=GroupRole.MEMBER)
    group.refresh_from_db()
    return group


@dataclass
class World:
    """A cluster with a school, a group in it, and one person in each role."""

    cluster: Organisation
    school: Organisation
    other_school: Organisation
    group: LearningGroup
    facilitator: User
    member: User
    coordinator: User
    admin: User
    outsider: User
    colleague: User  # same school, not in the group


@pytest.fixture
def world(db) -> World:
    cluster = make_org("Awa Cluster", OrgKind.CLUSTER)
    school = make_org("Kōwhai Primary", parent=cluster)
    other_school = make_org("Elsewhere College")
    facilitator = make_user("fa@kowhai.example", "Aroha Facilitator", organisation=school)
    member = make_user("me@kowhai.example", "Mere Member", organisation=school)
    coordinator = make_user("co@awa.example", "Cora Coordinator", organisation=cluster)
    admin = make_user("ad@kowhai.example", "Ada Admin", organisation=school)
    outsider = make_user("out@elsewhere.example", "Otto Outsider", organisation=other_school)
    colleague = make_user("col@kowhai.example", "Colin Colleague", organisation=school)
    for user in (facilitator, member, colleague):
        OrgMembership.objects.create(organisation=school, user=user)
    OrgMembership.objects.create(organisation=school, user=admin, role=OrgRole.ADMIN)
    OrgMembership.objects.create(organisation=cluster, user=coordinator, role=OrgRole.COORDINATOR)
    OrgMembership.objects.create(organisation=other_school, user=outsider, role=OrgRole.ADMIN)
    group = make_group(facilitator, organisation=school, members=[member])
    return World(
        cluster=cluster,
        school=school,
        other_school=other_school,
        group=group,
        facilitator=facilitator,
        member=member,
        coordinator=coordinator,
        admin=admin,
        outsider=outsider,
        colleague=colleague,
    )


def make_meeting(world, *, title: str = "Hui", days: int = 3, template_key: str | None = None):
    """One in-person meeting of the world's group, ``days`` from today at 15:30."""
    from datetime import date, time, timedelta

    from kahui.meetings import services as meeting_services
    from kahui.meetings.models import AgendaTemplate

    (meeting,) = meeting_services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=meeting_services.MeetingPlan(
            title=title,
            start_date=date.today() + timedelta(days=days),
            start_time=time(15, 30),
            time_zone="Pacific/Auckland",
            duration_minutes=60,
            format="in_person",
            location="Library",
            template=AgendaTemplate.objects.get(key=template_key) if template_key else None,
        ),
    )
    return meeting


def make_poll(world):
    """A poll of the world's group with one option, five days on."""
    from datetime import date, time, timedelta

    from kahui.scheduling import services as scheduling_services

    return scheduling_services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="When?",
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling_services.OptionPlan(
                day=date.today() + timedelta(days=5),
                start=time(16, 0),
                duration_minutes=60,
                format="online",
            )
        ],
    )
