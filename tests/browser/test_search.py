"""Search: a member finds several types of thing, narrows the results by type and by
date with the filters (a plain GET form), opens "more like this", and moves through
the results with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from kahui.discussions import services as discussion_services
from kahui.meetings import services as meeting_services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting


@pytest.mark.django_db(transaction=True)
def test_search_filters_narrow_the_results(live_server, page, world):
    base = live_server.url
    meeting = make_meeting(world, title="Whakawhanaungatanga hui")
    for _ in range(3):
        meeting_services.decision_record(
            meeting=meeting,
            by=world.facilitator,
            text="Open each hui with **whakawhanaungatanga**.",
        )
    discussion_services.thread_start(
        group=world.group,
        by=world.member,
        kind="idea",
        title="Whakawhanaungatanga ideas",
        body="What _works_ for whakawhanaungatanga in your class?",
    )

    log_in(page, base, world.member.email)
    page.goto(f"{base}/search/")
    page.get_by_label("Find meetings, decisions").fill("whakawhanaunga")
    page.get_by_role("button", name="Search", exact=True).click()
    hits = page.get_by_test_id("search-hit")
    expect(hits).to_have_count(3)  # a meeting, a thread, the three decisions as one
    expect(page.get_by_text("and 2 more like this")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    expect(page.get_by_test_id("search-hit").filter(has_text="_works_")).to_have_count(0)
    assert_accessible(page)
    assert_fits(page)

    # Keyboard: down from the box to the first result, j and k between results.
    page.get_by_label("Find meetings, decisions").press("ArrowDown")
    links = page.locator("a[data-search-result]")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("j")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(2)).to_be_focused()
    page.keyboard.press("k")
    expect(links.nth(1)).to_be_focused()

    # The type filter narrows to decisions, with the counts beside each type.
    page.get_by_label(re.compile(r"Decisions \(3\)")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(hits).to_have_count(1)
    expect(page).to_have_url(re.compile(r"type=decision"))
    page.get_by_text("and 2 more like this").click()
    expect(hits.first.get_by_role("link")).to_have_count(3)

    # A bad date is shown beside its field while the type still applies.
    page.get_by_label("From", exact=True).fill("2000-01-01")
    page.get_by_label("To", exact=True).fill("1999-01-01")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Choose a date on or after")).to_be_visible()
    expect(hits).to_have_count(1)
    page.get_by_label(re.compile(r"Decisions")).uncheck()
    page.get_by_label("To", exact=True).fill("")
    page.get_by_role("button", name="Apply filters").click()
    expect(hits).to_have_count(3)
    assert_accessible(page)
    assert_fits(page)
