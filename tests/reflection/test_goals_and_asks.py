from datetime import date

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.core.models import ActivityEntry
from kahui.notifications.models import Category, Dispatch, Notification, Preference
from kahui.reflection import services
from kahui.reflection.models import GoalNote, PersonalGoal, ReflectionAsk
from tests.conftest import make_group, make_meeting, make_user
from tests.reflection.helpers import past_meeting, second_member

pytestmark = pytest.mark.django_db


def test_a_member_sets_a_goal_that_serves_a_group_goal(client, world):
    group_goal = world.group.goals.get()
    client.force_login(world.member)
    url = reverse("reflection:goal_add", args=[world.group.public_id])
    response = client.post(url, {"text": "Run phonics groups daily", "group_goal": group_goal.pk})
    assert response.status_code == 302
    goal = PersonalGoal.objects.get()
    assert (goal.user, goal.group, goal.group_goal) == (world.member, world.group, group_goal)
    page = client.get(reverse("reflection:group", args=[world.group.public_id])).content.decode()
    # my goal beside the group's
    assert "Run phonics groups daily" in page
    assert "Daily phonics" in page
    # a goal is not shared content: nothing is logged
    assert not ActivityEntry.objects.filter(action__startswith="reflection.").exists()


def test_a_goal_cannot_serve_another_groups_goal(world):
    other = make_group(make_user("x@y.example", "X"), name="Another group")
    with pytest.raises(KahuiError):
        services.personal_goal_add(
            user=world.member, group=world.group, text="Mine", group_goal=other.goals.get()
        )


def test_progress_notes_and_evidence_with_dates(client, world):
    goal = services.personal_goal_add(user=world.member, group=world.group, text="Daily groups")
    client.force_login(world.member)
    url = reverse("reflection:goal_note_add", args=[world.group.public_id, goal.public_id])
    response = client.post(
        url,
        {
            "kind": "evidence",
            "noted_on": "2026-03-04",
            "text": "Running record: 92% accuracy",
            "link": "https://example.org/record.pdf",
        },
    )
    assert response.status_code == 302
    note = GoalNote.objects.get()
    assert (note.kind, note.noted_on, note.link) == (
        "evidence",
        date(2026, 3, 4),
        "https://example.org/record.pdf",
    )
    page = client.get(reverse("reflection:goal", args=[world.group.public_id, goal.public_id]))
    assert "92% accuracy" in page.content.decode()
    bad = client.post(url, {"kind": "progress", "noted_on": "", "text": "Kept text", "link": "x"})
    assert bad.status_code == 400
    assert "Kept text" in bad.content.decode()


def test_a_goal_is_its_owners_alone(client, world):
    peer = second_member(world)
    goal = services.personal_goal_add(user=world.member, group=world.group, text="Daily groups")
    url = reverse("reflection:goal", args=[world.group.public_id, goal.public_id])
    for someone in (peer, world.facilitator):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert (
            "Daily groups"
            not in client.get(
                reverse("reflection:group", args=[world.group.public_id])
            ).content.decode()
        )


@pytest.mark.clock
def test_a_facilitator_invites_reflections_after_a_meeting(client, world, settings):
    peer = second_member(world)
    Preference.objects.create(user=peer, category=Category.REFLECTION, delivery="immediate")
    Preference.objects.create(user=world.member, category=Category.REFLECTION, delivery="off")
    meeting = past_meeting(world)
    client.force_login(world.facilitator)
    url = reverse("reflection:ask", args=[world.group.public_id, meeting.public_id])
    assert client.post(url).status_code == 302
    assert ReflectionAsk.objects.filter(meeting=meeting).exists()
    notes = Notification.objects.filter(category=Category.REFLECTION)
    assert {note.user for note in notes} == {world.member, peer}
    link = reverse("reflection:entry_new") + f"?group={world.group.public_id}"
    assert all(note.url.startswith(link) for note in notes)
    assert all(str(meeting.public_id) in note.url for note in notes)
    # preferences decide on email: the peer wanted it now, the member not at all
    assert [d.user for d in Dispatch.objects.all()] == [peer]
    assert "Running records hui" in Dispatch.objects.get().subject
    logged = ActivityEntry.objects.get(action="reflection.asked")
    assert logged.group == world.group
    # once per meeting
    client.post(url)
    assert Notification.objects.filter(category=Category.REFLECTION).count() == 2


@pytest.mark.clock
def test_the_invitation_prefills_the_meeting(client, world):
    meeting = past_meeting(world, days_ago=200)  # older than the meetings offered
    client.force_login(world.member)
    response = client.get(reverse("reflection:entry_new") + f"?meeting={meeting.public_id}")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{meeting.public_id}" selected' in page
    assert "only if you would like to" in page


@pytest.mark.clock
def test_only_a_facilitator_invites_and_only_after_the_meeting(client, world):
    meeting = past_meeting(world)
    with pytest.raises(KahuiError):
        services.reflection_ask(meeting=meeting, by=world.member)
    upcoming = make_meeting(world, days=3)
    with pytest.raises(KahuiError):
        services.reflection_ask(meeting=upcoming, by=world.facilitator)
    client.force_login(world.member)
    url = reverse("reflection:ask", args=[world.group.public_id, meeting.public_id])
    assert client.post(url).status_code == 403


@pytest.mark.clock
def test_the_group_page_asks_few_queries(client, world, django_assert_max_num_queries):
    from kahui.reflection.models import Sharing
    from tests.reflection.helpers import write

    peer = second_member(world)
    for n in range(5):
        goal = services.personal_goal_add(user=world.member, group=world.group, text=f"Goal {n}")
        services.goal_note_add(
            goal=goal, by=world.member, kind="progress", noted_on=date.today(), text="x"
        )
        entry = write(world, title=f"Shared {n}")
        services.entry_share(entry=entry, by=world.member, sharing=Sharing.GROUP)
    for days in range(1, 4):
        past_meeting(world, days_ago=days)
    client.force_login(world.facilitator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reflection:group", args=[world.group.public_id]))
    assert response.status_code == 200
    client.force_login(peer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reflection:home")).status_code == 200
