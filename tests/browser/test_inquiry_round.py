"""A whole round of inquiry with evidence, in one walk: the group starts a cycle,
imports a diagnostic and a summative data set on the same measure, sees the
before/after chart and its goal's progress move, tags a plan action as targeted,
changes the goal by a consent proposal, writes the reflect-together review and starts
the next round."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kahui.inquiry import services
from kahui.inquiry.models import GoalMeasure, InquiryCycle
from kahui.notifications.scheduler import tick
from kahui.proposals import services as proposal_services
from kahui.proposals.models import Proposal
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_inquiry import move_on
from tests.browser.test_inquiry_data import GOAL, import_file

SHARPER = "Daily phonics, with a phonics check every five weeks"


@pytest.mark.django_db(transaction=True)
def test_a_round_of_inquiry_with_evidence_and_a_decision(live_server, page, world, time_machine):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")

    # 1. The facilitator starts a cycle for the group's goal.
    page.get_by_role("link", name="Inquiry", exact=True).click()
    page.get_by_role("link", name="Start an inquiry cycle").click()
    page.get_by_label("Our inquiry question").fill("What helps our Year 1 readers decode?")
    page.get_by_label(GOAL).check()
    page.get_by_role("button", name="Start the cycle").click()
    current = page.locator('.stages li[aria-current="step"]')
    expect(current).to_contain_text("Whakawhanaungatanga")
    cycle = InquiryCycle.objects.get()
    services.goal_save(
        cycle=cycle,
        by=world.facilitator,
        measure=GoalMeasure.objects.get(),
        edit=services.MeasureEdit(text=GOAL, name="Phonics check", baseline=20, target=30),
    )
    move_on(page)
    expect(current).to_contain_text("Kohikohi")

    # 2. Kohikohi: a diagnostic and a summative data set on the same measure.
    page.get_by_role("link", name="Evidence and data").first.click()
    before = "Learner code,Score\nL001,18\nL002,20\nL003,22\nL004,19\nL005,21\nL006,20\n"
    after = "Learner code;Score\nL001;24\nL002;27\nL003;26\nL004;25\nL005;28\nL006;26\n"
    import_file(
        page, title="Diagnostic, Term 1", kind="Diagnostic",
        day=date.today() - timedelta(days=40), content=before.encode(),
    )  # fmt: skip
    page.get_by_role("link", name="Evidence and data").first.click()
    import_file(
        page, title="Summative, Term 2", kind="Summative",
        day=date.today() - timedelta(days=2), content=after.encode(),
    )  # fmt: skip

    # 3. The before/after chart, and the goal's progress moved with the data.
    page.get_by_role("link", name="Analysis of this measure").click()
    expect(page.get_by_role("img", name="Phonics check: before and after")).to_be_visible()
    progress = page.get_by_role("progressbar", name=f"Progress toward: {GOAL}")
    expect(progress).to_have_attribute("value", "60")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Round 1").click()
    expect(
        page.locator(".goal-card", has_text=GOAL).get_by_text("60% of the way to the target")
    ).to_be_visible()

    # 4. Tātai: a plan action for some learners.
    move_on(page)
    move_on(page)
    expect(current).to_contain_text("Tātai")
    plan = page.locator("#plan")
    plan.get_by_label("Action", exact=True).fill("Blending groups for the six who stall")
    plan.get_by_label("Targeted — some learners").check()
    plan.get_by_role("button", name="Add to the plan").click()
    expect(plan.get_by_role("heading", name="Targeted — some learners 1")).to_be_visible()

    # 5. A consent proposal sharpens the goal: proposed here, agreed, closed at its
    # deadline by the scheduler.
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Decisions", exact=True).click()
    page.get_by_role("link", name="Make a proposal").click()
    page.get_by_label("A change to a goal, or a new goal").check()
    page.get_by_label("Which goal").select_option(label=f"1. {GOAL}")
    page.get_by_role("button", name="Start from this").click()
    page.get_by_label("The goal", exact=True).fill(SHARPER)
    page.get_by_label("Title").fill("Check phonics every five weeks")
    page.get_by_label("Why").fill("The data showed who stalls; we want to see it sooner.")
    page.get_by_role("button", name="Open the proposal").click()
    expect(page.get_by_role("heading", name="Check phonics every five weeks")).to_be_visible()
    proposal = Proposal.objects.get()
    proposal_services.response_save(proposal=proposal, by=world.member, position="agree")
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    page.reload()
    expect(page.get_by_role("heading", name="Agreed", exact=True)).to_be_visible()
    assert_accessible(page)

    # 6. Whakamahi, then Whai Whakaaro: the review, with the goal as it now reads.
    page.goto(f"{base}/groups/{world.group.public_id}/inquiry/")
    expect(page.locator(".goal-card", has_text=SHARPER)).to_be_visible()
    move_on(page)
    move_on(page)
    expect(current).to_contain_text("Whai Whakaaro")
    page.get_by_label("What changed for learners").fill("Five of six now decode CVC words.")
    page.get_by_label("What we carry forward").fill("Keep the five-weekly check; spelling next.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#record-reflect .record-texts")).to_contain_text(
        "Five of six now decode CVC words."
    )
    assert_accessible(page)

    # 7. The next round starts with what the review carries forward.
    page.get_by_role("link", name="Finish this round and start the next").click()
    page.get_by_label("Our inquiry question").fill("How do we carry decoding into spelling?")
    page.get_by_role("button", name="Finish this round and start the next").click()
    expect(page.get_by_text("Round 2 has started.")).to_be_visible()
    expect(current).to_contain_text("Whakawhanaungatanga")
    page.get_by_text("Carried forward from round 1").click()
    expect(page.get_by_text("Keep the five-weekly check; spelling next.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
