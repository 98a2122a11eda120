"""Demo data: a believable learning-support cluster, its educators and their groups.

``kahui seed-demo`` calls :func:`build_demo`. Everything is generated here from the
tables in :mod:`kahui.demo.data` (organisations, staff slots, name pools, group
charters, meetings) with a fixed random seed, so every run produces the same people
with the same addresses.

The build goes through the same services the web pages use (``org_create``,
``group_create``, ``goals_save``, ``invite_accept``, ``group_set_stage`` …), so the
activity log reads like months of real use. A :class:`Timeline` then moves each
step's timestamps back to the day it "happened". The emails the services
would send (invitations, join requests, actions, guests) are muted.

The organisations get their school terms and holidays, and every group a meeting
series from when it opened (in its time zone, following the terms), with the
duties, attendance, minutes, decisions and actions of each meeting held since.

Running it twice changes nothing: the whole build is one transaction, and once the
demo cluster exists the build only reports the log-ins.
"""

import dataclasses
import random
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kahui.accounts.models import Profile, User
from kahui.accounts.services import focus_area_for_name, profile_update
from kahui.core.email import emails_muted
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.demo.builder.roster import DemoLogin, Person, demo_logins, demo_roster
from kahui.demo.builder.timeline import Timeline
from kahui.demo.data.calendars import (
    TERM,
    SchoolCalendar,
    first_meeting_day,
    school_calendars,
)
from kahui.demo.data.groups import GROUPS, GoalText, GroupSpec, Revision
from kahui.demo.data.meetings import MEETINGS, MeetingNotes
from kahui.demo.data.people import (
    CLUSTER_ROLES,
    DEMO_CLUSTER_NAME,
    DEMO_PASSWORD,
    FOCUS_AREAS,
    NL_TIME_ZONE,
    NZ_TIME_ZONE,
    ORGANISATIONS,
    SEED,
    OrgSpec,
)
from kahui.demo.data.sharing import SHARING_EN, SHARING_NL
from kahui.groups import services as group_services
from kahui.groups.models import (
    Access,
    Format,
    Frequency,
    Goal,
    GroupMembership,
    GroupRole,
    LearningGroup,
    Norm,
)
from kahui.groups.services import ItemEdit
from kahui.groups.stages import STAGE_ORDER, Stage
from kahui.meetings import recurrence
from kahui.meetings import services as meeting_services
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaTemplate,
    AgendaTemplateStep,
    AttendanceStatus,
    Meeting,
    MeetingSeries,
)
from kahui.meetings.protocols import sync_builtin_protocols
from kahui.meetings.rotation import suggest_duties
from kahui.orgs import services as org_services
from kahui.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole

# ---------------------------------------------------------------------------
# Meetings: each group's series and what happened at its meetings
# ---------------------------------------------------------------------------

# Frequencies a series can repeat at by whole weeks (others fall back to fortnightly).
WEEKLY_PATTERNS = {
    Frequency.WEEKLY: ("weekly", 1),
    Frequency.FORTNIGHTLY: ("fortnightly", 2),
    Frequency.THREE_WEEKLY: ("three_weekly", 3),
}


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    created: bool  # False when the demo was already in place and nothing changed
    organisations: int
    educators: int
    groups: int
    logins: tuple[DemoLogin, ...]
    password: str = DEMO_PASSWORD
    url: str = "http://127.0.0.1:8000/"


def _summary(roster: Sequence[Person], *, created: bool) -> DemoSummary:
    return DemoSummary(
        created=created,
        organisations=Organisation.objects.filter(
            name__in=[org.name for org in ORGANISATIONS]
        ).count(),
        educators=User.objects.filter(email__in=[person.email for person in roster]).count(),
        groups=LearningGroup.objects.filter(name__in=[spec.name for spec in GROUPS]).count(),
        logins=demo_logins(roster),
        url=settings.SITE_URL.rstrip("/") + "/",
    )


# ---------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------


class DemoConflict(Exception):
    """The database already holds some of the demo's addresses, but not the demo."""


def build_demo() -> DemoSummary:
    """Create the demo cluster, educators and groups, or report the existing ones.

    One transaction: a run that fails half-way leaves nothing behind."""
    roster = demo_roster()
    # The demo addresses are not real: nobody should be emailed while building.
    with emails_muted(), transaction.atomic():
        if Organisation.objects.filter(name=DEMO_CLUSTER_NAME, kind=OrgKind.CLUSTER).exists():
            return _summary(roster, created=False)
        clashes = list(
            User.objects.filter(email__in=[p.email for p in roster]).values_list("email", flat=True)
        )
        if clashes:
            raise DemoConflict(
                "These demo addresses already belong to accounts: " + ", ".join(sorted(clashes))
            )
        _Builder(roster).build()
        return _summary(roster, created=True)


class _Builder:
    def __init__(self, roster: Sequence[Person]) -> None:
        self.roster = list(roster)
        now = timezone.now()
        self.calendars = school_calendars(now.astimezone(ZoneInfo(NZ_TIME_ZONE)).date())
        self.timeline = Timeline(now, self.calendars)
        self.rng = random.Random(SEED + 1)
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by all
        self.users: dict[str, User] = {}
        self.orgs: dict[str, Organisation] = {}
        self.areas: dict[str, FocusArea] = {}
        self.founded: dict[str, datetime] = {}

    def build(self) -> None:
        self._focus_areas()
        sync_builtin_protocols(AgendaTemplate, AgendaTemplateStep)
        for org_spec in ORGANISATIONS:
            self._organisation(org_spec)
        for calendar in self.calendars:
            self._school_calendar(calendar)
        groups = [(spec, _GroupStory(self, spec).tell()) for spec in GROUPS]
        for spec, group in groups:
            _MeetingHistory(self, spec, group).tell()
        for index, (spec, group) in enumerate(groups):
            _Sharing(self, spec, group, index).tell()
        _finding_times(self, groups)
        self._proposals()

    # -- vocabulary and people ------------------------------------------------

    def _focus_areas(self) -> None:
        # The demo's vocabulary is the shared list; only what people type is proposed.
        for key, (name, _dutch) in FOCUS_AREAS.items():
            area = FocusArea.objects.filter(name__iexact=name).first() or FocusArea(name=name)
            area.status = FocusAreaStatus.ACCEPTED
            area.save()
            self.areas[key] = area

    def _proposals(self) -> None:
        """Two focus areas typed at Harakeke Grove, waiting for its administrators (and
        the cluster's coordinators) on the organisation's "Proposed focus areas" page."""
        lead = self.users["hg.junior"]
        group = LearningGroup.objects.get(name="Structured literacy in the junior school")
        group_services.group_update(
            group=group,
            by=lead,
            version=group.version,
            focus_areas=[*group.focus_areas.all(), focus_area_for_name("Decodable texts", by=lead)],
        )
        teacher = self.users["hg.t1"]
        profile_update(profile=teacher.profile, new_interests=["Outdoor learning"])

    def _account(self, person: Person, org: Organisation | None, joined: datetime) -> User:
        user = User.objects.create(email=person.email, password=self.password, date_joined=joined)
        profile = Profile.objects.create(
            user=user,
            display_name=person.display_name,
            role=person.role,
            organisation=org,
            subjects=list(person.subjects),
            year_levels=list(person.year_levels),
            time_zone=person.time_zone,
            language=person.language,
            bio=person.bio,
        )
        profile.interests.set([self.areas[key] for key in person.interests])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        self.users[person.key] = user
        return user

    def _organisation(self, spec: OrgSpec) -> None:
        tz = NL_TIME_ZONE if spec.country == "NL" else NZ_TIME_ZONE
        staff = [p for p in self.roster if p.org_key == spec.key]
        founder = next(p for p in staff if p.org_role == OrgRole.ADMIN)
        founded_days_ago = spec.created_weeks_ago * 7
        parent = self.orgs.get(spec.parent)

        founded = self.timeline.day(founded_days_ago, 9, 30, tz=tz)
        self.founded[spec.key] = founded
        with self.timeline.at(founded):
            # The founder's account comes first: org_create makes its creator the admin.
            admin = self._account(founder, org=None, joined=founded)
            org = org_services.org_create(
                by=admin,
                name=spec.name,
                kind=spec.kind,
                city=spec.city,
                country=spec.country,
                description=spec.description,
            )
            Profile.objects.filter(user=admin).update(organisation=org)
            if parent is not None:
                # Only the cluster's own administrator may bring a school into it.
                cluster_admin = (
                    OrgMembership.objects.filter(organisation=parent, role=OrgRole.ADMIN)
                    .order_by("pk")
                    .first()
                    .user
                )
                org = org_services.org_update(org=org, by=cluster_admin, parent=parent)
        self.orgs[spec.key] = org

        for person in sorted(staff, key=lambda p: p.joined_days_after):
            if person is founder:
                continue
            days_ago = founded_days_ago - person.joined_days_after
            hour, minute = self.rng.randint(8, 20), self.rng.randint(0, 59)
            joined = self.timeline.day(days_ago, hour, minute, tz=tz)
            with self.timeline.at(joined):
                user = self._account(person, org=org, joined=joined)
                membership = org_services.org_join_by_code(user=user, code=org.invite_code)
            if person.org_role != OrgRole.MEMBER:
                with self.timeline.at(self.timeline.day(days_ago - 1, 8, 40, tz=tz)):
                    org_services.org_member_set_role(
                        membership=membership, by=admin, role=person.org_role
                    )
            if parent is not None and person.role in CLUSTER_ROLES:
                with self.timeline.at(self.timeline.day(days_ago - 2, 13, 15, tz=tz)):
                    org_services.org_join_by_code(user=user, code=parent.invite_code)

    def _school_calendar(self, calendar: SchoolCalendar) -> None:
        spec = next(o for o in ORGANISATIONS if o.key == calendar.organisation)
        admin = next(
            self.users[p.key]
            for p in self.roster
            if p.org_key == spec.key and p.org_role == OrgRole.ADMIN
        )
        tz = NL_TIME_ZONE if spec.country == "NL" else NZ_TIME_ZONE
        added = self.timeline.day(calendar.added_days_ago, 10, 15, tz=tz, school_days=False)
        # Dates published before the organisation joined Kāhui are added the day after.
        with self.timeline.at(max(added, self.founded[spec.key] + timedelta(days=1))):
            for period in calendar.periods:
                org_services.period_add(
                    org=self.orgs[spec.key],
                    by=admin,
                    kind=period.kind,
                    name=period.name,
                    first_day=period.first_day,
                    last_day=period.last_day,
                )


class _GroupStory:
    """One group's life so far: set-up, invitations, opening, joining, the He Pikorua
    stages (with the revisions made along the way), and what is still pending."""

    def __init__(self, builder: _Builder, spec: GroupSpec) -> None:
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
        """When the group first meets, as :class:`_MeetingHistory` schedules it."""
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
        opened = _opened_days_ago(spec)
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

        for step in range(1, moves + 1):
            moved = opened - gap * step
            with self.at(moved, 15, 45):
                group = group_services.group_set_stage(group=group, by=self.lead)
            stage, cycle = Stage(group.stage), group.cycle
            for revision in spec.revisions:
                if (revision.stage, revision.cycle) == (stage, cycle):
                    with self.at(moved - min(2, gap / 3), 18, 30):
                        group = self._revise(group, revision)

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


class _MeetingHistory:
    """A group's meetings so far: its protocol, a series scheduled when the group
    opened and laid out from then on, and at every meeting held since, the duties,
    attendance, minutes, decisions and actions; then what is planned next."""

    def __init__(self, builder: _Builder, spec: GroupSpec, group: LearningGroup) -> None:
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
        opened = self.b.timeline.day(_opened_days_ago(self.spec), 15, 40, tz=str(self.zone))
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


def _opened_days_ago(spec: GroupSpec) -> int:
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


# ---------------------------------------------------------------------------
# Conversations, the library and finding times
# ---------------------------------------------------------------------------


class _Sharing:
    """Threads, replies, reactions and an answer; resources, one published to the
    organisation and one to everyone, in a collection."""

    def __init__(self, builder: _Builder, spec: GroupSpec, group, index: int) -> None:
        self.b, self.spec, self.group, self.index = builder, spec, group, index
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.texts = SHARING_NL if org_spec.country == "NL" else SHARING_EN

    def tell(self) -> None:
        from kahui.discussions import services as talk
        from kahui.library import services as library

        people = [m.user for m in self.group.memberships.order_by("created_at", "id")]
        if len(people) < 2:
            return
        lead = people[0]
        texts = self.texts
        for number, (kind, title, body) in enumerate(texts["threads"]):
            author = people[(number + 1) % len(people)]
            if number == 0:
                body += f" @{_handle_of(lead)}"
            thread = talk.thread_start(
                group=self.group, by=author, kind=kind, title=title, body=body
            )
            replies = []
            for offset in range(1 + (number + self.index) % 3):
                replier = people[(number + offset + 2) % len(people)]
                if replier == author:
                    continue
                text = texts["replies"][(number + offset) % len(texts["replies"])]
                replies.append(talk.reply(thread=thread, by=replier, body=text))
            if replies:
                talk.react(post=replies[0], by=author, kind="thanks")
                talk.react(post=replies[0], by=lead, kind="helpful")
                if kind in ("question", "problem"):
                    talk.answer_accept(thread=thread, by=author, post=replies[0])
            if number == 1:
                talk.moderate(thread=thread, by=lead, pinned=True)
            talk.mark_read(thread=thread, user=lead)
        areas = list(self.group.focus_areas.all())
        for number, (kind, title, text, minutes, stage, principles) in enumerate(
            texts["resources"]
        ):
            resource = library.resource_add(
                group=self.group,
                by=people[number % len(people)],
                kind=kind,
                title=title,
                description=text if kind == "link" else "",
                url=f"https://example.org/kahui-demo/{self.index}/{number}"
                if kind == "link"
                else "",
                body=text if kind == "note" else "",
                minutes=minutes,
                stage=stage,
                principles=principles,
                focus_areas=areas[:2],
                visibility=(
                    "organisation" if number == 0 else "public" if number == 2 else "group"
                ),
            )
            library.collection_add(
                group=self.group,
                by=lead,
                name="Start here" if texts is SHARING_EN else "Om mee te beginnen",
                resource=resource,
            )


def _handle_of(user: User) -> str:
    """How members mention someone: their name without spaces, e.g. @AarohaNgata."""
    return "".join(user.display_name.split())


def _school_days_ahead(builder: _Builder, today: date, *, first: int, count: int) -> list[int]:
    """Days from ``today`` of the ``count`` weekdays in term from ``first`` days on,
    every other one: when a poll for a term meeting offers its times."""
    periods = [p for c in builder.calendars if c.organisation == "cl" for p in c.periods]
    found: list[int] = []
    ahead = first
    while len(found) < count and ahead < first + 366:
        day = today + timedelta(days=ahead)
        in_term = any(p.kind == TERM and p.first_day <= day <= p.last_day for p in periods)
        if day.weekday() < 5 and in_term:
            found.append(ahead)
            ahead += 1
        ahead += 1
    return found or [first, first + 2, first + 4]


def _finding_times(builder: _Builder, groups) -> None:
    """An open availability poll, and usual weeks for the members of two groups."""
    from datetime import time as clock

    from kahui.scheduling import services as scheduling
    from kahui.scheduling.slots import week_mask

    for _spec, group in groups[:2]:
        for number, membership in enumerate(group.memberships.select_related("user__profile")):
            user = membership.user
            start = 14 + number % 3  # free from 14:00, 15:00 or 16:00 ...
            cells = [
                (day, minute)
                for day in (0, 1, 2, 3)
                if (day + number) % 4 != 0
                for minute in range(start * 60, 18 * 60, 30)
            ]
            scheduling.availability_save(
                user=user,
                time_zone=user.profile.time_zone,
                cell_minutes=30,
                yes=week_mask(cells, 30),
                if_need_be=week_mask([(4, m) for m in range(15 * 60, 17 * 60, 30)], 30),
            )
    _spec, group = groups[0]
    facilitator = group.memberships.filter(role=GroupRole.FACILITATOR).first().user
    today = timezone.now().astimezone(ZoneInfo(facilitator.profile.time_zone)).date()
    poll = scheduling.poll_create(
        group=group,
        by=facilitator,
        title="Term planning hui: when suits?",
        description="Pick every time you could make; we'll go with the best.",
        time_zone=facilitator.profile.time_zone,
        options=[
            scheduling.OptionPlan(
                day=today + timedelta(days=d),
                start=clock(15, 30),
                duration_minutes=60,
                format=Format.IN_PERSON,
            )
            for d in _school_days_ahead(builder, today, first=6, count=3)
        ],
    )
    options = list(poll.options.order_by("starts_at"))
    for number, membership in enumerate(group.memberships.all()):
        if number % 4 == 3:
            continue  # some have not answered yet
        answers = {
            option.pk: ["yes", "maybe", "no"][(number + i) % 3] for i, option in enumerate(options)
        }
        scheduling.poll_answer(
            poll=poll,
            user=membership.user,
            answers=answers,
            comment="After duty is easier for me." if number == 1 else "",
        )
