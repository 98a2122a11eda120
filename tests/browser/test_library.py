"""Sharing a resource: a refused HTML upload, a link shared with tags and a reading
time, found again through search."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_share_and_find_a_resource(live_server, page, world, tmp_path):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/library/")
    assert_accessible(page)
    page.get_by_role("link", name="Share a resource").click()
    assert_accessible(page)
    assert_fits(page)

    evil = tmp_path / "worksheet.html"
    evil.write_text("<script>alert(1)</script>")
    page.get_by_role("radio", name="File").check()
    page.get_by_label("Title").fill("Phoneme worksheet")
    page.locator("input[type=file]").set_input_files(str(evil))
    page.get_by_role("button", name="Share").click()
    expect(page.locator("#id_upload_error")).to_contain_text("cannot be shared")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("Phoneme worksheet")

    page.get_by_role("radio", name="Link").check()
    page.get_by_label("Title").fill("Sound wall walkthrough")
    page.get_by_role("textbox", name="Link").fill("https://example.org/sound-wall")
    page.get_by_label("What is it, and why is it useful?").fill("A video tour of a sound wall.")
    page.get_by_label("Time to read or watch (minutes)").fill("12")
    page.get_by_label("Evidence-informed").check()
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("heading", name="Sound wall walkthrough")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/search/?q=sound+wall")
    expect(page.get_by_test_id("search-hit").first).to_contain_text("Sound wall walkthrough")
