"""A running meeting's agenda: finished steps look finished and stay readable, and a
step that runs over says so, readably too."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.meetings import services
from tests.browser.conftest import assert_accessible
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting


@pytest.mark.django_db(transaction=True)
def test_finished_agenda_steps_keep_their_contrast(live_server, page, world):
    base = live_server.url
    meeting = make_meeting(world, title="Hui", days=2, template_key="consultancy")
    # The timer as if started 40 minutes ago and moved on twice since.
    start = timezone.now() - timedelta(minutes=40)
    for minutes, move in ((0, "start"), (10, "next"), (20, "next")):
        services.clock_move(
            meeting=meeting,
            by=world.facilitator,
            move=services.ClockMove(move),
            now=start + timedelta(minutes=minutes),
        )
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/")
    expect(page.locator(".agenda > li.is-done")).to_have_count(2)
    expect(page.locator(".agenda > li.is-current")).to_have_count(1)
    # The third step (5 minutes) has run for 20: the panel turns amber and says so.
    expect(page.locator("#clock")).to_have_class(re.compile(r"\bis-over\b"))
    expect(page.locator("#clock").get_by_text("over time")).to_be_visible()
    expect(page.locator("#clock [data-left]")).to_have_text(re.compile(r"^\+1[45]:\d\d$"))
    assert_accessible(page)
