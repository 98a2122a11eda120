"""A member makes an API token from their profile, copies the secret shown once, and
revokes it; the page passes axe and fits a phone."""

import pytest
from playwright.sync_api import expect

from kahui.api.models import ApiToken
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_make_and_revoke_a_token(live_server, page, world):
    log_in(page, live_server.url, world.member.email)
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Name").fill("Meeting spreadsheet")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("kahui_")
    expect(page.get_by_test_id("token-row")).to_have_count(1)
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Revoke Meeting spreadsheet").click()
    # It asks first: whatever uses the token stops working.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Revoke the token")
    assert_accessible(page)
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_test_id("token-row")).to_contain_text("Revoked")
    assert ApiToken.objects.get().revoked_at is not None
