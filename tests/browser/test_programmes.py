"""A programme in the browser: the school's administrator sets one up from the
organisation page, writes up the intake and a structure proposal of two groups, agrees
to it for the school, makes the groups, starts an intervisie circle for their
facilitators and schedules its first meeting with the intervisie protocol."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kahui.groups.models import GroupKind, LearningGroup, Status
from kahui.orgs.models import OrgMembership
from kahui.programmes.models import Programme
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_from_intake_to_groups_and_an_intervisie_meeting(live_server, page, world):
    base = live_server.url
    second = make_user("ti@kowhai.example", "Tia Second", organisation=world.school)
    OrgMembership.objects.create(organisation=world.school, user=second)

    log_in(page, base, world.admin.email)
    page.goto(f"{base}/orgs/{world.school.slug}/")
    page.get_by_role("link", name="Set up a programme").click()
    page.get_by_label("Programme name").fill("Reading together")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="Intake")).to_be_visible()
    page.get_by_label("Wishes").fill("Teachers want to learn from each other's reading lessons.")
    page.get_by_label("Hours per term for each participant").fill("-3")
    page.get_by_role("button", name="Save the intake").click()
    # refused, and nothing typed is lost
    expect(page.get_by_label("Wishes")).to_have_value(
        "Teachers want to learn from each other's reading lessons."
    )
    page.get_by_label("Hours per term for each participant").fill("6")
    page.get_by_label("Aim of the learning groups").fill("Every learner reads with confidence.")
    page.get_by_role("button", name="Save the intake").click()
    expect(page.get_by_role("heading", name="Reading together")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Structure proposal").click()
    page.get_by_role("link", name="Write the proposal").click()
    rows = [page.get_by_role("group", name=f"Group {n}") for n in (1, 2)]
    for row, (name, facilitator, participants) in zip(
        rows,
        [
            ("Junior readers", "Aroha Facilitator", ["Mere Member"]),
            ("Senior writers", "Tia Second", ["Colin Colleague"]),
        ],
        strict=True,
    ):
        row.get_by_label("Group name").fill(name)
        row.get_by_label("Focus").fill(f"{name}: looking at learners' work together.")
        row.get_by_label("Facilitators").select_option(
            label=next(o for o in _options(row, "Facilitators") if o.startswith(facilitator))
        )
        row.get_by_label("Participants").select_option(
            label=[o for o in _options(row, "Participants") if o.split(" (")[0] in participants]
        )
    page.get_by_label("Roles").fill("Facilitators chair; a note-taker rotates.")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Save this version").click()

    expect(page.get_by_role("heading", name="2 planned groups")).to_be_visible()
    page.get_by_label("Your comment").fill("Looks right for term 2.")
    page.get_by_role("button", name="Comment").click()
    expect(page.get_by_text("Looks right for term 2.")).to_be_visible()
    page.get_by_role("button", name="Agree to this version").click()
    expect(page.get_by_text("Every organisation agreed.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Make the groups as drafts").click()

    programme = Programme.objects.get()
    assert set(programme.groups.values_list("name", "status")) == {
        ("Junior readers", Status.DRAFT),
        ("Senior writers", Status.DRAFT),
    }
    groups_table = page.get_by_role("region", name="Table of the programme groups")
    expect(groups_table.get_by_role("link", name="Junior readers")).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_have_text("Kick-off")

    page.get_by_role("link", name="Start an intervisie circle").click()
    page.get_by_role("button", name="Save").click()
    circle = LearningGroup.objects.get(kind=GroupKind.INTERVISIE)
    assert {m.user.email for m in circle.memberships.all()} == {
        world.admin.email,
        world.facilitator.email,
        second.email,
    }
    expect(page.get_by_role("heading", name=circle.name)).to_be_visible()
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="Schedule meetings").first.click()
    expect(page.get_by_label("Protocol")).to_have_value(str(circle.default_template.pk))
    page.wait_for_load_state()  # the form's scripts are ready to follow changes
    page.get_by_label("Title").fill("First intervisie")
    page.get_by_label("Date").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label("Start time").fill("15:30")
    page.get_by_label("Repeats").select_option("")
    page.get_by_label("In person").check()
    page.get_by_label("Room or place").fill("Staff room")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_role("heading", name="First intervisie")).to_be_visible()
    expect(page.get_by_text("Clarifying questions", exact=True)).to_be_visible()
    meeting = circle.meetings.get()
    assert [item.title for item in meeting.agenda.all()][1:3] == [
        "The case",
        "Clarifying questions",
    ]


def _options(row, label: str) -> list[str]:
    return row.get_by_label(label).locator("option").all_inner_texts()
