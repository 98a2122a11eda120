"""A facilitator changes one meeting's agenda, and confirms before cancelling it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting


@pytest.mark.django_db(transaction=True)
def test_facilitator_edits_one_agenda_and_confirms_a_cancellation(live_server, page, world):
    base = live_server.url
    meeting = make_meeting(world, title="Term hui", days=3, template_key="consultancy")
    first_item = meeting.agenda.order_by("position").first().title
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/")
    page.get_by_role("link", name="Edit agenda").click()
    expect(page.get_by_role("heading", name="Edit this meeting's agenda")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    title = page.get_by_label("Step", exact=True).first
    expect(title).to_have_value(first_item)
    title.fill("Welcome and whakawhanaungatanga")
    page.get_by_role("button", name="Save agenda").click()
    expect(page.get_by_text("Welcome and whakawhanaungatanga")).to_be_visible()
    assert meeting.agenda.filter(title="Welcome and whakawhanaungatanga").exists()

    page.get_by_role("link", name="Move or cancel").click()
    page.get_by_role("button", name="Cancel this meeting").click()
    expect(page.get_by_role("button", name="Yes, cancel the meeting")).to_be_visible()
    assert_accessible(page)
    meeting.refresh_from_db()
    assert not meeting.is_cancelled  # nothing happens before the answer
    page.get_by_role("button", name="Yes, cancel the meeting").click()
    expect(page.get_by_text("Cancelled").first).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.is_cancelled
