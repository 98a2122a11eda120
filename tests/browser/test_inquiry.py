"""A round of inquiry: the group starts a cycle, writes up its stages, tags a plan
action as targeted, sets a goal with a measure and sees its progress move with a
reading, writes the reflect-together review, holds the retrospective and starts the next round
with it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


def move_on(page) -> None:
    page.get_by_role("link", name="Move on to the next stage").click()
    expect(
        page.get_by_role("heading", name="What this stage produced", exact=False)
    ).to_be_visible()
    page.get_by_role("button", name="Move on").click()
    expect(page.get_by_text("The inquiry is now at")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_round_of_inquiry(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Inquiry", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Start an inquiry cycle").click()
    page.get_by_role("button", name="Start the cycle").click()
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    page.get_by_label("Our inquiry question").fill("What helps our Year 1 readers blend?")
    page.get_by_label("Daily phonics").check()
    assert_accessible(page)
    page.get_by_role("button", name="Start the cycle").click()

    # The stepper marks where the group is, in te reo Māori with its meaning.
    expect(page.get_by_role("heading", name="What helps our Year 1 readers blend?")).to_be_visible()
    current = page.locator('.stages li[aria-current="step"]')
    expect(current).to_contain_text("Whakawhanaungatanga")
    expect(current).to_contain_text("Build connections")
    page.get_by_label("What each of us brings").fill("Aroha: phonics. Mere: te reo Māori.")
    page.get_by_role("button", name="Save", exact=True).click()
    messages = page.locator("#messages")
    expect(messages).to_contain_text("Saved. Earlier versions are kept.")
    expect(page.get_by_text("Led by Aroha Facilitator")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Move on to the next stage").click()
    expect(page.get_by_text("Aroha: phonics. Mere: te reo Māori.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Move on").click()
    expect(current).to_contain_text("Kohikohi")
    move_on(page)
    move_on(page)
    expect(current).to_contain_text("Tātai")

    # Tātai: the plan at three levels, and a goal with a measure.
    plan = page.locator("#plan")
    plan.get_by_label("Action", exact=True).fill("Blending groups for the six who stall")
    plan.get_by_label("Targeted — some learners").check()
    plan.get_by_role("button", name="Add to the plan").click()
    expect(page.get_by_text("Action added to the plan.")).to_be_visible()
    expect(plan.get_by_text("Blending groups for the six who stall")).to_be_visible()
    expect(plan.get_by_role("heading", name="Targeted — some learners 1")).to_be_visible()

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Goal", exact=True).fill("Every Year 1 learner blends CVC words")
    page.get_by_label("What we will measure").fill("Learners blending CVC words")
    page.get_by_label("Unit or scale").fill("%")
    page.get_by_label("Baseline: where we start").fill("40")
    page.get_by_label("Target: where we aim to be").fill("80")
    assert_accessible(page)
    page.get_by_role("button", name="Save the goal").click()
    goal = page.locator(".goal-card", has_text="Every Year 1 learner blends CVC words")
    expect(goal.get_by_text("No reading since the baseline yet")).to_be_visible()
    goal.get_by_label("Value (%)").fill("60")
    goal.get_by_role("button", name="Record reading").click()
    expect(messages).to_contain_text("Reading recorded.")
    expect(goal.get_by_text("50% of the way to the target")).to_be_visible()
    expect(goal.get_by_role("progressbar")).to_have_attribute("value", "50")
    assert_accessible(page)
    assert_fits(page)

    move_on(page)
    page.get_by_label("What we tried").fill("Blending with magnetic letters")
    page.get_by_label("What happened").fill("Four of the six blended three-letter words by Friday.")
    page.get_by_role("button", name="Log trial").click()
    expect(page.get_by_text("Trial logged.")).to_be_visible()
    move_on(page)
    expect(current).to_contain_text("Whai Whakaaro")

    # Whai Whakaaro: the review, the goals to revisit and what carries forward.
    page.get_by_label("What changed for learners").fill("Most learners now blend CVC words.")
    page.get_by_label("What we carry forward").fill("Keep the blending groups; spelling next.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#record-reflect .record-texts")).to_contain_text(
        "Most learners now blend CVC words."
    )
    revisit = page.locator("#revisit")
    revisit.get_by_label("Every Year 1 learner blends CVC words").check()
    revisit.get_by_label("Why").last.fill("Aim higher: 90%")
    revisit.get_by_role("button", name="Save the goals to revisit").click()
    expect(page.get_by_text("Saved the goals to revisit.")).to_be_visible()
    assert_accessible(page)

    # The retrospective: how the group worked, and what it changes for the next round.
    page.get_by_role("link", name="Hold the retrospective").click()
    worked = page.get_by_label("What helped us work well together this round?")
    worked.fill("Watching each other's lessons")
    cadence = page.get_by_role("region", name="How often and how long we meet")
    cadence.get_by_label("Change it").check()
    page.get_by_role("button", name="Save the retrospective").click()
    expect(cadence.get_by_text("Say what you will change")).to_be_visible()
    expect(worked).to_have_value("Watching each other's lessons")
    cadence.get_by_label("What we will change, and how").fill("Meet fortnightly, 60 minutes")
    page.get_by_role("button", name="Save the retrospective").click()
    expect(messages).to_contain_text("The retrospective is saved.")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Finish this round and start the next").click()
    expect(page.get_by_text("Meet fortnightly, 60 minutes")).to_be_visible()
    carried = page.get_by_role("region", name="Start the next round")
    expect(carried.get_by_text("Keep the blending groups; spelling next.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Our inquiry question").fill("How do we carry blending into spelling?")
    page.get_by_role("button", name="Finish this round and start the next").click()
    expect(page.get_by_text("Round 2 has started.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="How do we carry blending into spelling?")
    ).to_be_visible()
    expect(current).to_contain_text("Whakawhanaungatanga")
    page.get_by_text("Carried forward from round 1").click()
    expect(page.get_by_text("Keep the blending groups; spelling next.")).to_be_visible()
    page.get_by_role("link", name="Round 1: What helps our Year 1 readers blend?").click()
    expect(page.get_by_text("This round ended on")).to_be_visible()
    assert_accessible(page)
