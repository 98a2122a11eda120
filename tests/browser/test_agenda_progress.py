"""A running meeting's agenda: finished steps look finished and stay readable."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting


@pytest.mark.django_db(transaction=True)
def test_finished_agenda_steps_keep_their_contrast(live_server, page, world):
    base = live_server.url
    meeting = make_meeting(world, title="Hui", days=2, template_key="consultancy")
    log_in(page, base, world.member.email)
    path = f"/groups/{world.group.public_id}/meetings/{meeting.public_id}/"
    page.goto(base + path)
    # The timer as if started 40 minutes ago: the first steps are over.
    page.evaluate(
        "key => sessionStorage.setItem(key, new Date(Date.now() - 40 * 60000).toISOString())",
        f"kahui-timer-{path}",
    )
    page.reload()
    expect(page.locator(".agenda > li.is-done").first).to_be_visible()
    expect(page.locator(".agenda > li.is-current")).to_have_count(1)
    assert_accessible(page)
