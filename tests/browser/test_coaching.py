"""Coaching in the browser: a coach writes a note that the facilitator reads and
answers; the coach records an observation of a meeting and shares it; the two write
the debrief together and mark it done."""

import pytest
from playwright.sync_api import expect

from kahui.programmes.models import Programme
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.coaching.helpers import coach_of, held_meeting
from tests.conftest import make_group, make_user


def _check(page) -> None:
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_a_coach_and_a_facilitator_talk_observe_and_debrief(live_server, page, browser, world):
    coach = coach_of(world)
    meeting = held_meeting(world, title="Looking at running records")
    first_step = meeting.agenda.order_by("position", "id").first().title
    base = live_server.url

    log_in(page, base, coach.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Coaching").click()
    expect(page.get_by_role("heading", name="Coaching", exact=True)).to_be_visible()
    _check(page)
    page.get_by_role("link", name="Aroha Facilitator").click()
    page.get_by_label("Your note").fill("Watch who speaks first in the data round.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Your note is saved. Only the two of you read it.")).to_be_visible()
    _check(page)

    page.get_by_role("link", name="Record an observation").click()
    # A searchable select (once Tom Select has loaded): typed into, then chosen.
    expect(page.locator(".ts-wrapper")).to_have_count(1)
    page.get_by_role("combobox", name="Which meeting did you observe?").fill("running records")
    page.get_by_role("option", name="Looking at running records · Structured literacy Y0-3").click()
    page.get_by_role("button", name="Begin").click()
    step = page.get_by_role("group", name=first_step)
    step.get_by_label("What went well").fill("A warm welcome and a clear purpose.")
    overall = page.get_by_role("group", name="Overall")
    overall.get_by_label("A suggestion").fill("Close with one action each.")
    _check(page)
    page.get_by_role("button", name="Save observation").click()
    expect(page.get_by_text("The observation is saved.")).to_be_visible()
    observation_url = page.url
    _check(page)
    page.get_by_role("button", name="Share with Aroha Facilitator").click()
    expect(page.get_by_text("Shared with Aroha Facilitator.")).to_be_visible()

    context = browser.new_context()
    aroha = context.new_page()
    aroha.set_default_timeout(10_000)
    log_in(aroha, base, world.facilitator.email)
    aroha.get_by_role("navigation", name="Main").get_by_role("link", name="Coaching").click()
    aroha.get_by_role("link", name="Lee Coach").click()
    expect(aroha.get_by_text("Watch who speaks first in the data round.")).to_be_visible()
    aroha.get_by_label("Your note").fill("Thanks, I will start with the quiet ones.")
    aroha.get_by_role("button", name="Save note").click()
    expect(aroha.get_by_text("Thanks, I will start with the quiet ones.")).to_be_visible()
    _check(aroha)
    aroha.get_by_role("link", name="Observation of “Looking at running records”").click()
    expect(aroha.get_by_text("A warm welcome and a clear purpose.")).to_be_visible()
    aroha.get_by_role("textbox", name="Our reflection").fill(
        "We will name the protocol at the start."
    )
    aroha.get_by_role("button", name="Save reflection").click()
    expect(aroha.get_by_text("The reflection is saved.")).to_be_visible()
    _check(aroha)

    page.goto(observation_url)
    expect(page.get_by_test_id("reflection-last")).to_contain_text("Aroha Facilitator")
    page.get_by_role("textbox", name="Our reflection").fill(
        "We will name the protocol at the start, and time each step."
    )
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("The reflection is saved.")).to_be_visible()
    page.get_by_role("button", name="Mark the debrief done").click()
    expect(page.get_by_text("The debrief is done.")).to_be_visible()
    expect(page.get_by_test_id("reflection-text")).to_contain_text("time each step")
    _check(page)
    context.close()

    # Another facilitator of the same programme, coached by the same coach, reads none of
    # it: neither the pair's notes nor the observation.
    other = make_user("hemi@kowhai.example", "Hemi Other")
    Programme.objects.get().groups.add(make_group(other, name="Writing Y4-6"))
    context = browser.new_context()
    hemi = context.new_page()
    hemi.set_default_timeout(10_000)
    log_in(hemi, base, other.email)
    hemi.get_by_role("navigation", name="Main").get_by_role("link", name="Coaching").click()
    expect(hemi.get_by_role("link", name="Lee Coach")).to_be_visible()
    expect(hemi.get_by_text("Watch who speaks first")).to_have_count(0)
    hemi.get_by_role("link", name="Lee Coach").click()
    expect(hemi.get_by_text("Watch who speaks first")).to_have_count(0)
    expect(hemi.get_by_text("Thanks, I will start with the quiet ones.")).to_have_count(0)
    response = hemi.goto(observation_url)
    assert response is not None
    assert response.status == 404
    context.close()
