"""A member's contributions: what they did in each group, counted from what the other
apps hold, in a fixed number of queries, seen by the group's members and never
ranked."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kahui.discussions import services as discussions
from kahui.groups.models import GroupRole
from kahui.library import services as library
from kahui.meetings import services as meeting_services
from kahui.recognition import selectors, services
from tests.conftest import make_group, make_user
from tests.recognition.helpers import held_meeting, members_since

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(world):
    """A month of the member's work in the world's group."""
    now = timezone.now()
    members_since(world, now - timedelta(days=60))
    member, facilitator = world.member, world.facilitator
    first = held_meeting(
        world,
        starts=now - timedelta(days=20),
        attended=[member, facilitator],
        note_taker=member,
        timekeeper=facilitator,
        facilitator=facilitator,
    )
    held_meeting(
        world,
        starts=now - timedelta(days=6),
        attended=[member],
        timekeeper=member,
        facilitator=member,
    )
    cancelled = held_meeting(world, starts=now - timedelta(days=13), note_taker=member)
    meeting_services.meeting_cancel(meeting=cancelled, by=facilitator)
    held_meeting(world, starts=now + timedelta(days=3), note_taker=member)  # still to come
    meeting_services.minutes_save(meeting=first, by=member, text="## Notes", version=0)
    first.refresh_from_db()
    meeting_services.minutes_save(
        meeting=first, by=member, text="## Notes\n- more", version=first.minutes_version
    )
    library.resource_add(
        group=world.group, by=member, kind="link", title="Decodables", url="https://example.org/d"
    )
    question = discussions.thread_start(
        group=world.group, by=facilitator, kind="question", title="Which readers?", body="?"
    )
    answer = discussions.reply(thread=question, by=member, body="These ones")
    discussions.answer_accept(thread=question, by=facilitator, post=answer)
    discussions.react(post=answer, by=facilitator, kind="thanks")
    discussions.react(post=answer, by=facilitator, kind="helpful")
    discussions.react(post=answer, by=member, kind="thanks")  # one's own: not counted
    hidden = discussions.thread_start(
        group=world.group, by=member, kind="idea", title="Off topic", body="Oops"
    )
    discussions.react(post=hidden.posts.get(), by=facilitator, kind="thanks")
    discussions.moderate(thread=hidden, by=facilitator, hidden=True, reason="Off topic")
    services.kudos_give(group=world.group, by=facilitator, receiver=member, text="Great notes")
    return world


def test_contributions_count_what_the_member_did(busy):
    (done,) = selectors.contributions_of(busy.member)
    assert done.group == busy.group
    assert done.meetings_attended == 2
    assert done.minutes_taken == 1  # two saves of one meeting's minutes
    # duties at meetings that began and were not cancelled
    assert (done.facilitated, done.note_taker, done.timekeeper) == (1, 1, 1)
    assert done.duties == 3
    assert done.resources_shared == 1
    assert done.answers_accepted == 1
    assert (done.thanks_received, done.helpful_received) == (1, 1)  # not their own, not hidden
    assert done.kudos == 1
    assert not done.is_empty
    (facilitator,) = selectors.contributions_of(busy.facilitator)
    assert facilitator.meetings_attended == 1
    assert (facilitator.facilitated, facilitator.timekeeper, facilitator.kudos) == (1, 1, 0)


def test_someone_new_has_nothing_yet(world):
    newcomer = make_user("new@kowhai.example", "Nia New")
    world.group.memberships.create(user=newcomer)
    (done,) = selectors.contributions_of(newcomer)
    assert done.is_empty
    assert selectors.contributions_of(world.outsider) == []


def test_the_queries_do_not_grow_with_the_number_of_groups(busy):
    def queries_for(user) -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.contributions_of(user)
        return len(captured)

    one_group = queries_for(busy.member)
    for number in range(6):
        group = make_group(busy.facilitator, name=f"Group {number}", members=[busy.member])
        services.kudos_give(group=group, by=busy.facilitator, receiver=busy.member, text="Ka pai")
    assert len(selectors.contributions_of(busy.member)) == 7
    assert queries_for(busy.member) == one_group <= 9


def test_members_see_a_members_contributions_in_the_group(client, busy):
    url = reverse(
        "recognition:member_contributions", args=[busy.group.public_id, busy.member.public_id]
    )
    client.force_login(busy.facilitator)
    page = client.get(url)
    assert "Contributions of Mere Member" in page.text
    assert "Attended 2 meetings" in page.text
    assert "Wrote the minutes of 1 meeting" in page.text
    assert "Gave 1 accepted answer" in page.text
    assert "Great notes" in page.text
    assert "Give kudos to Mere Member" in page.text
    # Only Mere's figures: nobody else's, nobody ranked.
    figures = page.text.split('<ul class="contributions">', 1)[1].split("</ul>", 1)[0]
    assert "Aroha" not in figures
    for word in ("leaderboard", "top contributor", "most active"):
        assert word not in page.text.lower()

    client.force_login(busy.member)
    assert "Your contributions" in client.get(url).text
    # Someone who is not a member of the group has no page there.
    stranger = reverse(
        "recognition:member_contributions", args=[busy.group.public_id, busy.colleague.public_id]
    )
    assert client.get(stranger).status_code == 404


def test_ones_own_contributions_across_groups(client, busy, django_assert_max_num_queries):
    other = make_group(busy.facilitator, name="Maths across the cluster", members=[busy.member])
    services.kudos_give(group=other, by=busy.facilitator, receiver=busy.member, text="Ka rawe")
    client.force_login(busy.member)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("recognition:mine"))
    assert "Structured literacy Y0-3" in page.text
    assert "Maths across the cluster" in page.text
    assert "Ka rawe" in page.text
    assert "Great notes" in page.text


def test_the_members_page_links_to_contributions_and_kudos(client, busy):
    client.force_login(busy.member)
    page = client.get(reverse("groups:members", args=[busy.group.public_id]))
    assert (
        reverse(
            "recognition:member_contributions",
            args=[busy.group.public_id, busy.facilitator.public_id],
        )
        in page.text
    )
    give = reverse("recognition:give", args=[busy.group.public_id])
    assert f"{give}?to={busy.facilitator.public_id}" in page.text
    assert f"{give}?to={busy.member.public_id}" not in page.text  # not to oneself
    # Overseers see the members, not their contributions.
    client.force_login(busy.coordinator)
    page = client.get(reverse("groups:members", args=[busy.group.public_id]))
    assert "Contributions" not in page.text


def test_a_facilitator_role_does_not_change_the_counts(busy):
    before = selectors.contributions_of(busy.member)
    busy.group.memberships.filter(user=busy.member).update(role=GroupRole.FACILITATOR)
    assert selectors.contributions_of(busy.member) == before
