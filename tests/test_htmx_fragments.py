"""htmx fragments own their context: the answer to an htmx request draws one part of a
page and costs fewer queries than the whole page it belongs to. Where the request
changes something, the tests make the change small (or none) so that what is compared
is what the answer draws."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kahui.discussions import services as discussion_services
from kahui.meetings import services as meeting_services
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_cost(client, url: str) -> int:
    """How many queries the page at ``url`` costs to draw (the fragment cache left
    empty, the rest of the caches warm)."""
    client.get(url)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def is_fragment(response) -> bool:
    return response.status_code == 200 and "<html" not in response.content.decode()


def meeting_page(world, meeting) -> str:
    return reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])


def test_saved_minutes_are_answered_with_the_minutes_card_alone(
    client, world, django_assert_max_num_queries
):
    meeting = make_meeting(world)
    meeting_services.minutes_save(meeting=meeting, by=world.facilitator, text="Ch. 2", version=0)
    client.force_login(world.member)
    page = page_cost(client, meeting_page(world, meeting))
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    with django_assert_max_num_queries(page - 1):  # saved as it was: nothing to write
        response = client.post(url, {"text": "Ch. 2", "version": "1"}, **HTMX)
    assert is_fragment(response)
    assert "Minutes saved." in response.content.decode()
    response = client.post(url, {"text": "We read chapter 2.", "version": "1"}, **HTMX)
    assert is_fragment(response)
    assert "We read chapter 2." in response.content.decode()


def test_a_minutes_conflict_is_answered_with_the_minutes_card_alone(
    client, world, django_assert_max_num_queries
):
    meeting = make_meeting(world)
    meeting_services.minutes_save(meeting=meeting, by=world.facilitator, text="Theirs", version=0)
    client.force_login(world.member)
    page = page_cost(client, meeting_page(world, meeting))
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    with django_assert_max_num_queries(page - 1):
        response = client.post(url, {"text": "Mine", "version": "0"}, **HTMX)
    assert is_fragment(response)
    body = response.content.decode()
    assert "Theirs" in body
    assert "Mine" in body


def test_an_action_changed_is_answered_with_its_row_alone(
    client, world, django_assert_max_num_queries
):
    meeting = make_meeting(world)
    action = meeting_services.action_add(
        group=world.group, by=world.facilitator, meeting=meeting, text="Read", owner=world.member
    )
    client.force_login(world.member)
    page = page_cost(client, meeting_page(world, meeting))
    url = reverse("meetings:action_status", args=[world.group.public_id, action.public_id])
    with django_assert_max_num_queries(page - 1):
        response = client.post(url, {"status": "done", "next": str(meeting.public_id)}, **HTMX)
    assert is_fragment(response)
    body = response.content.decode()
    assert f'id="action-{action.public_id}"' in body
    assert "Mere Member" in body
    assert f'name="next" value="{meeting.public_id}"' in body  # as the page drew it


def test_a_reaction_is_answered_with_the_posts_reactions_alone(
    client, world, django_assert_max_num_queries
):
    thread = discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="idea", title="Hui", body="Kia ora"
    )
    for n in range(5):
        discussion_services.reply(thread=thread, by=world.facilitator, body=f"Reply {n}")
    post = thread.posts.order_by("created_at", "id").last()
    client.force_login(world.member)
    page = page_cost(
        client, reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    )
    url = reverse("discussions:react", args=[world.group.public_id, post.public_id])
    response = client.post(url, {"kind": "thanks"}, **HTMX)
    assert is_fragment(response)
    body = response.content.decode()
    assert f'id="reactions-{post.public_id}"' in body
    assert 'aria-pressed="true"' in body
    assert "Kia ora" not in body
    with django_assert_max_num_queries(page - 1):  # a reaction refused: nothing written
        response = client.post(url, {"kind": "shrug"}, **HTMX)
    assert is_fragment(response)
    assert 'aria-pressed="true"' in response.content.decode()


@pytest.mark.clock
def test_the_dates_shown_are_answered_with_the_preview_alone(
    client, world, django_assert_max_num_queries
):
    from tests.test_meeting_planning import schedule_data

    client.force_login(world.facilitator)
    url = reverse("meetings:schedule", args=[world.group.public_id])
    data = {**schedule_data(), "preview": "1"}
    client.post(url, data)
    with CaptureQueriesContext(connection) as whole:  # the page with the dates shown
        client.post(url, data)
    with django_assert_max_num_queries(len(whole) - 1):
        response = client.post(url, data, **HTMX)
    assert is_fragment(response)
    assert "5 meetings" in response.content.decode()
    assert 'name="title"' not in response.content.decode()


def test_the_timer_panel_and_its_moves_are_answered_alone(
    client, world, django_assert_max_num_queries
):
    meeting = make_meeting(world, template_key="regular")
    client.force_login(world.facilitator)
    page = page_cost(client, meeting_page(world, meeting))
    args = [world.group.public_id, meeting.public_id]
    with django_assert_max_num_queries(page - 1):
        response = client.get(reverse("meetings:clock", args=args), **HTMX)
    assert is_fragment(response)
    with django_assert_max_num_queries(page - 1):
        response = client.post(reverse("meetings:clock_move", args=args), {"move": "pause"}, **HTMX)
    assert is_fragment(response)
    assert "Start the timer first." in response.content.decode()


def test_who_else_edits_the_minutes_is_answered_alone(client, world, django_assert_max_num_queries):
    meeting = make_meeting(world)
    client.force_login(world.member)
    page = page_cost(client, meeting_page(world, meeting))
    url = reverse("meetings:minutes_editors", args=[world.group.public_id, meeting.public_id])
    with django_assert_max_num_queries(page - 1):
        response = client.post(url, {"editing": "yes"}, **HTMX)
    assert is_fragment(response)
