"""Recognition: kudos in every group, and one member's professional-learning record
with a certificate her facilitator confirmed. (The first round the te reo group
completed is celebrated by the app itself, as the group's story moves it on.)"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.people import ORGANISATIONS
from kahui.demo.data.recognition import KUDOS_EN, KUDOS_NL, LEARNING, RECORD_PERSON
from kahui.groups.models import LearningGroup
from kahui.library.models import Resource
from kahui.recognition import selectors, services


class Kudos:
    """Members thank each other: after the latest meeting, and for what they shared."""

    def __init__(self, builder: Workshop, spec: GroupSpec, group: LearningGroup) -> None:
        self.b, self.spec, self.group = builder, spec, group
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.texts = KUDOS_NL if org_spec.country == "NL" else KUDOS_EN

    def tell(self) -> None:
        people = [m.user for m in self.group.memberships.order_by("created_at", "id")]
        now = self.b.timeline.now
        latest = self.group.meetings.held().filter(ends_at__lt=now).order_by("-starts_at").first()
        for number, (giver, receiver, text, about) in enumerate(self.texts):
            if max(giver, receiver) >= len(people):
                continue
            meeting = latest if about == "meeting" else None
            resource = (
                Resource.objects.filter(group=self.group, added_by=people[receiver]).first()
                if about == "resource"
                else None
            )
            if about == "resource" and resource is None:
                continue
            if meeting is not None:
                when = meeting.ends_at + timedelta(hours=3 + 20 * number)
            else:
                when = now - timedelta(hours=30 - 5 * number)
            with self.b.timeline.at(min(when, now - timedelta(minutes=15))):
                services.kudos_give(
                    group=self.group,
                    by=people[giver],
                    receiver=people[receiver],
                    text=text,
                    meeting=meeting,
                    resource=resource,
                )


def learning_record(builder: Workshop, groups: list[tuple[GroupSpec, LearningGroup]]) -> None:
    """The record of the demo's member: learning she logged over the last weeks, and
    the certificate for her hours with her group this year (or last year's, in the
    first days of January), asked for and confirmed by her facilitator."""
    person = builder.users[RECORD_PERSON]
    spec, group = next((s, g) for s, g in groups if RECORD_PERSON in s.members)
    facilitator = builder.users[spec.facilitators[0]]
    zone = person.profile.time_zone
    for kind, days_ago, minutes, note, with_group in LEARNING:
        when = builder.timeline.day(days_ago, 19, 30, tz=zone)
        with builder.timeline.at(when):
            services.learning_activity_add(
                user=person,
                kind=kind,
                done_on=when.astimezone(ZoneInfo(zone)).date(),
                minutes=minutes,
                note=note,
                group=group if with_group else None,
            )
    year = next(
        (
            year
            for year in selectors.record_years(person)
            if selectors.learning_hours(person, year=year, group=group).minutes
        ),
        None,
    )
    if year is None:
        return
    with builder.timeline.at(builder.timeline.day(3, 16, 10, tz=zone)):
        certificate = services.certificate_request(
            user=person, group=group, year=year, message="For my appraisal, please."
        )
    with builder.timeline.at(builder.timeline.day(2, 8, 20, tz=zone)):
        services.certificate_confirm(
            certificate=certificate,
            by=facilitator,
            activity_ids=set(
                selectors.activities_in(person, year=year, group=group).values_list("pk", flat=True)
            ),
        )
