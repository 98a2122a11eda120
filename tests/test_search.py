"""Search: ranked results with highlighted snippets, never anything the person may not
see. Runs on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest

from kahui.core import search
from kahui.search.selectors import search_for
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(world):
    other = make_group(world.outsider, name="Elsewhere", organisation=world.other_school)
    search.index(
        kind="post",
        object_id=1,
        group_id=world.group.pk,
        url="/a",
        title="Decodable readers",
        body="We trialled decodable readers with Year 1.",
    )
    search.index(
        kind="post",
        object_id=2,
        group_id=other.pk,
        url="/b",
        title="Secret decodable plan",
        body="Private notes about decodable books.",
    )
    search.index(
        kind="resource",
        object_id=3,
        organisation_id=world.school.pk,
        url="/c",
        title="Phonics scope",
        body="Decodable sequence for the school.",
    )
    search.index(
        kind="resource",
        object_id=4,
        public=True,
        url="/d",
        title="Open guide",
        body="A public guide to decodable texts.",
    )
    return other


def test_members_find_their_groups_org_and_public_documents(world, documents):
    hits = search_for(user=world.member, query="decodable")
    assert {h.object_id for h in hits} == {1, 3, 4}
    assert hits[0].object_id == 1  # the title match ranks first
    assert "<mark>" in hits[0].snippet


def test_outsiders_never_see_other_groups(world, documents):
    assert {h.object_id for h in search_for(user=world.outsider, query="decodable")} == {2, 4}
    stranger = make_user("s@nowhere.example")
    assert {h.object_id for h in search_for(user=stranger, query="decodable")} == {4}


def test_prefix_words_and_reindexing(world, documents):
    assert {h.object_id for h in search_for(user=world.member, query="decod year")} == {1}
    search.index(
        kind="post",
        object_id=1,
        group_id=world.group.pk,
        url="/a",
        title="Renamed",
        body="Nothing about that any more.",
    )
    assert 1 not in {h.object_id for h in search_for(user=world.member, query="decodable")}
    search.unindex(kind="resource", object_id=4)
    assert 4 not in {h.object_id for h in search_for(user=world.member, query="guide")}


def test_snippets_escape_html(world):
    search.index(
        kind="post",
        object_id=9,
        group_id=world.group.pk,
        url="/x",
        title="x",
        body="<script>alert(1)</script> phonics",
    )
    [hit] = search_for(user=world.member, query="phonics")
    assert "<script>" not in hit.snippet
    assert "<mark>phonics</mark>" in hit.snippet


def test_empty_or_symbol_queries_find_nothing(world, documents):
    assert search_for(user=world.member, query="") == []
    assert search_for(user=world.member, query='"*) OR (') == []


def test_odd_queries_never_break_the_search(client, world, documents):
    from django.urls import reverse

    client.force_login(world.member)
    for query in ('"', "AND", "decodable OR", "NEAR(decodable", "*", "dec*", "a" * 500, "ā'"):
        assert client.get(reverse("search:search"), {"q": query}).status_code == 200
    hits = search_for(user=world.member, query='("decodable*')
    assert {h.object_id for h in hits} == {1, 3, 4}
