"""Forming groups in the browser: a coordinator forms groups from the school's
educators, moves one person, publishes, and a member finds their new group."""

import pytest
from playwright.sync_api import expect

from kahui.formation.models import FormationRun
from kahui.orgs.models import OrgMembership
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_keyboard_only import focused, tab_to
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_forms_moves_and_publishes(live_server, page, world):
    profile = world.facilitator.profile
    profile.role = "facilitator"
    profile.save()
    for n in range(8):
        teacher = make_user(f"t{n}@kowhai.example", f"Teacher {n}", organisation=world.school)
        OrgMembership.objects.create(organisation=world.school, user=teacher)
    base = live_server.url
    log_in(page, base, world.coordinator.email)
    page.goto(f"{base}/orgs/{world.school.slug}/oversight/")
    page.get_by_role("navigation", name="Oversight pages").get_by_role(
        "link", name="Form groups"
    ).click()
    page.get_by_role("link", name="Form groups from a cohort").first.click()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Name of this formation").fill("Term 1 groups")
    page.get_by_label("Free times for those who have not painted their usual week").fill(
        "Mon 15:00-17:00;Wed 15:00-16:30"
    )
    page.get_by_label("Smallest group").fill("5")
    page.get_by_label("Largest group").fill("7")
    page.get_by_label("Search time (seconds)").fill("1")
    page.get_by_role("button", name="Form groups").click()
    expect(page.get_by_role("heading", name="Group 2")).to_be_visible()
    expect(page.get_by_text("upper bound on Q")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    run = FormationRun.objects.get()
    groups = run.result["groups"]
    # someone of the bigger group, never the only facilitator of theirs
    source = max(range(len(groups)), key=lambda i: len(groups[i]))
    names = {row["id"]: row for row in run.cohort["people"]}
    person = next(pid for pid in groups[source] if not names[pid]["facilitator"])
    target = 2 if source == 0 else 1
    # By keyboard only: Tab to each list, the arrow keys to choose, Enter on "Move".
    tab_to(page, "Person")
    choose_with_arrows(page, person)
    expect(page.get_by_label("Person")).to_have_value(person)
    expect(page.locator("#id_person option:checked")).to_contain_text(f"(group {source + 1})")
    page.keyboard.press("Tab")
    choose_with_arrows(page, str(target))
    page.keyboard.press("Tab")
    assert focused(page) == "Move"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="moved to group")).to_be_visible()
    # The board was drawn again; the focus stayed on "Move" for the next one.
    expect(page.get_by_role("button", name="Move", exact=True)).to_be_focused()
    expect(
        page.get_by_role("region", name=f"Group {target}").get_by_text(names[person]["name"])
    ).to_be_visible()
    run.refresh_from_db()
    assert person in run.result["groups"][target - 1]
    assert_accessible(page)

    page.get_by_role("button", name="Publish the groups").click()
    expect(page.get_by_text("groups made as drafts")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.context.clear_cookies()
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/")
    expect(page.get_by_text("Term 1 groups: group", exact=False).first).to_be_visible()
    assert_accessible(page)
    assert_fits(page)


def choose_with_arrows(page, value: str) -> None:
    """In the focused list, ArrowDown until ``value`` is chosen (then Home to start over)."""
    page.keyboard.press("Home")
    for _ in range(100):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} is not in the focused list")
