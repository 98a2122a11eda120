"""Oversight: each organisation's learning objectives (in both countries), the first
goal of several groups and a personal goal serving one, and one group whose meetings
lapsed for some weeks, so the coordinator dashboard flags it irregular and the reports
have objectives with and without groups."""

from datetime import timedelta

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.oversight import IRREGULAR_DAYS, IRREGULAR_GROUP, LINKED_GOALS, OBJECTIVES
from kahui.groups import services as group_services
from kahui.groups.models import LearningGroup
from kahui.groups.services import ItemEdit
from kahui.meetings import services as meeting_services
from kahui.meetings.models import Attendance, MeetingStatus
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.oversight import services
from kahui.reflection import services as reflection_services
from kahui.reflection.models import PersonalGoal


def objectives(builder: Workshop) -> None:
    made = {}
    now = builder.timeline.now
    for key, rows in OBJECTIVES.items():
        organisation = builder.orgs[key]
        admin = (
            OrgMembership.objects.filter(organisation=organisation, role=OrgRole.ADMIN)
            .select_related("user")
            .first()
        )
        with builder.timeline.at(now - timedelta(days=90)):
            for title, description in rows:
                made[(key, title)] = services.objective_add(
                    organisation=organisation, by=admin.user, title=title, description=description
                )
    for name, (key, title) in LINKED_GOALS.items():
        group = LearningGroup.objects.get(name=name)
        goals = list(group.goals.all())
        facilitator = group.memberships.filter(role="facilitator").first().user
        rows = [
            ItemEdit(
                id=goal.pk,
                values={
                    "text": goal.text,
                    "evidence": goal.evidence,
                    **({"objective": made[(key, title)]} if index == 0 else {}),
                },
            )
            for index, goal in enumerate(goals)
        ]
        with builder.timeline.at(now - timedelta(days=80)):
            group_services.goals_save(group=group, by=facilitator, rows=rows)
        personal = PersonalGoal.objects.filter(group=group).order_by("created_at", "id").first()
        if personal is not None:
            reflection_services.personal_goal_update(
                goal=personal,
                by=personal.user,
                text=personal.text,
                group_goal=personal.group_goal,
                reached_on=personal.reached_on,
                objective=made[(key, title)],
            )


def irregular_group(builder: Workshop) -> None:
    """Cancel the meetings of one group for some weeks: it lapsed, and shows so."""
    group = LearningGroup.objects.get(name=IRREGULAR_GROUP)
    now = builder.timeline.now
    newest, oldest = IRREGULAR_DAYS
    facilitator = group.memberships.filter(role="facilitator").first().user
    lapsed = list(
        group.meetings.filter(
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=now - timedelta(days=oldest),
            starts_at__lt=now - timedelta(days=newest),
        )
    )
    for meeting in lapsed:
        with builder.timeline.at(meeting.starts_at - timedelta(days=1)):
            meeting_services.meeting_cancel(
                meeting=meeting, by=facilitator, reason="Relief cover ran out this term."
            )
    # The history was written as if they took place: nobody attended a called-off one.
    Attendance.objects.filter(meeting__in=lapsed).delete()
