"""Posting in a thread: @mention suggestions and their marks in posts, reactions
showing who gave them, “new since your last visit”, and the Markdown preview."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from kahui.discussions import mentions, services
from kahui.discussions.models import Reaction
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _thread(world, body="Ideas for guided reading?"):
    return services.thread_start(
        group=world.group, by=world.facilitator, kind="idea", title="Guided reading", body=body
    )


def _url(world, thread):
    return reverse("discussions:thread", args=[world.group.public_id, thread.public_id])


@pytest.mark.parametrize(
    "name", ["Seán O'Brien", "Mary-Jane Te Rangi", "Mr de Vries", "Ngaio (Nina) Marsh", "Zoë"]
)
def test_the_suggested_mention_names_the_member(world, name):
    person = make_user("person@kowhai.example", name)
    world.group.memberships.create(user=person)
    typed = mentions.mention_for(person)
    assert services.mentioned_members(world.group, f"What do you think, {typed}?") == [person]


def test_suggestions_list_matching_members_but_not_the_writer(client, world):
    sean = make_user("sean@kowhai.example", "Seán O'Brien")
    world.group.memberships.create(user=sean)
    client.force_login(world.member)
    url = reverse("discussions:mentions", args=[world.group.public_id])
    found = client.get(url, {"q": "sea"}).json()["members"]
    assert found == [{"name": "Seán O'Brien", "mention": "@SeánO'Brien"}]
    # a word inside the name, without its accent
    assert client.get(url, {"q": "obri"}).json()["members"][0]["name"] == "Seán O'Brien"
    everyone = [m["name"] for m in client.get(url, {"q": ""}).json()["members"]]
    assert world.member.display_name not in everyone
    assert world.facilitator.display_name in everyone
    assert world.outsider.display_name not in everyone


def test_mentions_are_marked_and_link_to_the_profile(client, world):
    thread = _thread(world, body="Over to @MereMember, not `@MereMember` in code, nor @nobody.")
    client.force_login(world.facilitator)
    html = client.get(_url(world, thread)).content.decode()
    profile = reverse("people:person", args=[world.member.public_id])
    assert html.count('class="mention"') == 1
    assert f'<a class="mention" href="{profile}"' in html
    assert "<code>@MereMember</code>" in html
    assert "nor @nobody." in html


def test_a_possessive_mention_marks_only_the_name(world):
    people = mentions.group_people(world.group)
    html = mentions.highlight("<p>@MereMember's idea</p>", mentions.Mentionable.of(people))
    assert ">@MereMember</a>'s idea" in html


def test_reactions_show_who_gave_them(client, world):
    thread = _thread(world)
    post = thread.posts.get()
    services.react(post=post, by=world.member, kind="thanks")
    services.react(post=post, by=world.facilitator, kind="thanks")
    client.force_login(world.member)
    html = client.get(_url(world, thread)).content.decode()
    assert 'title="Thanks: Mere Member, Aroha Facilitator"' in html
    assert "Who reacted (2)" in html
    assert "Thanks: Mere Member, Aroha Facilitator</li>" in html
    # the htmx answer to a toggle draws the same
    react = reverse("discussions:react", args=[world.group.public_id, post.public_id])
    fragment = client.post(react, {"kind": "thanks"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-pressed="false"' in fragment
    assert "Thanks · 1" in fragment
    assert "Thanks: Aroha Facilitator</li>" in fragment
    assert not Reaction.objects.filter(user=world.member).exists()


def test_thread_page_queries_do_not_grow_with_posts_and_reactions(
    client, world, django_assert_max_num_queries
):
    thread = _thread(world)
    others = [make_user(f"r{i}@kowhai.example", f"Reader {i}") for i in range(5)]
    for person in others:
        world.group.memberships.create(user=person)
    for i in range(20):
        post = services.reply(thread=thread, by=others[i % 5], body=f"Idea {i} @MereMember")
        for person in others[:3]:
            services.react(post=post, by=person, kind="helpful")
    client.force_login(world.member)
    with django_assert_max_num_queries(18):
        response = client.get(_url(world, thread))
    assert response.content.decode().count("Who reacted (3)") == 20


def test_new_posts_since_the_last_visit_are_marked(client, world, time_machine):
    time_machine.move_to(datetime(2026, 5, 4, 9, 0, tzinfo=UTC), tick=False)
    thread = _thread(world)
    client.force_login(world.member)
    first = client.get(_url(world, thread)).content.decode()
    assert "New since your last visit" not in first  # a first visit: all of it is new

    time_machine.move_to(datetime(2026, 5, 4, 10, 0, tzinfo=UTC), tick=False)
    services.reply(thread=thread, by=world.member, body="My own reply")
    time_machine.move_to(datetime(2026, 5, 4, 11, 0, tzinfo=UTC), tick=False)
    newer = services.reply(thread=thread, by=world.facilitator, body="Newer reply")
    services.reply(thread=thread, by=world.facilitator, body="Newest reply")
    time_machine.move_to(datetime(2026, 5, 4, 11, 0, tzinfo=UTC) + timedelta(minutes=5))
    html = client.get(_url(world, thread)).content.decode()
    assert "2 new messages since your last visit" in html
    divider = html.index('id="new"')
    assert html.index("My own reply") < divider < html.index(f'id="p{newer.public_id}"')
    # the visit marks them read: nothing is new the next time
    again = client.get(_url(world, thread)).content.decode()
    assert 'id="new"' not in again


def test_markdown_preview_renders_sanitised_html(client, world):
    client.force_login(world.member)
    url = reverse("core:markdown_preview")
    response = client.post(url, {"text": "**Kia ora** <script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Kia ora</strong>" in html
    assert "<script>" not in html
    assert "Nothing to preview yet." in client.post(url, {"text": "  "}).content.decode()
    assert client.get(url).status_code == 405


def test_message_boxes_offer_the_preview_and_mentions(client, world):
    thread = _thread(world)
    client.force_login(world.member)
    html = client.get(_url(world, thread)).content.decode()
    assert "data-markdown-editor" in html
    assert "js/markdown-preview.js" in html
    assert reverse("discussions:mentions", args=[world.group.public_id]) in html
    new = client.get(reverse("discussions:new", args=[world.group.public_id])).content.decode()
    assert "data-markdown-editor" in new
    assert "data-mentions-url" in new
