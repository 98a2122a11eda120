"""A group's inquiry: its rounds of He Pikorua, told through the inquiry's services as
the group's story moves it through the stages — who led each stage and what they
wrote, the goals measured and read, the plan at three levels, the trials and the goals
to revisit — and, once its meetings are built, each meeting, decision and action filed
under the round and stage it happened in."""

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kahui.accounts.models import User
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.inquiry import GATHERED, INQUIRIES, DataSetText, Gathered, Round
from kahui.demo.data.people import SEED
from kahui.groups.models import LearningGroup
from kahui.groups.stages import Stage
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import InquiryCycle, StageMove, StageRecord
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem, ActionStatus, Decision, Meeting
from kahui.retrospective import services as retrospective_services
from kahui.retrospective.models import Choice


class InquiryStory:
    """One group's rounds of inquiry, a stage at a time: :meth:`start` the first round,
    :meth:`tell` what happens in the stage up to a moment, :meth:`move` on."""

    def __init__(self, builder: Workshop, group: LearningGroup, lead: User, tz: str) -> None:
        self.b = builder
        self.group = group
        self.lead = lead
        self.zone = ZoneInfo(tz)
        self.rounds: Sequence[Round] = INQUIRIES[group.name]
        self.round = 0
        self.cycle: InquiryCycle | None = None
        self.since = builder.timeline.now
        # Its own generator, so the inquiry never changes the people, groups or meetings.
        self.rng = random.Random(f"{SEED}:inquiry:{group.name}")
        self.plan_actions: list[ActionItem] = []

    def user(self, key: str) -> User:
        return self.b.users[key]

    def _goals(self):
        return list(self.group.goals.all())

    def start(self, when: datetime) -> None:
        """The lead facilitator starts the first round, for all the group's goals."""
        with self.b.timeline.at(when):
            self.cycle = inquiry_services.cycle_start(
                group=self.group,
                by=self.lead,
                question=self.rounds[0].question,
                goals=self._goals(),
            )
        self.since = when

    def follow_goals(self) -> None:
        """The cycle serves every goal the group has, after the group changed them."""
        assert self.cycle is not None
        self.cycle = inquiry_services.cycle_update(
            cycle=self.cycle, by=self.lead, question=self.cycle.question, goals=self._goals()
        )

    def move(self, when: datetime) -> LearningGroup:
        """Move on to the next stage; from reflecting, start the next round."""
        assert self.cycle is not None
        with self.b.timeline.at(when):
            stage = self.cycle.stage_key
            if self.cycle.inquiry_model.is_last(stage):
                self.round += 1
                self.cycle = inquiry_services.cycle_next(
                    cycle=self.cycle,
                    by=self.lead,
                    expected_stage=stage,
                    question=self.rounds[self.round].question,
                    goals=self._goals(),
                )
            else:
                self.cycle = inquiry_services.stage_move(
                    cycle=self.cycle, by=self.lead, expected_stage=stage
                )
        self.group = self.cycle.group
        self.since = when
        return self.group

    # -- a stage's work --------------------------------------------------------

    def _moments(self, start: datetime, end: datetime, count: int) -> list[datetime]:
        """``count`` moments in order, from a fifth of the way into the window (after
        the charter's changes at the start of a stage) to its end, in the daytime."""
        start = start + (end - start) / 5
        moments = []
        for index in range(count):
            moment = start + (end - start) * ((index + self.rng.uniform(0.2, 0.8)) / count)
            local = moment.astimezone(self.zone)
            if not 8 <= local.hour <= 20:
                daytime = local.replace(hour=self.rng.randint(8, 20))
                if start <= daytime < end:
                    moment = daytime
            moments.append(moment)
        return sorted(moments)

    def tell(self, until: datetime) -> None:
        """What the group did in the stage it is in, from when it got there to ``until``."""
        assert self.cycle is not None
        until = max(until, self.since + timedelta(minutes=20))
        story = self.rounds[self.round]
        stage = Stage(self.cycle.stage_key)
        work = story.steps.get(stage)
        steps: list = []
        if work is not None:
            saves = work.saves or ((work.led_by, {}),)
            steps += [("save", who, texts, work.led_by) for who, texts in saves]
        if stage == Stage.PLAN:
            steps = [("measure", m) for m in story.measures] + steps
            steps += [("plan", action) for action in story.plan]
        for measure in story.measures:
            steps += [("reading", measure, value) for at, value in measure.readings if at == stage]
        if stage == Stage.ACT:
            steps += [("trial", trial) for trial in story.trials]
        gathered = GATHERED.get((self.group.name, self.round), Gathered())
        steps += [("evidence", item) for item in gathered.evidence if item.stage == stage]
        steps += [("data", data) for data in gathered.data_sets if data.stage == stage]
        if stage == Stage.REFLECT:
            if story.revisits:
                steps.append(("revisits", work.led_by if work else self.lead))
            if story.retrospective is not None:
                steps.append(("retrospective", story.retrospective))
            if self.round < len(self.rounds) - 1:
                steps += [("done", action) for action in self.plan_actions]
        for moment, step in zip(self._moments(self.since, until, len(steps)), steps, strict=True):
            with self.b.timeline.at(moment):
                self._do(step, moment)

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def _do(self, step: tuple, moment: datetime) -> None:
        cycle = self.cycle
        assert cycle is not None
        kind = step[0]
        if kind == "save":
            _kind, who, texts, leader = step
            record = StageRecord.objects.filter(cycle=cycle, stage=cycle.stage_key).first()
            values = {**(record.values if record else {}), **texts}
            inquiry_services.stage_record_save(
                cycle=cycle,
                stage=cycle.stage_key,
                by=self.user(who),
                values=values,
                version=record.version if record else 0,
                led_by=self.user(leader),
            )
        elif kind == "measure":
            measure = step[1]
            goal = self._goals()[measure.goal]
            starts_on = self._day(moment) - timedelta(days=14)
            inquiry_services.goal_save(
                cycle=cycle,
                by=self.lead,
                measure=goal.measure,
                edit=inquiry_services.MeasureEdit(
                    text=goal.text,
                    evidence=goal.evidence,
                    name=measure.name,
                    unit=measure.unit,
                    baseline=measure.baseline,
                    target=measure.target,
                    starts_on=starts_on,
                    due_on=starts_on + timedelta(weeks=measure.weeks),
                ),
            )
        elif kind == "plan":
            action = step[1]
            self.plan_actions.append(
                inquiry_services.plan_action_add(
                    cycle=cycle,
                    by=self.user(action.owner),
                    text=action.text,
                    level=action.level,
                    owner=self.user(action.owner),
                )
            )
        elif kind == "reading":
            _kind, measure, value = step
            goal = self._goals()[measure.goal]
            writers = [who for work in self.rounds[self.round].work for who, _t in work.saves]
            inquiry_services.reading_add(
                cycle=cycle,
                measure=goal.measure,
                by=self.user(self.rng.choice(writers)),
                taken_on=self._day(moment),
                value=value,
            )
        elif kind == "trial":
            trial = step[1]
            inquiry_services.trial_add(
                cycle=cycle,
                by=self.user(trial.by),
                strategy=trial.strategy,
                outcome=trial.outcome,
                tried_on=self._day(moment),
            )
        elif kind == "evidence":
            item = step[1]
            inquiry_services.evidence_add(
                cycle=cycle,
                by=self.user(item.by),
                edit=inquiry_services.EvidenceEdit(
                    kind=item.kind,
                    title=item.title,
                    stage=cycle.stage_key,
                    body=item.body,
                    url=item.url,
                    goal=None if item.goal is None else self._goals()[item.goal],
                    gathered_on=self._day(moment),
                ),
            )
        elif kind == "data":
            self._data_set(step[1], moment)
        elif kind == "revisits":
            goals = self._goals()
            inquiry_services.revisits_save(
                cycle=cycle,
                by=self.user(step[1]),
                revisits=[
                    inquiry_services.Revisit(goals[index], why)
                    for index, why in self.rounds[self.round].revisits
                ],
            )
        elif kind == "retrospective":
            retro = step[1]
            retrospective_services.retrospective_save(
                cycle=cycle,
                by=self.user(retro.by),
                worked=retro.worked,
                hindered=retro.hindered,
                choices={area: (Choice.CHANGE, note) for area, note in retro.changes},
            )
        elif kind == "done":
            action = step[1]
            meeting_services.action_set_status(
                action=action, by=action.owner or self.lead, status=ActionStatus.DONE
            )
            self.plan_actions.remove(action)

    def _data_set(self, data: DataSetText, moment: datetime) -> None:
        """A data set of values drawn around the text's mean, the same learner codes in
        every data set of the group (its own generator per data set, so one data set
        more or less never changes another)."""
        assert self.cycle is not None
        rng = random.Random(f"{SEED}:data:{self.group.name}:{data.title}")
        high = len(data.levels) if data.levels else data.maximum
        low = 1 if data.levels else data.minimum
        rows = []
        for index in range(data.learners):
            value = round(rng.gauss(data.mean, data.spread))
            value = min(high, value) if high is not None else value
            value = max(low, value) if low is not None else value
            year = data.year_levels[index % len(data.year_levels)] if data.year_levels else None
            rows.append(
                inquiry_services.RowIn(
                    value=float(value), code=f"{data.prefix}{index + 1:03d}", year_level=year
                )
            )
        by = self.user(data.by)
        if data.expected:
            inquiry_services.expected_levels_save(
                cycle=self.cycle, by=by, measure=data.measure, levels=dict(data.expected)
            )
        inquiry_services.data_set_save(
            cycle=self.cycle,
            by=by,
            spec=inquiry_services.DataSetSpec(
                title=data.title,
                kind=data.kind,
                measure=data.measure,
                taken_on=self._day(moment),
                stage=self.cycle.stage_key,
                scale="levels" if data.levels else "numbers",
                minimum=data.minimum,
                maximum=data.maximum,
                levels=data.levels,
                goal=None if data.goal is None else self._goals()[data.goal],
            ),
            rows=rows,
        )


# When a meeting, a decision and an action happened.
WHEN_IT_HAPPENED = ((Meeting, "starts_at"), (Decision, "created_at"), (ActionItem, "created_at"))


def file_under_stages(group: LearningGroup) -> None:
    """Meetings, decisions and actions keep the group's round and stage from when they
    were made. The demo tells a group's stages before it builds its meetings, so, as the
    timeline does with the dates, it sets each one's round and stage to those of the
    moment it happened (a meeting's start, a decision's or an action's making)."""
    moves = [
        (move.moved_at, move.cycle.number, move.to_stage)
        for move in StageMove.objects.filter(cycle__group=group)
        .exclude(to_stage="")
        .select_related("cycle")
        .order_by("moved_at", "id")
    ]

    def stamp(when: datetime) -> tuple[int, str]:
        current = (1, Stage.CONNECT.value)
        for moved_at, number, stage in moves:
            if moved_at <= when:
                current = (number, stage)
        return current

    for model, column in (
        (Meeting, "starts_at"),
        (Decision, "created_at"),
        (ActionItem, "created_at"),
    ):
        filed: dict[tuple[int, str], list[int]] = defaultdict(list)
        for pk, when in model.objects.filter(group=group).values_list("pk", column):
            filed[stamp(when)].append(pk)
        for (number, stage), pks in filed.items():
            model.objects.filter(pk__in=pks).update(cycle=number, stage=stage)
