"""The inquiry's services: cycles through a model's stages, one open at a time, the
group's own stage moved with He Pikorua, stage records with versions and conflicts,
trials, the plan at three levels, goals with measures and readings, and the stamps
meetings carry."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kahui.core.activity import describe, registered
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.groups.models import Goal, Status
from kahui.groups.stages import Stage
from kahui.inquiry import selectors, services
from kahui.inquiry.activity import InquiryActivity
from kahui.inquiry.models import (
    GoalMeasure,
    GoalReading,
    InquiryCycle,
    StageMove,
    StageRecord,
)
from kahui.inquiry.models_of_inquiry import HE_PIKORUA, MODELS, PLAN_DO_STUDY_ACT, ActionLevel
from kahui.inquiry.workflow import LISTS, record_fields
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem
from tests.conftest import make_group, make_meeting, make_user

pytestmark = pytest.mark.django_db


def start(world, **kwargs) -> InquiryCycle:
    return services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question=kwargs.pop("question", "What helps our Year 1 readers decode?"),
        goals=kwargs.pop("goals", world.group.goals.all()),
        **kwargs,
    )


def move(cycle, by, times: int = 1) -> InquiryCycle:
    for _ in range(times):
        cycle = services.stage_move(cycle=cycle, by=by, expected_stage=cycle.stage_key)
    return cycle


def save(cycle, by, stage=None, version=None, led_by=None, **values):
    stage = stage or cycle.stage_key
    if version is None:
        record = StageRecord.objects.filter(cycle=cycle, stage=stage).first()
        version = record.version if record else 0
    return services.stage_record_save(
        cycle=cycle, stage=stage, by=by, values=values, version=version, led_by=led_by
    )


# -- cycles -------------------------------------------------------------------------


def test_a_cycle_starts_where_the_group_is_with_its_goals_measurable(world):
    cycle = start(world)
    assert (cycle.number, cycle.model, cycle.stage_key) == (1, "he_pikorua", "connect")
    assert list(cycle.goals.all()) == list(world.group.goals.all())
    assert GoalMeasure.objects.filter(goal__in=cycle.goals.all()).count() == 1
    assert StageMove.objects.get(cycle=cycle).to_stage == "connect"
    entry = ActivityEntry.objects.get(action=InquiryActivity.CYCLE_STARTED)
    assert entry.changes["question"]["to"] == "What helps our Year 1 readers decode?"


def test_one_cycle_is_open_at_a_time(world):
    start(world)
    with pytest.raises(KahuiError, match="one cycle at a time"):
        start(world, question="Another one?")
    assert InquiryCycle.objects.count() == 1


def test_a_facilitator_starts_the_inquiry_in_an_open_group(world):
    with pytest.raises(NotAllowed):
        services.cycle_start(group=world.group, by=world.member, question="Mine?")
    with pytest.raises(NotAllowed):
        services.cycle_start(group=world.group, by=world.coordinator, question="Theirs?")
    with pytest.raises(KahuiError, match="question"):
        start(world, question="   ")
    world.group.status = Status.ARCHIVED
    world.group.save()
    with pytest.raises(KahuiError, match="open group"):
        start(world)
    assert not InquiryCycle.objects.exists()


def test_goals_of_another_group_are_refused(world):
    other = make_group(world.outsider, name="Elsewhere")
    with pytest.raises(KahuiError, match="goals of this group"):
        start(world, goals=other.goals.all())


def test_he_pikorua_moves_the_group_itself(world):
    cycle = move(start(world), world.facilitator, times=2)
    world.group.refresh_from_db()
    assert world.group.stage == Stage.SENSE == cycle.stage_key
    # The group's own stage is the one truth while the cycle is open.
    world.group.stage = Stage.PLAN
    world.group.save()
    cycle.refresh_from_db()
    assert cycle.stage_key == "plan"
    moves = ActivityEntry.objects.filter(action="group.stage_changed")
    assert moves.count() == 2
    assert not ActivityEntry.objects.filter(action=InquiryActivity.STAGE_MOVED).exists()


def test_another_model_keeps_its_own_stage_and_leaves_the_groups(world):
    cycle = start(world, model=PLAN_DO_STUDY_ACT.key)
    assert cycle.stage_key == "plan"
    cycle = move(cycle, world.facilitator)
    world.group.refresh_from_db()
    assert (cycle.stage_key, world.group.stage) == ("do", Stage.CONNECT)
    entry = ActivityEntry.objects.get(action=InquiryActivity.STAGE_MOVED)
    assert entry.changes["stage"] == {
        "label": "Stage",
        "from": "Plan — Plan a small test of change",
        "to": "Do — Try it and record what happens",
    }
    assert describe(entry) == "moved the inquiry on to Do — Try it and record what happens"


def test_a_stale_move_moves_nothing(world):
    cycle = start(world)
    move(cycle, world.facilitator)
    with pytest.raises(services.StaleMove, match="Kohikohi"):
        services.stage_move(cycle=cycle, by=world.facilitator, expected_stage="connect")
    world.group.refresh_from_db()
    assert world.group.stage == Stage.GATHER


def test_the_leader_of_the_current_stage_may_move_it_on(world):
    cycle = start(world)
    with pytest.raises(NotAllowed):
        move(cycle, world.member)
    save(cycle, world.member, led_by=world.member, strengths="Mere brings te reo.")
    cycle = move(cycle, world.member)
    assert cycle.stage_key == "gather"
    # Leading an earlier stage gives no say over the next one.
    with pytest.raises(NotAllowed):
        move(cycle, world.member)


def test_the_last_stage_starts_the_next_round_with_what_the_review_carries(world):
    cycle = move(start(world), world.facilitator, times=5)
    assert cycle.stage_key == "reflect"
    with pytest.raises(KahuiError, match="last stage"):
        move(cycle, world.facilitator)
    save(
        cycle,
        world.member,
        learners="More children blend words.",
        carry_forward="Keep the sound wall; look at spelling next.",
    )
    goal = world.group.goals.get()
    services.revisits_save(
        cycle=cycle, by=world.member, revisits=[services.Revisit(goal, "Raise the target")]
    )
    following = services.cycle_next(
        cycle=cycle,
        by=world.facilitator,
        expected_stage="reflect",
        question="How do we carry decoding into spelling?",
        goals=[goal],
    )
    cycle.refresh_from_db()
    world.group.refresh_from_db()
    assert cycle.ended_at is not None
    assert cycle.stage == "reflect"
    assert (world.group.cycle, world.group.stage) == (2, Stage.CONNECT)
    assert (following.number, following.stage_key, following.previous) == (2, "connect", cycle)
    assert following.carried_forward == "Keep the sound wall; look at spelling next."
    assert selectors.open_cycle(world.group) == following
    assert ActivityEntry.objects.filter(action=InquiryActivity.CYCLE_ENDED).count() == 1


def test_the_next_round_waits_for_the_last_stage(world):
    cycle = start(world)
    with pytest.raises(KahuiError, match="Finish this cycle"):
        services.cycle_next(
            cycle=cycle, by=world.facilitator, expected_stage="connect", question="Next?"
        )
    assert InquiryCycle.objects.count() == 1


def test_a_round_of_another_model_ends_without_moving_the_groups_stage(world):
    cycle = move(start(world, model=PLAN_DO_STUDY_ACT.key), world.facilitator, times=3)
    following = services.cycle_next(
        cycle=cycle,
        by=world.facilitator,
        expected_stage="act",
        question="And now with He Pikorua?",
        model=HE_PIKORUA.key,
    )
    world.group.refresh_from_db()
    assert (world.group.cycle, world.group.stage) == (2, Stage.CONNECT)
    assert (following.number, following.model, following.stage_key) == (2, "he_pikorua", "connect")
    round_change = ActivityEntry.objects.filter(action="group.updated").latest("id")
    assert round_change.changes["cycle"] == {"label": "Inquiry round", "from": "1", "to": "2"}


def test_the_question_and_goals_change_with_their_history(world):
    cycle = start(world, goals=[])
    goal = world.group.goals.get()
    services.cycle_update(cycle=cycle, by=world.facilitator, question="Sharper?", goals=[goal])
    entry = ActivityEntry.objects.get(action=InquiryActivity.CYCLE_CHANGED)
    assert entry.changes["question"]["from"] == "What helps our Year 1 readers decode?"
    assert entry.changes["goals"]["to"] == "Daily phonics"
    assert GoalMeasure.objects.filter(goal=goal).exists()
    with pytest.raises(NotAllowed):
        services.cycle_update(cycle=cycle, by=world.member, question="Mine?", goals=[])


# -- stage records ----------------------------------------------------------------


def test_every_save_is_kept_and_a_stale_save_shows_both_versions(world):
    cycle = start(world)
    first = save(cycle, world.facilitator, strengths="Aroha: phonics.", version=0)
    second = save(cycle, world.member, strengths="Aroha: phonics. Mere: te reo.", version=1)
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(services.StageRecordConflict) as conflict:
        save(cycle, world.facilitator, strengths="Aroha: phonics and maths.", version=1)
    assert conflict.value.theirs["strengths"] == "Aroha: phonics. Mere: te reo."
    assert conflict.value.version == 2
    record = StageRecord.objects.get(cycle=cycle, stage="connect")
    assert record.values["strengths"] == "Aroha: phonics. Mere: te reo."
    assert [r.saved_by for r in record.revisions.all()] == [world.member, world.facilitator]
    assert ActivityEntry.objects.filter(action=InquiryActivity.RECORD_SAVED).count() == 2


def test_saving_the_same_text_again_makes_no_version(world):
    cycle = start(world)
    save(cycle, world.member, strengths="Same", version=0)
    record = save(cycle, world.member, strengths="Same", version=1)
    assert record.version == 1
    assert record.revisions.count() == 1


def test_a_record_holds_its_stages_texts_only(world):
    cycle = start(world)
    record = save(cycle, world.member, strengths="Ours", question="Not here", bogus="x")
    assert set(record.values) == {"strengths", "learners"}
    with pytest.raises(KahuiError, match="not reached"):
        save(cycle, world.member, stage="sense", patterns="Too soon")
    with pytest.raises(KahuiError, match="no such stage"):
        save(cycle, world.member, stage="nowhere")


def test_anyone_in_the_group_leads_a_stage_and_outsiders_write_nothing(world):
    cycle = start(world)
    record = save(cycle, world.member, led_by=world.member, strengths="I lead")
    assert record.led_by == world.member
    entry = ActivityEntry.objects.filter(action=InquiryActivity.RECORD_SAVED).latest("id")
    assert entry.changes["led_by"]["to"] == "Mere Member"
    with pytest.raises(KahuiError, match="member"):
        save(cycle, world.member, led_by=world.colleague, strengths="Colin leads")
    with pytest.raises(NotAllowed):
        save(cycle, world.coordinator, strengths="Overseen")


def test_an_ended_cycle_is_kept_as_it_was(world):
    cycle = move(start(world), world.facilitator, times=5)
    services.cycle_next(
        cycle=cycle, by=world.facilitator, expected_stage="reflect", question="Next round?"
    )
    cycle.refresh_from_db()
    with pytest.raises(KahuiError, match="ended"):
        save(cycle, world.facilitator, stage="reflect", learners="Afterthought")
    with pytest.raises(KahuiError, match="ended"):
        services.trial_add(cycle=cycle, by=world.member, strategy="Late", outcome="Too late")


# -- trials, plan, goals -----------------------------------------------------------


def test_a_trial_is_logged_in_the_stage_it_happened(world):
    cycle = move(start(world), world.facilitator, times=4)
    trial = services.trial_add(
        cycle=cycle,
        by=world.member,
        strategy="Sound wall every morning",
        outcome="Most children found the sounds on their own by Friday.",
        tried_on=timezone.localdate(),
    )
    assert (trial.stage, trial.added_by) == ("act", world.member)
    with pytest.raises(KahuiError, match="future"):
        services.trial_add(
            cycle=cycle,
            by=world.member,
            strategy="Tomorrow",
            outcome="?",
            tried_on=timezone.localdate() + timedelta(days=5),
        )
    with pytest.raises(KahuiError, match="what happened"):
        services.trial_add(cycle=cycle, by=world.member, strategy="Nothing", outcome=" ")


def test_a_plan_action_is_tagged_with_its_level_and_stage(world):
    cycle = move(start(world), world.facilitator, times=3)
    action = services.plan_action_add(
        cycle=cycle, by=world.member, text="Small-group blending", level="targeted"
    )
    assert (action.level, action.cycle, action.stage) == ("targeted", 1, "plan")
    with pytest.raises(KahuiError, match="who the action is for"):
        services.plan_action_add(cycle=cycle, by=world.member, text="For?", level="everyone")
    assert {value for value, _label in ActionItem._meta.get_field("level").choices} == {
        level.value for level in ActionLevel
    }


def edit(**values) -> services.MeasureEdit:
    defaults = {
        "text": "Every Year 1 learner blends CVC words",
        "name": "Share of Year 1 blending CVC words",
        "unit": "%",
        "baseline": 40.0,
        "target": 80.0,
        "starts_on": date(2026, 2, 2),
        "due_on": date(2026, 6, 26),
    }
    return services.MeasureEdit(**{**defaults, **values})


def test_a_new_goal_joins_the_groups_goals_with_its_measure(world):
    cycle = move(start(world), world.facilitator, times=3)
    measure = services.goal_save(cycle=cycle, by=world.facilitator, edit=edit())
    goal = measure.goal
    assert goal.group == world.group
    assert goal in cycle.goals.all()
    assert goal.evidence == "Share of Year 1 blending CVC words"
    assert (measure.baseline, measure.target, measure.unit) == (40.0, 80.0, "%")
    assert ActivityEntry.objects.filter(action="group.goal_added", target=goal.text).exists()
    entry = ActivityEntry.objects.get(action=InquiryActivity.GOAL_MEASURED)
    assert entry.changes["target"] == {"label": "Target", "from": "", "to": "80"}


def test_refining_a_goal_keeps_the_history_of_its_words(world):
    cycle = start(world)
    measure = GoalMeasure.objects.get(goal=world.group.goals.get())
    services.goal_save(
        cycle=cycle, by=world.facilitator, measure=measure, edit=edit(text="Daily phonics, 15 min")
    )
    changed = ActivityEntry.objects.get(action="group.goal_changed")
    assert changed.changes["text"] == {
        "label": "Goal",
        "from": "Daily phonics",
        "to": "Daily phonics, 15 min",
    }
    assert Goal.objects.get(pk=measure.goal_id).evidence == "Running records"


def test_a_goal_needs_a_way_to_go(world):
    cycle = start(world)
    with pytest.raises(KahuiError, match="differ from the baseline"):
        services.goal_save(cycle=cycle, by=world.facilitator, edit=edit(target=40.0))
    with pytest.raises(KahuiError, match="due after"):
        services.goal_save(cycle=cycle, by=world.facilitator, edit=edit(due_on=date(2026, 1, 1)))
    with pytest.raises(NotAllowed):
        services.goal_save(cycle=cycle, by=world.member, edit=edit())
    other = make_group(world.outsider, name="Elsewhere")
    foreign = GoalMeasure.objects.create(goal=other.goals.get())
    with pytest.raises(NotAllowed):
        services.goal_save(cycle=cycle, by=world.facilitator, measure=foreign, edit=edit())
    assert world.group.goals.count() == 1


@pytest.mark.clock
def test_readings_move_the_goals_progress(world, time_machine):
    time_machine.move_to(datetime(2026, 4, 14, 10, tzinfo=ZoneInfo("Pacific/Auckland")))
    cycle = move(start(world), world.facilitator, times=3)
    measure = services.goal_save(cycle=cycle, by=world.facilitator, edit=edit())
    [card] = [c for c in selectors.goal_cards(cycle) if c.measure == measure]
    assert card.status == "not_measured"
    assert card.percent is None
    services.reading_add(
        cycle=cycle, measure=measure, by=world.member, taken_on=date(2026, 4, 10), value=60
    )
    [card] = [c for c in selectors.goal_cards(cycle) if c.measure == measure]
    assert (card.percent, card.bar, card.latest.value) == (50, 50, 60)
    assert card.status == "on_track"  # half way, a little under half the time gone
    services.reading_add(
        cycle=cycle, measure=measure, by=world.member, taken_on=date(2026, 4, 13), value=90
    )
    card = selectors.goal_card(cycle, measure)
    assert (card.percent, card.bar, card.status) == (125, 100, "reached")
    assert [r.value for r in card.readings] == [60, 90]
    assert GoalReading.objects.filter(stage="plan", cycle=cycle).count() == 2
    with pytest.raises(KahuiError, match="future"):
        services.reading_add(
            cycle=cycle, measure=measure, by=world.member, taken_on=date(2026, 5, 1), value=1
        )


def test_revisits_replace_the_list(world):
    cycle = start(world)
    goal = world.group.goals.get()
    services.revisits_save(cycle=cycle, by=world.member, revisits=[services.Revisit(goal, "Why")])
    services.revisits_save(cycle=cycle, by=world.member, revisits=[services.Revisit(goal, "Why")])
    assert ActivityEntry.objects.filter(action=InquiryActivity.REVISITS_SAVED).count() == 1
    services.revisits_save(cycle=cycle, by=world.member, revisits=[])
    assert not cycle.revisits.exists()


# -- meetings in the inquiry ---------------------------------------------------------


def test_meetings_decisions_and_actions_carry_the_round_and_stage(world):
    start(world)
    meeting = make_meeting(world)
    decision = meeting_services.decision_record(meeting=meeting, by=world.member, text="Go")
    action = meeting_services.action_add(
        group=world.group, by=world.member, text="Read", meeting=meeting, level="universal"
    )
    assert (meeting.cycle, meeting.stage) == (1, "connect")
    assert (decision.cycle, decision.stage) == (1, "connect")
    assert (action.cycle, action.stage, action.level) == (1, "connect", "universal")
    with pytest.raises(KahuiError, match="who the action is for"):
        meeting_services.action_add(group=world.group, by=world.member, text="?", level="all")


def test_meetings_still_to_come_follow_the_group_on(world, time_machine):
    now = timezone.now()
    time_machine.move_to(now - timedelta(days=7))
    cycle = start(world)
    held = make_meeting(world, title="Earlier", days=2)
    upcoming = make_meeting(world, days=10)
    time_machine.move_to(now)
    move(cycle, world.facilitator)
    upcoming.refresh_from_db()
    held.refresh_from_db()
    assert (upcoming.cycle, upcoming.stage) == (1, "gather")
    assert (held.cycle, held.stage) == (1, "connect")


def test_the_cycle_page_files_what_happened_under_its_stage(world, time_machine):
    now = timezone.now()
    time_machine.move_to(now - timedelta(days=12))
    cycle = start(world)
    held = make_meeting(world, days=2)
    time_machine.move_to(held.ends_at)
    meeting_services.decision_record(meeting=held, by=world.member, text="Start a sound wall")
    time_machine.move_to(now)
    cycle = move(cycle, world.facilitator)
    world.group.refresh_from_db()
    meeting_services.action_add(group=world.group, by=world.member, text="Collect records")
    page = selectors.cycle_page(cycle)
    connect, gather = page.parts
    assert [m.pk for m in connect.meetings] == [held.pk]
    assert [d.text for d in connect.decisions] == ["Start a sound wall"]
    assert [a.text for a in gather.actions] == ["Collect records"]
    assert page.current is gather
    assert page.earlier == [connect]


def test_another_models_meetings_are_filed_by_when_they_happened(world, time_machine):
    now = timezone.now()
    time_machine.move_to(now - timedelta(days=20))
    cycle = start(world, model=PLAN_DO_STUDY_ACT.key)
    before = make_meeting(world, title="Planning", days=2)
    after = make_meeting(world, title="Trying", days=15)
    time_machine.move_to(before.ends_at)
    meeting_services.decision_record(meeting=before, by=world.member, text="Try it")
    time_machine.move_to(now - timedelta(days=10))
    cycle = move(cycle, world.facilitator)
    time_machine.move_to(now)
    meeting_services.action_add(group=world.group, by=world.member, text="Measure it")
    page = selectors.cycle_page(cycle)
    plan, do = page.parts
    assert [m.title for m in plan.meetings] == ["Planning"]
    assert [d.text for d in plan.decisions] == ["Try it"]
    assert [m.pk for m in do.meetings] == [after.pk]
    assert [a.text for a in do.actions] == ["Measure it"]


# -- the data behind it ------------------------------------------------------------


def test_every_stage_of_every_model_has_somewhere_to_write(world):
    for model in MODELS:
        for stage in model.stages:
            keys = [field.key for field in record_fields(stage)]
            assert len(keys) == len(set(keys)), (model.key, stage.key)
            assert keys or set(stage.collects) & LISTS, (model.key, stage.key)


def test_every_inquiry_activity_is_known_to_the_log():
    assert set(InquiryActivity) <= set(registered())


def test_a_reading_needs_a_member(world):
    cycle = start(world)
    measure = GoalMeasure.objects.get(goal=world.group.goals.get())
    stranger = make_user("stranger@elsewhere.example")
    with pytest.raises(NotAllowed):
        services.reading_add(
            cycle=cycle, measure=measure, by=stranger, taken_on=date.today(), value=1
        )
    group_services.group_leave(group=world.group, user=world.member)
    with pytest.raises(NotAllowed):
        services.reading_add(
            cycle=cycle, measure=measure, by=world.member, taken_on=date.today(), value=1
        )
