"""Switching to Dutch: a member of a Dutch-speaking group picks Nederlands on the
language switcher and sees the group's home and a meeting in Dutch, and the next email
Kāhui sends them is in Dutch too."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kahui.notifications import scheduler
from kahui.notifications.models import Delivery, Preference
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting


@pytest.mark.django_db(transaction=True)
def test_a_member_switches_to_dutch(live_server, page, world):
    base = live_server.url
    world.group.language = "nl"  # the group meets in Dutch: its protocols are Dutch
    world.group.save()
    meeting = make_meeting(world, title="Leesbijeenkomst", template_key="regular")
    Preference.objects.create(user=world.member, category="digest", delivery=Delivery.OFF)

    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change language").click()

    # Back on the group's home, now in Dutch.
    expect(page).to_have_url(f"{base}/groups/{world.group.public_id}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    tabs = page.get_by_role("navigation", name="Onderdelen van de groep")
    expect(tabs.get_by_role("link", name="Overzicht", exact=True)).to_be_visible()
    expect(page.get_by_label("Taal")).to_have_value("nl")
    assert_accessible(page)
    assert_fits(page)

    # A meeting: the interface and the built-in protocol's agenda in Dutch.
    page.get_by_role("link", name="Bijeenkomsten", exact=True).first.click()
    page.get_by_role("link", name="Leesbijeenkomst").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text("Onze groepsafspraken").first).to_be_visible()
    expect(page.get_by_text("Planning en vervolgstappen").first).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    # The meeting's invitation reaches them in Dutch.
    mail.outbox.clear()
    scheduler.tick(timezone.now())
    [invitation] = [m for m in mail.outbox if world.member.email in m.to]
    assert f"Uitnodiging: {meeting.title}" in invitation.subject
    assert "Je agenda kan deze bijeenkomst toevoegen" in invitation.body
