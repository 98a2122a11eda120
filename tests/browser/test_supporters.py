"""A group's supporter: the facilitator invites an RTLB, who accepts, reads the
meetings and the inquiry, adds a resource and comments on the sense-making; then the
facilitator lets them go."""

import pytest
from playwright.sync_api import expect

from kahui.groups import services as group_services
from kahui.inquiry import services as inquiry_services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting, make_user


@pytest.mark.django_db(transaction=True)
def test_a_supporter_is_invited_works_with_the_group_and_is_let_go(
    live_server, page, browser, world
):
    base = live_server.url
    rtlb = make_user("rtlb@awa.example", "Rawiri RTLB")
    meeting = make_meeting(world, title="Hui on decodable texts")
    group_services.group_set_stage(group=world.group, by=world.facilitator, stage="sense")
    inquiry_services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers?",
        goals=world.group.goals.all(),
    )
    g = world.group.public_id

    # The facilitator invites the RTLB from the members page.
    facilitator = browser.new_context().new_page()
    log_in(facilitator, base, world.facilitator.email)
    facilitator.goto(f"{base}/groups/{g}/members/")
    facilitator.get_by_role("link", name="Invite a supporter").click()
    assert_accessible(facilitator)
    assert_fits(facilitator)
    facilitator.get_by_label("Their email address").fill("nobody@nowhere.example")
    facilitator.get_by_label("How they support the group").fill("RTLB")
    facilitator.get_by_role("button", name="Send the invitation").click()
    expect(facilitator.get_by_text("No Kāhui account uses nobody@nowhere.example")).to_be_visible()
    expect(facilitator.get_by_label("How they support the group")).to_have_value("RTLB")
    facilitator.get_by_label("Their email address").fill(rtlb.email)
    facilitator.get_by_role("button", name="Send the invitation").click()
    supporters = facilitator.get_by_test_id("supporters")
    expect(supporters).to_contain_text("Rawiri RTLB")
    expect(supporters).to_contain_text("Invited by Aroha Facilitator")
    assert_accessible(facilitator)
    assert_fits(facilitator)

    # The RTLB accepts from the dashboard.
    log_in(page, base, rtlb.email)
    page.get_by_role("link", name="Answer").click()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name=f"Accept {world.group.name}").click()
    expect(page.get_by_text(f"You now support {world.group.name}.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    tabs = page.get_by_role("navigation", name="Group sections")
    expect(tabs.get_by_role("link", name="Discussions")).to_have_count(0)

    # The meetings: read, and say they come.
    tabs.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Hui on decodable texts").click()
    expect(page.get_by_role("heading", name="Hui on decodable texts")).to_be_visible()
    expect(page.get_by_role("button", name="Record decision")).to_have_count(0)
    page.get_by_role("button", name="I am coming").click()
    expect(page.get_by_test_id("coming")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    assert meeting.guests.filter(email=rtlb.email, revoked_at=None).exists()

    # The inquiry: comment on the sense-making.
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role(
        "link", name=world.group.name
    ).click()
    page.get_by_role("navigation", name="Group sections").get_by_role(
        "link", name="Inquiry"
    ).click()
    expect(page.get_by_text("What helps our Year 1 readers?").first).to_be_visible()
    page.get_by_role("link", name="Comments on this stage").first.click()
    page.get_by_label("Your comment").fill("Have you compared the running records by term?")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_test_id("comments")).to_contain_text("running records by term")
    assert_accessible(page)
    assert_fits(page)

    # The library: add a resource.
    page.goto(f"{base}/groups/{g}/library/")
    page.get_by_role("link", name="Share a resource").click()
    page.get_by_role("radio", name="Link").check()
    page.get_by_label("Title").fill("Sound wall walkthrough")
    page.get_by_role("textbox", name="Link").fill("https://example.org/sound-wall")
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("heading", name="Sound wall walkthrough")).to_be_visible()

    # The facilitator lets the RTLB go: the group closes to them.
    facilitator.goto(f"{base}/groups/{g}/members/")
    facilitator.get_by_role("button", name="Let go Rawiri RTLB").click()
    expect(facilitator.get_by_role("heading", name="Let Rawiri RTLB go?")).to_be_visible()
    facilitator.get_by_role("button", name="Let go", exact=True).click()
    expect(facilitator.get_by_text("Rawiri RTLB no longer supports the group.")).to_be_visible()
    response = page.goto(f"{base}/groups/{g}/meetings/")
    assert response.status == 404
