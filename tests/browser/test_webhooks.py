"""Webhooks in the browser: an organisation's administrator adds an endpoint (its
secret shown once), a colleague joins, and the delivery log shows the attempt that
reached the test's own receiver; Resend sends it again."""

import pytest
from playwright.sync_api import expect

from kahui.orgs import services as org_services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_every_page import problems
from tests.browser.test_explore_join import log_in
from tests.conftest import make_user
from tests.webhooks.receiver import serve, verify


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = True
    state, stop = serve()
    yield state
    stop()


@pytest.mark.django_db(transaction=True)
def test_an_admin_adds_an_endpoint_and_reads_its_log(live_server, page, world, receiver):
    base = live_server.url
    log_in(page, base, world.admin.email)
    page.goto(f"{base}/orgs/{world.school.slug}/")
    page.get_by_role("link", name="Manage webhooks").click()
    expect(page.get_by_role("heading", name="No endpoints yet")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("link", name="Add an endpoint").click()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Address").fill(receiver.url)
    page.get_by_label("Description").fill("Our intranet")
    page.get_by_label("Someone joins the organisation or one of its groups").check()
    page.get_by_role("button", name="Save").click()

    secret_card = page.get_by_test_id("secret")
    expect(secret_card).to_be_visible()
    secret = secret_card.locator("code").inner_text()
    assert secret.startswith("whsec_")
    assert_accessible(page)
    assert_fits(page)

    newcomer = make_user("niko@kowhai.example", "Niko Newcomer")
    org_services.org_join_by_code(user=newcomer, code=world.school.invite_code)
    (received,) = receiver.received
    verify(secret, received.headers, received.body)

    page.reload()
    expect(page.get_by_test_id("secret")).to_have_count(0)  # shown once
    delivery = page.get_by_test_id("delivery")
    expect(delivery).to_have_count(1)
    expect(delivery.get_by_text("Delivered")).to_be_visible()
    expect(delivery.get_by_role("cell", name="200 OK")).to_be_visible()
    delivery.get_by_text("What is sent").click()
    expect(delivery.get_by_text("Niko Newcomer")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    delivery.get_by_role("button", name="Resend").click()
    expect(page.get_by_text("Queued to be sent again")).to_be_visible()
    expect(page.get_by_test_id("delivery").get_by_role("row")).to_have_count(3)
    assert len(receiver.received) == 2

    # The scans every main page passes (headings in order, targets of 24 px, unique
    # landmarks), at both widths.
    endpoint_url = page.url
    for url in (f"{base}/orgs/{world.school.slug}/webhooks/", endpoint_url):
        assert problems(page, url) == []
