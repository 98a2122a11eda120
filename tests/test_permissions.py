"""The permission matrix: every URL of Kāhui, walked as every persona, gives the
designed answer. A new URL without a row here fails ``test_matrix_covers_every_url``."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kahui.groups.models import GroupInvite, JoinRequest
from kahui.orgs.models import OrgInvite

PERSONAS = ["anonymous", "outsider", "colleague", "member", "facilitator", "coordinator", "admin"]
LOGIN = "login"  # a redirect to the log-in page

# (method, expected answers in the order of PERSONAS)
ANYONE_SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
GROUP_DISCOVER = (LOGIN, 404, 200, 200, 200, 200, 200)
GROUP_DISCOVER_POST = (LOGIN, 404, 302, 302, 302, 302, 302)
GROUP_OVERSEE = (LOGIN, 404, 403, 200, 200, 200, 200)
GROUP_MEMBER_POST = (LOGIN, 404, 403, 302, 302, 403, 403)
GROUP_FACILITATE = (LOGIN, 404, 403, 403, 200, 403, 403)
GROUP_FACILITATE_POST = (LOGIN, 404, 403, 403, 302, 403, 403)
ORG_MEMBER = (LOGIN, 404, 200, 200, 200, 404, 200)
ORG_ADMIN = (LOGIN, 404, 403, 403, 403, 404, 200)
ORG_ADMIN_POST = (LOGIN, 404, 403, 403, 403, 404, 302)


def _args(world, fixtures):
    g = world.group.public_id
    return {
        "core:home": [],
        "core:dashboard": [],
        "core:health": [],
        "core:favicon": [],
        "accounts:profile": [],
        "accounts:person": [world.member.public_id],
        "orgs:list": [],
        "orgs:create": [],
        "orgs:join": [],
        "orgs:invite": [fixtures["org_invite"].token],
        "orgs:detail": [world.school.slug],
        "orgs:edit": [world.school.slug],
        "orgs:members": [world.school.slug],
        "orgs:member_role": [world.school.slug, world.member.public_id],
        "orgs:member_remove": [world.school.slug, world.colleague.public_id],
        "orgs:invite_revoke": [world.school.slug, fixtures["org_invite"].public_id],
        "orgs:reset_code": [world.school.slug],
        "orgs:history": [world.school.slug],
        "groups:explore": [],
        "groups:mine": [],
        "groups:create": [],
        "groups:home": [g],
        "groups:setup": [g, "vision"],
        "groups:edit": [g, "vision"],
        "groups:history": [g],
        "groups:stage": [g],
        "groups:members": [g],
        "groups:invite_members": [g],
        "groups:member_role": [g, world.member.public_id],
        "groups:member_remove": [g, world.member.public_id],
        "groups:invite_revoke": [g, fixtures["group_invite"].public_id],
        "groups:join": [g],
        "groups:request": [g],
        "groups:request_decide": [g, fixtures["join_request"].public_id],
        "groups:request_withdraw": [g, fixtures["join_request"].public_id],
        "groups:leave": [g],
        "groups:invite": [fixtures["group_invite"].token],
    }


MATRIX = {
    "core:home": ("get", ("200", 302, 302, 302, 302, 302, 302)),
    "core:dashboard": ("get", ANYONE_SIGNED_IN),
    "core:health": ("get", (200, 200, 200, 200, 200, 200, 200)),
    "core:favicon": ("get", (302, 302, 302, 302, 302, 302, 302)),
    "accounts:profile": ("get", ANYONE_SIGNED_IN),
    # a colleague's profile: people sharing a group, an organisation or a cluster
    "accounts:person": ("get", (LOGIN, 404, 200, 200, 200, 200, 200)),
    "orgs:list": ("get", ANYONE_SIGNED_IN),
    "orgs:create": ("get", ANYONE_SIGNED_IN),
    "orgs:join": ("get", ANYONE_SIGNED_IN),
    "orgs:invite": ("get", ANYONE_SIGNED_IN),
    "orgs:detail": ("get", ORG_MEMBER),
    "orgs:edit": ("get", ORG_ADMIN),
    "orgs:members": ("get", ORG_ADMIN),
    "orgs:member_role": ("post", ORG_ADMIN_POST),
    "orgs:member_remove": ("post", ORG_ADMIN_POST),
    "orgs:invite_revoke": ("post", ORG_ADMIN_POST),
    "orgs:reset_code": ("post", ORG_ADMIN_POST),
    "orgs:history": ("get", ORG_ADMIN),
    "groups:explore": ("get", ANYONE_SIGNED_IN),
    "groups:mine": ("get", ANYONE_SIGNED_IN),
    "groups:create": ("get", ANYONE_SIGNED_IN),
    "groups:home": ("get", GROUP_DISCOVER),
    # the wizard of an open group sends its facilitator to the group's home
    "groups:setup": ("get", (LOGIN, 404, 403, 403, 302, 403, 403)),
    "groups:edit": ("get", GROUP_FACILITATE),
    "groups:history": ("get", GROUP_OVERSEE),
    "groups:stage": ("post", GROUP_FACILITATE_POST),
    "groups:members": ("get", GROUP_OVERSEE),
    "groups:invite_members": ("get", GROUP_FACILITATE),
    "groups:member_role": ("post", GROUP_FACILITATE_POST),
    "groups:member_remove": ("post", GROUP_FACILITATE_POST),
    "groups:invite_revoke": ("post", GROUP_FACILITATE_POST),
    "groups:join": ("post", GROUP_DISCOVER_POST),
    "groups:request": ("post", GROUP_DISCOVER_POST),
    "groups:request_decide": ("post", GROUP_FACILITATE_POST),
    # only the person who asked can withdraw; the request is theirs (the colleague's)
    "groups:request_withdraw": ("post", (LOGIN, 404, 302, 404, 404, 404, 404)),
    "groups:leave": ("post", GROUP_MEMBER_POST),
    "groups:invite": ("get", ANYONE_SIGNED_IN),
}

# Third-party URL sets with their own tests: allauth's account pages and the
# operators' admin site (staff only).
EXCLUDED_NAMESPACES = {"admin"}


def _named_urls(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in EXCLUDED_NAMESPACES:
                continue
            yield from _named_urls(pattern.url_patterns, f"{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if not prefix:  # allauth's un-namespaced account_* names
                continue
            yield prefix + pattern.name


def test_matrix_covers_every_url():
    assert set(_named_urls(get_resolver().url_patterns)) == set(MATRIX)


@pytest.fixture
def fixtures(world):
    return {
        "org_invite": OrgInvite.objects.create(
            organisation=world.school, email="new@kowhai.example", invited_by=world.admin
        ),
        "group_invite": GroupInvite.objects.create(
            group=world.group, email="guest@kowhai.example", invited_by=world.facilitator
        ),
        "join_request": JoinRequest.objects.create(group=world.group, user=world.colleague),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client, world, fixtures, name, persona):
    method, answers = MATRIX[name]
    expected = answers[PERSONAS.index(persona)]
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    url = reverse(name, args=_args(world, fixtures)[name])
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected), (
            f"{persona} {method.upper()} {url}: {response.status_code}, expected {expected}"
        )
