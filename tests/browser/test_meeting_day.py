"""Meeting day: one timer shared by everyone with the meeting open, agenda items
moved by dragging or by their buttons, and a minutes draft that survives a reload."""

import pytest
from playwright.sync_api import expect

from kahui.meetings import services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting

# The panel is asked for again every few seconds: allow a few rounds.
POLL = 15_000


def meeting_for(world):
    meeting = make_meeting(world, title="Term hui", days=1, template_key="regular")
    return services.duties_assign(
        meeting=meeting,
        by=world.facilitator,
        facilitator=None,
        note_taker=world.member,
        timekeeper=world.facilitator,
    )


@pytest.mark.django_db(transaction=True)
def test_two_members_see_the_same_timer(live_server, page, browser, world):
    base = live_server.url
    meeting = meeting_for(world)
    first, second = list(meeting.agenda.all())[:2]
    path = f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/"
    log_in(page, base, world.facilitator.email)
    page.goto(path)
    context = browser.new_context()
    watcher = context.new_page()
    watcher.set_default_timeout(10_000)
    log_in(watcher, base, world.member.email)
    watcher.goto(path)
    expect(watcher.locator("#clock [data-step-title]")).to_have_text("Not started yet")
    expect(watcher.locator("#clock button")).to_have_count(0)  # she watches it

    page.get_by_role("button", name="Start").click()
    expect(page.locator("#clock [data-step-title]")).to_have_text(first.title)
    expect(watcher.locator("#clock [data-step-title]")).to_have_text(first.title, timeout=POLL)
    expect(watcher.locator(".agenda > li.is-current")).to_have_count(1)
    expect(watcher.locator(".agenda > li").first).to_have_class("is-current")
    # The countdown runs between the server's answers.
    expect(watcher.locator("#clock [data-left]")).not_to_have_text(
        f"{first.minutes:02d}:00", timeout=POLL
    )

    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#clock [data-step-title]")).to_have_text(second.title)
    expect(page.get_by_role("button", name="Next step")).to_be_focused()
    expect(watcher.locator("#clock [data-step-title]")).to_have_text(second.title, timeout=POLL)
    expect(watcher.locator(".agenda > li.is-done")).to_have_count(1)

    page.get_by_role("button", name="Pause").click()
    expect(watcher.get_by_test_id("clock-paused")).to_be_visible(timeout=POLL)
    page.get_by_role("button", name="Back").click()
    expect(watcher.locator("#clock [data-step-title]")).to_have_text(first.title, timeout=POLL)

    # The sound is off until switched on, and this browser remembers the choice.
    sound = watcher.get_by_role("button", name="Sound when a step runs over")
    expect(sound).to_have_attribute("aria-pressed", "false")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "true")
    watcher.reload()
    expect(sound).to_have_attribute("aria-pressed", "true")

    assert_accessible(page)
    assert_accessible(watcher)
    assert_fits(page)
    assert_fits(watcher)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_minutes_draft_survives_a_reload(live_server, page, browser, world):
    base = live_server.url
    meeting = meeting_for(world)
    path = f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/"
    log_in(page, base, world.member.email)
    page.goto(path)
    box = page.get_by_role("textbox", name="Minutes")
    box.fill("We looked at the writing samples.")
    page.wait_for_timeout(600)  # the draft is kept a moment after the last key
    page.reload()
    expect(box).to_have_value("We looked at the writing samples.")
    expect(page.get_by_text("Your unsaved draft of the minutes was restored.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Discard draft").click()
    expect(box).to_have_value("")
    page.reload()
    expect(box).to_have_value("")
    expect(page.get_by_role("button", name="Discard draft")).to_be_hidden()

    box.fill("Agreed to try talk moves.")
    page.get_by_role("button", name="Save minutes").click()
    expect(page.get_by_text("Minutes saved.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.minutes == "Agreed to try talk moves."
    page.reload()
    expect(box).to_have_value("Agreed to try talk moves.")
    expect(page.get_by_role("button", name="Discard draft")).to_be_hidden()

    # Someone else with the minutes open sees who is editing them.
    context = browser.new_context()
    other = context.new_page()
    other.set_default_timeout(10_000)
    log_in(other, base, world.facilitator.email)
    other.goto(path)
    box.focus()
    page.wait_for_timeout(500)
    other.reload()
    expect(other.get_by_test_id("minutes-editors")).to_contain_text("Mere Member")
    assert_fits(page)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_agenda_items_move_by_button_and_by_dragging(live_server, page, world):
    base = live_server.url
    meeting = meeting_for(world)
    titles = list(meeting.agenda.values_list("title", flat=True))
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/agenda/")
    assert_accessible(page)
    assert_fits(page)
    steps = page.get_by_label("Step", exact=True)

    down = page.get_by_role("button", name="Move down item 1")
    down.click()
    expect(steps.nth(0)).to_have_value(titles[1])
    expect(steps.nth(1)).to_have_value(titles[0])
    # The focus stays with the item that moved, on the button pressed.
    expect(page.get_by_role("button", name="Move down item 2")).to_be_focused()
    page.keyboard.press("Enter")
    expect(steps.nth(2)).to_have_value(titles[0])

    rows = page.locator("[data-agenda-row]")
    # Tall enough that nothing scrolls between picking the item up and dropping it.
    page.set_viewport_size({"width": 1280, "height": 3000})
    rows.nth(3).locator("[data-drag-handle]").drag_to(rows.nth(0).locator("legend"))
    expect(steps.nth(0)).to_have_value(titles[3])
    assert_accessible(page)

    page.get_by_role("button", name="Save agenda").last.click()
    expect(page.get_by_role("heading", name="Term hui")).to_be_visible()
    saved = list(meeting.agenda.values_list("title", flat=True))
    assert saved[:4] == [titles[3], titles[1], titles[2], titles[0]]
