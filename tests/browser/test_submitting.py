"""A form on its way cannot be sent twice: while its request is in flight (htmx or a
page load) its button is busy and another click sends nothing; when an htmx request
fails the button works again and what was typed is still there."""

import threading

import pytest
from playwright.sync_api import expect

from kahui.meetings import services as meetings
from kahui.meetings.models import Decision, MinutesRevision
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting

# Counts the submits that got past every handler, i.e. were sent.
COUNT_SENT = "() => { window.sent = 0; document.addEventListener('submit', () => window.sent++); }"


# After the next submit has been handled: what the form looked like, and whether a
# second click and an Enter sent it again (kept over the page load in sessionStorage).
WATCH_NEXT_SUBMIT = """() => {
  const before = window.sent;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const button = event.submitter;
    setTimeout(() => {
      const seen = {
        disabled: button.getAttribute("aria-disabled"),
        busy: form.getAttribute("aria-busy"),
      };
      button.click();
      form.requestSubmit();
      seen.sent = window.sent - before;
      sessionStorage.setItem("seen", JSON.stringify(seen));
      fetch(document.querySelector("link[rel=stylesheet]").href + "?seen");
    });
  }, { once: true });
}"""


def hold_posts(page, pattern: str) -> list:
    """Keep POSTs to ``pattern`` waiting until the test lets each one go."""
    held: list = []
    page.route(
        pattern,
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    return held


@pytest.mark.django_db(transaction=True)
def test_a_button_is_busy_while_its_form_is_on_its_way(live_server, page, world, monkeypatch):
    meeting = make_meeting(world)
    log_in(page, live_server.url, world.member.email)
    page.goto(f"{live_server.url}/groups/{world.group.public_id}/meetings/{meeting.public_id}/")
    assert_accessible(page)
    assert_fits(page)
    page.evaluate(COUNT_SENT)

    # htmx: the minutes are saved in place.
    held = hold_posts(page, "**/minutes/")
    minutes = page.get_by_role("textbox", name="Minutes")
    save = page.get_by_role("button", name="Save minutes")
    minutes.fill("Grouping readers: flexible groups for four weeks")
    save.click()
    expect(save).to_be_disabled()
    expect(save).to_have_attribute("aria-disabled", "true")
    expect(page.locator("#minutes form")).to_have_attribute("aria-busy", "true")
    save.click(force=True)  # an impatient second click
    assert page.evaluate("window.sent") == 1
    assert len(held) == 1
    assert_accessible(page)
    held.pop().continue_()
    expect(page.get_by_text("Minutes saved.")).to_be_visible()
    expect(save).to_be_enabled()
    assert MinutesRevision.objects.filter(meeting=meeting).count() == 1

    # A failed request gives the button back, with the text still in the box.
    minutes.fill("Second thoughts on grouping")
    save.click()
    expect(save).to_be_disabled()
    held.pop().fulfill(status=500, body="Server error")
    expect(save).to_be_enabled()
    expect(page.locator("#minutes form")).not_to_have_attribute("aria-busy", "true")
    expect(minutes).to_have_value("Second thoughts on grouping")
    page.unroute("**/minutes/")

    # A page load: the decision is sent once, however often it is pressed. Playwright
    # cannot read a page whose next page is on its way, so the page notes what it saw
    # (after its submit was handled) and says so with a request; the server holds the
    # decision until then.
    arrived, go_on = threading.Event(), threading.Event()
    record = meetings.decision_record

    def held_decision(**kwargs):
        arrived.set()
        go_on.wait(20)
        return record(**kwargs)

    monkeypatch.setattr(meetings, "decision_record", held_decision)
    page.evaluate(WATCH_NEXT_SUBMIT)
    page.get_by_role("textbox", name="Decision", exact=True).fill("Flexible groups for a term")
    with page.expect_request(lambda request: request.url.endswith("?seen")):
        page.get_by_role("button", name="Record decision").click(no_wait_after=True)
    assert arrived.wait(10)
    go_on.set()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('seen'))")
    assert seen == {"disabled": "true", "busy": "true", "sent": 1}
    assert Decision.objects.filter(meeting=meeting).count() == 1
    assert_fits(page)
