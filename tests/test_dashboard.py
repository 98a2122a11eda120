"""The dashboard says what is next: coming meetings and the duties in them, open
actions with a one-click "done", polls and proposals waiting for an answer, mentions
and replies, health checks and reflections asked of the person; and its feed says what
happened in words, tells repeated events as one line and links to the exact place."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core import activity
from kahui.dashboard import selectors
from kahui.discussions import services as discussion_services
from kahui.groups.models import GroupRole
from kahui.health import services as health_services
from kahui.health.models import CONDITIONS, HealthCheck
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem, ActionStatus
from kahui.proposals import services as proposal_services
from kahui.proposals.models import Kind
from kahui.reflection import services as reflection_services
from kahui.scheduling import services as scheduling_services
from tests.conftest import make_group, make_meeting, make_user

pytestmark = pytest.mark.django_db


def add_action(world, *, owner=None, text="Bring three running records", days=2, meeting=None):
    return meeting_services.action_add(
        group=world.group,
        by=world.facilitator,
        text=text,
        owner=owner or world.member,
        due_on=timezone.localdate() + timedelta(days=days),
        meeting=meeting,
    )


def open_poll(world, group=None, title="When shall we meet in week 5?"):
    return scheduling_services.poll_create(
        group=group or world.group,
        by=world.facilitator,
        title=title,
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling_services.OptionPlan(
                day=timezone.localdate() + timedelta(days=days),
                start=timezone.datetime(2000, 1, 1, 15).time(),
                duration_minutes=60,
                format="in_person",
            )
            for days in (4, 5)
        ],
    )


def open_proposal(world, group=None, title="Check decoding every five weeks"):
    group = group or world.group
    return proposal_services.proposal_open(
        group=group,
        by=world.facilitator,
        kind=Kind.GOAL,
        title=title,
        reason="The checks mean little if help waits.",
        text="Check decoding every five weeks and start help within a week",
        evidence="Running records",
        goal=group.goals.first(),
        deadline=timezone.now() + timedelta(days=3),
    )


def open_check(group):
    return HealthCheck.objects.create(
        group=group,
        number=1,
        opened_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=7),
        threshold=4,
    )


def past_meeting(world, title="Hui of last week"):
    meeting = make_meeting(world, title=title, days=2)
    start = timezone.now() - timedelta(days=3)
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def busy(world):
    """A day with something of every kind waiting for the member."""
    meeting = make_meeting(world, title="Week 5 hui", days=2)
    meeting_services.duties_assign(
        meeting=meeting,
        by=world.facilitator,
        facilitator=world.facilitator,
        note_taker=world.member,
        timekeeper=world.member,
    )
    overdue = add_action(world, text="Share the decoding chart")
    ActionItem.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    action = add_action(world, meeting=meeting)
    poll = open_poll(world)
    proposal = open_proposal(world)
    thread = discussion_services.thread_start(
        group=world.group, by=world.member, kind="question", title="Fractions", body="How?"
    )
    discussion_services.reply(thread=thread, by=world.facilitator, body="Try @Mere's strips")
    check = open_check(world.group)
    reflected = past_meeting(world)
    reflection_services.reflection_ask(meeting=reflected, by=world.facilitator)
    reflection_services.feedback_ask(
        asker=world.facilitator,
        group=world.group,
        about="lesson_plan",
        title="My fractions lesson",
        text="Is the launch clear?",
        colleagues=[world.member],
    )
    return {
        "meeting": meeting,
        "overdue": overdue,
        "action": action,
        "poll": poll,
        "proposal": proposal,
        "thread": thread,
        "check": check,
        "reflected": reflected,
    }


def test_the_dashboard_says_what_is_next_for_the_member(client, world, busy):
    client.force_login(world.member)
    page = client.get(reverse("dashboard:home")).content.decode()
    meeting = busy["meeting"]
    assert reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]) in page
    assert "Your duty: note-taker" in page
    assert "Your duty: timekeeper" in page
    assert "Your duty: facilitator" not in page
    assert "Bring three running records" in page
    assert "Share the decoding chart" in page
    assert page.index("Share the decoding chart") < page.index("Bring three running records")
    assert "Overdue" in page
    assert "When shall we meet in week 5?" in page
    assert "Check decoding every five weeks" in page
    assert "Aroha Facilitator" in page
    assert "Fractions" in page
    assert reverse("health:answer", args=[world.group.public_id]) in page
    assert f"meeting={busy['reflected'].public_id}" in page
    assert "asks for your feedback on “My fractions lesson”" in page


def test_the_facilitator_sees_their_duty_and_not_what_they_asked_of_others(client, world, busy):
    client.force_login(world.facilitator)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Your duty: facilitator" in page
    assert "Your duty: note-taker" not in page
    assert f"dash-action-{busy['action'].public_id}" not in page  # the member's action
    assert "My fractions lesson" not in page  # their own request
    assert f"meeting={busy['reflected'].public_id}" not in page  # their own invitation


def test_what_was_answered_or_done_leaves_the_dashboard(world, busy):
    member = world.member
    scheduling_services.poll_answer(
        poll=busy["poll"],
        user=member,
        answers={option.pk: "yes" for option in busy["poll"].options.all()},
    )
    proposal_services.response_save(proposal=busy["proposal"], by=member, position="agree")
    health_services.answer_save(check=busy["check"], by=member, scores=dict.fromkeys(CONDITIONS, 4))
    meeting_services.action_set_status(action=busy["action"], by=member, status="done")
    next_up = selectors.next_up(member)
    assert next_up.polls == []
    assert next_up.proposals == []
    assert next_up.health_checks == []
    assert [action.pk for action in next_up.actions] == [busy["overdue"].pk]
    # Another group's check is still waiting: answering one check answers only it.
    other = make_group(world.facilitator, name="Numeracy", members=[member])
    check = open_check(other)
    assert selectors.next_up(member).health_checks == [check]


def test_groups_left_and_closed_things_are_not_next(world, busy):
    world.group.memberships.filter(user=world.member).delete()
    next_up = selectors.next_up(world.member)
    assert not any(
        [
            next_up.meetings,
            next_up.actions,
            next_up.polls,
            next_up.proposals,
            next_up.health_checks,
            next_up.asked,
        ]
    )


def test_done_marks_the_owners_action_done_without_javascript(client, world):
    action = add_action(world)
    client.force_login(world.member)
    response = client.post(reverse("dashboard:action_done", args=[action.public_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "Done: Bring three running records" in page
    assert f"dash-action-{action.public_id}" not in page


def test_done_with_htmx_removes_the_row_and_says_so(client, world):
    action = add_action(world)
    client.force_login(world.member)
    response = client.post(
        reverse("dashboard:action_done", args=[action.public_id]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"dash-action-{action.public_id}" not in body  # the row is swapped for nothing
    assert 'hx-swap-oob="true"' in body
    assert "Done: Bring three running records" in body


def test_only_the_owner_or_a_facilitator_marks_an_action_done(client, world):
    other = make_user("hemi@kowhai.example", "Hemi Walker", organisation=world.school)
    world.group.memberships.create(user=other, role=GroupRole.MEMBER)
    action = add_action(world)
    url = reverse("dashboard:action_done", args=[action.public_id])
    client.force_login(other)
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    client.force_login(world.facilitator)
    assert client.post(url).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_an_owner_who_left_the_group_no_longer_marks_its_actions(client, world):
    action = add_action(world)
    world.group.memberships.filter(user=world.member).delete()
    client.force_login(world.member)
    url = reverse("dashboard:action_done", args=[action.public_id])
    assert client.post(url).status_code == 404


def thread_with_answer(world, title="Fractions with manipulatives"):
    thread = discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="question", title=title, body="Ideas?"
    )
    post = discussion_services.reply(thread=thread, by=world.member, body="Fraction strips")
    discussion_services.answer_accept(thread=thread, by=world.facilitator, post=post)
    return thread, post


def test_the_feed_says_your_answer_and_links_to_the_post(world):
    thread, post = thread_with_answer(world)
    [accepted, *_] = selectors.recent_feed(world.member)
    assert accepted.who == "Aroha Facilitator"
    assert accepted.sentence == "accepted your answer on “Fractions with manipulatives”"
    url = reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    assert accepted.link == f"{url}#p{post.public_id}"
    # Anyone else reads that an answer was marked.
    [seen, *_] = selectors.recent_feed(world.facilitator)
    assert seen.who == "You"
    assert seen.sentence == "marked an answer on “Fractions with manipulatives”"


def test_repeated_events_read_as_one_line(world):
    thread = discussion_services.thread_start(
        group=world.group, by=world.member, kind="idea", title="Maths talk", body="Start"
    )
    people = [world.facilitator]
    for name in ("Hemi Walker", "Ana Tui", "Sione Lee"):
        person = make_user(f"{name.split()[0].lower()}@kowhai.example", name)
        world.group.memberships.create(user=person, role=GroupRole.MEMBER)
        people.append(person)
    for person in people:
        discussion_services.reply(thread=thread, by=person, body="Yes")
    discussion_services.reply(thread=thread, by=people[-1], body="And more")
    [replies, started, *_] = selectors.recent_feed(world.member)
    assert replies.who == "Sione Lee and 3 others"
    assert replies.sentence == "replied to your thread “Maths talk”"
    assert replies.count == 5
    assert started.who == "You"
    assert started.sentence == "started “Maths talk”"
    assert replies.link.startswith(started.link + "#p")


def test_meeting_decisions_and_actions_link_to_their_place(world):
    meeting = make_meeting(world, title="Week 5 hui")
    meeting_services.decision_record(meeting=meeting, by=world.facilitator, text="Use strips")
    action = add_action(world, meeting=meeting)
    items = selectors.recent_feed(world.member)
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    lines = {item.sentence: item.link for item in items}
    assert lines["recorded a decision: “Use strips”"] == f"{url}#decisions"
    assert lines["gave you an action: “Bring three running records”"] == (
        f"{url}#action-{action.public_id}"
    )
    assert lines["scheduled “Week 5 hui”"] == url


def test_an_entry_written_before_the_log_kept_places_links_to_its_group(world):
    entry = activity.ActivityEntry(action="discussion.replied", target="Old", group=world.group)
    assert activity.feed_link(entry) == reverse("groups:home", args=[world.group.public_id])
    assert activity.feed_sentence(entry) == "replied in “Old”"
    assert activity.feed_link(activity.ActivityEntry(action="discussion.replied")) == ""


def test_the_activity_page_reads_in_words(client, world, django_assert_max_num_queries):
    thread_with_answer(world)
    client.force_login(world.member)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("dashboard:activity")).content.decode()
    assert "accepted your answer on “Fractions with manipulatives”" in page


def test_dashboard_query_count_does_not_grow_with_what_waits(
    client, world, busy, django_assert_max_num_queries
):
    client.force_login(world.member)
    client.get(reverse("dashboard:home"))  # warm the per-process caches
    with django_assert_max_num_queries(28) as few:
        assert client.get(reverse("dashboard:home")).status_code == 200
    baseline = len(few.captured_queries)
    for n in range(4):
        group = make_group(world.facilitator, name=f"Group {n}", members=[world.member])
        world.group = group
        meeting = make_meeting(world, title=f"Hui {n}", days=3 + n)
        add_action(world, meeting=meeting, text=f"Action {n}")
        open_poll(world, group, title=f"Poll {n}")
        open_proposal(world, group, title=f"Proposal {n}")
        open_check(group)
        reflection_services.reflection_ask(meeting=past_meeting(world), by=world.facilitator)
    with django_assert_max_num_queries(baseline) as many:
        page = client.get(reverse("dashboard:home")).content.decode()
    assert "Poll 3" in page
    assert "Proposal 3" in page
    assert "Action 3" in page
    assert len(many.captured_queries) == baseline


def test_a_target_that_only_names_who_did_it_is_left_out(world):
    entry = activity.ActivityEntry(
        action="group.member_joined", actor=world.member, target="Mere Member", group=world.group
    )
    assert activity.feed_sentence(entry) == "joined the group"
    entry.target = "Someone else"
    assert activity.feed_sentence(entry) == "joined the group: “Someone else”"
