"""A health check in the browser: a facilitator opens one, four members answer (one
with the keyboard only), and the result appears only once the threshold is reached."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.health.models import HealthCheck
from kahui.health.results import CONDITIONS
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_keyboard_only import reach_by_keyboard
from tests.conftest import make_user

NAMES = {
    "time_access": "Time and access",
    "trust": "Trust and belonging",
    "shared_vision": "Shared vision",
    "structure": "Structure",
    "safety": "Safety",
    "depth": "Depth",
}


def answer_by_mouse(page, levels: dict[str, int], comment: str = "") -> None:
    for key in CONDITIONS:
        group = page.get_by_role("group", name=NAMES[key])
        group.locator(f"input[value='{levels[key]}']").check()
    if comment:
        page.get_by_label("Anything you want the group to hear?").fill(comment)
    page.get_by_role("button", name="Send my answer").click()


def answer_by_keyboard(page, level: int) -> None:
    # Nothing is chosen yet: Tab lands on each group's first level, Space chooses it,
    # the arrow keys move the choice, and Tab moves on to the next condition.
    page.get_by_role("group", name=NAMES[CONDITIONS[0]]).locator("input").first.focus()
    for _key in CONDITIONS:
        page.keyboard.press("Space")
        for _ in range(level - 1):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    page.keyboard.type("Keep the check-ins short")  # Tab reached the comment box
    page.keyboard.press("Tab")  # Cancel
    page.keyboard.press("Tab")  # Send my answer
    page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
def test_four_members_answer_and_the_result_appears_at_the_threshold(
    live_server, page, browser, world
):
    base = live_server.url
    hemi = make_user("hemi@kowhai.example", "Hemi Walker")
    world.group.memberships.create(user=world.colleague)
    world.group.memberships.create(user=hemi)
    health = f"{base}/groups/{world.group.public_id}/health/"

    # The facilitator opens a check from the group's Health tab.
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Health", exact=True).click()
    expect(page.get_by_text("No health check is open.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Health check settings").click()
    assert_accessible(page)
    assert_fits(page)
    closes_on = timezone.localdate() + timedelta(days=5)
    page.get_by_label("Open until the end of").fill(closes_on.isoformat())
    page.get_by_role("button", name="Open the health check").click()
    expect(page.get_by_text("The health check is open, and the members are told.")).to_be_visible()
    expect(page.get_by_test_id("answers-so-far")).to_have_text(
        "0 of 4 members have answered so far."
    )

    def member_answers(email, *, keyboard=False, levels=None, comment=""):
        context = browser.new_context()
        other = context.new_page()
        log_in(other, base, email)
        other.goto(f"{base}/groups/{world.group.public_id}/")
        expect(other.get_by_text("Waiting for your answer")).to_be_visible()  # loaded by htmx
        other.get_by_role("link", name="Answer the health check").click()
        expect(other.get_by_role("heading", name="Health check 1")).to_be_visible()
        if keyboard:
            answer_by_keyboard(other, 4)
        else:
            answer_by_mouse(other, levels, comment)
        expect(other.get_by_text("Thank you: your answer is saved.")).to_be_visible()
        expect(other.locator("input[type=radio]:checked")).to_have_count(0)
        other.goto(health)
        return context, other

    context, other = member_answers(
        world.member.email, levels={**dict.fromkeys(CONDITIONS, 4), "safety": 2}, comment="Kia kaha"
    )
    assert_accessible(other)
    assert_fits(other)
    context.close()

    # A form sent with a condition left out keeps what was chosen.
    context = browser.new_context()
    other = context.new_page()
    log_in(other, base, world.colleague.email)
    other.goto(f"{health}answer/")
    assert_accessible(other)
    assert_fits(other)
    other.get_by_role("group", name="Trust and belonging").locator("input[value='5']").check()
    other.get_by_role("button", name="Send my answer").click()
    expect(other.get_by_text("Choose a level from 1 to 5 for “Depth”.").first).to_be_visible()
    expect(
        other.get_by_role("group", name="Trust and belonging").locator("input[value='5']")
    ).to_be_checked()
    answer_by_mouse(other, {**dict.fromkeys(CONDITIONS, 3), "trust": 5})
    expect(other.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    context.close()

    context, other = member_answers(hemi.email, keyboard=True)
    expect(other.get_by_test_id("answers-so-far")).to_have_text(
        "3 of 4 members have answered so far."
    )
    expect(other.get_by_text("Latest results")).to_have_count(0)
    context.close()

    # Below the threshold there is nothing to see but the count.
    page.goto(health)
    expect(page.get_by_test_id("answers-so-far")).to_have_text(
        "3 of 4 members have answered so far."
    )
    expect(page.get_by_text("Latest results")).to_have_count(0)
    expect(page.get_by_text("Weakest:")).to_have_count(0)

    # The fourth answer reaches the threshold; everyone has answered, so it closes.
    page.get_by_role("link", name="Answer the health check").click()
    answer_by_mouse(page, {**dict.fromkeys(CONDITIONS, 4), "depth": 3})
    expect(page.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    page.goto(health)
    expect(page.get_by_role("heading", name="Latest results: health check 1")).to_be_visible()
    expect(page.get_by_text("4 of 4 members answered")).to_be_visible()
    expect(page.get_by_text("Weakest: Safety (3.3 of 5)")).to_be_visible()
    expect(page.get_by_text("Kia kaha")).to_be_visible()
    expect(page.get_by_role("img", name="Safety over time")).to_be_visible()
    # The chart's own CSS, a <style> element carrying the page's nonce, is let in by the
    # Content-Security-Policy: the chart is drawn on white, not on SVG's default black.
    background = page.locator("#trend-safety .background").first
    assert background.evaluate("rect => getComputedStyle(rect).fill") == "rgb(255, 255, 255)"
    assert HealthCheck.objects.get().published
    # The charts' numbers are in a table that the keyboard reaches.
    trend_table = reach_by_keyboard(
        page, "Mean answer to each condition in every health check, newest first"
    )
    expect(trend_table.get_by_role("row").nth(1)).to_contain_text("3.3")
    assert_accessible(page)
    assert_fits(page)
