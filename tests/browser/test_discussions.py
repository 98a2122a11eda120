"""A problem of practice: a member starts a thread mentioning a colleague, who shares
a resource and replies; the first marks the reply as the answer and thanks them; the
shared resource is found by search by both, and by nobody outside the group."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_problem_of_practice_thread(live_server, page, browser, world):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Discussions", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Problem of practice").check()
    page.get_by_label("Title").fill("Which decodable readers?")
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Message: This field is required.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Which decodable readers?")
    page.get_by_label("Message").fill(
        "Our Year 1 readers stall at level 8. @AarohaFacilitator what do you use?".replace(
            "Aaroha", "Aroha"
        )
    )
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_role("heading", name="Which decodable readers?")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    thread_url = page.url

    # The facilitator sees the mention under the bell and replies.
    context = browser.new_context()
    aroha = context.new_page()
    log_in(aroha, base, world.facilitator.email)
    expect(aroha.locator("a.bell .bell-count")).to_have_text("1")
    aroha.goto(f"{base}/notifications/")
    aroha.get_by_role("button", name="Mere Member mentioned you").click()
    thread_page = aroha.url
    aroha.goto(f"{base}/groups/{world.group.public_id}/library/new/")
    aroha.get_by_role("radio", name="Link").check()
    aroha.get_by_label("Title").fill("Tūī phonics series")
    aroha.get_by_role("textbox", name="Link").fill("https://example.org/tui-phonics")
    aroha.get_by_label("What is it, and why is it useful?").fill("Decodable series, levels 1-12.")
    aroha.get_by_role("button", name="Share").click()
    expect(aroha.get_by_role("heading", name="Tūī phonics series")).to_be_visible()
    aroha.goto(thread_page)
    aroha.get_by_label("Your reply").fill(
        "We use the **Tūī phonics series** (in our library) with a sound wall."
    )
    aroha.get_by_role("button", name="Post reply").click()
    expect(aroha.get_by_text("(in our library)")).to_be_visible()
    aroha.goto(f"{base}/search/?q=phonics+series")
    expect(aroha.get_by_role("link", name="Tūī phonics series")).to_be_visible()
    context.close()

    # Mere marks it as the answer and says thanks.
    page.goto(thread_url)
    page.get_by_role("button", name="Mark as the answer").click()
    expect(page.get_by_text("Accepted answer")).to_be_visible()
    answer = page.locator("li.post-accepted")
    answer.get_by_role("button", name="Thanks").click()
    expect(answer.get_by_role("button", name="Thanks · 1")).to_have_attribute(
        "aria-pressed", "true"
    )

    # Search finds the reply for members, and not for an outsider.
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Find meetings, decisions").fill("phonics series")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Tūī phonics series")).to_be_visible()
    expect(page.get_by_role("link", name="Which decodable readers?")).to_be_visible()
    assert_accessible(page)

    context = browser.new_context()
    outsider = context.new_page()
    log_in(outsider, base, world.outsider.email)
    outsider.goto(f"{base}/search/?q=phonics+series")
    expect(outsider.get_by_text("Nothing found.")).to_be_visible()
    outsider.goto(thread_url)
    expect(outsider.get_by_role("heading", name="Page not found")).to_be_visible()
    context.close()
