"""The cohort view: which educators of an organisation (with its schools, for a
cluster) are in no group, in more than one, or have stopped attending (absent from the
last three meetings of a group of theirs). Names and groups only. Four queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kahui.groups.models import GroupMembership, Status
from kahui.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from kahui.orgs.models import Organisation, OrgMembership

STOPPED_AFTER = 3  # meetings missed in a row
WINDOW_DAYS = 180


@dataclass
class Educator:
    name: str
    organisation: str
    groups: list[str] = field(default_factory=list)
    stopped_in: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cohort:
    educators: list[Educator]

    @property
    def in_no_group(self) -> list[Educator]:
        return [e for e in self.educators if not e.groups]

    @property
    def in_several(self) -> list[Educator]:
        return [e for e in self.educators if len(e.groups) > 1]

    @property
    def stopped(self) -> list[Educator]:
        return [e for e in self.educators if e.stopped_in]


def cohort_of(organisations: QuerySet[Organisation], *, now=None) -> Cohort:
    now = now or timezone.now()
    people = {}
    for membership in (
        OrgMembership.objects.filter(organisation__in=organisations)
        .select_related("user__profile", "organisation")
        .order_by("user__profile__display_name", "user_id")
    ):
        people.setdefault(
            membership.user_id,
            Educator(name=membership.user.display_name, organisation=membership.organisation.name),
        )
    memberships = list(
        GroupMembership.objects.filter(user_id__in=people, group__status=Status.ACTIVE)
        .order_by("group__name")
        .values_list("user_id", "group_id", "group__name", "created_at")
    )
    group_ids = {row[1] for row in memberships}
    # The last meetings of each group at which attendance was taken.
    recent: dict[int, list[tuple[int, object]]] = defaultdict(list)
    meetings = (
        Meeting.objects.filter(
            group_id__in=group_ids,
            status=MeetingStatus.SCHEDULED,
            starts_at__lt=now,
            starts_at__gte=now - timedelta(days=WINDOW_DAYS),
            attendance__isnull=False,
        )
        .distinct()
        .order_by("group_id", "-starts_at")
        .values_list("group_id", "pk", "starts_at")
    )
    for group_id, meeting_id, starts_at in meetings:
        if len(recent[group_id]) < STOPPED_AFTER:
            recent[group_id].append((meeting_id, starts_at))
    considered = [
        meeting_id
        for rows in recent.values()
        if len(rows) == STOPPED_AFTER
        for meeting_id, _starts in rows
    ]
    present = set(
        Attendance.objects.filter(
            meeting_id__in=considered, status=AttendanceStatus.PRESENT
        ).values_list("user_id", "meeting__group_id")
    )
    for user_id, group_id, name, joined in memberships:
        person = people[user_id]
        person.groups.append(name)
        last = recent.get(group_id, [])
        # Only the meetings since they joined count: a newcomer has not stopped.
        if (
            len(last) == STOPPED_AFTER
            and joined <= last[-1][1]
            and (user_id, group_id) not in present
        ):
            person.stopped_in.append(name)
    return Cohort(educators=list(people.values()))
