"""The lean request path: sessions and the user read with queries compiled once, the
group looked up the same way, and each person's page header kept in the fragment
cache. None of it may change what a page shows or who may see it."""

import uuid
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kahui.accounts.backends import ProfileBackend
from kahui.core.fragments import CSRF_PLACEHOLDER, frame_version
from kahui.core.prepared import PreparedQuery
from kahui.groups.access import _GROUP, _MEMBERSHIP
from kahui.groups.models import GroupMembership, LearningGroup
from kahui.notifications.services import notify
from tests.conftest import PASSWORD

ENGINES = ["kahui.core.sessions", "kahui.core.cached_sessions"]


def _signed_in_twice(user) -> tuple[Client, Client]:
    """Two browsers holding the same session cookie (say, a stolen one)."""
    first = Client()
    assert first.login(email=user.email, password=PASSWORD)
    second = Client()
    second.cookies[settings.SESSION_COOKIE_NAME] = first.cookies[settings.SESSION_COOKIE_NAME].value
    return first, second


@pytest.mark.parametrize("engine", ENGINES)
def test_logging_out_revokes_the_session_at_once(settings, world, engine):
    settings.SESSION_ENGINE = engine
    first, second = _signed_in_twice(world.member)
    dashboard = reverse("dashboard:home")
    assert second.get(dashboard).status_code == 200
    first.post(reverse("account_logout"))
    answer = second.get(dashboard)
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_session_deleted_on_the_server_is_refused(settings, world, engine):
    """Deleting the row (what ``flush`` does on another server) is enough."""
    settings.SESSION_ENGINE = engine
    first, second = _signed_in_twice(world.member)
    assert second.get(reverse("dashboard:home")).status_code == 200
    import_module(engine).SessionStore(first.session.session_key).delete()
    assert second.get(reverse("dashboard:home")).status_code == 302


def test_an_expired_session_is_not_loaded(world):
    client = Client()
    client.force_login(world.member)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = import_module("kahui.core.sessions").SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_a_live_session_loads_what_was_saved(world):
    store = import_module("kahui.core.sessions").SessionStore()
    store["colour"] = "kōwhai"
    store.create()
    assert import_module("kahui.core.sessions").SessionStore(store.session_key)["colour"] == (
        "kōwhai"
    )


def test_the_user_and_profile_are_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = ProfileBackend().get_user(str(world.member.pk))
        assert user.profile.display_name == "Mere Member"
        assert user.display_name == "Mere Member"
    assert user == world.member
    assert user.date_joined == world.member.date_joined  # converted like the ORM's


def test_no_user_for_an_unknown_or_inactive_id(world):
    assert ProfileBackend().get_user(world.member.pk + 1000) is None
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    assert ProfileBackend().get_user(world.member.pk) is None


def test_the_group_lookups_match_the_orm(world, django_assert_num_queries):
    parent = LearningGroup.objects.get(pk=world.group.pk).organisation.parent
    assert parent is not None
    with django_assert_num_queries(1):
        membership = _MEMBERSHIP.first(world.group.public_id, world.member.pk)
        group = membership.group
        assert group.organisation.parent == parent
    expected = GroupMembership.objects.get(group=world.group, user=world.member)
    assert membership == expected
    assert membership.role == expected.role
    assert membership.created_at == expected.created_at
    assert group.public_id == world.group.public_id
    assert _MEMBERSHIP.first(world.group.public_id, world.outsider.pk) is None
    assert _MEMBERSHIP.first(str(world.group.public_id), world.member.pk) == expected
    assert _GROUP.first(world.group.public_id) == world.group
    assert _GROUP.first(uuid.uuid4()) is None


def test_a_query_whose_argument_is_not_a_parameter_is_refused(db):
    prepared = PreparedQuery(
        lambda group_id: LearningGroup.objects.filter(pk__in=[1, 2]),
        lambda: [LearningGroup._meta.get_field("public_id")],
    )
    with pytest.raises(ValueError, match="compared once"):
        prepared.first(uuid.uuid4())


def test_a_member_group_page_costs_no_more_queries(client, world, django_assert_num_queries):
    client.force_login(world.member)
    url = reverse("groups:home", args=[world.group.public_id])
    client.get(url)
    # Session, user with profile, group with membership, activity stamp.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def _header(page) -> str:
    text = page.text
    return text[text.index('<header class="site-header">') : text.index("</header>")]


def test_the_header_follows_a_new_name_at_once(client, world):
    client.force_login(world.member)
    assert "Mere Member" in _header(client.get(reverse("dashboard:home")))
    world.member.profile.display_name = "Mere Renamed"
    world.member.profile.save(update_fields=["display_name"])
    header = _header(client.get(reverse("dashboard:home")))
    assert "Mere Renamed" in header
    assert "Mere Member" not in header


def test_the_header_marks_the_section_of_each_page(client, world):
    client.force_login(world.member)
    mine = reverse("groups:mine")
    header = _header(client.get(reverse("dashboard:home")))
    assert f'href="{mine}" aria-current="page"' not in header
    header = _header(client.get(mine))
    assert f'href="{mine}" aria-current="page"' in header


def test_each_person_sees_their_own_header(world):
    member, colleague = Client(), Client()
    member.force_login(world.member)
    colleague.force_login(world.colleague)
    assert "Mere Member" in _header(member.get(reverse("dashboard:home")))
    header = _header(colleague.get(reverse("dashboard:home")))
    assert "Colin Colleague" in header
    assert "Mere Member" not in header


def test_the_cached_header_holds_no_token_and_the_page_gets_its_own(client, world):
    client.force_login(world.member)
    header = _header(client.get(reverse("dashboard:home")))
    assert 'name="csrfmiddlewaretoken" value="' in header  # the log-out form's
    assert CSRF_PLACEHOLDER not in header
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    cache = caches["fragments"]
    keys = [
        key.split(":", 2)[2]  # the cache's own prefix and version come first
        for key in cache._cache  # type: ignore[attr-defined]
        if "partials/site_header.html" in key
    ]
    assert keys, "the header was not kept"
    for key in keys:
        html = cache.get(key)
        assert CSRF_PLACEHOLDER in html
        assert token not in html
    # The token it was given is one that logging out accepts.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.member)
    header = _header(strict.get(reverse("dashboard:home")))
    given = header.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    strict.post(reverse("account_logout"), {"csrfmiddlewaretoken": given})
    assert strict.get(reverse("dashboard:home")).status_code == 302


def test_the_bell_count_is_not_kept_with_the_header(client, world):
    client.force_login(world.member)
    client.get(reverse("dashboard:home"))
    assert "bell-count" not in client.get(reverse("notifications:bell")).text
    notify(users=[world.member], category="mentions", title="Someone mentioned you")
    assert '<span class="bell-count">1</span>' in client.get(reverse("notifications:bell")).text
    assert 'hx-get="{}"'.format(reverse("notifications:bell")) in _header(
        client.get(reverse("dashboard:home"))
    )


def test_the_frame_version_changes_with_what_the_header_shows(world):
    nav = [{"url": "/groups/", "label": "My groups", "current": False}]
    before = frame_version(world.member, nav)
    assert frame_version(world.member, nav) == before
    assert frame_version(world.member, [{**nav[0], "current": True}]) != before
    assert frame_version(world.member, [{**nav[0], "label": "Mijn groepen"}]) != before
    assert frame_version(world.member, [*nav, {"url": "/x/", "label": "X", "current": 0}]) != (
        before
    )
    assert frame_version(world.colleague, nav) != before
    world.member.profile.avatar = "avatars/new-picture.png"
    assert frame_version(world.member, nav) != before
