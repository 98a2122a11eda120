"""The inquiry pages: starting a cycle, writing a stage with htmx or without, a stale
save, moving on with what the stage produced, the plan, goals and readings, what
overseers see, and the number of queries the pages take."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.groups import services as group_services
from kahui.inquiry import services
from kahui.inquiry.models import GoalMeasure, InquiryCycle, StageRecord
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def start(world) -> InquiryCycle:
    return services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers decode?",
        goals=world.group.goals.all(),
    )


def url(name, world, cycle=None, *rest):
    args = [world.group.public_id] + ([cycle.public_id] if cycle else []) + list(rest)
    return reverse(f"inquiry:{name}", args=args)


def test_without_a_cycle_a_facilitator_is_offered_to_start_one(client, world):
    client.force_login(world.member)
    page = client.get(url("home", world))
    assert "No inquiry under way" in page.text
    assert url("start", world) not in page.text
    client.force_login(world.facilitator)
    assert url("start", world) in client.get(url("home", world)).text
    form = client.get(url("start", world))
    assert form.context["form"].initial["model"] == "he_pikorua"
    assert "Whakawhanaungatanga" in form.text  # where a He Pikorua cycle would start


def test_starting_a_cycle_shows_its_stages_with_the_current_one_marked(client, world):
    client.force_login(world.facilitator)
    goal = world.group.goals.get()
    response = client.post(
        url("start", world),
        {"question": "What helps them blend?", "goals": [goal.pk], "model": "he_pikorua"},
    )
    assert response.status_code == 302
    cycle = InquiryCycle.objects.get()
    assert list(cycle.goals.all()) == [goal]
    page = client.get(url("home", world)).text
    assert 'aria-current="step"' in page
    current = page.split('aria-current="step"')[1].split("</li>")[0]
    assert 'lang="mi">Whakawhanaungatanga</strong>Build connections' in current
    assert 'aria-current="page">Inquiry</a>' in page


def test_a_bad_start_keeps_what_was_typed(client, world):
    client.force_login(world.facilitator)
    response = client.post(url("start", world), {"question": "", "model": "nonsense"})
    assert response.status_code == 400
    assert not InquiryCycle.objects.exists()
    response = client.post(url("start", world), {"question": "Kept?", "model": "nonsense"})
    assert response.status_code == 400
    assert 'value="Kept?"' in response.text


def record_post(client, world, cycle, version, **values):
    data = {"version": version, "led_by": "", **values}
    return client.post(url("record", world, cycle, cycle.stage_key), data)


def test_a_stage_is_written_without_javascript(client, world):
    cycle = start(world)
    client.force_login(world.member)
    response = record_post(client, world, cycle, 0, strengths="We **all** read.")
    assert response.status_code == 302
    assert response["Location"].endswith(url("home", world) + "#stage-connect")
    page = client.get(url("home", world)).text
    assert "<strong>all</strong>" in page
    history = client.get(url("record_history", world, cycle, "connect"))
    assert "Version 1" in history.text
    assert "Mere Member" in history.text


def test_an_htmx_save_answers_with_the_record_alone(client, world):
    cycle = start(world)
    client.force_login(world.member)
    response = client.post(
        url("record", world, cycle, "connect"),
        {"version": 0, "led_by": world.member.pk, "strengths": "Mere: te reo"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="stage-record"')
    assert "Saved. Earlier versions are kept." in response.text  # the message, swapped in
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "Led by Mere Member" in response.text
    assert StageRecord.objects.get().led_by == world.member


def test_a_stale_save_shows_both_versions_and_loses_nothing(client, world):
    cycle = start(world)
    services.stage_record_save(
        cycle=cycle,
        stage="connect",
        by=world.facilitator,
        values={"strengths": "Theirs"},
        version=0,
    )
    client.force_login(world.member)
    response = record_post(client, world, cycle, 0, strengths="Mine, typed meanwhile")
    assert response.status_code == 409
    assert "Someone else saved this stage" in response.text
    assert ">Theirs</pre>" in response.text
    assert "Mine, typed meanwhile</textarea>" in response.text
    assert 'name="version" value="1"' in response.text
    htmx = client.post(
        url("record", world, cycle, "connect"),
        {"version": 0, "strengths": "Mine again"},
        headers=HTMX,
    )
    assert htmx.status_code == 200
    assert "Mine again</textarea>" in htmx.text
    assert ">Theirs</pre>" in htmx.text
    assert StageRecord.objects.get().values["strengths"] == "Theirs"


def test_stages_not_reached_yet_are_not_written(client, world):
    cycle = start(world)
    client.force_login(world.member)
    response = client.get(url("record", world, cycle, "reflect"))
    assert response.status_code == 302
    assert client.get(url("record", world, cycle, "nowhere")).status_code == 404


def test_moving_on_shows_what_the_stage_produced_first(client, world):
    cycle = start(world)
    services.stage_record_save(
        cycle=cycle,
        stage="connect",
        by=world.member,
        values={"learners": "The twelve new entrants in Room 3"},
        version=0,
    )
    client.force_login(world.facilitator)
    summary = client.get(url("move", world, cycle))
    assert "What this stage produced" in summary.text
    assert "The twelve new entrants in Room 3" in summary.text
    assert "Kohikohi" in summary.text  # what comes next
    response = client.post(url("move", world, cycle), {"stage": "connect"})
    assert response.status_code == 302
    world.group.refresh_from_db()
    assert world.group.stage == "gather"
    # The same button pressed again, from the old page, moves nothing.
    again = client.post(url("move", world, cycle), {"stage": "connect"}, follow=True)
    assert "Someone moved the inquiry on" in again.text
    world.group.refresh_from_db()
    assert world.group.stage == "gather"


def test_a_member_who_does_not_lead_the_stage_cannot_move_it(client, world):
    cycle = start(world)
    client.force_login(world.member)
    assert client.post(url("move", world, cycle), {"stage": "connect"}).status_code == 403
    services.stage_record_save(
        cycle=cycle, stage="connect", by=world.member, values={}, version=0, led_by=world.member
    )
    assert client.post(url("move", world, cycle), {"stage": "connect"}).status_code == 302


def move_to(world, cycle, stage):
    while cycle.stage_key != stage:
        cycle = services.stage_move(
            cycle=cycle, by=world.facilitator, expected_stage=cycle.stage_key
        )
    return cycle


def test_the_plan_takes_actions_at_three_levels(client, world):
    cycle = move_to(world, start(world), "plan")
    client.force_login(world.member)
    bad = client.post(url("action_add", world, cycle), {"text": "No level"})
    assert bad.status_code == 400
    assert "No level" in bad.text
    response = client.post(
        url("action_add", world, cycle),
        {"text": "Phonics groups", "level": "targeted", "owner": world.member.pk},
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.level, action.stage, action.owner) == ("targeted", "plan", world.member)
    page = client.get(url("home", world)).text
    plan = page.split('id="plan"')[1].split("</section>")[0]
    assert "Targeted — some learners" in plan
    assert "Phonics groups" in plan


def test_the_meetings_action_review_shows_the_level(client, world):
    start(world)
    meeting = make_meeting(world)
    client.force_login(world.member)
    detail = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    assert "In the plan" in client.get(detail).text
    client.post(
        reverse("meetings:action_add", args=[world.group.public_id, meeting.public_id]),
        {"text": "Model blending daily", "level": "universal"},
    )
    assert ActionItem.objects.get().level == "universal"
    assert "Universal — all learners" in client.get(detail).text


def test_a_goal_gets_a_measure_and_a_reading_moves_it(client, world):
    cycle = move_to(world, start(world), "plan")
    client.force_login(world.facilitator)
    form = {
        "text": "Blend CVC words",
        "name": "Learners blending CVC words",
        "unit": "%",
        "baseline": "40",
        "target": "40",
    }
    refused = client.post(url("goal_add", world, cycle), form)
    assert refused.status_code == 400
    assert "The target must differ from the baseline." in refused.text
    response = client.post(url("goal_add", world, cycle), {**form, "target": "80"})
    assert response.status_code == 302
    measure = GoalMeasure.objects.get(name="Learners blending CVC words")
    client.force_login(world.member)
    reading = client.post(
        url("reading_add", world, cycle, measure.public_id),
        {"taken_on": timezone.localdate().isoformat(), "value": "60"},
        headers=HTMX,
    )
    assert reading.status_code == 200
    assert reading.text.lstrip().startswith('<li class="goal-card"')
    assert "Reading recorded." in reading.text
    assert "50% of the way to the target" in reading.text
    assert 'value="50"' in reading.text
    bad = client.post(
        url("reading_add", world, cycle, measure.public_id), {"taken_on": "", "value": "x"}
    )
    assert bad.status_code == 400


def test_a_trial_without_an_outcome_is_refused_and_kept(client, world):
    cycle = move_to(world, start(world), "act")
    client.force_login(world.member)
    response = client.post(url("trial_add", world, cycle), {"strategy": "Sound wall"})
    assert response.status_code == 400
    assert 'value="Sound wall"' in response.text
    ok = client.post(url("trial_add", world, cycle), {"strategy": "Sound wall", "outcome": "Good"})
    assert ok.status_code == 302


def test_the_last_stage_starts_the_next_round(client, world):
    cycle = move_to(world, start(world), "reflect")
    services.stage_record_save(
        cycle=cycle,
        stage="reflect",
        by=world.member,
        values={"carry_forward": "Spelling next"},
        version=0,
    )
    client.force_login(world.facilitator)
    page = client.get(url("move", world, cycle))
    assert "What the review carries forward" in page.text
    assert "Spelling next" in page.text
    refused = client.post(url("move", world, cycle), {"stage": "reflect", "model": "he_pikorua"})
    assert refused.status_code == 400
    response = client.post(
        url("move", world, cycle),
        {"stage": "reflect", "question": "And spelling?", "model": "he_pikorua"},
    )
    assert response.status_code == 302
    following = InquiryCycle.objects.open().get()
    assert (following.number, following.carried_forward) == (2, "Spelling next")
    past = client.get(url("cycle", world, cycle)).text
    assert "This round ended on" in past
    assert "<form" not in past.split("<main")[1].split("</main>")[0].replace(
        'action="/accounts/logout/"', ""
    )


def test_overseers_see_the_stage_and_figures_but_no_content(client, world):
    cycle = start(world)
    services.stage_record_save(
        cycle=cycle, stage="connect", by=world.member, values={"strengths": "Private"}, version=0
    )
    client.force_login(world.coordinator)
    assert client.get(url("home", world)).status_code == 403
    home = client.get(reverse("groups:home", args=[world.group.public_id])).text
    assert "Our inquiry" in home
    assert "Whakawhanaungatanga" in home
    assert "1 goal, 0 measured, 0 on track" in home
    assert "What helps our Year 1 readers decode?" not in home
    assert url("home", world) not in home
    history = client.get(reverse("groups:history", args=[world.group.public_id])).text
    assert "wrote up a stage of the inquiry" in history
    assert "Private" not in history
    client.force_login(world.member)
    home = client.get(reverse("groups:home", args=[world.group.public_id])).text
    assert "What helps our Year 1 readers decode?" in home
    assert url("home", world) in home


def fill(world, cycle, *, n: int) -> None:
    """``n`` of everything a cycle page lists."""
    past = timezone.now() - timedelta(days=30)
    for index in range(n):
        meeting = make_meeting(world, title=f"Hui {index}", days=index + 1)
        type(meeting).objects.filter(pk=meeting.pk).update(
            starts_at=past + timedelta(days=index), ends_at=past + timedelta(days=index, hours=1)
        )
        meeting_services.decision_record(meeting=meeting, by=world.member, text=f"Decision {index}")
        services.plan_action_add(
            cycle=cycle, by=world.member, text=f"Action {index}", level="universal"
        )
        services.trial_add(cycle=cycle, by=world.member, strategy=f"Try {index}", outcome="Ok")
        measure = services.goal_save(
            cycle=cycle,
            by=world.facilitator,
            edit=services.MeasureEdit(text=f"Goal {index}", name="Share", baseline=1, target=2),
        )
        services.reading_add(
            cycle=cycle, measure=measure, by=world.member, taken_on=date.today(), value=1.5
        )


def test_the_cycle_page_takes_the_same_queries_however_much_it_holds(
    client, world, django_assert_max_num_queries
):
    cycle = move_to(world, start(world), "act")
    services.stage_record_save(
        cycle=cycle, stage="act", by=world.member, values={}, version=0, led_by=world.member
    )
    fill(world, cycle, n=2)
    client.force_login(world.member)
    with django_assert_max_num_queries(26) as few:
        assert client.get(url("home", world)).status_code == 200
    fill(world, cycle, n=6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("home", world))
    assert page.text.count('class="goal-card"') == 9
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        assert client.get(url("move", world, cycle)).status_code == 200


def test_the_list_of_rounds_takes_few_queries(client, world, django_assert_max_num_queries):
    cycle = start(world)
    for number in range(4):
        cycle = move_to(world, cycle, "reflect")
        cycle = services.cycle_next(
            cycle=cycle, by=world.facilitator, expected_stage="reflect", question=f"Q{number}"
        )
    InquiryCycle.objects.open().update(ended_at=timezone.now())  # none open: the list alone
    client.force_login(world.member)
    with django_assert_max_num_queries(10):
        page = client.get(url("home", world))
    assert page.text.count("Round ") >= 5
    group_services.group_leave(group=world.group, user=world.member)
    assert client.get(url("home", world)).status_code == 403  # no longer a member


def test_whoever_leads_the_stage_is_offered_to_move_on(client, world):
    from tests.conftest import make_user

    other = make_user("hemi@kowhai.example", "Hemi Walker", organisation=world.school)
    world.group.memberships.create(user=other)
    cycle = start(world)
    services.stage_record_save(
        cycle=cycle, stage="connect", by=world.member, values={}, version=0, led_by=world.member
    )
    move = url("move", world, cycle)
    client.force_login(world.member)
    assert move in client.get(url("home", world)).text
    client.force_login(other)
    assert move not in client.get(url("home", world)).text
