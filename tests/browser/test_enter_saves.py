"""Pressing Enter in a field does a form's main action, even where an “Add another”
button comes before the Save button."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.scheduling.models import AvailabilityPoll
from tests.browser.conftest import assert_accessible
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_enter_in_an_agreement_saves_the_agreements(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/edit/norms/")
    assert_accessible(page)
    agreements = page.get_by_label("Agreement", exact=True)
    count = agreements.count()
    agreements.first.fill("Phones away while we talk")
    agreements.first.press("Enter")
    expect(page.get_by_text("Saved. The change is in the group's history.")).to_be_visible()
    texts = list(world.group.norms.values_list("text", flat=True))
    assert "Phones away while we talk" in texts
    assert len(texts) == count


@pytest.mark.django_db(transaction=True)
def test_enter_in_the_poll_title_sends_the_poll(live_server, page, world):
    base = live_server.url
    day = timezone.localdate() + timedelta(days=5)
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/polls/new/")
    for row in range(2):
        page.get_by_label("Date").nth(row).fill(day.isoformat())
        page.get_by_label("Start").nth(row).fill(f"1{5 + row}:00")
        page.get_by_label("End").nth(row).fill(f"1{6 + row}:00")
    page.get_by_label("Title").fill("Term 3 hui")
    page.get_by_label("Title").press("Enter")
    expect(page.get_by_role("heading", name="Term 3 hui")).to_be_visible()
    assert AvailabilityPoll.objects.get().title == "Term 3 hui"


@pytest.mark.django_db(transaction=True)
def test_enter_in_the_reason_for_hiding_hides_the_thread(live_server, page, world):
    from kahui.discussions import services as talk

    thread = talk.thread_start(
        group=world.group, by=world.member, kind="idea", title="Off topic", body="Hmm"
    )
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/discussions/{thread.public_id}/")
    page.get_by_text("Facilitator tools").click()
    reason = page.get_by_label("Reason for hiding (shown to members)")
    reason.fill("Belongs in another group")
    reason.press("Enter")
    expect(
        page.get_by_text("A facilitator hid this thread: Belongs in another group")
    ).to_be_visible()
    thread.refresh_from_db()
    assert (thread.hidden_at is not None, thread.pinned) == (True, False)
    assert_accessible(page)
