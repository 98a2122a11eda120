"""A shared product in the browser: a member begins a rubric, two members edit it at
once, and the later save shows the other's version beside the text still in the box."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_two_members_edit_a_shared_product_and_the_conflict_is_shown(
    live_server, page, browser, world
):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/library/")
    page.get_by_role("link", name="Shared products").click()
    assert_accessible(page)
    page.get_by_role("link", name="Begin a shared product").click()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Title").fill("Oral reading rubric")
    page.get_by_role("radio", name="Rubric").check()
    page.get_by_label("Its text").fill("| Level | Looks like |\n|---|---|\n| 1 | Sounds out |")
    page.get_by_role("button", name="Begin it").click()
    expect(page.get_by_role("heading", name="Oral reading rubric")).to_be_visible()
    expect(page.get_by_role("cell", name="Sounds out")).to_be_visible()
    assert_accessible(page)

    # Both open the editor on version 1.
    page.get_by_role("link", name="Edit", exact=True).click()
    other = browser.new_context().new_page()
    log_in(other, base, world.facilitator.email)
    other.goto(page.url)
    other.get_by_label("Its text").fill(
        "| Level | Looks like |\n|---|---|\n| 1 | Sounds out words |"
    )
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_text("Saved as version 2.")).to_be_visible()

    page.get_by_label("Its text").fill("| Level | Looks like |\n|---|---|\n| 1 | Blends sounds |")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("product-conflict")).to_be_visible()
    expect(page.get_by_test_id("their-product")).to_contain_text("Sounds out words")
    expect(page.get_by_label("Its text")).to_have_value(
        "| Level | Looks like |\n|---|---|\n| 1 | Blends sounds |"
    )
    assert_accessible(page)
    assert_fits(page)

    page.get_by_label("Its text").fill(
        "| Level | Looks like |\n|---|---|\n| 1 | Sounds out words and blends them |"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved as version 3.")).to_be_visible()
    page.get_by_role("link", name="Every version (3)").click()
    expect(page.get_by_role("heading", name="Version 2 by Aroha Facilitator")).to_be_visible()
    assert_accessible(page)
