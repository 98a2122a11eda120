"""Recommendations with reasons: the dashboard and Explore load them with htmx, each
colleague and group with why, checked for accessibility and a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from kahui.groups import services as group_services
from kahui.groups.models import Access
from kahui.people.services import vectors_rebuild
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_group
from tests.people.test_recommend import area, describe


@pytest.mark.django_db(transaction=True)
def test_recommendations_on_the_dashboard_and_explore(live_server, page, world):
    describe(world.member, interests=["Structured literacy"], year_levels=["y0-3"])
    describe(world.colleague, interests=["Structured literacy"], subjects=["mathematics"])
    describe(world.admin, interests=["Structured literacy"], findable=False)
    readers = make_group(
        world.colleague, name="Readers' circle", organisation=world.school, access=Access.OPEN
    )
    group_services.group_update(
        group=readers, by=world.colleague, version=None, focus_areas=[area("Structured literacy")]
    )
    vectors_rebuild()
    base = live_server.url

    log_in(page, base, world.member.email)  # lands on the dashboard
    panel = page.get_by_test_id("recommendations")
    expect(panel.get_by_role("heading", name="Colleagues you could learn with")).to_be_visible()
    colleagues = panel.get_by_test_id("recommended-colleagues")
    expect(colleagues.get_by_role("link", name="Colin Colleague")).to_be_visible()
    expect(colleagues.get_by_text("You share a focus area: Structured literacy.")).to_be_visible()
    expect(colleagues.get_by_text("Ada Admin")).to_have_count(0)  # hidden from suggestions
    groups = panel.get_by_test_id("recommended-groups")
    expect(groups.get_by_role("link", name="Readers' circle")).to_be_visible()
    expect(
        groups.get_by_text("It works on Structured literacy, a focus area of yours.")
    ).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Explore", exact=True).click()
    expect(page.get_by_role("heading", name="Explore groups")).to_be_visible()
    panel = page.get_by_test_id("recommendations")
    expect(panel.get_by_role("link", name="Readers' circle")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    panel.get_by_role("link", name="Colin Colleague").click()
    expect(page.get_by_role("heading", name="Colin Colleague")).to_be_visible()
