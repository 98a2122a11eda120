"""Sign in with a school account (docs/SSO.md): OpenID Connect against a fake identity
provider the test starts itself, the Google and Microsoft settings, organisation email
domains (auto-join, requiring SSO) and their guards."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.core import mail
from django.urls import reverse

from kahui.accounts.models import User
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.orgs import services
from kahui.orgs.activity import OrgActivity
from kahui.orgs.models import OrgDomain, OrgMembership, OrgRole
from tests.conftest import PASSWORD, make_user
from tests.identity_provider import running_identity_provider

GOOGLE = {"google": {"APPS": [{"client_id": "g-id", "secret": "g-secret"}]}}


@pytest.fixture
def idp(settings):
    with running_identity_provider() as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
        yield provider


def sso_sign_in(client, idp) -> "requests.Response":
    """The whole dance: the button's POST, the provider's authorize page (which signs in
    ``idp.person`` and redirects back with a code), and Kāhui's callback."""
    start = client.post(reverse("openid_connect_login", args=["school"]))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{idp.base_url}/authorize?")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("openid_connect_callback", args=["school"])
    return client.get(f"{callback.path}?{callback.query}")


def tie(world, domain="kowhai.school.nz", *, require_sso=False):
    EmailAddress.objects.create(user=world.admin, email=f"principal@{domain}", verified=True)
    tied = services.org_domain_add(org=world.school, by=world.admin, domain=domain)
    if require_sso:
        services.org_domain_set_sso(tie=tied, by=world.admin, require=True)
    return tied


# The sign-in against the fake provider


def test_first_sso_sign_in_makes_the_account_and_joins_the_tied_organisation(
    client, world, idp, django_capture_on_commit_callbacks
):
    world.school.default_language = "nl"
    world.school.save()
    tie(world)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    with django_capture_on_commit_callbacks(execute=True):
        response = sso_sign_in(client, idp)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    user = User.objects.get(email="hemi@kowhai.school.nz")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.profile.display_name == "Hemi Walker"
    assert user.profile.language == "nl"  # the organisation's default, as joins do
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user).uid == "id-hemi@kowhai.school.nz"
    membership = OrgMembership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (world.school, OrgRole.MEMBER)
    assert ActivityEntry.objects.filter(
        action=OrgActivity.MEMBER_JOINED, actor=user, organisation=world.school
    ).exists()
    assert not mail.outbox  # the provider vouched for the address: no verification email
    # the provider was asked over HTTP for each step, the token with the code
    assert {"GET /.well-known/openid-configuration", "GET /authorize", "POST /token"} <= set(
        idp.requests
    )


def test_second_sso_sign_in_is_the_same_account(client, world, idp):
    tie(world)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    sso_sign_in(client, idp)
    client.logout()
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi W. Walker")
    response = sso_sign_in(client, idp)
    assert response.status_code == 302
    user = User.objects.get(email="hemi@kowhai.school.nz")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert User.objects.filter(email__iendswith="@kowhai.school.nz").count() == 1
    assert SocialAccount.objects.filter(user=user).count() == 1
    assert OrgMembership.objects.filter(user=user).count() == 1


def test_sso_signs_in_an_existing_account_with_the_same_verified_address(client, world, idp):
    idp.sign_in_as(world.member.email, "Mere Member")
    sso_sign_in(client, idp)
    assert client.session["_auth_user_id"] == str(world.member.pk)
    assert SocialAccount.objects.get(user=world.member)


def test_sso_from_an_untied_domain_joins_nothing(client, world, idp):
    idp.sign_in_as("someone@elsewhere.school.nz", "Some One")
    sso_sign_in(client, idp)
    user = User.objects.get(email="someone@elsewhere.school.nz")
    assert not OrgMembership.objects.filter(user=user).exists()


def test_an_unverified_address_from_the_provider_joins_only_once_verified(
    client, world, idp, django_capture_on_commit_callbacks
):
    tie(world)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        sso_sign_in(client, idp)
    user = User.objects.get(email="hemi@kowhai.school.nz")
    assert not OrgMembership.objects.filter(user=user).exists()
    assert "confirm-email" in mail.outbox[-1].body


def test_a_provider_that_is_not_configured_has_no_pages(client, world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    SocialApp.objects.create(provider="google", name="From the admin", client_id="x", secret="y")
    assert client.post(reverse("google_login")).status_code == 404
    assert client.get(reverse("google_callback")).status_code == 404
    assert client.post(reverse("openid_connect_login", args=["school"])).status_code == 404
    client.force_login(world.member)
    assert client.get(reverse("socialaccount_connections")).status_code == 404
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with" not in page


# Google and Microsoft, configured by the environment


@pytest.mark.parametrize(
    ("providers", "shown", "hidden"),
    [
        ({}, [], ["Sign in with Google", "Sign in with Microsoft"]),
        (GOOGLE, ["Sign in with Google"], ["Sign in with Microsoft"]),
        (
            {
                **GOOGLE,
                "microsoft": {
                    "APPS": [{"client_id": "m", "secret": "s", "settings": {"tenant": "t"}}]
                },
            },
            ["Sign in with Google", "Sign in with Microsoft"],
            [],
        ),
    ],
)
def test_buttons_only_for_configured_providers(client, db, settings, providers, shown, hidden):
    settings.SOCIALACCOUNT_PROVIDERS = providers
    for name in ("account_login", "account_signup"):
        page = client.get(reverse(name)).content.decode()
        for text in shown:
            assert text in page
        for text in hidden:
            assert text not in page


def test_the_google_button_goes_to_google_with_the_configured_client(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = GOOGLE
    page = client.get(reverse("account_login")).content.decode()
    assert f'action="{reverse("google_login")}' in page
    response = client.post(reverse("google_login"))
    assert response["Location"].startswith("https://accounts.google.com/")
    assert "client_id=g-id" in response["Location"]


def _providers_with(monkeypatch, **env) -> dict:
    """``SOCIALACCOUNT_PROVIDERS`` as kahui/settings.py builds it from ``env``, with the
    CSP's ``form-action``."""
    import importlib

    import kahui.settings

    for name in (
        "KAHUI_GOOGLE_CLIENT_ID",
        "KAHUI_GOOGLE_CLIENT_SECRET",
        "KAHUI_MICROSOFT_CLIENT_ID",
        "KAHUI_MICROSOFT_CLIENT_SECRET",
        "KAHUI_MICROSOFT_TENANT",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        loaded = importlib.reload(kahui.settings)
        return {**loaded.SOCIALACCOUNT_PROVIDERS, "form-action": loaded.SECURE_CSP["form-action"]}
    finally:
        monkeypatch.undo()
        importlib.reload(kahui.settings)


def test_settings_turn_providers_on_from_the_environment(monkeypatch):
    assert _providers_with(monkeypatch) == {"form-action": ["'self'"]}
    loaded = _providers_with(
        monkeypatch,
        KAHUI_GOOGLE_CLIENT_ID="g",
        KAHUI_GOOGLE_CLIENT_SECRET="gs",
        KAHUI_MICROSOFT_CLIENT_ID="m",
        KAHUI_MICROSOFT_CLIENT_SECRET="ms",
        KAHUI_MICROSOFT_TENANT="kowhai.school.nz",
    )
    google, microsoft = (
        loaded["google"],
        loaded["microsoft"],
    )
    assert google["APPS"] == [{"client_id": "g", "secret": "gs"}]
    assert microsoft["APPS"][0]["settings"] == {"tenant": "kowhai.school.nz"}
    assert microsoft["VERIFIED_EMAIL"] is True  # one school's tenant vouches for its addresses
    # the sign-in buttons' forms may be redirected to the providers
    assert loaded["form-action"] == [
        "'self'",
        "https://accounts.google.com",
        "https://login.microsoftonline.com",
    ]
    shared = _providers_with(
        monkeypatch, KAHUI_MICROSOFT_CLIENT_ID="m", KAHUI_MICROSOFT_CLIENT_SECRET="ms"
    )
    assert list(shared) == ["microsoft", "form-action"]
    assert shared["microsoft"]["VERIFIED_EMAIL"] is False


def test_a_client_id_without_its_secret_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        _providers_with(monkeypatch, KAHUI_GOOGLE_CLIENT_ID="g")


# Email domains: auto-join for sign-ups with a verified address


def test_a_verified_signup_from_a_tied_domain_joins(
    client, world, django_capture_on_commit_callbacks
):
    tie(world)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "display_name": "Sanne de Vries",
                "email": "sanne@kowhai.school.nz",
                "role": "teacher",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    user = User.objects.get(email="sanne@kowhai.school.nz")
    assert not OrgMembership.objects.filter(user=user).exists()  # not before verifying
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/accounts/confirm-email/" in line
    )
    path = urlsplit(link.strip()).path
    client.post(path)
    assert OrgMembership.objects.get(user=user).organisation == world.school


# Requiring SSO


def test_require_sso_refuses_password_sign_in_and_sign_up(client, world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = GOOGLE
    make_user("staff@kowhai.school.nz")
    tie(world, require_sso=True)
    response = client.post(
        reverse("account_login"), {"login": "Staff@Kowhai.School.nz", "password": PASSWORD}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "signs you in with your school account" in page
    assert "Sign in with Google" in page
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "New Person",
            "email": "new@kowhai.school.nz",
            "role": "teacher",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "signs you in with your school account" in response.content.decode()
    assert not User.objects.filter(email="new@kowhai.school.nz").exists()
    # other domains sign in with a password as before
    assert (
        client.post(
            reverse("account_login"), {"login": world.member.email, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_require_sso_still_lets_sso_in(client, world, idp):
    tie(world, require_sso=True)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    assert sso_sign_in(client, idp).status_code == 302
    assert OrgMembership.objects.filter(user__email="hemi@kowhai.school.nz").exists()


def test_require_sso_needs_a_provider(world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    tied = tie(world)
    with pytest.raises(KahuiError, match="cannot be required"):
        services.org_domain_set_sso(tie=tied, by=world.admin, require=True)
    tied.refresh_from_db()
    assert not tied.require_sso


def test_require_sso_is_recorded_and_can_be_lifted(world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = GOOGLE
    tied = tie(world, require_sso=True)
    assert services.sso_required_for("x@kowhai.school.nz")
    services.org_domain_set_sso(tie=tied, by=world.admin, require=False)
    assert not services.sso_required_for("x@kowhai.school.nz")
    actions = list(
        ActivityEntry.objects.filter(organisation=world.school).values_list("action", flat=True)
    )
    assert actions.count(OrgActivity.DOMAIN_SSO_CHANGED) == 2
    assert OrgActivity.DOMAIN_ADDED in actions


# Domain guards


def test_a_public_mail_domain_cannot_be_tied(world):
    EmailAddress.objects.create(user=world.admin, email="ada@gmail.com", verified=True)
    with pytest.raises(KahuiError, match="public mail service"):
        services.org_domain_add(org=world.school, by=world.admin, domain="Gmail.com")
    assert not OrgDomain.objects.exists()


def test_a_domain_belongs_to_one_organisation(world):
    tie(world)
    EmailAddress.objects.create(user=world.outsider, email="o@kowhai.school.nz", verified=True)
    with pytest.raises(KahuiError, match="already tied"):
        services.org_domain_add(
            org=world.other_school, by=world.outsider, domain="kowhai.school.nz"
        )


def test_only_a_domain_of_a_verified_address_of_the_admin(world):
    EmailAddress.objects.create(user=world.admin, email="ada@unverified.school.nz", verified=False)
    for domain in ("unverified.school.nz", "someone-elses.school.nz"):
        with pytest.raises(NotAllowed):
            services.org_domain_add(org=world.school, by=world.admin, domain=domain)
    assert not OrgDomain.objects.exists()


# The domains page


def test_domains_page_ties_a_domain_and_shows_guard_errors(client, world):
    EmailAddress.objects.create(user=world.admin, email="ada@kowhai.school.nz", verified=True)
    client.force_login(world.admin)
    url = reverse("orgs:domains", args=[world.school.slug])
    page = client.get(url).content.decode()
    assert "kowhai.school.nz" in page  # the admin's verified domains are suggested
    assert "not configured on this Kāhui" in page
    response = client.post(url, {"domain": "gmail.com"})
    assert response.status_code == 400
    assert "public mail service" in response.content.decode()
    response = client.post(url, {"domain": "@Kowhai.School.NZ"})
    assert response.status_code == 302
    assert OrgDomain.objects.get().domain == "kowhai.school.nz"
    detail = client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()
    assert url in detail


def test_domains_page_requires_sso_and_unties(client, world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = GOOGLE
    tied = tie(world)
    client.force_login(world.admin)
    sso_url = reverse("orgs:domain_sso", args=[world.school.slug, tied.public_id])
    client.post(sso_url, {"require_sso": "on"})
    tied.refresh_from_db()
    assert tied.require_sso
    client.post(sso_url, {})
    tied.refresh_from_db()
    assert not tied.require_sso
    remove = reverse("orgs:domain_remove", args=[world.school.slug, tied.public_id])
    assert 'name="confirm"' in client.get(remove).content.decode()
    client.post(remove, {"confirm": "yes"})
    assert not OrgDomain.objects.exists()
    assert ActivityEntry.objects.filter(action=OrgActivity.DOMAIN_REMOVED).exists()


def test_domains_page_is_for_admins_only(client, world):
    client.force_login(world.member)
    assert client.get(reverse("orgs:domains", args=[world.school.slug])).status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("orgs:domains", args=[world.school.slug])).status_code == 404


def test_connected_school_accounts_are_listed_while_sso_is_on(client, world, idp):
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    sso_sign_in(client, idp)
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "You can sign in with these school accounts" in page
    assert "Connect a School account" in page
    assert "<h1>School accounts</h1>" in page


# Existing accounts signing in with their school account


def test_sso_sign_in_of_an_existing_account_joins_the_tied_organisation(client, world, idp):
    world.school.default_language = "nl"
    world.school.save()
    tie(world)
    person = make_user("hemi@kowhai.school.nz", "Hemi Walker")  # made before the tie
    assert (person.profile.language, person.profile.language_chosen) == ("en", False)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    assert sso_sign_in(client, idp).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    membership = OrgMembership.objects.get(user=person)
    assert (membership.organisation, membership.role) == (world.school, OrgRole.MEMBER)
    assert ActivityEntry.objects.filter(
        action=OrgActivity.MEMBER_JOINED, actor=person, organisation=world.school
    ).exists()
    person.profile.refresh_from_db()
    assert person.profile.language == "en"  # an existing account keeps its language
    # a second sign-in changes nothing
    client.logout()
    sso_sign_in(client, idp)
    assert OrgMembership.objects.filter(user=person).count() == 1
    assert ActivityEntry.objects.filter(action=OrgActivity.MEMBER_JOINED, actor=person).count() == 1


def test_sso_sign_in_keeps_an_existing_members_role(client, world, idp):
    tie(world)
    person = make_user("hemi@kowhai.school.nz", "Hemi Walker")
    OrgMembership.objects.create(organisation=world.school, user=person, role=OrgRole.COORDINATOR)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    sso_sign_in(client, idp)
    assert OrgMembership.objects.get(user=person).role == OrgRole.COORDINATOR


def test_password_sign_in_of_an_existing_account_does_not_join(client, world):
    tie(world)
    person = make_user("hemi@kowhai.school.nz", "Hemi Walker")
    response = client.post(
        reverse("account_login"), {"login": "hemi@kowhai.school.nz", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert not OrgMembership.objects.filter(user=person).exists()


def test_a_removed_member_does_not_rejoin_by_signing_in(client, world, idp):
    tie(world)
    idp.sign_in_as("hemi@kowhai.school.nz", "Hemi Walker")
    sso_sign_in(client, idp)
    membership = OrgMembership.objects.get(user__email="hemi@kowhai.school.nz")
    services.org_member_remove(membership=membership, by=world.admin)
    client.logout()
    assert sso_sign_in(client, idp).status_code == 302
    assert not OrgMembership.objects.filter(user__email="hemi@kowhai.school.nz").exists()
    # an invitation still brings them back
    [invite] = services.org_invite(
        org=world.school, by=world.admin, emails=["hemi@kowhai.school.nz"]
    )
    services.org_invite_accept(invite=invite, user=membership.user)
    assert OrgMembership.objects.filter(user=membership.user).exists()


# Subdomains


def test_a_tied_domain_covers_its_subdomains(
    client, world, idp, django_capture_on_commit_callbacks
):
    tie(world)
    idp.sign_in_as("hemi@staff.kowhai.school.nz", "Hemi Walker")
    with django_capture_on_commit_callbacks(execute=True):
        sso_sign_in(client, idp)
    membership = OrgMembership.objects.get(user__email="hemi@staff.kowhai.school.nz")
    assert membership.organisation == world.school
    # but not a domain that only ends in the same letters
    client.logout()
    idp.sign_in_as("hemi@notkowhai.school.nz", "Hemi Walker")
    sso_sign_in(client, idp)
    assert not OrgMembership.objects.filter(user__email="hemi@notkowhai.school.nz").exists()


def test_require_sso_covers_subdomains_and_the_most_specific_tie_decides(world, settings):
    settings.SOCIALACCOUNT_PROVIDERS = GOOGLE
    tie(world, require_sso=True)
    assert services.sso_required_for("a@staff.kowhai.school.nz")
    assert services.sso_required_for("a@x.y.kowhai.school.nz")
    assert not services.sso_required_for("a@kowhai.school.nz.evil.example")
    # the school's students' subdomain, tied too, allows passwords
    students = tie(world, "students.kowhai.school.nz")
    assert not services.sso_required_for("a@students.kowhai.school.nz")
    assert services.tie_for("a@y9.students.kowhai.school.nz") == students
    assert services.sso_required_for("a@staff.kowhai.school.nz")


def test_the_most_specific_tie_decides_which_organisation_is_joined(world):
    tie(world)
    # an administrator of both (here: of the school, and of the other school too)
    services.org_member_set_role(
        membership=OrgMembership.objects.create(organisation=world.other_school, user=world.admin),
        by=world.outsider,
        role=OrgRole.ADMIN,
    )
    EmailAddress.objects.create(user=world.admin, email="ada@kura.kowhai.school.nz", verified=True)
    services.org_domain_add(org=world.other_school, by=world.admin, domain="kura.kowhai.school.nz")
    for email, org in (
        ("a@kura.kowhai.school.nz", world.other_school),
        ("b@te.kura.kowhai.school.nz", world.other_school),
        ("c@kowhai.school.nz", world.school),
        ("d@office.kowhai.school.nz", world.school),
    ):
        person = make_user(email)
        services.org_join_by_domain(user=person, email=email)
        assert OrgMembership.objects.get(user=person).organisation == org, email


def test_a_domain_under_another_organisations_is_refused_to_others(world):
    tie(world)
    EmailAddress.objects.create(
        user=world.outsider, email="otto@staff.kowhai.school.nz", verified=True
    )
    with pytest.raises(NotAllowed, match=r"lies under kowhai\.school\.nz"):
        services.org_domain_add(
            org=world.other_school, by=world.outsider, domain="staff.kowhai.school.nz"
        )
    assert list(OrgDomain.objects.values_list("domain", flat=True)) == ["kowhai.school.nz"]
    # the same organisation may tie a subdomain of its own (to require SSO apart)
    EmailAddress.objects.create(user=world.admin, email="ada@staff.kowhai.school.nz", verified=True)
    services.org_domain_add(org=world.school, by=world.admin, domain="staff.kowhai.school.nz")


def test_a_domain_above_another_organisations_leaves_it_its_people(world):
    EmailAddress.objects.create(
        user=world.outsider, email="otto@kura.kowhai.school.nz", verified=True
    )
    services.org_domain_add(
        org=world.other_school, by=world.outsider, domain="kura.kowhai.school.nz"
    )
    tie(world)  # the parent domain, tied later by its own administrator
    assert services.tie_for("a@kura.kowhai.school.nz").organisation == world.other_school
    assert services.tie_for("a@kowhai.school.nz").organisation == world.school


def test_a_subdomain_of_a_public_mail_service_cannot_be_tied(world):
    EmailAddress.objects.create(user=world.admin, email="ada@eu.outlook.com", verified=True)
    with pytest.raises(KahuiError, match="public mail service"):
        services.org_domain_add(org=world.school, by=world.admin, domain="eu.outlook.com")
    assert not OrgDomain.objects.exists()


def test_domains_page_says_whose_domain_a_subdomain_lies_under(client, world):
    tie(world)
    EmailAddress.objects.create(
        user=world.outsider, email="otto@staff.kowhai.school.nz", verified=True
    )
    client.force_login(world.outsider)
    url = reverse("orgs:domains", args=[world.other_school.slug])
    assert "covers staff.example.school.nz" in client.get(url).text
    response = client.post(url, {"domain": "staff.kowhai.school.nz"})
    assert response.status_code == 400
    assert "Only an administrator of Kōwhai Primary" in response.text
    assert not OrgDomain.objects.filter(organisation=world.other_school).exists()
