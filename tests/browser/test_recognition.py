"""Recognition in the browser: kudos reach their receiver; a member asks for a
professional-learning certificate, a facilitator confirms it, the member downloads a
PDF whose hours match their attendance, and the public page confirms its code."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from kahui.meetings import selectors as meeting_selectors
from kahui.recognition.models import Certificate
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.recognition.helpers import held_meeting, members_since


@pytest.mark.django_db(transaction=True)
def test_kudos_notify_their_receiver(live_server, page, browser, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/members/")
    page.get_by_role("link", name="Give kudos to Mere Member").click()
    expect(page.get_by_role("heading", name="Give kudos")).to_be_visible()
    expect(page.locator("select[name=receiver]")).to_have_value(str(world.member.public_id))
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("What did they do?").fill("Your running-records notes saved my Tuesday.")
    page.get_by_role("button", name="Send kudos").click()
    expect(page.get_by_text("Kudos sent to Mere Member.")).to_be_visible()
    expect(page.get_by_text("Your running-records notes saved my Tuesday.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    context = browser.new_context()
    mere = context.new_page()
    mere.set_default_timeout(10_000)
    log_in(mere, base, world.member.email)
    bell = mere.locator("a.bell")
    expect(bell.locator(".bell-count")).to_have_text("1")
    bell.click()
    mere.get_by_role("button", name="Aroha Facilitator gave you kudos", exact=False).click()
    expect(mere.get_by_role("heading", name="Kudos and celebrations")).to_be_visible()
    expect(mere.get_by_text("Your running-records notes saved my Tuesday.")).to_be_visible()
    # Her own contributions show the kudos too.
    mere.locator(".user-menu summary").click()
    mere.locator(".user-menu").get_by_role("link", name="Your contributions").click()
    expect(mere.get_by_text("Received 1 kudos")).to_be_visible()
    assert_accessible(mere)
    assert_fits(mere)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_certificate_matches_the_attendance_and_checks_out(
    live_server, page, browser, world
):
    now = timezone.now()
    members_since(world, now - timedelta(days=60))
    # Two meetings this year (in Auckland, where Mere lives): an hour, and 45 minutes.
    for days, minutes in ((2, 60), (9, 45)):
        start = now - timedelta(days=days)
        if start.astimezone(timezone.get_default_timezone()).year != now.year:
            start = now - timedelta(hours=3)
        held_meeting(world, starts=start, attended=[world.member], minutes=minutes)
    expected = meeting_selectors.pd_summary(world.member).hours  # 1.75
    base = live_server.url

    context = browser.new_context(accept_downloads=True)
    mere = context.new_page()
    mere.set_default_timeout(10_000)
    log_in(mere, base, world.member.email)
    mere.locator(".user-menu summary").click()
    mere.get_by_role("link", name="Professional-learning record").click()
    expect(mere.get_by_test_id("record-meeting-hours")).to_have_text(f"{expected:g}")
    assert_accessible(mere)
    assert_fits(mere)
    mere.get_by_label("Message to the facilitators").fill("For my appraisal, please.")
    mere.get_by_role("button", name="Ask the facilitators").click()
    expect(mere.get_by_test_id("certificate-status")).to_have_text("Waiting for a facilitator")
    assert_accessible(mere)

    log_in(page, base, world.facilitator.email)
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Professional-learning record").click()
    page.get_by_role("link", name="Mere Member — Structured literacy Y0-3", exact=False).click()
    expect(page.get_by_text("For my appraisal, please.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Confirm the hours").click()
    expect(page.get_by_test_id("certificate-status")).to_have_text("Confirmed")
    expect(page.get_by_test_id("certificate-hours")).to_have_text(f"{expected:g}")

    mere.reload()
    expect(mere.get_by_test_id("certificate-status")).to_have_text("Confirmed")
    with mere.expect_download() as download_info:
        mere.get_by_role("button", name="Download the certificate (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    certificate = Certificate.objects.get()
    assert "Mere Member" in text
    assert f"{expected:g} hours" in text
    assert certificate.code in text

    # Anyone can check it, without signing in.
    visitor = browser.new_context().new_page()
    visitor.set_default_timeout(10_000)
    visitor.goto(f"{base}/verify/")
    visitor.get_by_label("Verification code").fill(certificate.code.lower())
    visitor.get_by_role("button", name="Check").click()
    result = visitor.get_by_test_id("verify-result")
    expect(result).to_contain_text("This certificate was confirmed")
    expect(result).to_contain_text("Mere Member")
    expect(result).to_contain_text(f"{expected:g}")
    expect(result).to_contain_text("Structured literacy Y0-3")
    assert_accessible(visitor)
    assert_fits(visitor)
    context.close()
