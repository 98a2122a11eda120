"""Data rights in a browser: a member asks for an export of their data, sees it ready
and downloads it, then opens the page that deletes their account. Each page checked
for accessibility and a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_ask_for_an_export_and_open_the_deletion_page(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/profile/")
    page.get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data", exact=True)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("button", name="Make my export").click()
    expect(page.get_by_text("Your export is being made.")).to_be_visible()
    # The task ran when the request's transaction committed (the test's task backend
    # runs tasks at once): the export is listed as ready.
    page.reload()
    expect(page.get_by_text("Ready to download")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download", exact=False).first.click()
    assert download.value.suggested_filename.endswith(".zip")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Delete your account", exact=True)).to_be_visible()
    expect(page.get_by_text("delete my account", exact=True)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert_fits(page)
    # A refused confirmation says why, and deletes nothing.
    page.get_by_label("Keep it", exact=False).check()
    page.get_by_label("Type the words shown above").fill("no")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Type “delete my account” to confirm.", exact=True)).to_be_visible()
    world.member.refresh_from_db()
    assert world.member.is_active
