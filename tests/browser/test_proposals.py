"""Deciding together in the browser: a member proposes a sharper goal under consent,
two colleagues agree (one after a block refused for want of a reason), the deadline
passes, the scheduler closes the proposal, and the goal changes with its history."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from kahui.notifications.scheduler import tick
from kahui.proposals.models import Proposal
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_user

NEW_GOAL = "Daily phonics, with a decoding check every five weeks"


@pytest.mark.django_db(transaction=True)
def test_a_goal_change_agreed_by_consent(live_server, page, browser, world, time_machine):
    base = live_server.url
    hemi = make_user("hemi@kowhai.example", "Hemi Walker", organisation=world.school)
    world.group.memberships.create(user=hemi)

    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Decisions", exact=True).click()
    expect(
        page.get_by_text("Agreed when nobody blocks and at least one member agrees.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Make a proposal").click()
    page.get_by_label("A change to a goal, or a new goal").check()
    page.get_by_label("Which goal").select_option(label="1. Daily phonics")
    page.get_by_role("button", name="Start from this").click()
    expect(page.get_by_role("heading", name="The goal now")).to_be_visible()
    expect(page.get_by_label("The goal", exact=True)).to_have_value("Daily phonics")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_label("The goal", exact=True).fill(NEW_GOAL)
    page.get_by_label("Why").fill("Without regular checks we find the stuck readers too late.")
    page.get_by_role("button", name="Open the proposal").click()  # no title yet
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("The goal", exact=True)).to_have_value(NEW_GOAL)
    page.get_by_label("Title").fill("Check decoding every five weeks")
    page.get_by_role("button", name="Open the proposal").click()
    expect(page.get_by_role("heading", name="Check decoding every five weeks")).to_be_visible()
    expect(page.locator("ins").first).to_contain_text("with a decoding check every five weeks")
    assert_accessible(page)
    assert_fits(page)
    proposal_url = page.url

    def respond(email, *, block_first=False):
        context = browser.new_context()
        member = context.new_page()
        log_in(member, base, email)
        member.goto(f"{base}/groups/{world.group.public_id}/")
        card = member.locator("#open-proposals li", has_text="Check decoding every five weeks")
        expect(card.get_by_text("Needs your response")).to_be_visible()
        card.get_by_role("link").click()
        if block_first:
            member.get_by_label("Block — I cannot go along with it, and I say why.").check()
            member.get_by_role("button", name="Save my response").click()
            expect(member.get_by_text("Say why you block").first).to_be_visible()
            assert_accessible(member)
        member.get_by_label("Agree — I support it.").check()
        member.get_by_label("Your reason").fill("Yes, and let us share the results.")
        member.get_by_role("button", name="Save my response").click()
        expect(member.get_by_text("Your response is saved.")).to_be_visible()
        expect(member.get_by_role("button", name="Change my response")).to_be_visible()
        context.close()

    respond(world.facilitator.email, block_first=True)
    respond(hemi.email)

    page.reload()
    expect(page.get_by_text("If it closed now: Agreed.")).to_be_visible()
    proposal = Proposal.objects.get()
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()

    page.goto(proposal_url)
    expect(page.get_by_role("heading", name="Agreed", exact=True)).to_be_visible()
    expect(page.get_by_text("The goal now reads as proposed.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the change in the group's history").click()
    change = page.locator(".activity > li", has_text="changed a goal").first
    expect(change.locator("del")).to_contain_text("Daily phonics")
    expect(change.locator("ins")).to_contain_text(NEW_GOAL)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    expect(page.locator(".goal-list")).to_contain_text(NEW_GOAL)
