"""``@group_view(need)``: access checked once, at the door of every group view."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from kahui.groups.access import Need, group_view

pytestmark = pytest.mark.django_db


@group_view(Need.FACILITATE)
def facilitators_only(request, group, access, item=None):
    return HttpResponse(f"{group.name}|{access.is_facilitator}|{item}")


def call(user, group, **kwargs):
    request = RequestFactory().get(f"/groups/{group.public_id}/x/")
    request.user = user
    return facilitators_only(request, group_id=group.public_id, **kwargs)


def test_the_view_gets_the_group_what_the_person_may_do_and_the_rest_of_the_url(world):
    response = call(world.facilitator, world.group, item="abc")
    assert response.content.decode() == f"{world.group.name}|True|abc"
    assert facilitators_only.group_need == Need.FACILITATE


def test_a_member_without_the_role_is_refused(world):
    with pytest.raises(PermissionDenied):
        call(world.member, world.group)


def test_someone_who_may_not_know_the_group_learns_nothing(world):
    with pytest.raises(Http404):
        call(world.outsider, world.group)


def test_someone_signed_out_is_asked_to_sign_in(world):
    response = call(AnonymousUser(), world.group)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert str(world.group.public_id) in response["Location"]


# Pages under /groups/<group_id>/ whose door is not the group's, and why.
OWN_DOORS = {
    # A resource may be published to the organisation or to everyone, so who may see
    # it is the resource's rule (library.access.resource_view), not the group's.
    "library:resource": "resource_door",
    "library:download": "resource_door",
    "library:publish": "resource_door",
    "library:delete": "resource_door",
    "library:save": "resource_door",
    # a shared product's editing, versions and restoring: its group's members, behind
    # the resource's door (a published product is seen beyond the group)
    "library:product_edit": "resource_door",
    "library:product_versions": "resource_door",
    "library:product_restore": "resource_door",
}

# Pages opened by a token in the link rather than by who is signed in, and what the
# token opens. None names a group in its address.
TOKEN_DOORS = {
    "groups:invite": "an invitation to a group, shown only to the invited address",
    "orgs:invite": "an invitation to an organisation",
    "meetings:guest": "one meeting's agenda and materials, for an invited guest",
    "meetings:feed": "a calendar subscription, which dies with the membership",
    "notifications:unsubscribe": "one person's email preferences",
    "voice:answer": "one open learner or whānau survey, and nothing else of its group",
}


def _routes(patterns, prefix="", namespace=""):
    """(name, full route, view) of every named URL."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
            )
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern), pattern.callback


# The REST API (/api/v1/) answers programs, not pages: each operation asks the same
# access modules and its own matrix (tests/api) checks every operation as every persona.
ROUTES = [
    route for route in _routes(get_resolver().url_patterns) if not route[0].startswith("api-v1:")
]


@pytest.mark.parametrize(
    ("name", "view"), [(name, view) for name, route, view in ROUTES if "group_id" in route]
)
def test_every_page_that_names_a_group_checks_access_at_its_door(name, view):
    if name in OWN_DOORS:
        assert getattr(view, OWN_DOORS[name], False), f"{name} has lost its own door"
        assert not hasattr(view, "group_need")
        return
    assert isinstance(getattr(view, "group_need", None), Need), (
        f"{name} names a group but is not a @group_view"
    )


def test_the_exceptions_are_pages_that_exist():
    names_with_groups = {name for name, route, _view in ROUTES if "group_id" in route}
    assert set(OWN_DOORS) <= names_with_groups


def test_every_page_opened_by_a_token_is_listed_with_what_it_opens():
    by_token = {name for name, route, _view in ROUTES if "token>" in route}
    assert by_token == set(TOKEN_DOORS)
    assert not any("group_id" in route for name, route, _view in ROUTES if name in TOKEN_DOORS)
