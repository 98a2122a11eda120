"""The schedule form: the place fields each format needs, the raw rule under
“Advanced”, an error summary that takes the focus, the dates shown before a series
is saved, and the same form working without JavaScript."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kahui.meetings.models import Meeting
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


def _open_form(page, base, world):
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/new/")
    expect(page.get_by_role("heading", name="Schedule meetings")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_form_shows_what_the_choices_need_and_focuses_its_errors(live_server, page, world):
    base = live_server.url
    _open_form(page, base, world)
    room = page.get_by_label("Room or place")
    link = page.get_by_label("Online meeting link")
    page.get_by_label("In person").check()
    expect(room).to_be_visible()
    expect(link).to_be_hidden()
    page.get_by_label("Online", exact=True).check()
    expect(room).to_be_hidden()
    expect(link).to_be_visible()
    page.get_by_label("Hybrid").check()
    expect(room).to_be_visible()
    expect(link).to_be_visible()

    rule = page.get_by_label("Repeat rule (RFC 5545)")
    expect(rule).to_be_hidden()  # under “Advanced”, closed
    page.get_by_label("Repeats").select_option("custom")
    expect(rule).to_be_visible()
    page.get_by_label("Repeats").select_option("fortnightly")
    until = page.get_by_label("Repeat until")
    expect(until).to_be_hidden()
    page.get_by_label("On a day you choose").check()
    expect(until).to_be_visible()
    page.get_by_label("After 10 weeks").check()
    expect(until).to_be_hidden()
    page.get_by_label("Repeats").select_option("")
    expect(page.get_by_label("After 10 weeks")).to_be_hidden()
    page.get_by_label("Repeats").select_option("fortnightly")
    assert_accessible(page)
    assert_fits(page)

    # A title left empty, a date in the past, no link for a hybrid meeting.
    page.get_by_label("Title").fill("")
    page.get_by_label("Date").fill("2020-02-02")
    page.get_by_label("Start time").fill("15:30")
    room.fill("Library")
    page.get_by_role("button", name="Schedule", exact=True).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.wait_for_load_state()  # the form's scripts are ready to follow changes
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(summary.get_by_role("link", name=re.compile("^Date: The first meeting"))).to_be_visible()
    expect(link).to_be_visible()  # still hybrid: both place fields
    assert_accessible(page)
    assert_fits(page)
    summary.get_by_role("link", name=re.compile("^Online meeting link:")).click()
    expect(link).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Title:")).click()
    expect(page.get_by_label("Title")).to_be_focused()

    # Put right, the dates show before anything is saved; then Schedule saves them.
    page.get_by_label("Title").fill("Literacy hui")
    page.get_by_label("Date").fill((date.today() + timedelta(days=2)).isoformat())
    link.fill("https://meet.example/hui")
    preview = page.locator("#schedule-preview")
    expect(preview).to_contain_text("5 meetings")
    assert not Meeting.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("5 meetings scheduled.")).to_be_visible()
    assert Meeting.objects.filter(group=world.group).count() == 5


@pytest.mark.django_db(transaction=True)
def test_without_javascript_every_field_shows_and_a_series_is_shown_first(
    live_server, browser, world
):
    base = live_server.url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _open_form(page, base, world)
    expect(page.get_by_label("Room or place")).to_be_visible()
    expect(page.get_by_label("Online meeting link")).to_be_visible()
    page.get_by_label("Date").fill((date.today() + timedelta(days=2)).isoformat())
    page.get_by_label("Start time").fill("15:30")
    page.get_by_label("In person").check()
    page.get_by_label("Room or place").fill("Library")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("Nothing is saved yet. Check the 5 meetings below")).to_be_visible()
    expect(page.locator("#schedule-preview")).to_contain_text("5 meetings")
    assert not Meeting.objects.exists()
    # (No axe scan here: it runs in the page's JavaScript, which is off.)
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("5 meetings scheduled.")).to_be_visible()
    assert Meeting.objects.filter(group=world.group).count() == 5
    context.close()
