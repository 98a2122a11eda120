import pytest
from django.urls import reverse

from kahui.core.models import ActivityEntry, SearchDocument
from kahui.reflection import services
from kahui.reflection.models import JournalEntry, Sharing
from kahui.search.selectors import search_for
from tests.reflection.helpers import past_meeting, second_member, write

pytestmark = pytest.mark.django_db


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_an_entry_is_private_from_everyone_but_its_author(client, world):
    peer = second_member(world)
    entry = write(world, body="I was unsure about the phonics screen.")
    url = reverse("reflection:entry", args=[entry.public_id])
    assert _status(client, world.member, url) == 200
    for someone in (
        world.facilitator,
        world.coordinator,
        world.admin,
        world.colleague,
        world.outsider,
        peer,
    ):
        assert _status(client, someone, url) == 404, someone
        assert (
            _status(client, someone, reverse("reflection:entry_edit", args=[entry.public_id]))
            == 404
        )


def test_writing_a_private_entry_is_neither_logged_nor_indexed(world):
    write(world, title="Secret title", body="Private words")
    assert not ActivityEntry.objects.filter(action__startswith="reflection.").exists()
    assert not SearchDocument.objects.filter(kind="reflection").exists()


def test_sharing_with_the_facilitators_opens_it_to_them_alone(client, world):
    peer = second_member(world)
    entry = write(world)
    services.entry_share(entry=entry, by=world.member, sharing=Sharing.FACILITATORS)
    url = reverse("reflection:entry", args=[entry.public_id])
    assert _status(client, world.facilitator, url) == 200
    for someone in (peer, world.coordinator, world.admin):
        assert _status(client, someone, url) == 404
    # the facilitators' share is not on the group's history, and holds no text
    logged = ActivityEntry.objects.get(action="reflection.entry_shared_facilitators")
    assert logged.group is None
    assert logged.target == ""
    assert logged.changes == {}
    assert not SearchDocument.objects.filter(kind="reflection").exists()


def test_sharing_with_the_group_and_unsharing(client, world):
    peer = second_member(world)
    entry = write(world, title="What the screen told us", body="Phonemes first")
    services.entry_share(entry=entry, by=world.member, sharing=Sharing.GROUP)
    url = reverse("reflection:entry", args=[entry.public_id])
    assert _status(client, peer, url) == 200
    assert _status(client, world.coordinator, url) == 404
    assert _status(client, world.admin, url) == 404
    group_page = reverse("reflection:group", args=[world.group.public_id])
    client.force_login(peer)
    assert "What the screen told us" in client.get(group_page).content.decode()
    logged = ActivityEntry.objects.get(action="reflection.entry_shared")
    assert logged.group == world.group
    assert logged.target == ""

    services.entry_share(entry=entry, by=world.member, sharing=Sharing.PRIVATE)
    assert _status(client, peer, url) == 404
    client.force_login(peer)
    assert "What the screen told us" not in client.get(group_page).content.decode()
    assert ActivityEntry.objects.filter(action="reflection.entry_unshared", group=world.group)
    for entry_logged in ActivityEntry.objects.filter(action__startswith="reflection."):
        assert "screen" not in entry_logged.target + str(entry_logged.changes)


def test_search_finds_shared_entries_only_for_the_group(world):
    peer = second_member(world)
    entry = write(world, title="Decodable readers", body="Kaiako noticed zebrafish phonemes")
    assert search_for(user=peer, query="zebrafish") == []
    assert search_for(user=world.member, query="zebrafish") == []
    services.entry_share(entry=entry, by=world.member, sharing=Sharing.GROUP)
    assert [hit.object_id for hit in search_for(user=peer, query="zebrafish")] == [entry.pk]
    for someone in (world.coordinator, world.admin, world.colleague, world.outsider):
        assert search_for(user=someone, query="zebrafish") == []
    services.entry_update(
        entry=entry,
        by=world.member,
        prompt="learned",
        title="Decodable readers",
        body="Now about axolotl sounds",
    )
    assert search_for(user=peer, query="zebrafish") == []
    assert len(search_for(user=peer, query="axolotl")) == 1
    services.entry_share(entry=entry, by=world.member, sharing=Sharing.FACILITATORS)
    assert search_for(user=peer, query="axolotl") == []
    assert search_for(user=world.facilitator, query="axolotl") == []


def test_the_author_shares_and_unshares_in_the_browser_form(client, world):
    entry = write(world)
    client.force_login(world.member)
    url = reverse("reflection:entry_share", args=[entry.public_id])
    assert client.post(url, {"sharing": "group"}).status_code == 302
    entry.refresh_from_db()
    assert entry.sharing == Sharing.GROUP
    assert entry.shared_at is not None
    client.post(url, {"sharing": "private"})
    entry.refresh_from_db()
    assert entry.sharing == Sharing.PRIVATE
    assert entry.shared_at is None
    # nobody else may share it
    client.force_login(world.facilitator)
    assert client.post(url, {"sharing": "group"}).status_code == 404


def test_writing_an_entry_in_the_form_links_a_meeting_and_a_stage(client, world):
    from kahui.inquiry import services as inquiry_services

    cycle = inquiry_services.cycle_start(
        group=world.group, by=world.facilitator, question="What helps?", goals=[]
    )
    meeting = past_meeting(world)
    client.force_login(world.member)
    response = client.post(
        reverse("reflection:entry_new"),
        {
            "group": str(world.group.public_id),
            "prompt": "practice",
            "title": "Small groups",
            "body": "I now group by need.",
            "meeting": str(meeting.public_id),
            "stage": f"{cycle.public_id}:{cycle.stage_key}",
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get()
    assert (entry.meeting, entry.cycle, entry.stage) == (meeting, cycle, cycle.stage_key)
    assert entry.sharing == Sharing.PRIVATE


def test_an_empty_entry_keeps_what_was_typed(client, world):
    client.force_login(world.member)
    response = client.post(
        reverse("reflection:entry_new"),
        {"group": str(world.group.public_id), "prompt": "next", "title": "Kept title"},
    )
    assert response.status_code == 400
    assert "Kept title" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_links_must_belong_to_the_authors_group(world):
    from kahui.core.errors import KahuiError
    from tests.conftest import make_group, make_user

    other = make_group(make_user("x@y.example", "X"), name="Another group")
    other_meeting = past_meeting(world)
    other_meeting.group = other
    other_meeting.save()
    with pytest.raises(KahuiError):
        write(world, meeting=other_meeting)


def test_journal_list_asks_few_queries(client, world, django_assert_max_num_queries):
    for n in range(25):
        write(world, title=f"Entry {n}")
    client.force_login(world.member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reflection:journal"))
    assert response.status_code == 200
    assert response.content.decode().count('class="badge') == 20


def test_removing_an_entry(client, world):
    entry = write(world)
    services.entry_share(entry=entry, by=world.member, sharing=Sharing.GROUP)
    client.force_login(world.member)
    url = reverse("reflection:entry_delete", args=[entry.public_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not JournalEntry.objects.exists()
    assert not SearchDocument.objects.filter(kind="reflection").exists()
