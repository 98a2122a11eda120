"""The dashboard says what is next: a member sees their coming meeting, their duty in
it, a poll waiting for them and their action; "Done" marks the action done and takes
its row away without a reload."""

import pytest
from playwright.sync_api import expect

from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem, ActionStatus
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting
from tests.test_dashboard import add_action, open_poll


@pytest.mark.django_db(transaction=True)
def test_done_on_the_dashboard_removes_the_action(live_server, page, world):
    meeting = make_meeting(world, title="Week 5 hui", days=2)
    meeting_services.duties_assign(
        meeting=meeting,
        by=world.facilitator,
        facilitator=world.facilitator,
        note_taker=world.member,
        timekeeper=None,
    )
    action = add_action(world, meeting=meeting, text="Bring three running records")
    add_action(world, text="Share the decoding chart", days=5)
    open_poll(world, title="Term 4 times")
    log_in(page, live_server.url, world.member.email)
    page.goto(f"{live_server.url}/dashboard/")
    next_up = page.get_by_test_id("next-up")
    expect(next_up.get_by_role("link", name="Week 5 hui")).to_be_visible()
    expect(next_up.get_by_text("Your duty: note-taker")).to_be_visible()
    expect(next_up.get_by_role("link", name="When can you meet? “Term 4 times”")).to_be_visible()
    rows = page.get_by_test_id("dashboard-action")
    expect(rows).to_have_count(2)
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("button", name="Done Bring three running records").click()
    expect(rows).to_have_count(1)
    expect(page.locator("#actions-status")).to_have_text("Done: Bring three running records")
    expect(rows.first).to_contain_text("Share the decoding chart")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert ActionItem.objects.filter(status=ActionStatus.OPEN).count() == 1
    # The feed says it in words and links to the action on its meeting's page.
    page.reload()
    expect(rows).to_have_count(1)
    feed_line = page.get_by_test_id("feed").get_by_role(
        "link", name="updated the action “Bring three running records”"
    )
    expect(feed_line).to_be_visible()
    feed_line.click()
    expect(page.get_by_role("heading", name="Week 5 hui")).to_be_visible()
    assert page.url.endswith(f"#action-{action.public_id}")
