"""A group's meetings: its protocol, its series from when it opened, and at every
meeting held since, the duties, attendance, minutes, decisions and actions."""

import dataclasses
import random
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kahui.accounts.models import User
from kahui.demo.builder.groups import opened_days_ago
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.calendars import first_meeting_day
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.meetings import MEETINGS, MeetingNotes
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE, ORGANISATIONS, SEED
from kahui.groups.models import Frequency, GroupMembership, LearningGroup
from kahui.meetings import recurrence
from kahui.meetings import services as meeting_services
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaTemplate,
    AttendanceStatus,
    Meeting,
    MeetingSeries,
)
from kahui.meetings.rotation import suggest_duties

# Frequencies a series can repeat at by whole weeks (others fall back to fortnightly).
WEEKLY_PATTERNS = {
    Frequency.WEEKLY: ("weekly", 1),
    Frequency.FORTNIGHTLY: ("fortnightly", 2),
    Frequency.THREE_WEEKLY: ("three_weekly", 3),
}


class MeetingHistory:
    """A group's meetings so far: its protocol, a series scheduled when the group
    opened and laid out from then on, and at every meeting held since, the duties,
    attendance, minutes, decisions and actions; then what is planned next."""

    def __init__(self, builder: Workshop, spec: GroupSpec, group: LearningGroup) -> None:
        self.b = builder
        self.spec = spec
        self.plan = MEETINGS[spec.name]
        self.group = group
        self.now = builder.timeline.now
        # Its own generator, so the meetings never change the people or the groups.
        self.rng = random.Random(f"{SEED}:{spec.name}")
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.zone = ZoneInfo(NL_TIME_ZONE if org_spec.country == "NL" else NZ_TIME_ZONE)
        self.lead = builder.users[spec.facilitators[0]]
        self.facilitators = [builder.users[key] for key in spec.facilitators]
        self.users_by_id = {user.pk: user for user in builder.users.values()}
        # Who belonged to the group from when (joins were back-dated by the story).
        self.joined = list(
            GroupMembership.objects.filter(group=group)
            .order_by("created_at", "id")
            .values_list("user_id", "created_at")
        )
        self.marks: dict[int, str] = {}  # each person's latest attendance status

    # -- time ------------------------------------------------------------------

    def at(self, when: datetime) -> AbstractContextManager[None]:
        """A step at ``when``, or just before now if that is still to come."""
        return self.b.timeline.at(min(when, self.now - timedelta(minutes=2)))

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def members_at(self, moment: datetime) -> list[int]:
        return [user_id for user_id, joined in self.joined if joined <= moment]

    def owner(self, key: str, members: Sequence[int]) -> User:
        """The action's owner, or the lead facilitator if they had not joined yet."""
        user = self.lead if key == "lead" else self.b.users[key]
        return user if user.pk in members else self.lead

    # -- the story -------------------------------------------------------------

    def tell(self) -> None:
        # Scheduled straight after the group opens (at 3:30 pm).
        opened = self.b.timeline.day(opened_days_ago(self.spec), 15, 40, tz=str(self.zone))
        with self.at(opened):
            template = self._protocol()
            series, meetings, next_start = self._series(template, opened)
        past = [m for m in meetings if m.ends_at < self.now]
        upcoming = [m for m in meetings if m.ends_at >= self.now]
        if self.plan.cancelled and len(past) >= 4:
            called_off = past[len(past) // 2]
            with self.at(called_off.starts_at - timedelta(days=6, hours=7)):
                meeting_services.meeting_cancel(
                    meeting=called_off, by=self.lead, reason=self.plan.cancelled
                )
            past.remove(called_off)
        held = past  # every other past meeting took place
        last = held[-1].ends_at if held else opened
        if not upcoming or upcoming[-1].starts_at < self.now + timedelta(weeks=12):
            # This year's series runs out soon: the next one is planned already.
            with self.at(last + timedelta(minutes=30)):
                upcoming += self._next_series(series, next_start)

        notes = self._notes_for(len(held))
        due = [self.local(m.starts_at).date() for m in [*held[1:], *upcoming[:1]]]
        actions: list[list[ActionItem]] = []
        note_takers: list[int | None] = []
        timekeepers: list[int | None] = []
        assigned_at = opened + timedelta(minutes=5)
        norms_at = 0 if self.plan.norms_review[0] == "first" else len(held) - 1
        for index, meeting in enumerate(held):
            chair = self.facilitators[index % len(self.facilitators)]
            # Duties are set after the last meeting, or the day before; the first
            # meeting's at its start, among everyone who has joined by then.
            if index == 0:
                assigned_at = meeting.starts_at - timedelta(minutes=10)
            else:
                assigned_at = max(assigned_at, meeting.starts_at - timedelta(days=1))
            with self.at(assigned_at):
                meeting = self._duties(meeting, chair, assigned_at, note_takers, timekeepers)
            with self.at(meeting.ends_at - timedelta(minutes=5)):
                self._attendance(meeting, chair)
                if index == norms_at:
                    meeting_services.norms_reviewed(
                        group=self.group, by=chair, meeting=meeting, note=self.plan.norms_review[1]
                    )
            due_on = due[index] if index < len(due) else None
            actions.append(self._write_up(meeting, notes[index], due_on))
            assigned_at = meeting.ends_at + timedelta(minutes=10)
        self._follow_up(held, actions)

        # The next meeting has its duties, a guest may be coming, and a later one is off.
        if upcoming:
            chair = self.facilitators[len(held) % len(self.facilitators)]
            if not held:
                assigned_at = max(assigned_at, upcoming[0].starts_at - timedelta(days=1))
            with self.at(assigned_at):
                self._duties(upcoming[0], chair, assigned_at, note_takers, timekeepers)
        name, email = self.plan.guest
        if name and upcoming:
            with self.at(last + timedelta(days=2, hours=4)):
                meeting_services.guest_invite(
                    meeting=upcoming[0], by=self.lead, name=name, email=email
                )
        if self.plan.cancelled_next and len(upcoming) >= 2:
            with self.at(last + timedelta(days=1, hours=2)):
                meeting_services.meeting_cancel(
                    meeting=upcoming[1], by=self.lead, reason=self.plan.cancelled_next
                )

    # -- the protocol and the series -------------------------------------------

    def _protocol(self) -> AgendaTemplate:
        template = AgendaTemplate.objects.get(group=None, key=self.plan.protocol)
        if self.plan.adapted is not None:
            copy = meeting_services.template_copy(template=template, group=self.group, by=self.lead)
            steps = [
                meeting_services.StepEdit(title=title, kind=kind, minutes=minutes, guidance=guide)
                for kind, title, minutes, guide in self.plan.adapted.steps
            ]
            template = meeting_services.template_save(
                template=copy,
                by=self.lead,
                name=copy.name,
                description=self.plan.adapted.description,
                steps=steps,
            )
        meeting_services.template_make_default(template=template, group=self.group, by=self.lead)
        return template

    def _series(
        self, template: AgendaTemplate, opened: datetime
    ) -> tuple[MeetingSeries, list[Meeting], date]:
        """The group's series from its first meeting day after it opened (keeping to
        the terms when its organisation has term dates that reach it). Also returns
        where the series' last date falls, for the one that follows it."""
        group, plan = self.group, self.plan
        pattern, interval = WEEKLY_PATTERNS.get(Frequency(group.frequency), ("fortnightly", 2))
        today = self.local(self.now).date()
        first = first_meeting_day(self.local(opened).date(), plan.weekday)
        terms, _holidays = meeting_services.school_periods(group)
        follow = (
            bool(terms)
            and min(term.first for term in terms) <= first + timedelta(days=70)
            and max(term.last for term in terms) >= today
        )
        meetings = self._schedule_from(
            meeting_services.MeetingPlan(
                title=plan.title,
                start_date=first,
                start_time=plan.start,
                time_zone=str(self.zone),
                duration_minutes=group.meeting_minutes,
                format=group.format,
                location=plan.location,
                online_url=plan.online_url,
                template=template,
                rule=recurrence.build_rule(pattern=pattern, start=first),
                follow_terms=follow,
            )
        )
        series = meetings[0].series
        assert series is not None
        last_date = self.local(series.meetings.order_by("-starts_at")[0].starts_at).date()
        return series, meetings, last_date + timedelta(weeks=interval)

    def _schedule_from(self, plan: meeting_services.MeetingPlan) -> list[Meeting]:
        """Schedule a weekly series through the service from ``plan.start_date``, which
        may be in the past. The service only schedules from today on, so a past series
        is scheduled the same whole number of weeks later and every meeting is then
        moved back by that many weeks of local time (a 3:45 pm meeting stays at 3:45 pm
        across daylight saving). Dates outside term are then left out, as the service
        would have done from the first date."""
        first = plan.start_date
        today = self.local(self.now).date()
        weeks = max(0, -(-(today + timedelta(days=1) - first).days // 7))
        planned = meeting_services.meetings_schedule(
            group=self.group,
            by=self.lead,
            plan=dataclasses.replace(
                plan, start_date=first + timedelta(weeks=weeks), follow_terms=False
            ),
        )
        series = planned[0].series
        assert series is not None
        # Earliest first: each meeting moves to a slot no other meeting still holds.
        for meeting in sorted(planned, key=lambda m: m.starts_at):
            local = self.local(meeting.starts_at).replace(tzinfo=None) - timedelta(weeks=weeks)
            starts = local.replace(tzinfo=self.zone)
            Meeting.objects.filter(pk=meeting.pk).update(
                starts_at=starts,
                ends_at=starts + timedelta(minutes=series.duration_minutes),
                original_start=starts,
            )
        meetings = list(series.meetings.order_by("starts_at"))
        skipped = []
        if plan.follow_terms:
            terms, holidays = meeting_services.school_periods(self.group)
            for meeting in meetings:
                day = self.local(meeting.starts_at).date()
                if not any(day in term for term in terms) or any(day in h for h in holidays):
                    skipped.append(meeting)
            Meeting.objects.filter(pk__in=[m.pk for m in skipped]).delete()
            meetings = [m for m in meetings if m not in skipped]
        series.start_date = first
        series.follow_terms = plan.follow_terms
        series.skipped_dates = [self.local(m.starts_at).date().isoformat() for m in skipped]
        series.save(update_fields=["start_date", "follow_terms", "skipped_dates", "updated_at"])
        return meetings

    def _next_series(self, series: MeetingSeries, start: date) -> list[Meeting]:
        """The same series again, from where the last one ends."""
        terms, _holidays = meeting_services.school_periods(self.group)
        return self._schedule_from(
            meeting_services.MeetingPlan(
                title=series.title,
                start_date=start,
                start_time=series.start_time,
                time_zone=series.time_zone,
                duration_minutes=series.duration_minutes,
                format=series.format,
                location=series.location,
                online_url=series.online_url,
                template=series.template,
                rule=series.rule,
                # Without term dates that far ahead, it keeps to the rule alone.
                follow_terms=series.follow_terms and any(t.last >= start for t in terms),
            )
        )

    # -- one meeting -------------------------------------------------------------

    def _duties(
        self,
        meeting: Meeting,
        chair: User,
        moment: datetime,
        note_takers: list[int | None],
        timekeepers: list[int | None],
    ) -> Meeting:
        """Note-taker and timekeeper in turn among the members at ``moment``."""
        members = self.members_at(moment)
        note_taker, timekeeper = suggest_duties(
            members,
            note_takers,
            timekeepers,
            exclude=frozenset({chair.pk}) if len(members) > 2 else frozenset(),
        )
        note_takers.append(note_taker)
        timekeepers.append(timekeeper)
        return meeting_services.duties_assign(
            meeting=meeting,
            by=chair,
            facilitator=chair,
            note_taker=self.users_by_id.get(note_taker or 0),
            timekeeper=self.users_by_id.get(timekeeper or 0),
        )

    def _attendance(self, meeting: Meeting, chair: User) -> None:
        """Mostly everyone, for the whole meeting; some send apologies (never twice in
        a row), a few leave early. Whoever has a duty, or comes for the first time, is
        there throughout."""
        length = meeting.duration_minutes
        on_duty = {chair.pk, meeting.note_taker_id, meeting.timekeeper_id}
        rows = []
        for user_id in self.members_at(meeting.starts_at):
            status, minutes = AttendanceStatus.PRESENT, length
            earlier = self.marks.get(user_id)
            if user_id not in on_duty and earlier == AttendanceStatus.PRESENT:
                draw = self.rng.random()
                if draw < 0.12:
                    status, minutes = AttendanceStatus.APOLOGIES, 0
                elif draw < 0.14:
                    status, minutes = AttendanceStatus.ABSENT, 0
                elif draw < 0.22:
                    minutes = max(10, length - self.rng.choice((10, 15, 20, 30)))
            self.marks[user_id] = status
            rows.append(meeting_services.AttendanceRow(user_id, status, minutes))
        meeting_services.attendance_record(meeting=meeting, by=chair, rows=rows)

    def _notes_for(self, held: int) -> list[MeetingNotes]:
        """The story in order from the first meeting; when more meetings were held
        than it tells, routine write-ups fill the gap before its latest part."""
        first, *story = self.plan.notes
        story = story[: max(0, held - 1)]
        routine = [
            MeetingNotes(heading, (line,))
            for heading, line in (
                self.plan.routine[i % len(self.plan.routine)] for i in range(held - 1 - len(story))
            )
        ]
        return [first, *routine, *story][:held]

    def _write_up(
        self, meeting: Meeting, notes: MeetingNotes, due_on: date | None
    ) -> list[ActionItem]:
        """Decisions and actions during the meeting; the note-taker writes the minutes
        up straight after and tidies them the next morning."""
        writer = self.users_by_id.get(meeting.note_taker_id or 0, self.lead)
        members = self.members_at(meeting.starts_at)
        created = []
        with self.at(meeting.ends_at - timedelta(minutes=8)):
            for text in notes.decisions:
                meeting_services.decision_record(meeting=meeting, by=writer, text=text)
            for action in notes.actions:
                created.append(
                    meeting_services.action_add(
                        group=self.group,
                        by=writer,
                        text=action.text,
                        owner=self.owner(action.owner, members),
                        due_on=due_on,
                        meeting=meeting,
                    )
                )
        lines = [f"## {notes.focus}", ""] + [f"- {point}" for point in notes.points]
        drafts = [lines] if len(notes.points) < 3 else [lines[:-1], lines]
        version = 0
        for number, text in enumerate(drafts):
            saved = meeting.ends_at + timedelta(minutes=20 + number * 14 * 60)
            with self.at(saved):
                meeting = meeting_services.minutes_save(
                    meeting=meeting, by=writer, text="\n".join(text) + "\n", version=version
                )
            version = meeting.minutes_version
        return created

    def _follow_up(self, held: list[Meeting], actions: list[list[ActionItem]]) -> None:
        """Actions are due at the next meeting and mostly done by then: in the days
        before it, or ticked off in its review (a few are dropped there). From the
        meeting before last only the first is done, so the others are overdue; from
        the last one all are open, unless it was the only one."""
        for index, made in enumerate(actions):
            start = held[index].ends_at + timedelta(hours=20)
            following = held[index + 1] if index + 1 < len(held) else None
            for number, action in enumerate(made):
                if index == len(held) - 1:
                    status = ActionStatus.DONE if len(held) == 1 and number == 0 else None
                elif index == len(held) - 2:
                    status = ActionStatus.DONE if number == 0 else None
                elif self.rng.random() < 0.08:
                    status = ActionStatus.DROPPED
                else:
                    status = ActionStatus.DONE
                if status is None:
                    continue
                if following is None:  # the group's only meeting so far
                    when = start + (self.now - start) * self.rng.random()
                elif status == ActionStatus.DROPPED or self.rng.random() < 0.5:
                    when = following.starts_at + timedelta(minutes=self.rng.randint(8, 20))
                else:
                    earliest = max(start, following.starts_at - timedelta(days=4))
                    latest = max(earliest, following.starts_at - timedelta(hours=2))
                    when = earliest + (latest - earliest) * self.rng.random()
                who = action.owner if status == ActionStatus.DONE and action.owner else self.lead
                with self.at(when):
                    meeting_services.action_set_status(action=action, by=who, status=status)
