"""The build: one transaction that adds the focus areas, the organisations with their
people and school calendars, then tells each group's story, meetings and sharing; or,
once the demo is in place, only reports the log-ins."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kahui.accounts.models import Profile, User
from kahui.accounts.services import focus_area_for_name, profile_picture_set, profile_update
from kahui.core.email import emails_muted
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.demo.builder import faces
from kahui.demo.builder.api import api_token
from kahui.demo.builder.coaching import coaching
from kahui.demo.builder.deciding import DecidingTogether
from kahui.demo.builder.formation import formation_run
from kahui.demo.builder.groups import GroupStory
from kahui.demo.builder.health import HealthHistory
from kahui.demo.builder.inquiry import file_under_stages
from kahui.demo.builder.meetings import MeetingHistory
from kahui.demo.builder.oversight import irregular_group, objectives
from kahui.demo.builder.programmes import Programmes
from kahui.demo.builder.recognition import Kudos, learning_record
from kahui.demo.builder.reflection import Reflection, portfolio
from kahui.demo.builder.rights import data_rights
from kahui.demo.builder.roster import DemoLogin, Person, demo_logins, demo_roster
from kahui.demo.builder.rosters import roster_import
from kahui.demo.builder.sharing import Sharing, finding_times
from kahui.demo.builder.supporters import Supporters
from kahui.demo.builder.timeline import Timeline
from kahui.demo.builder.voice import VoiceAndProducts
from kahui.demo.builder.webhooks import webhooks
from kahui.demo.data.calendars import SchoolCalendar, school_calendars
from kahui.demo.data.groups import GROUPS
from kahui.demo.data.people import (
    CLUSTER_ROLES,
    DEMO_CLUSTER_NAME,
    DEMO_PASSWORD,
    DOMAIN_TIED,
    FOCUS_AREAS,
    HIDDEN_FROM_SEARCH,
    NL_TIME_ZONE,
    NZ_TIME_ZONE,
    ORGANISATIONS,
    SEED,
    OrgSpec,
)
from kahui.groups import services as group_services
from kahui.groups.models import LearningGroup
from kahui.meetings.models import AgendaTemplate, AgendaTemplateStep
from kahui.meetings.protocols import sync_builtin_protocols
from kahui.orgs import services as org_services
from kahui.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole
from kahui.people.services import vectors_rebuild

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
        Builder(roster).build()
        # Recommendations with reasons on every demo dashboard from the first page.
        vectors_rebuild()
        return _summary(roster, created=True)


class Builder:
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
        groups = [(spec, GroupStory(self, spec).tell()) for spec in GROUPS]
        for spec, group in groups:
            MeetingHistory(self, spec, group).tell()
            file_under_stages(group)
        for index, (spec, group) in enumerate(groups):
            Sharing(self, spec, group, index).tell()
            VoiceAndProducts(self, spec, group, index).tell()
        for spec, group in groups:
            HealthHistory(self, spec, group).tell()
            Kudos(self, spec, group).tell()
        learning_record(self, groups)
        for spec, group in groups:
            Reflection(self, spec, group).tell()
        portfolio(self, groups)
        finding_times(self, groups)
        DecidingTogether(self).tell()
        self._proposals()
        Programmes(self).tell()
        coaching(self)
        Supporters(self).tell()
        objectives(self)
        irregular_group(self)
        formation_run(self)
        roster_import(self)
        webhooks(self)
        data_rights(self)
        api_token(self)

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
            findable=person.key not in HIDDEN_FROM_SEARCH,
        )
        profile.interests.set([self.areas[key] for key in person.interests])
        if faces.has_picture(person.key):
            profile_picture_set(profile=profile, data=faces.portrait(person.key))
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
                # Its new members and groups take this language (people's profiles
                # come from the roster: Dutch for the Dutch organisations' staff).
                default_language="nl" if spec.country == "NL" else "en",
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
        if spec.key == DOMAIN_TIED:
            # Its administrator tied the school's email domain, so colleagues who sign up
            # with a school address join at once. SSO is not required: the demo has no
            # sign-in provider configured (docs/SSO.md).
            with self.timeline.at(self.timeline.day(founded_days_ago - 3, 10, 5, tz=tz)):
                org_services.org_domain_add(org=org, by=admin, domain=spec.domain)

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
