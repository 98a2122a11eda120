"""A facilitator in a hurry: skips the shared vision and the agreements, opens the group
without inviting anyone, and is reminded on the group's page to write them."""

import pytest
from playwright.sync_api import expect

from kahui.groups.models import LearningGroup
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_skip_vision_and_agreements_then_write_them_later(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/new/")
    page.get_by_label("Group name").fill("Pāngarau kōrero")
    page.get_by_label("Another focus area").fill("Maths talk")
    page.get_by_label("Purpose").fill("Talk about maths every day.")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Shared vision")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Skip, write it later").click()

    expect(page.get_by_role("heading", name="Goals")).to_be_visible()
    expect(page.get_by_role("link", name="Skip, write it later")).to_have_count(0)
    page.get_by_label("Goal", exact=True).fill("Every lesson has a number talk")
    page.get_by_label("How will you see progress?").fill("Lesson observations")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Agreements")).to_be_visible()
    page.get_by_role("link", name="Skip, write it later").click()

    expect(page.get_by_role("heading", name="Structure")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Roles")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Invite members")).to_be_visible()
    page.get_by_role("button", name="Finish and open the group").click()

    expect(page.get_by_role("heading", name="Pāngarau kōrero")).to_be_visible()
    expect(
        page.get_by_text("Pāngarau kōrero is open. Invite colleagues from its page when you are")
    ).to_be_visible()
    expect(page.get_by_text("Invitations are on their way")).to_have_count(0)
    reminder = page.locator("#still-to-write")
    expect(reminder).to_contain_text("no shared vision or agreements yet")
    assert_accessible(page)
    assert_fits(page)

    reminder.get_by_role("link", name="Write the shared vision").click()
    page.get_by_label("Shared vision").fill("Every child explains their thinking.")
    page.get_by_role("button", name="Save").click()
    expect(reminder).to_contain_text("no agreements yet")
    expect(reminder.get_by_role("link", name="Write the shared vision")).to_have_count(0)
    group = LearningGroup.objects.get(name="Pāngarau kōrero")
    assert group.status == "active"
    assert group.vision == "Every child explains their thinking."
    assert not group.norms.exists()
