"""Search: ranked results with highlighted snippets, never anything the person may not
see. Runs on SQLite (FTS5) and PostgreSQL (tsvector)."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from kahui.core import search
from kahui.core.models import SearchDocument
from kahui.groups.models import Access, Scope
from kahui.meetings import services as meeting_services
from kahui.people.access import people_found_by
from kahui.search.selectors import search_for, search_results
from tests.conftest import make_group, make_meeting, make_user

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
    client.force_login(world.member)
    for query in ('"', "AND", "decodable OR", "NEAR(decodable", "*", "dec*", "a" * 500, "ā'"):
        assert client.get(reverse("search:search"), {"q": query}).status_code == 200
    hits = search_for(user=world.member, query='("decodable*')
    assert {h.object_id for h in hits} == {1, 3, 4}


# -- ranking, snippets, duplicates ---------------------------------------------------

NOW = datetime(2026, 9, 14, 9, 0, tzinfo=UTC)


def _post(world, object_id: int, title: str, body: str, **extra):
    search.index(
        kind=extra.pop("kind", "post"),
        object_id=object_id,
        group_id=extra.pop("group_id", world.group.pk),
        url=f"/p/{object_id}",
        title=title,
        body=body,
        **extra,
    )


def test_snippets_come_from_the_rendered_text_with_the_match_marked(world):
    _post(
        world,
        20,
        "Reading plan",
        "## Next steps\n\n**Decodable** readers for [Year 1](https://example.org/y1)"
        " & `phonics` <b>kits</b>\n\n- first\n- second",
    )
    [hit] = search_for(user=world.member, query="decodable")
    assert "<mark>Decodable</mark> readers for Year 1" in hit.snippet
    for markdown in ("**", "##", "](", "`", "- first"):
        assert markdown not in hit.snippet
    assert "&amp;" in hit.snippet
    assert "&lt;b&gt;kits&lt;/b&gt;" in hit.snippet
    [stored] = SearchDocument.objects.filter(kind="post", object_id=20).values_list(
        "body", flat=True
    )
    assert stored.startswith("Next steps Decodable readers for Year 1 & phonics")


def test_long_texts_give_a_window_around_the_first_match(world):
    words = [f"word{n}" for n in range(200)]
    words[120] = "kaitiakitanga"
    _post(world, 21, "Long", " ".join(words))
    [hit] = search_for(user=world.member, query="kaitiaki")
    assert hit.snippet.startswith("… ")
    assert hit.snippet.endswith(" …")
    assert "<mark>kaitiakitanga</mark>" in hit.snippet
    assert "word0 " not in hit.snippet
    assert "word199" not in hit.snippet


def test_titles_are_marked_and_escaped(world):
    _post(world, 22, "<i>Fractions</i> with manipulatives", "Body.")
    [hit] = search_for(user=world.member, query="fractions")
    assert hit.title_html == "&lt;i&gt;<mark>Fractions</mark>&lt;/i&gt; with manipulatives"


def test_a_title_match_outranks_words_in_the_body(world):
    _post(world, 23, "Weekly notes", "Fractions, fractions and fractions again today.")
    _post(world, 24, "Fractions", "What we tried this week with the whole class.")
    assert [h.object_id for h in search_for(user=world.member, query="fractions")] == [24, 23]


def test_recent_things_rank_above_old_ones_alike(world, time_machine):
    time_machine.move_to(NOW)
    _post(world, 25, "Running records alpha", "Notes", dated=NOW - timedelta(days=3))
    _post(world, 26, "Running records bravo", "Notes", dated=NOW - timedelta(days=800))
    _post(world, 27, "Running records charlie", "Notes", dated=NOW - timedelta(days=90))
    hits = search_for(user=world.member, query="running records")
    assert [h.object_id for h in hits] == [25, 27, 26]
    # Gently: a title match of three months ago still beats a body mention of today.
    _post(world, 28, "Daily notes", "running records came up", dated=NOW)
    ids = [h.object_id for h in search_for(user=world.member, query="running records")]
    assert ids.index(27) < ids.index(28)


def test_a_meeting_soon_ranks_above_one_far_ahead(world, time_machine):
    time_machine.move_to(NOW)
    _post(world, 31, "Reading hui", "Agenda", kind="meeting", dated=NOW + timedelta(days=6))
    _post(world, 30, "Reading hui", "Agenda", kind="meeting", dated=NOW + timedelta(days=400))
    _post(world, 32, "Reading hui", "Agenda", kind="meeting", dated=NOW - timedelta(days=200))
    hits = search_for(user=world.member, query="reading hui")
    assert hits[0].object_id == 31


def test_identical_results_collapse_into_one_with_the_others_beside_it(world, time_machine):
    time_machine.move_to(NOW)
    other = make_group(world.facilitator, name="Maths Y4-6", organisation=world.school)
    for number, group in enumerate([world.group, world.group, other, other]):
        _post(
            world,
            30 + number,
            "Decision: Term planning hui",
            "We will trial **number talks** every Monday.",
            kind="decision",
            group_id=group.pk,
            dated=NOW - timedelta(days=number),
        )
    _post(world, 40, "Number talks", "Our notes on number talks.")
    hits = search_for(user=world.facilitator, query="number talks")
    assert [h.kind for h in hits] == ["post", "decision"]
    decision = hits[1]
    assert decision.object_id == 30  # the newest shows
    assert [h.object_id for h in decision.more] == [31, 32, 33]
    # Another kind with the same words is not a duplicate.
    _post(world, 41, "Decision: Term planning hui", "We will trial **number talks** every Monday.")
    assert len(search_for(user=world.facilitator, query="number talks")) == 3


# -- filters ---------------------------------------------------------------------------


@pytest.fixture
def varied(world, time_machine):
    time_machine.move_to(NOW)
    other = make_group(world.facilitator, name="Maths Y4-6", organisation=world.school)
    _post(world, 50, "Kōrero about tuakana", "One", dated=NOW - timedelta(days=40))
    _post(world, 51, "Tuakana teina", "Two", kind="decision", dated=NOW - timedelta(days=10))
    _post(world, 52, "Tuakana in maths", "Three", group_id=other.pk, dated=NOW)
    _post(world, 53, "Tuakana resource", "Four", kind="resource", dated=NOW - timedelta(days=2))
    return other


def _find(world, **filters):
    results = search_results(user=world.facilitator, query="tuakana", **filters)
    return {h.object_id for h in results.hits}, results.counts


def test_filters_narrow_by_kind_group_and_date(world, varied):
    assert _find(world)[0] == {50, 51, 52, 53}
    found, counts = _find(world, kinds=["decision", "resource"])
    assert found == {51, 53}
    assert counts == {"post": 2, "decision": 1, "resource": 1}  # every kind, to choose from
    found, counts = _find(world, in_group=varied.pk)
    assert found == {52}
    assert counts == {"post": 1}
    assert _find(world, since=NOW - timedelta(days=11))[0] == {51, 52, 53}
    assert _find(world, until=NOW - timedelta(days=5))[0] == {50, 51}
    assert _find(world, kinds=["minutes"]) == (set(), {"post": 2, "decision": 1, "resource": 1})


# -- meetings, people and groups ----------------------------------------------------------


def test_meetings_are_found_by_their_group_with_their_agenda(world):
    meeting = make_meeting(world, title="Moderation hui")
    [hit] = search_for(user=world.member, query="moderation")
    assert (hit.kind, hit.object_id, hit.dated) == ("meeting", meeting.pk, meeting.starts_at)
    step = meeting.agenda.first()
    assert step is not None
    assert search_for(user=world.member, query=f"moderation {step.title.split()[0]}")
    assert search_for(user=world.outsider, query="moderation") == []
    assert search_for(user=world.colleague, query="moderation") == []


def test_people_are_found_as_people_access_allows_and_only_if_findable(world):
    hits = search_for(user=world.colleague, query="mere")
    assert [(h.kind, h.object_id) for h in hits] == [("person", world.member.pk)]
    assert search_for(user=world.outsider, query="mere") == []
    seen = set(people_found_by(world.outsider).values_list("pk", flat=True))
    assert world.member.pk not in seen
    profile = world.member.profile
    profile.findable = False
    profile.save()
    assert search_for(user=world.colleague, query="mere") == []
    profile.findable = True
    profile.save()
    world.member.is_active = False
    world.member.save()
    assert search_for(user=world.colleague, query="mere") == []


def test_groups_are_found_as_explore_lists_them(world):
    hidden = make_group(
        world.outsider,
        name="Secret garden circle",
        organisation=world.other_school,
        access=Access.INVITE,
    )
    listed = make_group(
        world.outsider,
        name="Garden learning network",
        organisation=world.other_school,
        scope=Scope.EXTERNAL,
    )
    found = {
        h.object_id for h in search_for(user=world.member, query="garden") if h.kind == "group"
    }
    assert found == {listed.pk}
    mine = {h.object_id for h in search_for(user=world.outsider, query="garden")}
    assert mine == {hidden.pk, listed.pk}
    assert {h.object_id for h in search_for(user=world.member, query="structured literacy")} >= {
        world.group.pk
    }


def test_reindexing_rebuilds_everything_as_plain_text(world):
    meeting = make_meeting(world, title="Inquiry hui")
    meeting_services.decision_record(meeting=meeting, by=world.facilitator, text="Use *probes*")
    # An index from before: raw Markdown, no meetings, no people.
    SearchDocument.objects.filter(kind="decision").update(body="Use *probes*")
    SearchDocument.objects.exclude(kind="decision").delete()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM core_searchdocument)"
            )
    out = StringIO()
    call_command("reindex_search", stdout=out)
    assert "documents indexed" in out.getvalue()
    assert SearchDocument.objects.get(kind="decision").body == "Use probes"
    assert {h.kind for h in search_for(user=world.member, query="inquiry")} == {
        "meeting",
        "decision",
    }
    assert {h.kind for h in search_for(user=world.member, query="probes")} == {"decision"}
    assert search_for(user=world.colleague, query="aroha")[0].kind == "person"
    assert SearchDocument.objects.filter(kind="group", object_id=world.group.pk).exists()


# -- the page ----------------------------------------------------------------------------


def test_the_page_filters_and_keeps_good_filters_when_one_is_bad(
    client, world, varied, django_assert_max_num_queries
):
    client.force_login(world.facilitator)
    url = reverse("search:search")
    with django_assert_max_num_queries(8):
        page = client.get(url, {"q": "tuakana"}).content.decode()
    assert page.count('data-testid="search-hit"') == 4
    assert "Threads (2)" in page
    assert "Decisions (1)" in page
    assert ">Tuakana resource</a>" in page  # titles stay plain text
    assert "search-results.js" in page
    page = client.get(url, {"q": "tuakana", "type": "decision", "from": "not a date"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="search-hit"') == 1  # the type applies
    assert "Enter a valid date." in html  # beside the bad field
    assert 'value="not a date"' in html  # what was typed is kept
    html = client.get(
        url, {"q": "tuakana", "group": str(varied.public_id), "from": "2026-09-01"}
    ).content.decode()
    assert html.count('data-testid="search-hit"') == 1
    html = client.get(
        url, {"q": "tuakana", "from": "2026-09-10", "to": "2026-09-01", "type": "nonsense"}
    ).content.decode()
    assert "Choose a date on or after" in html
    # "to" is refused, "from" applies and so do all types (the bad one is ignored).
    assert "Select a valid choice" in html
    assert html.count('data-testid="search-hit"') == 2


def test_the_page_shows_duplicates_once_with_the_rest_to_open(client, world):
    for number in range(4):
        _post(world, 60 + number, "Decision: Hui", "Trial number talks.", kind="decision")
    client.force_login(world.member)
    html = client.get(reverse("search:search"), {"q": "number talks"}).content.decode()
    assert html.count('data-testid="search-hit"') == 1
    assert "and 3 more like this" in html
    for number in range(4):
        assert f'href="/p/{60 + number}"' in html


def test_a_group_filter_outside_ones_groups_is_refused(client, world, varied):
    client.force_login(world.member)  # not in "Maths Y4-6"
    html = client.get(
        reverse("search:search"), {"q": "tuakana", "group": str(varied.public_id)}
    ).content.decode()
    assert "Select a valid choice" in html
    assert "Tuakana in maths" not in html
