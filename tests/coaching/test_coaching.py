"""Coaching of facilitators: notes, requests for advice, observations and their
debrief, private to the coach and the facilitator they coach."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from kahui.coaching import access, selectors, services
from kahui.coaching.models import AdviceStatus, Observation
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups.models import GroupRole
from kahui.meetings import services as meeting_services
from kahui.notifications.models import Category, Notification, Preference
from kahui.programmes.models import Programme
from tests.coaching.helpers import coach_of, held_meeting
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.django_db


def _pair_url(coach, facilitator):
    return reverse("coaching:pair", args=[coach.public_id, facilitator.public_id])


def test_a_coach_of_a_programme_coaches_the_facilitators_of_its_groups(world):
    coach = coach_of(world)
    assert access.coaches(coach, world.facilitator)
    assert not access.coaches(coach, world.member)  # a member, not a facilitator
    assert not access.coaches(world.facilitator, coach)
    assert list(access.coachees_of(coach)) == [world.facilitator]
    assert list(access.coaches_of(world.facilitator)) == [coach]
    assert access.in_coaching(coach)
    assert access.in_coaching(world.facilitator)
    assert not access.in_coaching(world.member)
    assert not access.in_coaching(world.coordinator)


def test_a_note_is_read_by_the_pair_and_no_one_else(client, world):
    coach = coach_of(world)
    other_facilitator = make_user("of@kowhai.example", "Olga Other")
    make_group(other_facilitator, name="Maths talk", organisation=world.school)
    second_coach = make_user("sam@coaches.example", "Sam Second")
    Programme.objects.get().coaches.add(second_coach)
    services.note_add(
        coach=coach, facilitator=world.facilitator, by=coach, text="Try a round of check-ins."
    )
    url = _pair_url(coach, world.facilitator)
    for reader in (coach, world.facilitator):
        client.force_login(reader)
        assert "Try a round of check-ins." in client.get(url).content.decode()
    # Not another facilitator, the coordinator, a member of the group, an admin of the
    # school, nor the facilitator's other coach.
    for reader in (other_facilitator, world.coordinator, world.member, world.admin, second_coach):
        client.force_login(reader)
        assert client.get(url).status_code == 404
        assert "check-ins" not in client.get(reverse("coaching:home")).content.decode()
    # The other coach has a pair of their own with the facilitator, without the note.
    client.force_login(second_coach)
    page = client.get(_pair_url(second_coach, world.facilitator))
    assert page.status_code == 200
    assert "check-ins" not in page.content.decode()


def test_the_facilitator_replies_and_each_is_told(client, world):
    coach = coach_of(world)
    client.force_login(coach)
    url = _pair_url(coach, world.facilitator)
    response = client.post(
        reverse("coaching:note_add", args=[coach.public_id, world.facilitator.public_id]),
        {"text": "How did the protocol land?"},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(user=world.facilitator, url=url, group=None).exists()
    client.force_login(world.facilitator)
    client.post(
        reverse("coaching:note_add", args=[coach.public_id, world.facilitator.public_id]),
        {"text": "Well; the timing was tight."},
    )
    assert Notification.objects.filter(user=coach, url=url).exists()
    page = client.get(url).content.decode()
    assert page.index("How did the protocol land?") < page.index("the timing was tight")


def test_an_empty_note_is_refused_with_a_form_error(client, world):
    coach = coach_of(world)
    client.force_login(coach)
    response = client.post(
        reverse("coaching:note_add", args=[coach.public_id, world.facilitator.public_id]),
        {"text": "   "},
    )
    assert response.status_code == 400
    with pytest.raises(NotAllowed):
        services.note_add(coach=coach, facilitator=world.facilitator, by=world.member, text="Hi")


def test_advice_is_asked_answered_and_waits_until_read(client, world):
    coach = coach_of(world)
    meeting = held_meeting(world)
    client.force_login(world.facilitator)
    response = client.post(
        reverse("coaching:advice_ask", args=[coach.public_id, world.facilitator.public_id]),
        {"question": "How do I bring in the quiet ones?", "about": f"m{meeting.public_id}"},
    )
    assert response.status_code == 302
    asked = Notification.objects.get(user=coach)
    assert asked.group is None
    found = selectors.coaching_home(coach).open_requests[0]
    assert (found.meeting, found.group) == (meeting, world.group)
    assert [item.kind for item in selectors.waiting_for(coach)] == ["coaching"]
    assert selectors.waiting_for(world.facilitator) == []

    client.force_login(coach)
    assert (
        "How do I bring in the quiet ones?" in client.get(reverse("coaching:home")).content.decode()
    )
    response = client.post(
        reverse("coaching:advice_answer", args=[found.public_id]),
        {"answer": "Use think-pair-share before the round."},
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.status == AdviceStatus.ANSWERED
    assert found.answered_at
    assert Notification.objects.filter(user=world.facilitator).exists()
    assert selectors.waiting_for(coach) == []
    (waiting,) = selectors.waiting_for(world.facilitator)
    assert waiting.url == _pair_url(coach, world.facilitator)
    # Reading the pair's page is what makes the reply seen.
    client.force_login(world.facilitator)
    assert "think-pair-share" in client.get(waiting.url).content.decode()
    assert selectors.waiting_for(world.facilitator) == []
    with pytest.raises(KahuiError):
        services.advice_answer(request=found, by=coach, answer="Again")


def test_only_the_facilitator_asks_and_only_the_coach_answers(world):
    coach = coach_of(world)
    with pytest.raises(NotAllowed):
        services.advice_ask(coach=coach, facilitator=world.facilitator, by=coach, question="?")
    found = services.advice_ask(
        coach=coach, facilitator=world.facilitator, by=world.facilitator, question="Help?"
    )
    with pytest.raises(NotAllowed):
        services.advice_answer(request=found, by=world.facilitator, answer="Myself")
    other = make_group(make_user("x@x.example"), name="Elsewhere")
    with pytest.raises(KahuiError):
        services.advice_ask(
            coach=coach,
            facilitator=world.facilitator,
            by=world.facilitator,
            question="?",
            group=other,
        )


def _observed(world, coach, meeting):
    observation = services.observation_start(
        coach=coach, facilitator=world.facilitator, by=coach, meeting=meeting
    )
    steps = {
        row.pk: services.Notes(went_well=f"Clear start to {row.title}")
        for row in observation.steps.all()
    }
    return services.observation_save(
        observation=observation,
        by=coach,
        edit=services.ObservationEdit(
            overall=services.Notes(
                went_well="Everyone spoke.",
                question="What was the goal of the round?",
                suggestion="Name the protocol at the start.",
            ),
            steps=steps,
        ),
    )


def test_an_observation_is_the_coachs_draft_until_shared(client, world):
    coach = coach_of(world)
    meeting = held_meeting(world)
    observation = _observed(world, coach, meeting)
    url = reverse("coaching:observation", args=[observation.public_id])
    client.force_login(world.facilitator)
    assert client.get(url).status_code == 404
    assert "Everyone spoke" not in client.get(_pair_url(coach, world.facilitator)).content.decode()
    assert (
        client.post(
            reverse("coaching:reflection_save", args=[observation.public_id]),
            {"text": "x", "version": 0},
        ).status_code
        == 404
    )
    assert not Notification.objects.filter(user=world.facilitator).exists()

    client.force_login(coach)
    assert (
        client.post(reverse("coaching:observation_share", args=[observation.public_id])).status_code
        == 302
    )
    client.force_login(world.facilitator)
    page = client.get(url).content.decode()
    assert "Everyone spoke." in page
    for item in meeting.agenda.all():
        assert item.title in page
    assert Notification.objects.filter(user=world.facilitator, url=url).exists()


def test_an_observation_shows_the_agenda_and_nothing_else_of_the_meeting(client, world):
    coach = coach_of(world)
    meeting = held_meeting(world)
    meeting.minutes = "Unpublished: Hemi is struggling this term."
    meeting.materials = "Members-only reading pack"
    meeting.save()
    observation = _observed(world, coach, meeting)
    client.force_login(coach)
    # The coach is no member of the group: its pages stay closed to them.
    assert (
        client.get(
            reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
        ).status_code
        == 404
    )
    page = client.get(
        reverse("coaching:observation", args=[observation.public_id])
    ).content.decode()
    assert meeting.title in page
    assert "Hemi" not in page
    assert "reading pack" not in page
    assert "Clear start to" in page


def test_the_joint_reflection_keeps_both_texts_on_a_conflict(client, world):
    coach = coach_of(world)
    observation = _observed(world, coach, held_meeting(world))
    services.observation_share(observation=observation, by=coach)
    url = reverse("coaching:reflection_save", args=[observation.public_id])
    client.force_login(coach)
    assert (
        client.post(url, {"text": "We agreed to name the protocol.", "version": 0}).status_code
        == 302
    )
    client.force_login(world.facilitator)
    # Opened before the coach saved: based on version 0.
    response = client.post(url, {"text": "I will time each step.", "version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "We agreed to name the protocol." in page
    assert "I will time each step." in page
    observation.refresh_from_db()
    assert observation.reflection == "We agreed to name the protocol."
    assert observation.version == 1
    assert observation.reflection_by == coach
    with pytest.raises(services.ReflectionConflict):
        services.reflection_save(observation=observation, by=world.facilitator, text="x", version=0)
    assert (
        client.post(url, {"text": "Both: name it, and time it.", "version": 1}).status_code == 302
    )
    observation.refresh_from_db()
    assert observation.version == 2
    assert observation.reflection_by == world.facilitator
    assert (
        "Last edited by Aroha Facilitator"
        in client.get(
            reverse("coaching:observation", args=[observation.public_id])
        ).content.decode()
    )
    # A version that is not a number is a conflict too: nothing typed is lost.
    response = client.post(url, {"text": "Mine", "version": "x"})
    assert response.status_code == 409


def test_the_debrief_is_marked_done_and_then_stays(client, world):
    coach = coach_of(world)
    observation = _observed(world, coach, held_meeting(world))
    with pytest.raises(KahuiError):
        services.debrief_done(observation=observation, by=coach)
    services.observation_share(observation=observation, by=coach)
    client.force_login(world.facilitator)
    assert (
        client.post(reverse("coaching:debrief_done", args=[observation.public_id])).status_code
        == 302
    )
    observation.refresh_from_db()
    assert observation.is_done
    with pytest.raises(KahuiError):
        services.reflection_save(observation=observation, by=coach, text="Later", version=0)
    with pytest.raises(KahuiError):
        services.observation_save(
            observation=observation,
            by=coach,
            edit=services.ObservationEdit(overall=services.Notes()),
        )


def test_an_empty_observation_is_not_shared(world):
    coach = coach_of(world)
    observation = services.observation_start(
        coach=coach, facilitator=world.facilitator, by=coach, meeting=held_meeting(world)
    )
    with pytest.raises(KahuiError):
        services.observation_share(observation=observation, by=coach)


def test_a_coach_observes_only_meetings_of_groups_they_coach_through(world):
    coach = coach_of(world)
    elsewhere = make_group(
        world.facilitator, name="Not in the programme", organisation=world.school
    )

    (meeting,) = meeting_services.meetings_schedule(
        group=elsewhere,
        by=world.facilitator,
        plan=meeting_services.MeetingPlan(
            title="Other hui",
            start_date=date.today() + timedelta(days=2),
            start_time=time(15, 0),
            time_zone="Pacific/Auckland",
            duration_minutes=60,
            format="in_person",
            location="Staffroom",
        ),
    )
    with pytest.raises(KahuiError):
        services.observation_start(
            coach=coach, facilitator=world.facilitator, by=coach, meeting=meeting
        )


def test_the_pages_close_when_the_coaching_ends(client, world):
    coach = coach_of(world)
    services.note_add(coach=coach, facilitator=world.facilitator, by=coach, text="Kia ora")
    services.advice_ask(
        coach=coach, facilitator=world.facilitator, by=world.facilitator, question="Still there?"
    )
    assert selectors.waiting_for(coach)
    world.group.memberships.filter(user=world.facilitator).update(role=GroupRole.MEMBER)
    assert selectors.waiting_for(coach) == []
    assert selectors.coaching_home(coach).open_requests == []
    for reader in (coach, world.facilitator):
        client.force_login(reader)
        assert client.get(_pair_url(coach, world.facilitator)).status_code == 404


def test_coaching_leaves_no_trace_on_group_or_organisation_pages(client, world):
    coach = coach_of(world)
    services.note_add(coach=coach, facilitator=world.facilitator, by=coach, text="Private words")
    found = services.advice_ask(
        coach=coach,
        facilitator=world.facilitator,
        by=world.facilitator,
        question="Quiet ones?",
        group=world.group,
    )
    services.advice_answer(request=found, by=coach, answer="Pairs first")
    services.observation_share(observation=_observed(world, coach, held_meeting(world)), by=coach)
    entries = ActivityEntry.objects.filter(action__startswith="coaching.")
    assert entries.count() == 6
    assert set(entries.values_list("group", "organisation", "target")) == {(None, None, "")}
    assert all(entry.changes == {} for entry in entries)
    for reader in (world.member, world.coordinator, world.facilitator):
        client.force_login(reader)
        for url in (
            reverse("groups:history", args=[world.group.public_id]),
            reverse("dashboard:home"),
            reverse("orgs:history", args=[world.school.slug]),
        ):
            text = client.get(url).content.decode()
            assert "coaching note" not in text
            assert "advice" not in text
    assert not Notification.objects.filter(group__isnull=False).exists()


def test_the_navigation_links_coaching_for_the_coached_and_their_coaches(client, world):
    coach = coach_of(world)
    for user, shown in (
        (coach, True),
        (world.facilitator, True),
        (world.member, False),
        (world.coordinator, False),
    ):
        client.force_login(user)
        page = client.get(reverse("dashboard:home")).content.decode()
        assert (f'href="{reverse("coaching:home")}"' in page) is shown, user


def test_the_coaching_pages_take_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    coach = coach_of(world)
    for index in range(4):
        facilitator = make_user(f"f{index}@kowhai.example", f"Facilitator {index}")
        group = make_group(facilitator, name=f"Group {index}", organisation=world.school)
        Programme.objects.get().groups.add(group)
        services.advice_ask(
            coach=coach, facilitator=facilitator, by=facilitator, question="Help?", group=group
        )
    meeting = held_meeting(world)
    for index in range(5):
        services.note_add(
            coach=coach, facilitator=world.facilitator, by=coach, text=f"Note {index}"
        )
        services.advice_ask(
            coach=coach,
            facilitator=world.facilitator,
            by=world.facilitator,
            question=f"Q{index}",
            meeting=meeting,
        )
        _observed(world, coach, meeting)
    client.force_login(coach)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("coaching:home")).status_code == 200
    with django_assert_max_num_queries(24):
        assert client.get(_pair_url(coach, world.facilitator)).status_code == 200
    observation = Observation.objects.first()
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("coaching:observation", args=[observation.public_id])).status_code
            == 200
        )
    client.force_login(world.facilitator)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("coaching:home")).status_code == 200


def test_the_coaching_link_costs_pages_no_query_and_follows_a_new_coach(client, world):
    client.force_login(world.colleague)  # signed in before they coach anyone
    home = reverse("dashboard:home")
    link = f'href="{reverse("coaching:home")}"'
    assert link not in client.get(home).content.decode()
    coach = world.colleague
    programme = Programme.objects.create(name="Reading together", organisation=world.cluster)
    programme.groups.add(world.group)
    programme.coaches.add(coach)
    assert link not in client.get(home).content.decode()  # kept in the session
    client.get(reverse("coaching:home"))  # e.g. from a notification
    assert link in client.get(home).content.decode()
    # A session begun before the note was kept finds out once.
    session = client.session
    del session["kahui_in_coaching"]
    session.save()
    assert link in client.get(home).content.decode()


def test_the_email_says_who_wrote_and_nothing_of_what(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    coach = coach_of(world)
    Preference.objects.create(
        user=world.facilitator, category=Category.REFLECTION, delivery="immediate"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.note_add(
            coach=coach, facilitator=world.facilitator, by=coach, text="Your timing slipped."
        )
    (message,) = mailoutbox
    assert message.to == [world.facilitator.email]
    assert "Lee Coach wrote a coaching note" in message.body
    assert "timing slipped" not in message.body
    assert _pair_url(coach, world.facilitator) in message.body
