"""A running meeting's agenda: finished steps look finished and stay readable."""

from datetime import date, time, timedelta

import pytest
from playwright.sync_api import expect

from kahui.meetings import services
from kahui.meetings.models import AgendaTemplate
from tests.browser.conftest import assert_accessible
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_finished_agenda_steps_keep_their_contrast(live_server, page, world):
    base = live_server.url
    (meeting,) = services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=services.MeetingPlan(
            title="Hui",
            start_date=date.today() + timedelta(days=2),
            start_time=time(15, 30),
            time_zone="Pacific/Auckland",
            duration_minutes=60,
            format="in_person",
            location="Library",
            template=AgendaTemplate.objects.get(key="consultancy"),
        ),
    )
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
