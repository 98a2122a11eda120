"""The facilitator home: the groups a person facilitates and what needs them today, in
a fixed number of queries however many groups they facilitate (one per kind of item,
plus whatever the apps registered in ``kahui.groups.pages.facilitator_needs`` ask)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.groups.models import GroupMembership, GroupRole, JoinRequest, LearningGroup, Status
from kahui.groups.pages import WaitingItem, facilitator_needs
from kahui.health.models import HealthCheck
from kahui.health.results import DEFAULT_THRESHOLD, effective_threshold
from kahui.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from kahui.scheduling.models import AvailabilityPoll

PREPARE_DAYS = 7  # a meeting within a week without its agenda or duties needs preparing
CLOSING_SOON = timedelta(hours=24)  # a poll whose deadline is this near
HEALTH_EVERY_DAYS = 70  # about a term: a group with no check for that long is due one


@dataclass(frozen=True)
class FacilitatorHome:
    groups: list[LearningGroup]
    waiting: list[WaitingItem]


def facilitated(user):
    return LearningGroup.objects.filter(
        memberships__user=user, memberships__role=GroupRole.FACILITATOR
    ).exclude(status=Status.ARCHIVED)


def _meetings_to_prepare(groups, now: datetime) -> list[WaitingItem]:
    meetings = (
        Meeting.objects.filter(
            group__in=groups,
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=PREPARE_DAYS),
        )
        .annotate(steps=Count("agenda"))
        .filter(Q(steps=0) | Q(note_taker__isnull=True) | Q(timekeeper__isnull=True))
        .select_related("group")
        .order_by("starts_at")
    )
    items = []
    for meeting in meetings:
        missing = []
        if not meeting.steps:
            missing.append(_("an agenda"))
        if meeting.note_taker_id is None or meeting.timekeeper_id is None:
            missing.append(_("duties"))
        items.append(
            WaitingItem(
                kind="meeting",
                text=_("Prepare “%(title)s”: it has no %(missing)s yet")
                % {"title": meeting.title, "missing": _(" or ").join(missing)},
                url=reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id]),
                group_name=meeting.group.name,
                due=meeting.starts_at,
            )
        )
    return items


def _overdue_actions(groups, now: datetime) -> list[WaitingItem]:
    rows = (
        ActionItem.objects.filter(
            group__in=groups, status=ActionStatus.OPEN, due_on__lt=timezone.localdate(now)
        )
        .values("group__public_id", "group__name")
        .annotate(n=Count("pk"))
        .order_by("group__name")
    )
    return [
        WaitingItem(
            kind="actions",
            text=_("%(n)s overdue action(s)") % {"n": row["n"]},
            url=reverse("meetings:list", args=[row["group__public_id"]]),
            group_name=row["group__name"],
        )
        for row in rows
    ]


def _join_requests(groups) -> list[WaitingItem]:
    requests = (
        JoinRequest.objects.pending()
        .filter(group__in=groups)
        .select_related("group", "user__profile")
        .order_by("created_at")
    )
    return [
        WaitingItem(
            kind="request",
            text=_("%(name)s asks to join") % {"name": request.user.display_name},
            url=reverse("groups:members", args=[request.group.public_id]) + "#requests",
            group_name=request.group.name,
            due=request.created_at,
        )
        for request in requests
    ]


def _polls_to_close(groups, now: datetime) -> list[WaitingItem]:
    polls = (
        AvailabilityPoll.objects.filter(group__in=groups, closed_at__isnull=True)
        .filter(Q(deadline__isnull=True) | Q(deadline__lt=now + CLOSING_SOON))
        .select_related("group")
        .order_by("created_at")
    )
    return [
        WaitingItem(
            kind="poll",
            text=_("Close the poll “%(title)s” and choose a time") % {"title": poll.title},
            url=reverse("scheduling:poll", args=[poll.group.public_id, poll.public_id]),
            group_name=poll.group.name,
            due=poll.deadline,
        )
        for poll in polls
    ]


def _health_due(groups, now: datetime) -> list[WaitingItem]:
    recent = HealthCheck.objects.filter(
        group=OuterRef("pk"), opened_at__gte=now - timedelta(days=HEALTH_EVERY_DAYS)
    )
    candidates = (
        groups.filter(status=Status.ACTIVE)
        .annotate(
            recent=Exists(recent),
            members=Count("memberships", distinct=True),
        )
        .filter(recent=False)
        .values("public_id", "name", "members", "health_settings__threshold")
    )
    return [
        WaitingItem(
            kind="health",
            text=_("A health check is due: the group has not had one for a term"),
            url=reverse("health:overview", args=[row["public_id"]]),
            group_name=row["name"],
        )
        for row in candidates
        if row["members"]
        >= effective_threshold(row["health_settings__threshold"] or DEFAULT_THRESHOLD)
    ]


def facilitator_home(user, *, now: datetime | None = None) -> FacilitatorHome:
    """The groups ``user`` facilitates and what needs them: a fixed number of queries."""
    now = now or timezone.now()
    groups = facilitated(user)
    mine = list(
        groups.select_related("organisation").annotate(
            member_count=Count("memberships", distinct=True)
        )
    )
    if not mine:
        return FacilitatorHome(groups=[], waiting=[])
    ids = [group.pk for group in mine]
    scope = LearningGroup.objects.filter(pk__in=ids)
    waiting = (
        _meetings_to_prepare(ids, now)
        + _overdue_actions(ids, now)
        + _join_requests(ids)
        + _polls_to_close(ids, now)
        + _health_due(scope, now)
    )
    for needs in facilitator_needs:
        waiting.extend(needs(user))
    return FacilitatorHome(groups=mine, waiting=waiting)


def facilitates_any(user) -> bool:
    return GroupMembership.objects.filter(user=user, role=GroupRole.FACILITATOR).exists()
