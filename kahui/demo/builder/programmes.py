"""Programmes in the demo (``PROGRAMMES``): set up, the intake written, two versions of
the proposal commented on and agreed, the groups made, coaches added, the kick-off
scheduled with answers to its tasks; the cluster's programme also has its groups
opened, an intervisie circle for its facilitators and the circle's first meeting."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE
from kahui.demo.data.programmes import PROGRAMMES, ProgrammeSpec
from kahui.groups import services as group_services
from kahui.groups.models import GroupInvite
from kahui.meetings import services as meeting_services
from kahui.programmes import services
from kahui.programmes.models import Programme


def _stamp(row: models.Model, when: datetime) -> None:
    """Programme rows are not among the timeline's columns: date them by hand."""
    fields = {"created_at": when}
    if any(field.name == "updated_at" for field in row._meta.fields):
        fields["updated_at"] = when
    type(row)._default_manager.filter(pk=row.pk).update(**fields)


class Programmes:
    def __init__(self, builder: Workshop) -> None:
        self.b = builder

    def tell(self) -> None:
        for spec in PROGRAMMES:
            self._programme(spec)

    def _programme(self, spec: ProgrammeSpec) -> None:
        users, timeline = self.b.users, self.b.timeline
        tz = NL_TIME_ZONE if spec.country == "NL" else NZ_TIME_ZONE
        runner = users[spec.runner]
        when = timeline.day(spec.created_days_ago, 10, 0, tz=tz)
        with timeline.at(when):
            programme = services.programme_create(
                by=runner,
                organisation=self.b.orgs[spec.lead],
                name=spec.name,
                partnership=spec.partnership,
                partners=[self.b.orgs[key] for key in spec.partners],
            )
            intake = services.intake_save(
                programme=programme, by=runner, held_on=when.date(), **spec.intake
            )
        _stamp(programme, when)
        _stamp(intake, when)

        for version_spec in spec.versions:
            written = timeline.day(version_spec.days_ago, 16, 0, tz=tz)
            with timeline.at(written):
                version = services.version_write(
                    programme=programme,
                    by=users[version_spec.by],
                    note=version_spec.note,
                    fits_with=version_spec.fits_with,
                    roles=version_spec.roles,
                    groups=[
                        services.GroupPlan(
                            name=plan.name,
                            focus=plan.focus,
                            frequency=plan.frequency,
                            meeting_minutes=plan.minutes,
                            facilitators=[users[key] for key in plan.facilitators],
                            participants=[users[key] for key in plan.participants],
                        )
                        for plan in version_spec.groups
                    ],
                )
            _stamp(version, written)
            for hours, (author, text) in enumerate(version_spec.comments, start=1):
                said = written + timedelta(hours=hours * 18)
                with timeline.at(said):
                    comment = services.version_comment(version=version, by=users[author], text=text)
                _stamp(comment, said)
            for hours, key in enumerate(version_spec.agreed_by, start=2):
                agreed = written + timedelta(days=hours)
                admin = users[key]
                organisation = next(
                    org
                    for org in programme.organisations()
                    if org.memberships.filter(user=admin, role="admin").exists()
                )
                with timeline.at(agreed):
                    agreement = services.version_agree(
                        version=version, by=admin, organisation=organisation
                    )
                _stamp(agreement, agreed)

        made_at = timeline.day(spec.versions[-1].days_ago - 4, 9, 0, tz=tz)
        with timeline.at(made_at):
            groups = services.groups_generate(programme=programme, by=runner)
            for coach in spec.coaches:
                services.coach_add(programme=programme, by=runner, user=users[coach])
        if spec.launched:
            self._launch(programme, groups, made_at + timedelta(days=2))
        self._kickoff(programme, spec, tz)
        if spec.circle:
            self._circle(programme, spec, tz)
        if spec.support_ends_in_days:
            programme.support_ends_on = timezone.localdate() + timedelta(
                days=spec.support_ends_in_days
            )
            programme.save(update_fields=["support_ends_on"])
        moved = timeline.day(1, 9, 30, tz=tz)
        with timeline.at(moved):
            services.phase_move(programme=programme, by=runner, phase=spec.phase)

    def _launch(self, programme: Programme, groups, when: datetime) -> None:
        """The facilitators finish setting up their groups; the invited join."""
        for group in groups:
            lead = group.memberships.get(role="facilitator").user
            with self.b.timeline.at(when):
                group_services.goals_save(
                    group=group,
                    by=lead,
                    rows=[
                        group_services.ItemEdit(
                            id=None,
                            values={
                                "text": "Learners explain their thinking in every maths lesson",
                                "evidence": "Recordings of learner talk, twice a term",
                            },
                        )
                    ],
                )
                group_services.group_launch(group=group, by=lead, emails=[])
            with self.b.timeline.at(when + timedelta(hours=20)):
                for invite in GroupInvite.objects.filter(group=group).pending():
                    user = next(u for u in self.b.users.values() if u.email == invite.email)
                    group_services.invite_accept(invite=invite, user=user)

    def _kickoff(self, programme: Programme, spec: ProgrammeSpec, tz: str) -> None:
        runner = self.b.users[spec.runner]
        zone = ZoneInfo(tz)
        if spec.kickoff_days < 0:
            held = self.b.timeline.day(-spec.kickoff_days, 15, 30, tz=tz)
            starts_at, scheduled = held, held - timedelta(days=10)
        else:
            day = timezone.now().astimezone(zone).date() + timedelta(days=spec.kickoff_days)
            starts_at = datetime.combine(day, time(15, 0), zone)
            scheduled = self.b.timeline.day(3, 11, 0, tz=tz)
        with self.b.timeline.at(scheduled):
            kickoff = services.kickoff_schedule(
                programme=programme, by=runner, starts_at=starts_at, place=spec.kickoff_place
            )
        _stamp(kickoff, scheduled)
        for index, (author, task, text) in enumerate(spec.answers):
            with self.b.timeline.at(scheduled + timedelta(hours=3 + index)):
                answer = services.kickoff_answer(
                    kickoff=kickoff, by=self.b.users[author], task=task, text=text
                )
            _stamp(answer, scheduled + timedelta(hours=3 + index))

    def _circle(self, programme: Programme, spec: ProgrammeSpec, tz: str) -> None:
        runner = self.b.users[spec.runner]
        with self.b.timeline.at(self.b.timeline.day(20, 9, 0, tz=tz)):
            circle = services.circle_create(programme=programme, by=runner, name=spec.circle)
        day = timezone.now().astimezone(ZoneInfo(tz)).date() + timedelta(days=8)
        with self.b.timeline.at(self.b.timeline.day(2, 10, 0, tz=tz)):
            meeting_services.meetings_schedule(
                group=circle,
                by=runner,
                plan=meeting_services.MeetingPlan(
                    title=spec.circle_meeting[0],
                    start_date=day,
                    start_time=time(15, 45),
                    time_zone=tz,
                    duration_minutes=60,
                    format="in_person",
                    location=spec.circle_meeting[1],
                    template=circle.default_template,
                ),
            )
