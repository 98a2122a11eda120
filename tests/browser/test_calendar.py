"""A member asks for their calendar address for the group, then subscribes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kahui.meetings.models import CalendarFeed
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_a_member_gets_a_calendar_address_with_a_button(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(base + reverse("meetings:group_calendar", args=[world.group.public_id]))
    assert_accessible(page)
    assert_fits(page)
    expect(page.get_by_label("Subscription address (keep it private)")).to_have_count(0)
    page.get_by_role("button", name="Get my calendar address").click()
    expect(page.get_by_role("link", name="Subscribe")).to_be_visible()
    feed = CalendarFeed.objects.get(user=world.member, group=world.group)
    address = page.get_by_label("Subscription address (keep it private)")
    expect(address).to_have_value(base + reverse("meetings:feed", args=[feed.token]))
    assert_accessible(page)
    assert_fits(page)
