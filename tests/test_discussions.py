"""Discussions: threads, @mentions, replies, accepted answers, reactions, edit
history, moderation, unread markers and search."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.discussions import selectors, services
from kahui.discussions.models import ThreadKind
from kahui.notifications.models import Notification
from kahui.search.selectors import search_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def start(world, kind=ThreadKind.QUESTION, body="How do you group readers? @MereMember"):
    return services.thread_start(
        group=world.group, by=world.facilitator, kind=kind, title="Grouping readers", body=body
    )


def test_mentions_notify_the_named_member_only(world):
    start(world)
    notes = Notification.objects.filter(category="mentions")
    assert [n.user for n in notes] == [world.member]
    assert "mentioned you" in notes[0].title


def test_mention_by_first_name_or_email_name(world):
    assert services.mentioned_members(world.group, "thanks @Mere!") == [world.member]
    assert services.mentioned_members(world.group, "cc @me") == [world.member]
    assert services.mentioned_members(world.group, "email@example.org") == []
    assert services.mentioned_members(world.group, "@outsider") == []


def test_replies_notify_participants_and_mark_unread(world):
    thread = start(world, body="Any ideas?")
    services.reply(thread=thread, by=world.member, body="Try flexible groups.")
    assert Notification.objects.filter(user=world.facilitator, category="mentions").exists()
    [row] = selectors.threads_of(world.group, world.facilitator)
    assert row.unread
    services.mark_read(thread=thread, user=world.facilitator)
    [row] = selectors.threads_of(world.group, world.facilitator)
    assert not row.unread
    assert selectors.unread_count(world.group, world.facilitator) == 0


def test_only_the_asker_or_a_facilitator_accepts_an_answer(world):
    thread = services.thread_start(
        group=world.group, by=world.member, kind="question", title="Q", body="?"
    )
    post = services.reply(thread=thread, by=world.facilitator, body="This.")
    other = make_user("o@kowhai.example")
    world.group.memberships.create(user=other)
    with pytest.raises(KahuiError, match="chooses the answer"):
        services.answer_accept(thread=thread, by=other, post=post)
    services.answer_accept(thread=thread, by=world.member, post=post)
    thread.refresh_from_db()
    assert thread.accepted == post
    idea = start(world, kind="idea", body="x")
    with pytest.raises(KahuiError, match="Only questions and problems"):
        services.answer_accept(thread=idea, by=world.facilitator, post=None)


def test_reactions_toggle(world):
    thread = start(world, body="x")
    post = thread.posts.get()
    assert services.react(post=post, by=world.member, kind="thanks") is True
    assert services.react(post=post, by=world.member, kind="thanks") is False
    services.react(post=post, by=world.member, kind="helpful")
    shown = selectors.post_with_reactions(post, world.member)
    assert shown.helpful == 1
    assert shown.my_reactions == {"helpful"}


def test_edit_keeps_history_and_only_author_edits(client, world):
    thread = start(world, body="First version")
    post = thread.posts.get()
    with pytest.raises(KahuiError, match="Only the author"):
        services.post_edit(post=post, by=world.member, body="hijack")
    services.post_edit(post=post, by=world.facilitator, body="Second version")
    client.force_login(world.member)
    page = client.get(
        reverse("discussions:history", args=[world.group.public_id, post.public_id])
    ).content.decode()
    assert "First version" in page
    assert "Second version" in page


def test_moderation_lock_hide_with_reason(world):
    thread = start(world, body="searchable words")
    with pytest.raises(KahuiError, match="Only facilitators"):
        services.moderate(thread=thread, by=world.member, locked=True)
    services.moderate(thread=thread, by=world.facilitator, locked=True)
    with pytest.raises(KahuiError, match="locked"):
        services.reply(thread=thread, by=world.member, body="late")
    with pytest.raises(KahuiError, match="Say why"):
        services.moderate(thread=thread, by=world.facilitator, hidden=True)
    services.moderate(thread=thread, by=world.facilitator, hidden=True, reason="Names a student")
    assert search_for(user=world.member, query="searchable") == []
    services.moderate(thread=thread, by=world.facilitator, hidden=False)
    assert search_for(user=world.member, query="searchable")


def test_posts_minutes_and_decisions_are_searchable_by_members_only(client, world):
    start(world, body="Structured phonics routines")
    client.force_login(world.member)
    page = client.get(reverse("search:search"), {"q": "phonics"}).content.decode()
    assert "Grouping readers" in page
    assert "<mark>phonics</mark>" in page.lower() or "<mark>Phonics</mark>" in page
    client.force_login(world.outsider)
    page = client.get(reverse("search:search"), {"q": "phonics"}).content.decode()
    assert "Grouping readers" not in page
    assert "Nothing found" in page


def test_thread_pages_query_counts(client, world, django_assert_max_num_queries):
    thread = start(world, body="x")
    for n in range(15):
        services.reply(
            thread=thread, by=world.member if n % 2 else world.facilitator, body=f"reply {n}"
        )
        start(world, kind="idea", body=f"idea {n}")
    client.force_login(world.member)
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("discussions:list", args=[world.group.public_id])).status_code == 200
        )
    with django_assert_max_num_queries(16):
        assert (
            client.get(
                reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
            ).status_code
            == 200
        )


def test_bad_answer_id_is_a_clear_message(client, world):
    thread = start(world)
    client.force_login(world.facilitator)
    response = client.post(
        reverse("discussions:accept", args=[world.group.public_id, thread.public_id]),
        {"post": "not-a-uuid"},
        follow=True,
    )
    assert "That message is not in this thread." in response.content.decode()


def test_group_cards_show_unread_threads_and_feed_pages(
    client, world, django_assert_max_num_queries
):
    from kahui.groups.selectors import groups_of_member

    start(world, body="first")
    start(world, kind="idea", body="second")
    [group] = [g for g in groups_of_member(world.member) if g.pk == world.group.pk]
    assert group.unread_threads == 2
    [group] = [g for g in groups_of_member(world.facilitator) if g.pk == world.group.pk]
    assert not group.unread_threads
    client.force_login(world.member)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("dashboard:activity"))
    assert "started “Grouping readers”" in page.content.decode()


def hide(world, thread, reason="Names a student"):
    services.moderate(thread=thread, by=world.facilitator, hidden=True, reason=reason)
    thread.refresh_from_db()


def test_hidden_thread_history_and_edit_form_are_closed_to_other_members(client, world):
    thread = services.thread_start(
        group=world.group, by=world.member, kind="idea", title="Reading", body="Secret first"
    )
    post = thread.posts.get()
    services.post_edit(post=post, by=world.member, body="Secret second")
    hide(world, thread)
    other = make_user("o@kowhai.example", "Olive Other")
    world.group.memberships.create(user=other)
    history = reverse("discussions:history", args=[world.group.public_id, post.public_id])
    edit = reverse("discussions:edit", args=[world.group.public_id, post.public_id])
    client.force_login(other)
    for url in (history, edit):
        response = client.get(url, follow=True)
        page = response.content.decode()
        assert "Secret" not in page
        assert "A facilitator hid this thread" in page
    # the facilitator reviews it; the author may still read and fix their own words
    client.force_login(world.facilitator)
    assert "Secret first" in client.get(history).content.decode()
    client.force_login(world.member)
    assert "Secret first" in client.get(history).content.decode()
    assert "Secret second" in client.get(edit).content.decode()


def test_hidden_thread_page_shows_posts_to_facilitators_and_authors_only(client, world):
    thread = services.thread_start(
        group=world.group, by=world.member, kind="idea", title="Reading", body="Mine to fix"
    )
    services.reply(thread=thread, by=world.facilitator, body="Facilitator words")
    hide(world, thread)
    url = reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    client.force_login(world.member)
    page = client.get(url).content.decode()
    assert "Mine to fix" in page
    assert "Facilitator words" not in page
    client.force_login(world.facilitator)
    page = client.get(url).content.decode()
    assert "Mine to fix" in page
    assert "Facilitator words" in page


def test_reactions_refused_in_hidden_threads(world):
    thread = start(world, body="x")
    hide(world, thread)
    with pytest.raises(KahuiError, match="hidden"):
        services.react(post=thread.posts.get(), by=world.member, kind="thanks")


def test_editing_in_a_hidden_thread_stays_out_of_search_until_shown(world):
    thread = services.thread_start(
        group=world.group, by=world.member, kind="idea", title="Reading", body="plain words"
    )
    post = thread.posts.get()
    hide(world, thread)
    services.post_edit(post=post, by=world.member, body="kaleidoscope words")
    assert search_for(user=world.member, query="kaleidoscope") == []
    assert search_for(user=world.facilitator, query="kaleidoscope") == []
    services.moderate(thread=thread, by=world.facilitator, hidden=False)
    assert search_for(user=world.member, query="kaleidoscope")
    assert search_for(user=world.member, query="plain") == []


def test_facilitators_see_hidden_threads_marked_with_the_show_action(client, world):
    thread = start(world, body="x")
    hide(world, thread)
    url = reverse("discussions:list", args=[world.group.public_id])
    client.force_login(world.member)
    assert "Grouping readers" not in client.get(url).content.decode()
    client.force_login(world.facilitator)
    page = client.get(url).content.decode()
    assert "Grouping readers" in page
    assert "Hidden" in page
    assert reverse("discussions:moderate", args=[world.group.public_id, thread.public_id]) in page
    assert 'value="show"' in page
    assert selectors.unread_count(world.group, world.member) == 0
    thread_page = client.get(
        reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    ).content.decode()
    assert 'value="show"' in thread_page


def test_moderate_saves_only_what_it_changes(world):
    thread = start(world)
    stale = type(thread).objects.get(pk=thread.pk)
    answer = services.reply(thread=thread, by=world.member, body="Try this.")
    services.answer_accept(thread=thread, by=world.facilitator, post=answer)
    services.moderate(thread=stale, by=world.facilitator, pinned=True)
    thread.refresh_from_db()
    assert thread.pinned
    assert thread.accepted == answer
    assert thread.last_activity_at == answer.created_at


def test_mentions_of_names_with_apostrophes_hyphens_and_macrons(world):
    obrien = make_user("sean@kowhai.example", "Seán O'Brien")
    ngata = make_user("mj@kowhai.example", "Mary-Jane Ngāta")
    for user in (obrien, ngata):
        world.group.memberships.create(user=user)
    found = services.mentioned_members
    assert found(world.group, "Thanks @SeánO'Brien!") == [obrien]
    assert found(world.group, "Thanks @SeánO’Brien.") == [obrien]
    assert found(world.group, "cc @SeanOBrien") == [obrien]
    assert found(world.group, "@O'Brien's idea") == []
    assert found(world.group, "as @SeánO'Brien's plan says") == [obrien]
    assert found(world.group, "@Mary-JaneNgāta and @MaryJaneNgata") == [ngata]
    assert found(world.group, "@Mary-Jane, can you?") == [ngata]
    assert found(world.group, "mail sean.o'brien@example.org") == []


def test_a_long_thread_comes_in_pages_and_a_reply_lands_on_the_last(client, world):
    from kahui.discussions.models import Post

    thread = services.thread_start(
        group=world.group, by=world.member, kind="question", title="Long one", body="Q?"
    )
    Post.objects.bulk_create(
        Post(thread=thread, author=world.facilitator, body=f"Answer {n}") for n in range(60)
    )
    client.force_login(world.member)
    url = reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    first = client.get(url)
    assert len(first.context["posts"]) == selectors.POSTS_PER_PAGE
    assert "Answer 0</p>" in first.text
    assert "Answer 59</p>" not in first.text
    assert "Page 1 of 2" in first.text
    second = client.get(url, {"page": "2"})
    assert "Answer 59</p>" in second.text
    # The question can't be marked as its own answer on any page; the answers can.
    assert second.text.count("Mark as the answer") == len(second.context["posts"])
    assert first.text.count("Mark as the answer") == selectors.POSTS_PER_PAGE - 1
    reply = client.post(
        reverse("discussions:reply", args=[world.group.public_id, thread.public_id]),
        {"body": "Thanks all"},
    )
    assert reply.status_code == 302
    assert "?page=2#p" in reply["Location"]
    assert client.get(url, {"page": "abc"}).status_code == 200
