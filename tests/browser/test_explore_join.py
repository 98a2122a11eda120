"""Explore and joining: a colleague finds a group, asks to join, the facilitator
approves, the colleague sees the outcome. Organisation pages and the coordinator's
overview, checked for accessibility and a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from kahui.groups.models import Access
from tests.browser.conftest import assert_accessible, assert_fits
from tests.conftest import PASSWORD, make_group


def log_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Kia ora", exact=False)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_explore_request_approve(live_server, page, browser, world):
    base = live_server.url
    open_group = make_group(
        world.facilitator, name="Maths talk moves", organisation=world.school, access=Access.OPEN
    )

    log_in(page, base, world.colleague.email)
    page.get_by_role("link", name="Explore", exact=True).click()
    expect(page.get_by_role("heading", name="Explore groups")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    # Live filtering (htmx) narrows the list as one types.
    page.get_by_label("Search").fill("maths")
    expect(page.get_by_text("1 group found")).to_be_visible()
    expect(page.get_by_role("heading", name="Maths talk moves")).to_be_visible()
    page.get_by_role("button", name="Join Maths talk moves").click()
    expect(page.get_by_text("Welcome to Maths talk moves!")).to_be_visible()
    assert open_group.memberships.filter(user=world.colleague).exists()

    # A request-only group: ask with a message.
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_label("Message to the facilitators (optional)").fill("I teach Year 1.")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_text("Your request is with the facilitators.")).to_be_visible()
    assert_accessible(page)

    # The facilitator approves from the group's home page.
    context = browser.new_context()
    other = context.new_page()
    log_in(other, base, world.facilitator.email)
    other.goto(f"{base}/groups/{world.group.public_id}/")
    expect(other.get_by_text("I teach Year 1.")).to_be_visible()
    other.get_by_role("button", name="Approve Colin Colleague").click()
    expect(other.get_by_text("Colin Colleague joined the group.")).to_be_visible()
    other.get_by_role("link", name="All members").click()
    assert_accessible(other)
    assert_fits(other)
    context.close()

    # The colleague sees the outcome on the dashboard.
    page.goto(f"{base}/dashboard/")
    expect(page.get_by_text("Approved", exact=True)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_org_pages_and_coordinator_overview(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.admin.email)
    page.get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="Kōwhai Primary").click()
    page.get_by_role("link", name="Manage members").click()
    code = page.get_by_test_id("invite-code").inner_text()
    assert code == world.school.invite_code
    assert_accessible(page)
    assert_fits(page)
    # change a role
    # The select saves as soon as it changes.
    page.get_by_label("Role of Mere Member").select_option("coordinator")
    expect(page.get_by_text("Role changed for Mere Member.")).to_be_visible()

    # The cluster coordinator sees every group with its figures.
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, world.coordinator.email)
    page.goto(f"{base}/orgs/{world.cluster.slug}/")
    expect(page.get_by_role("heading", name="All learning groups")).to_be_visible()
    expect(page.get_by_role("link", name=world.group.name)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
