"""The bell: a new poll shows under a member's bell; the notification leads to it;
email preferences can be changed."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.scheduling import services as scheduling
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_bell_and_preferences(live_server, page, world):
    scheduling.poll_create(
        group=world.group,
        by=world.facilitator,
        title="Term 4 times",
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling.OptionPlan(
                day=timezone.localdate() + timedelta(days=4),
                start=time(16, 0),
                duration_minutes=60,
                format="online",
            )
        ],
    )
    log_in(page, live_server.url, world.member.email)
    bell = page.locator("a.bell")
    expect(bell.locator(".bell-count")).to_have_text("1")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="When can you meet? Term 4 times").click()
    expect(page.get_by_role("heading", name="Term 4 times")).to_be_visible()
    expect(bell.locator(".bell-count")).to_have_count(0)

    page.goto(f"{live_server.url}/notifications/settings/")
    page.get_by_label("Polls about meeting times").select_option("weekly")
    page.get_by_label("Quiet from").fill("21:00")
    page.get_by_label("Quiet until").fill("07:00")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your email preferences are saved.")).to_be_visible()
    expect(page.get_by_label("Polls about meeting times")).to_have_value("weekly")
    assert_accessible(page)
