"""A group's story: set-up, invitations, opening, joining, its inquiry through the He
Pikorua stages with the revisions made along the way, and what is still pending."""

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kahui.accounts.models import User
from kahui.demo.builder.inquiry import InquiryStory
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.calendars import first_meeting_day
from kahui.demo.data.groups import GoalText, GroupSpec, Revision
from kahui.demo.data.meetings import MEETINGS
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE, ORGANISATIONS
from kahui.groups import services as group_services
from kahui.groups.models import Access, Goal, GroupRole, LearningGroup, Norm
from kahui.groups.services import ItemEdit
from kahui.groups.stages import STAGE_ORDER, Stage


class GroupStory:
    """One group's life so far: set-up, invitations, opening, joining, the He Pikorua
    stages (with the revisions made along the way), and what is still pending."""

    def __init__(self, builder: Workshop, spec: GroupSpec) -> None:
        self.b = builder
        self.spec = spec
        self.rng = builder.rng
        self.lead = builder.users[spec.facilitators[0]]
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.tz = NL_TIME_ZONE if org_spec.country == "NL" else NZ_TIME_ZONE

    def at(self, days_ago: float, hour: int, minute: int = 0) -> AbstractContextManager[None]:
        """Run a step at ``hour:minute`` in the group's time zone, ``days_ago`` days ago."""
        return self.b.timeline.at(self.b.timeline.day(days_ago, hour, minute, tz=self.tz))

    def _any_time(self) -> tuple[int, int]:
        """Some time between breakfast and late evening: when educators answer emails."""
        return self.rng.randint(7, 21), self.rng.randint(0, 59)

    def _between(self, start: datetime, end: datetime) -> datetime:
        """A moment after ``start`` and before ``end`` (and before now), between
        breakfast and late evening when the window allows it."""
        end = min(end, self.b.timeline.now - timedelta(minutes=30))
        if end <= start:
            return start
        zone = ZoneInfo(self.tz)
        for _attempt in range(20):
            moment = start + (end - start) * self.rng.random()
            if 7 <= moment.astimezone(zone).hour <= 21:
                return moment
        return start + (end - start) / 2

    def _first_meeting(self, opened_at: datetime) -> datetime:
        """When the group first meets, as :class:`MeetingHistory` schedules it."""
        plan = MEETINGS[self.spec.name]
        zone = ZoneInfo(self.tz)
        first = first_meeting_day(opened_at.astimezone(zone).date(), plan.weekday)
        return datetime.combine(first, plan.start, zone)

    def user(self, key: str) -> User:
        return self.b.users[key]

    def tell(self) -> LearningGroup:
        spec, start = self.spec, self.spec.started_weeks_ago * 7
        with self.at(start, 16, 5):
            group = group_services.group_create(
                by=self.lead,
                name=spec.name,
                purpose=spec.purpose,
                focus_areas=[self.b.areas[key] for key in spec.focus],
                organisation=self.b.orgs[spec.organisation],
                year_levels=spec.year_levels,
                learning_areas=spec.learning_areas,
                shared_learners=spec.shared_learners,
            )
        with self.at(start - 1, 19, 40):
            group = group_services.group_update(
                group=group,
                by=self.lead,
                version=group.version,
                vision=spec.vision,
                format=spec.format,
                scope=spec.scope,
                frequency=spec.frequency,
                meeting_minutes=spec.meeting_minutes,
                target_size=spec.target_size,
                access=spec.access,
            )
        with self.at(start - 2, 16, 20):
            group_services.goals_save(
                group=group, by=self.lead, rows=_rows([], [_goal(g) for g in spec.goals])
            )
            group_services.norms_save(
                group=group, by=self.lead, rows=_rows([], [{"text": n} for n in spec.norms])
            )

        # Invitations are written during set-up; they are sent when the group opens.
        invited = [(key, GroupRole.FACILITATOR) for key in spec.facilitators[1:]]
        if spec.access != Access.OPEN:
            invited += [(key, GroupRole.MEMBER) for key in spec.members]
        with self.at(start - 3, 8, 15):
            invites = []
            for role in (GroupRole.FACILITATOR, GroupRole.MEMBER):
                emails = [self.user(key).email for key, r in invited if r == role]
                if emails:
                    invites += group_services.group_invite(
                        group=group,
                        by=self.lead,
                        emails=emails,
                        role=role,
                        message=spec.invite_message,
                    )
        opened = opened_days_ago(spec)
        with self.at(opened, 15, 30):
            group = group_services.group_activate(group=group, by=self.lead)

        # The invitations go out as the group opens; people accept over the next days,
        # and everyone who joins early is in by the first meeting.
        opened_at = self.b.timeline.day(opened, 15, 30, tz=self.tz)
        settled_by = self._first_meeting(opened_at) - timedelta(hours=1)
        by_email = {u.email: u for u in self.b.users.values()}
        for invite in invites:
            with self.b.timeline.at(self._between(opened_at, settled_by)):
                group_services.invite_accept(invite=invite, user=by_email[invite.email])

        moves = STAGE_ORDER.index(spec.stage) + len(STAGE_ORDER) * (spec.cycle - 1)
        settled = self.rng.randint(4, 9)  # days since the group reached its current stage
        gap = (opened - settled) / moves if moves else opened - 1

        if spec.access == Access.OPEN:
            # Colleagues find an open group in Explore before it first meets.
            for key in spec.members:
                with self.b.timeline.at(self._between(opened_at, settled_by)):
                    group_services.group_join(group=group, user=self.user(key))
        for ask in spec.approved_requests:
            asked = self._between(opened_at, settled_by - timedelta(hours=2))
            with self.b.timeline.at(asked):
                request = group_services.join_request_create(
                    group=group, user=self.user(ask.person), message=ask.message
                )
            with self.b.timeline.at(self._between(asked + timedelta(minutes=30), settled_by)):
                group_services.join_request_decide(
                    request=request, by=self.lead, approve=True, reply=ask.reply
                )

        # The inquiry starts once everyone who joined early is in; the group moves on
        # through its stages, writing up each, and revises its charter on the way.
        inquiry = InquiryStory(self.b, group, self.lead, self.tz)
        inquiry.start(
            min(settled_by + timedelta(minutes=30), self.b.timeline.now - timedelta(hours=3))
        )
        for step in range(1, moves + 1):
            moved = opened - gap * step
            moved_at = self.b.timeline.day(moved, 15, 45, tz=self.tz)
            inquiry.tell(until=moved_at)
            group = inquiry.move(moved_at)
            stage, cycle = Stage(group.stage), group.cycle
            for revision in spec.revisions:
                if (revision.stage, revision.cycle) == (stage, cycle):
                    with self.at(moved - min(2, gap / 3), 18, 30):
                        group = self._revise(group, revision)
                        inquiry.group = group
                        if revision.goals:
                            inquiry.follow_goals()
        inquiry.tell(until=self.b.timeline.now - timedelta(hours=1))

        for ask in spec.pending_requests:
            with self.at(self.rng.randint(1, 3), 20, 5):
                group_services.join_request_create(
                    group=group, user=self.user(ask.person), message=ask.message
                )
        for ask in spec.pending_invites:
            with self.at(3, 8, 50):
                group_services.group_invite(
                    group=group,
                    by=self.lead,
                    emails=[self.user(ask.person).email],
                    message=ask.message,
                )
        return group

    def _revise(self, group: LearningGroup, revision: Revision) -> LearningGroup:
        if revision.vision:
            group = group_services.group_update(
                group=group, by=self.lead, version=group.version, vision=revision.vision
            )
        if revision.goals:
            group_services.goals_save(
                group=group,
                by=self.lead,
                rows=_rows(list(group.goals.all()), [_goal(g) for g in revision.goals]),
            )
        if revision.norms:
            group_services.norms_save(
                group=group,
                by=self.lead,
                rows=_rows(list(group.norms.all()), [{"text": n} for n in revision.norms]),
            )
        return group


def opened_days_ago(spec: GroupSpec) -> int:
    """A group opens ten days after it was started: set-up takes a week and a half."""
    return spec.started_weeks_ago * 7 - 10


def _goal(goal: GoalText) -> dict[str, str]:
    return {"text": goal[0], "evidence": goal[1]}


def _rows(existing: Sequence[Goal | Norm], wanted: Sequence[dict[str, str]]) -> list[ItemEdit]:
    """Editor rows that turn ``existing`` items into ``wanted``, position by position."""
    pairs = zip(existing, wanted, strict=False)
    rows = [ItemEdit(id=item.pk, values=values) for item, values in pairs]
    rows += [ItemEdit(id=None, values=values) for values in wanted[len(existing) :]]
    rows += [ItemEdit(id=item.pk, values={}, delete=True) for item in existing[len(wanted) :]]
    return rows
