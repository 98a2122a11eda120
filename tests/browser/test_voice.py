"""Learner voice in the browser: a member makes a survey in English and te reo Māori,
a visitor without an account answers it in te reo Māori (after a gentle warning about
a name), and the member sees the answer in the results."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_keyboard_only import reach_by_keyboard


@pytest.mark.django_db(transaction=True)
def test_a_survey_is_made_answered_in_te_reo_maori_and_its_result_seen(
    live_server, page, browser, world
):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Voice", exact=True).click()
    expect(page.get_by_role("heading", name="Learner and whānau voice")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Make a survey").click()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("radio", name="Learners (mokopuna)").check()
    page.get_by_role("checkbox", name="Te reo Māori", exact=True).check()
    page.get_by_label("Title in English").fill("Reading at our kura")
    page.get_by_label("Title in te reo Māori").fill("Te pānui ki tō mātou kura")
    page.get_by_label("Question 1: kind of answer").select_option("scale")
    page.get_by_label("Question 1 in English").fill("I enjoy reading.")
    page.get_by_label("Question 1 in te reo Māori").fill("He pai ki ahau te pānui.")
    page.get_by_label("Question 2: kind of answer").select_option("text")
    page.get_by_label("Question 2 in English").fill("What would help you read more?")
    page.get_by_label("Question 2 in te reo Māori").fill("He aha hei āwhina i a koe?")
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open.")).to_be_visible()
    link = page.get_by_test_id("survey-link").input_value()
    assert_accessible(page)

    # A visitor without an account opens the link and switches to te reo Māori.
    visitor = browser.new_context().new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name="Reading at our kura")).to_be_visible()
    expect(visitor.get_by_text(world.group.name)).to_have_count(0)
    visitor.get_by_role("link", name="Te reo Māori").click()
    expect(visitor.get_by_role("heading", name="Te pānui ki tō mātou kura")).to_be_visible()
    assert_accessible(visitor)
    assert_fits(visitor)
    scale = visitor.get_by_role("group", name="He pai ki ahau te pānui.")
    scale.get_by_role("radio", name="4").check()
    written = visitor.get_by_label("He aha hei āwhina i a koe?")
    written.fill("Ko Hemi tōku ingoa, he pukapuka hou")
    with translation.override("mi"):  # the page's own words follow the survey's language
        send, send_changed, thanks = (
            translation.gettext(text)
            for text in (
                "Send my answers",
                "Send my changed answers",
                "Thank you. Your answers are sent.",
            )
        )
    assert send != "Send my answers"
    visitor.get_by_role("button", name=send, exact=True).click()
    expect(visitor.get_by_test_id("personal-warning")).to_be_visible()
    assert_accessible(visitor)
    written.fill("He pukapuka hou mō ngā taniwha")
    visitor.get_by_role("button", name=send_changed, exact=True).click()
    expect(visitor.get_by_text(thanks)).to_be_visible()
    assert_accessible(visitor)

    # The member sees the answer, the chart with its table, and the written answer; the
    # chart's own style is allowed by the page's CSP nonce.
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if message.type == "error" else None
    )
    page.reload()
    expect(page.get_by_test_id("answer-count")).to_have_text("1 answer so far")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    expect(page.get_by_role("table").first).to_contain_text("4")
    # The chart's numbers are in a table the keyboard reaches.
    figures = reach_by_keyboard(page, "How many chose each answer to “I enjoy reading.”")
    expect(figures.get_by_role("table")).to_contain_text("4")
    expect(page.get_by_text("He pukapuka hou mō ngā taniwha")).to_be_visible()
    assert not [text for text in refused if "Content Security Policy" in text]
    assert_accessible(page)
    assert_fits(page)

    # Closing the survey stops its link.
    page.get_by_role("button", name="Close the survey").click()
    expect(page.get_by_text("The survey is closed: its link no longer opens it.")).to_be_visible()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name="This survey is not open")).to_be_visible()
