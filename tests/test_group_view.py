"""``@group_view(need)``: access checked once, at the door of every group view."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

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
