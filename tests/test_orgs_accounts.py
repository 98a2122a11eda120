"""Organisations (create, join by code, invitations, roles) and accounts (sign-up
profile, profile edit, who may see a colleague's profile)."""

import pytest
from django.core import mail
from django.urls import reverse

from kahui.accounts.models import Profile, User
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry, FocusArea
from kahui.groups import services as group_services
from kahui.orgs import services
from kahui.orgs.activity import OrgActivity
from kahui.orgs.models import ORG_ROLES, OrgKind, OrgMembership, OrgRole
from tests import test_groups as group_tests
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_creator_becomes_admin_and_code_lets_colleagues_join(client, world):
    client.force_login(world.outsider)
    response = client.post(
        reverse("orgs:create"),
        {
            "name": "Tūī Kindergarten",
            "kind": OrgKind.EARLY_LEARNING,
            "city": "Nelson",
            "country": "NZ",
        },
    )
    org = OrgMembership.objects.get(
        user=world.outsider, role=OrgRole.ADMIN, organisation__name="Tūī Kindergarten"
    ).organisation
    assert response["Location"] == reverse("orgs:members", args=[org.slug])
    client.force_login(world.colleague)
    response = client.post(reverse("orgs:join"), {"code": org.invite_code.lower()})
    assert response.status_code == 302
    assert OrgMembership.objects.filter(organisation=org, user=world.colleague).exists()
    # a second try, and a wrong code, are clear errors on the form
    page = client.post(reverse("orgs:join"), {"code": org.invite_code}).content.decode()
    assert "already a member" in page
    page = client.post(reverse("orgs:join"), {"code": "NOPE1234"}).content.decode()
    assert "does not match any organisation" in page


def test_reset_code_stops_the_old_one(world):
    old = world.school.invite_code
    services.org_reset_code(org=world.school, by=world.admin)
    with pytest.raises(KahuiError):
        services.org_join_by_code(user=world.outsider, code=old)


def test_email_invitation_joins_with_role(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("orgs:members", args=[world.school.slug]),
            {"emails": "out@elsewhere.example", "role": OrgRole.COORDINATOR},
        )
    assert mail.outbox[-1].to == ["out@elsewhere.example"]
    token = world.school.invites.get().token
    assert token in mail.outbox[-1].body
    client.force_login(world.outsider)
    client.post(reverse("orgs:invite", args=[token]))
    membership = OrgMembership.objects.get(organisation=world.school, user=world.outsider)
    assert membership.role == OrgRole.COORDINATOR


def test_invite_form_reports_bad_addresses_and_keeps_them(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("orgs:members", args=[world.school.slug]),
        {"emails": "good@kowhai.example\nbad@", "role": OrgRole.MEMBER},
    )
    page = response.content.decode()
    assert "This is not an email address: bad@" in page
    assert "good@kowhai.example\nbad@" in page
    assert not world.school.invites.exists()


def test_last_admin_is_kept(world):
    membership = OrgMembership.objects.get(organisation=world.school, user=world.admin)
    with pytest.raises(KahuiError, match="at least one administrator"):
        services.org_member_set_role(membership=membership, by=world.admin, role=OrgRole.MEMBER)
    with pytest.raises(KahuiError, match="at least one administrator"):
        services.org_member_remove(membership=membership, by=world.admin)


def test_role_change_is_logged(world):
    membership = OrgMembership.objects.get(organisation=world.school, user=world.member)
    services.org_member_set_role(membership=membership, by=world.admin, role=OrgRole.COORDINATOR)
    entry = ActivityEntry.objects.get(action=OrgActivity.ROLE_CHANGED)
    assert entry.actor == world.admin
    assert entry.changes["role"] == {"label": "Role", "from": "Member", "to": "Coordinator"}


def test_coordinator_sees_all_groups_of_cluster_with_figures(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("orgs:detail", args=[world.cluster.slug])).content.decode()
    assert world.group.name in page
    assert "Facilitators" in page
    assert "below 6" in page  # the group has two members


def test_signup_creates_profile_and_sends_verification(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "display_name": "Sanne de Vries",
                "email": "sanne@school.example",
                "role": "teacher",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="sanne@school.example")
    assert user.profile.display_name == "Sanne de Vries"
    assert user.password.startswith("md5$")  # the test hasher; production uses Argon2
    assert "confirm-email" in mail.outbox[-1].body
    assert mail.outbox[-1].alternatives  # plain text and HTML


def test_signup_errors_keep_input(client):
    page = client.post(
        reverse("account_signup"),
        {
            "display_name": "Sanne",
            "email": "not-an-email",
            "role": "teacher",
            "password1": "x",
            "password2": "y",
        },
    ).content.decode()
    assert "Enter a valid email address." in page
    assert 'value="Sanne"' in page
    assert not User.objects.exists()


def test_production_hasher_is_argon2():
    from kahui import settings as kahui_settings

    assert kahui_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_profile_edit_adds_new_interests(client, world):
    FocusArea.objects.create(name="Maths talk", status="accepted")
    client.force_login(world.member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Mere M.",
            "role": "leader",
            "organisation": world.school.pk,
            "subjects": ["mathematics"],
            "year_levels": ["y0-3"],
            "interests": [FocusArea.objects.get(name="Maths talk").pk],
            "new_interests": "Oral language, Maths talk",
            "time_zone": "Europe/Amsterdam",
            "language": "en",
            "bio": "Junior school teacher.",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.member)
    assert profile.time_zone == "Europe/Amsterdam"
    assert sorted(a.name for a in profile.interests.all()) == ["Maths talk", "Oral language"]


def test_profile_rejects_unknown_time_zone(client, world):
    client.force_login(world.member)
    page = client.post(
        reverse("accounts:profile"),
        {"display_name": "Mere", "role": "teacher", "time_zone": "Mars/Olympus", "language": "en"},
    ).content.decode()
    assert "Select a valid choice" in page


def test_pages_use_the_viewers_time_zone(client, world):
    world.member.profile.time_zone = "Europe/Amsterdam"
    world.member.profile.save()
    client.force_login(world.member)
    response = client.get(reverse("dashboard:home"))
    assert response.context["TIME_ZONE"] == "Europe/Amsterdam"


def test_security_headers(client):
    response = client.get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_person_page_hidden_from_strangers(client, world):
    stranger = make_user("x@nowhere.example")
    client.force_login(stranger)
    assert client.get(reverse("people:person", args=[world.member.public_id])).status_code == 404


def test_failed_logins_are_rate_limited(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
    url = reverse("account_login")
    for _ in range(3):
        page = client.post(url, {"login": world.member.email, "password": "wrong"})
        assert "Too many failed login attempts" not in page.content.decode()
    # the fourth try is refused, even with the right password
    page = client.post(url, {"login": world.member.email, "password": PASSWORD})
    assert "Too many failed login attempts" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_org_invitation_only_for_its_address(client, world):
    invite = world.school.invites.create(email="boss@kowhai.example", role=OrgRole.ADMIN)
    client.force_login(world.outsider)
    response = client.post(reverse("orgs:invite", args=[invite.token]), follow=True)
    assert "Sign in with the invited address" in response.content.decode()
    assert "boss@kowhai.example" not in response.content.decode()
    assert not OrgMembership.objects.filter(organisation=world.school, user=world.outsider)


def test_org_page_counts_members_of_each_group(client, world, django_assert_max_num_queries):
    client.force_login(world.colleague)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("orgs:detail", args=[world.school.slug]))
    [group] = response.context["groups"]
    assert group.member_count == 2


def test_hsts_over_tls_with_the_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(reverse("core:home"), secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert "Strict-Transport-Security" not in client.get(reverse("core:home"))


def _school_form(org, **changes):
    data = {
        "name": org.name,
        "kind": org.kind,
        "parent": org.parent.pk if org.parent_id else "",
        "city": org.city,
        "country": org.country,
        "description": org.description,
    }
    return {**data, **changes}


def test_school_admin_outside_the_cluster_keeps_the_school_in_it(client, world):
    client.force_login(world.admin)  # administers the school, not the cluster
    url = reverse("orgs:edit", args=[world.school.slug])
    page = client.get(url).content.decode()
    assert "Only an administrator of Awa Cluster can change this." in page
    for parent in ("", world.cluster.pk):
        response = client.post(url, _school_form(world.school, parent=parent, city="Nelson"))
        assert response.status_code == 302
        world.school.refresh_from_db()
        assert world.school.parent == world.cluster
        assert world.school.city == "Nelson"
    entry = ActivityEntry.objects.filter(
        action=OrgActivity.UPDATED, organisation=world.school
    ).get()
    assert "city" in entry.changes
    assert "parent" not in entry.changes


def test_only_cluster_admins_attach_an_organisation_to_a_cluster(client, world):
    member = make_user("plain@awa.example")
    OrgMembership.objects.create(organisation=world.cluster, user=member, role=OrgRole.MEMBER)
    client.force_login(member)
    data = {"name": "Rimu School", "kind": OrgKind.SCHOOL, "parent": world.cluster.pk}
    page = client.post(reverse("orgs:create"), data).content.decode()
    assert "Select a valid choice" in page
    assert 'value="Rimu School"' in page
    assert not OrgMembership.objects.filter(organisation__name="Rimu School").exists()
    with pytest.raises(NotAllowed):
        services.org_create(by=member, name="Rimu School", kind="school", parent=world.cluster)
    with pytest.raises(NotAllowed):
        services.org_update(org=world.other_school, by=world.outsider, parent=world.cluster)
    # a cluster administrator may
    OrgMembership.objects.filter(organisation=world.cluster, user=member).update(role=OrgRole.ADMIN)
    response = client.post(reverse("orgs:create"), data)
    assert response.status_code == 302
    assert (
        OrgMembership.objects.get(user=member, organisation__name="Rimu School").organisation.parent
        == world.cluster
    )


@pytest.mark.django_db(transaction=True)
def test_two_admins_stepping_down_at_once_keep_one(monkeypatch, world):
    second = make_user("ad2@kowhai.example")
    OrgMembership.objects.create(organisation=world.school, user=second, role=OrgRole.ADMIN)
    first_m, second_m = (
        OrgMembership.objects.select_related("organisation").get(organisation=world.school, user=u)
        for u in (world.admin, second)
    )
    errors = group_tests.race(
        monkeypatch,
        ORG_ROLES,
        "holders",
        lambda: services.org_member_set_role(membership=first_m, by=second, role="member"),
        lambda: services.org_member_remove(membership=second_m, by=world.admin),
    )
    assert world.school.memberships.filter(role=OrgRole.ADMIN).count() == 1
    assert sum(error is not None for error in errors) == 1


def test_an_organisation_invitation_shows_nothing_to_someone_else(client, world):
    (invitation,) = services.org_invite(
        org=world.school, by=world.admin, emails=["new.teacher@kowhai.example"]
    )
    url = reverse("orgs:invite", args=[invitation.token])
    client.force_login(world.outsider)
    page = client.get(url).content.decode()
    assert world.school.name not in page
    assert "Sign in with the invited address" in page
    client.post(url)
    assert not world.school.memberships.filter(user=world.outsider).exists()
    invitee = make_user("new.teacher@kowhai.example", "Nia New")
    client.force_login(invitee)
    assert world.school.name in client.get(url).content.decode()


def test_invited_addresses_stay_out_of_the_history(client, world):
    group_services.group_invite(
        group=world.group, by=world.facilitator, emails=["wei.chen@elsewhere.example"]
    )
    client.force_login(world.member)
    page = client.get(reverse("groups:history", args=[world.group.public_id]))
    assert "invited a colleague" in page.content.decode()
    assert "wei.chen@elsewhere.example" not in page.content.decode()


def test_account_emails_name_the_site_and_person_as_written(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_NAME = "Kāhui O'Brien & Co"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "display_name": "Mere O'Brien & Whānau",
                "email": "mere@school.example",
                "role": "teacher",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        client.logout()
        client.post(reverse("account_reset_password"), {"email": "mere@school.example"})
    verification, reset = mail.outbox[-2:]
    for message in (verification, reset):
        assert message.body.startswith("Kia ora Mere O'Brien & Whānau,\n")
        assert "Ngā mihi,\nKāhui O'Brien & Co\n" in message.body
        assert message.subject.startswith("[Kāhui] ")
        assert "&#x27;" not in message.body + message.subject
        assert "&amp;" not in message.body + message.subject
        html = message.alternatives[0].content
        assert "Kāhui O&#x27;Brien &amp; Co" in html  # escaped where it belongs


def test_removing_an_org_member_asks_first_and_works_without_javascript(client, world):
    client.force_login(world.admin)
    members = reverse("orgs:members", args=[world.school.slug])
    url = reverse("orgs:member_remove", args=[world.school.slug, world.colleague.public_id])
    assert f'href="{url}"' in client.get(members).content.decode()
    # a bare POST (an old page's button) only leads to the question
    assert client.post(url)["Location"] == url
    assert world.school.memberships.filter(user=world.colleague).exists()
    page = client.get(url).content.decode()
    assert "Remove Colin Colleague from Kōwhai Primary?" in page
    assert 'name="confirm" value="yes"' in page
    assert f'href="{members}"' in page  # Cancel
    assert client.post(url, {"confirm": "yes"})["Location"] == members
    assert not world.school.memberships.filter(user=world.colleague).exists()
    assert ActivityEntry.objects.filter(action=OrgActivity.MEMBER_REMOVED).exists()
    # members who are not admins cannot reach the question
    client.force_login(world.member)
    assert client.get(url).status_code == 403


def test_account_emails_speak_like_kahui_in_plain_text_too(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8001"
    signup = {
        "display_name": "Sanne de Vries",
        "email": "sanne@school.example",
        "role": "teacher",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup)
        client.post(reverse("account_signup"), signup)  # the address is taken now
        client.logout()
        client.post(reverse("account_reset_password"), {"email": world.member.email})
        client.post(reverse("account_reset_password"), {"email": "nobody@school.example"})
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        "[Kāhui] Confirm your email address",
        "[Kāhui] You already have an account",
        "[Kāhui] Choose a new password",
        "[Kāhui] No account with this address",
    ]
    verification, taken, reset, unknown = (message.body for message in mail.outbox)
    assert "Welcome to Kāhui. Please confirm that this is your email address" in verification
    assert "Someone tried to sign up with sanne@school.example" in taken
    assert reset.startswith("Kia ora Mere Member,\n")
    assert "Someone asked to reset the password of your Kāhui account." in reset
    assert "no Kāhui account with this address" in unknown
    for body, path in [
        (verification, "/accounts/confirm-email/"),
        (taken, reverse("account_reset_password")),
        (reset, "/accounts/password/reset/key/"),
        (unknown, reverse("account_signup")),
    ]:
        # The link stands on a line of its own, so a mail reader makes it clickable.
        assert any(line.startswith("http") and path in line for line in body.splitlines())
        assert body.rstrip().endswith("Ngā mihi,\nKāhui\nhttp://127.0.0.1:8001")
        for stock in ("Hello from", "receiving this", "Thank you for using"):
            assert stock not in body
