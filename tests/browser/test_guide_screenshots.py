"""The user guide's screenshots (docs/guide/images/<language>/), taken from a small
world signed in as each persona, so the guide shows the pages as they are.

One test per guide language with an interface catalogue (settings.LANGUAGES): each
persona's Profile.language is set to it before the pictures are taken. A guide
language without a catalogue yet (Dutch until its catalogue lands) gets a copy of
the English pictures, so its pages always point at images/<language>/. The clock is
fixed and every name is written here, so the pictures change only when the pages do.
Every page shown is scanned with axe-core.

Run it after changing a page the guide shows, and commit the pictures:
``.venv/bin/pytest tests/browser/test_guide_screenshots.py``."""

import shutil
from datetime import UTC, date, datetime, time
from io import BytesIO
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from kahui.accounts.models import Profile, User
from kahui.groups import services as group_services
from kahui.groups.models import Access, GroupRole
from kahui.inquiry import services as inquiry_services
from kahui.meetings import services as meeting_services
from kahui.orgs.models import Organisation, OrgMembership
from kahui.recognition import services as recognition_services
from kahui.reflection import services as reflection_services
from tests.browser.conftest import assert_accessible
from tests.conftest import make_group, make_user
from tests.guide_shots import GUIDE, GUIDE_LANGUAGES, SHOTS

# Tuesday 2 March 2027, 14:00 in Auckland: in term, the same date in UTC.
INSTANT = datetime(2027, 3, 2, 1, 0, tzinfo=UTC)
WIDE = {"width": 1100, "height": 750}
PHONE = {"width": 360, "height": 750}

SHOWN = [code for code, _name in settings.LANGUAGES if code in GUIDE_LANGUAGES]


@pytest.fixture
def guide_clock(time_machine):
    """Before ``world``, so everything in it is made on the guide's fixed day."""
    time_machine.move_to(INSTANT, tick=True)


def sign_in(page, base: str, user) -> None:
    """Sign in without the log-in form, whose labels change with the language."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


def build(world):
    """The little world the guide shows, on top of the shared personas."""
    school, group, facilitator, member = world.school, world.group, world.facilitator, world.member
    for email, name in (
        ("hemi@kowhai.example", "Hemi Walker"),
        ("sina@kowhai.example", "Sina Tuilagi"),
        ("lotte@kowhai.example", "Lotte de Vries"),
        ("priya@kowhai.example", "Priya Shah"),
    ):
        user = make_user(email, name, organisation=school)
        OrgMembership.objects.create(organisation=school, user=user)
        group.memberships.create(user=user, role=GroupRole.MEMBER)
    make_group(
        facilitator,
        name="Maths talk moves",
        organisation=school,
        access=Access.OPEN,
    )
    draft = group_services.group_create(
        by=facilitator,
        name="Te reo in every classroom",
        purpose="Grow everyday te reo Māori in every classroom.",
    )
    cycle = inquiry_services.cycle_start(
        group=group,
        by=facilitator,
        question="How does daily phonics practice change our Year 1 readers' decoding?",
        goals=list(group.goals.all()),
    )
    (meeting,) = meeting_services.meetings_schedule(
        group=group,
        by=facilitator,
        plan=meeting_services.MeetingPlan(
            title="Term 1 hui",
            start_date=date(2027, 3, 4),
            start_time=time(15, 30),
            time_zone="Pacific/Auckland",
            duration_minutes=60,
            format="in_person",
            location="Library",
        ),
    )
    meeting_services.decision_record(
        meeting=meeting, by=facilitator, text="Use the same phonics sequence in Y0-2."
    )
    meeting_services.action_add(
        group=group,
        by=facilitator,
        text="Bring three running records to the next hui",
        owner=member,
        due_on=date(2027, 3, 18),
        meeting=meeting,
    )
    reflection_services.entry_write(
        author=member,
        group=group,
        prompt="",
        title="Decoding with Year 1",
        body="The blending routine helped two of my readers this week.",
        cycle=cycle,
    )
    recognition_services.learning_activity_add(
        user=member,
        kind="reading",
        done_on=date(2027, 2, 20),
        minutes=90,
        note="Read about explicit phonics teaching in the junior school.",
    )
    # Avatars take their colour from the person's public id, and the member list shows
    # the invite code: fixed here, so the pictures stay the same from run to run.
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(public_id=uuid5(NAMESPACE_URL, user.email))
    Organisation.objects.filter(pk=school.pk).update(invite_code="KOWHAI-2027")
    return meeting, draft


def shrink(png: bytes, path: Path) -> None:
    """Save a screenshot in 256 colours: a third of the size, the same to the eye."""
    Image.open(BytesIO(png)).quantize(colors=256).save(path, optimize=True)


# Each shot: who takes it and where, in the order of SHOTS.
def pages(world, meeting, draft) -> dict[str, tuple[object, str]]:
    group_id = world.group.public_id
    meeting_url = reverse("meetings:detail", args=[group_id, meeting.public_id])
    return {
        "dashboard": (world.member, reverse("dashboard:home")),
        "explore": (world.colleague, reverse("groups:explore")),
        "group-home": (world.member, reverse("groups:home", args=[group_id])),
        "meeting": (world.facilitator, meeting_url),
        "usual-week": (world.member, reverse("scheduling:availability")),
        "inquiry": (world.member, reverse("inquiry:home", args=[group_id])),
        "reflection": (world.member, reverse("reflection:home")),
        "learning-record": (world.member, reverse("recognition:record")),
        "wizard": (world.facilitator, reverse("groups:setup", args=[draft.public_id, "focus"])),
        "health": (world.facilitator, reverse("health:overview", args=[group_id])),
        "oversight": (world.coordinator, reverse("oversight:dashboard", args=[world.cluster.slug])),
        "org-members": (world.admin, reverse("orgs:members", args=[world.school.slug])),
        "dashboard-phone": (world.member, reverse("dashboard:home")),
        "meeting-phone": (world.facilitator, meeting_url),
    }


@pytest.mark.parametrize("language", SHOWN)
@pytest.mark.django_db(transaction=True)
def test_guide_screenshots(live_server, page, guide_clock, world, language):
    base = live_server.url
    meeting, draft = build(world)
    Profile.objects.update(language=language)
    folder = GUIDE / "images" / language
    folder.mkdir(parents=True, exist_ok=True)
    shots = pages(world, meeting, draft)
    assert list(shots) == list(SHOTS)

    signed_in = None
    for name, (user, url) in shots.items():
        if user != signed_in:
            sign_in(page, base, user)
            signed_in = user
        page.set_viewport_size(PHONE if name.endswith("-phone") else WIDE)
        response = page.goto(base + url)
        assert response is not None, url
        assert response.ok, f"{name}: {url} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("main h1").first).to_be_visible()
        assert_accessible(page)
        shrink(page.screenshot(animations="disabled", caret="hide"), folder / f"{name}.png")

    if language == settings.LANGUAGE_CODE:
        # A guide language whose interface has no catalogue yet shows English pages.
        for other in GUIDE_LANGUAGES:
            if other not in dict(settings.LANGUAGES):
                (GUIDE / "images" / other).mkdir(parents=True, exist_ok=True)
                for shot in SHOTS:
                    shutil.copyfile(
                        folder / f"{shot}.png", GUIDE / "images" / other / f"{shot}.png"
                    )
