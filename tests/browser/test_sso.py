"""Sign in with a school account in the browser: an administrator ties the school's
email domain, then a new colleague signs in through a fake identity provider (started
by the test on a local port) and lands in the organisation. Each page is scanned and
checked at 360 px."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from kahui.accounts.models import User
from kahui.orgs.models import OrgDomain, OrgMembership
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.identity_provider import running_identity_provider


@pytest.mark.django_db(transaction=True)
def test_tie_a_domain_then_sign_in_with_the_school_account(
    live_server, page, browser, world, settings
):
    base = live_server.url
    EmailAddress.objects.create(user=world.admin, email="ada@kowhai.school.nz", verified=True)
    with running_identity_provider() as idp:
        log_in(page, base, world.admin.email)  # its "Sign In" is the only one yet
        settings.SOCIALACCOUNT_PROVIDERS = idp.settings(name="Kōwhai Google")
        # as kahui/settings.py lets the buttons' forms go to Google's or Microsoft's address
        csp = settings.SECURE_CSP
        settings.SECURE_CSP = {**csp, "form-action": [*csp["form-action"], idp.base_url]}
        page.goto(f"{base}/orgs/{world.school.slug}/")
        page.get_by_role("link", name="Email domains").click()
        expect(page.get_by_role("heading", name="Email domains", exact=True)).to_be_visible()
        assert_accessible(page)
        assert_fits(page)

        page.get_by_label("Email domain").fill("gmail.com")
        page.get_by_role("button", name="Tie the domain").click()
        expect(page.locator("#id_domain_error")).to_contain_text("is a public mail service")
        page.get_by_label("Email domain").fill("kowhai.school.nz")
        page.get_by_role("button", name="Tie the domain").click()
        expect(page.get_by_text("New sign-ins from kowhai.school.nz will join")).to_be_visible()
        page.get_by_role("button", name="Require the school account for kowhai.school.nz").click()
        expect(page.get_by_text("now sign in with their school account only")).to_be_visible()
        assert OrgDomain.objects.get().require_sso
        assert_accessible(page)
        assert_fits(page)

        # A new colleague: a password is refused, the school account lets them in.
        context = browser.new_context()
        other = context.new_page()
        other.goto(f"{base}/accounts/login/")
        assert_accessible(other)
        assert_fits(other)
        other.get_by_label("Email").fill("hemi@kowhai.school.nz")
        other.get_by_label("Password").fill("whatever-it-is")
        other.get_by_role("button", name="Sign In", exact=True).click()
        expect(
            other.get_by_text("Your organisation signs you in with your school account")
        ).to_be_visible()
        idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
        other.get_by_role("button", name="Sign in with Kōwhai Google").click()
        expect(other.get_by_role("heading", name="Kia ora", exact=False)).to_be_visible()
        assert_accessible(other)
        assert_fits(other)
        hemi = User.objects.get(email="hemi@kowhai.school.nz")
        assert hemi.profile.display_name == "Hemi Walker"
        assert OrgMembership.objects.filter(user=hemi, organisation=world.school).exists()
        context.close()
