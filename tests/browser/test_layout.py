"""The shared layout on a phone (360 px): long words in what people write wrap inside
their box, and wide tables scroll sideways in a region keyboard users can reach."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kahui.discussions import services as discussion_services
from kahui.groups import services as group_services
from kahui.inquiry import services as inquiry_services
from kahui.meetings import services as meeting_services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in

LONG_WORD = "Whakawhanaungatanga" * 8
LONG_URL = "https://example.org/" + "a-very-long-path-segment/" * 6

# Each table: its nearest ancestor that clips overflow must be a scrollable region
# with a name and in the tab order, else part of the table cannot be seen at all.
UNREACHABLE_TABLES = """() => [...document.querySelectorAll('main table')].filter(table => {
    let box = table.parentElement;
    while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    const scrolls = box && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
    return !(scrolls && box.getAttribute('tabindex') === '0'
             && box.getAttribute('role') === 'region' && box.getAttribute('aria-label'));
}).map(table => table.className)"""


@pytest.mark.django_db(transaction=True)
def test_long_words_wrap_and_tables_scroll_on_a_phone(live_server, page, world):
    base = live_server.url
    group_services.group_update(
        group=world.group,
        by=world.facilitator,
        version=None,
        purpose=f"{LONG_WORD} {LONG_URL}",
    )
    thread = discussion_services.thread_start(
        group=world.group,
        by=world.member,
        kind="question",
        title=LONG_WORD,
        body=f"See {LONG_URL} and {LONG_WORD}",
    )
    start = timezone.localtime() + timezone.timedelta(days=2)
    [meeting] = meeting_services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=meeting_services.MeetingPlan(
            title=LONG_WORD,
            start_date=start.date(),
            start_time=start.time().replace(microsecond=0, second=0),
            time_zone=timezone.get_current_timezone_name(),
            duration_minutes=60,
            format="in_person",
            location=LONG_URL,
        ),
    )
    group_id = world.group.public_id
    log_in(page, base, world.facilitator.email)
    for url in (
        reverse("groups:home", args=[group_id]),
        reverse("discussions:thread", args=[group_id, thread.public_id]),
        reverse("meetings:detail", args=[group_id, meeting.public_id]),
        reverse("groups:members", args=[group_id]),
        reverse("scheduling:group_times", args=[group_id]),
        reverse("scheduling:availability"),
        reverse("meetings:pd_hours"),
        reverse("orgs:detail", args=[world.school.slug]),
    ):
        page.goto(base + url)
        page.set_viewport_size({"width": 360, "height": 800})
        assert page.evaluate(UNREACHABLE_TABLES) == [], url
        assert_fits(page)
        assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_message_from_an_htmx_action_shows_at_once(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    inquiry_services.cycle_start(group=world.group, by=world.facilitator, question="Why?")
    page.goto(f"{base}/groups/{world.group.public_id}/inquiry/")
    page.get_by_label("What each of us brings").fill("Phonics and te reo")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Saved. Earlier versions are kept.")
    expect(page.get_by_text("Led by Aroha Facilitator")).to_be_visible()  # swapped in place
    assert page.locator("#messages").count() == 1
    page.reload()
    expect(page.locator("#messages")).not_to_contain_text("Saved.")
