"""Reading learning groups: the queries behind lists, with a fixed number of queries."""

import json
from collections.abc import Iterable
from datetime import time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kahui.core.models import ActivityEntry, FocusArea
from kahui.groups.meeting_times import MeetingTime, Weekday, coming_meetings, groups_meeting
from kahui.groups.models import (
    GroupInvite,
    GroupMembership,
    GroupRole,
    GroupSupporter,
    JoinRequest,
    LearningGroup,
    RequestStatus,
    Status,
)
from kahui.groups.pages import card_figures
from kahui.orgs.models import Organisation, OrgRole

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class MeetsAt(NamedTuple):
    """When a group meets, as an Explore card says it."""

    weekday: str
    starts: time
    time_zone: str


class MemberCount(TypedDict):
    member_count: int


def _listing(
    queryset: QuerySet[LearningGroup],
) -> "QuerySet[WithAnnotations[LearningGroup, MemberCount]]":
    return (
        queryset.select_related("organisation")
        .prefetch_related("focus_areas")
        .annotate(member_count=Count("memberships", distinct=True))
    )


def groups_of_member(user) -> QuerySet[LearningGroup]:
    """The groups ``user`` belongs to, with their role in each (``my_role``), the
    requests waiting in each, and the figures other apps add to the cards
    (:data:`kahui.groups.pages.card_figures`: how many discussion threads have news
    for them, ``unread_threads``)."""
    my_role = GroupMembership.objects.filter(group=OuterRef("pk"), user=user).values("role")[:1]
    figures = {name: figure(user) for name, figure in card_figures.items()}
    return (
        # Filter through a subquery: a join on memberships would also limit the count.
        _listing(
            LearningGroup.objects.filter(
                pk__in=GroupMembership.objects.filter(user=user).values("group")
            )
        )
        .exclude(status=Status.ARCHIVED)
        .annotate(
            my_role=Subquery(my_role),
            **figures,
            pending_requests=Count(
                "join_requests",
                filter=Q(join_requests__status=RequestStatus.PENDING),
                distinct=True,
            ),
        )
        .order_by("status", "name")
    )


def explore_groups(
    user, filters: dict[str, Any], *, times: list[MeetingTime] | None = None
) -> QuerySet[LearningGroup]:
    """Groups ``user`` may find in Explore, filtered by the Explore form's values.

    Year levels and learning areas are those the group says it is for; the weekday,
    the part of the day and the time zone are those of one of its coming meetings
    (``times``, from :func:`explore_meeting_times`, or looked up here)."""
    groups = LearningGroup.objects.discoverable_by(user)
    if year_level := filters.get("year_level"):
        groups = groups.filter(year_levels__icontains=json.dumps(year_level))
    if learning_area := filters.get("learning_area"):
        groups = groups.filter(learning_areas__icontains=json.dumps(learning_area))
    weekday = filters.get("weekday")
    part = filters.get("time_of_day") or ""
    time_zone = filters.get("time_zone") or ""
    if weekday is not None or part or time_zone:
        if times is None:
            times = explore_meeting_times(user)
        meeting = groups_meeting(times, weekday=weekday, part=part, time_zone=time_zone)
        groups = groups.filter(pk__in=meeting)
    if query := (filters.get("q") or "").strip():
        groups = groups.filter(
            Q(name__icontains=query)
            | Q(purpose__icontains=query)
            | Q(vision__icontains=query)
            | Q(focus_areas__name__icontains=query)
        )
    if focus := filters.get("focus"):
        groups = groups.filter(focus_areas=focus)
    if fmt := filters.get("format"):
        groups = groups.filter(format=fmt)
    if organisation := filters.get("organisation"):
        groups = groups.filter(Q(organisation=organisation) | Q(organisation__parent=organisation))
    if stage := filters.get("stage"):
        groups = groups.filter(stage=stage)
    listed = _listing(groups.distinct())
    if filters.get("open_places"):
        listed = listed.filter(member_count__lt=F("target_size"))
    mine = GroupMembership.objects.filter(group=OuterRef("pk"), user=user).values("role")[:1]
    requested = JoinRequest.objects.filter(
        group=OuterRef("pk"), user=user, status=RequestStatus.PENDING
    ).values("public_id")[:1]
    return listed.annotate(my_role=Subquery(mine), my_request=Subquery(requested)).order_by("name")


def explore_meeting_times(user) -> list[MeetingTime]:
    """When the groups ``user`` may find in Explore meet, by their coming meetings."""
    return coming_meetings(LearningGroup.objects.discoverable_by(user))


def meeting_times_of(groups: Iterable[LearningGroup], times: Iterable[MeetingTime]) -> None:
    """Give each of ``groups`` ``meets``: the distinct weekdays, start times and time
    zones of its coming meetings in ``times``, earliest in the week first."""
    by_group: dict[int, set[tuple[int, time, str]]] = {}
    for found in times:
        by_group.setdefault(found.group_id, set()).add(
            (found.weekday, found.starts, found.time_zone)
        )
    for group in groups:
        group.meets = [  # type: ignore[attr-defined]
            MeetsAt(weekday=str(Weekday(day).label), starts=starts, time_zone=zone)
            for day, starts, zone in sorted(by_group.get(group.pk, ()))
        ]


def members_of(group: LearningGroup) -> QuerySet[GroupMembership]:
    return group.memberships.select_related("user__profile__organisation").order_by(
        "role", "user__profile__display_name"
    )


def partner_choices(group: LearningGroup, user) -> QuerySet[Organisation]:
    """The organisations ``user`` may make partners of ``group``: those they belong to,
    and the other schools of the cluster the group's organisation belongs to (the
    cluster itself oversees the group already) — never the group's own organisation.
    Partners already chosen stay offered, so another facilitator's edit keeps them.
    Each partner's coordinators (and its cluster's) oversee the group."""
    organisation = group.organisation
    allowed = Q(memberships__user=user)
    if organisation is not None and organisation.parent_id:
        allowed |= Q(parent_id=organisation.parent_id)
    if group.pk:
        allowed |= Q(partner_groups=group)
    found = Organisation.objects.filter(allowed)
    if organisation is not None:
        found = found.exclude(pk=organisation.pk)
    return Organisation.objects.filter(pk__in=found.values("pk")).order_by("name")


def supporters_of(group: LearningGroup) -> QuerySet[GroupSupporter]:
    """The group's supporters and the invitations to support it that wait for an
    answer, with who invited them (everyone who can see the group sees them)."""
    return (
        group.supporters.filter(revoked_at__isnull=True)
        .select_related("user__profile", "invited_by__profile")
        .order_by("accepted_at", "created_at")
    )


def groups_supported(user) -> QuerySet[GroupSupporter]:
    """The groups ``user`` actively supports (an RTLB's, a coach's), with how."""
    return (
        GroupSupporter.objects.active()
        .filter(user=user, group__status=Status.ACTIVE)
        .select_related("group__organisation", "invited_by__profile")
        .order_by("group__name")
    )


def support_invitations(user) -> QuerySet[GroupSupporter]:
    """Invitations to support a group that wait for ``user``'s answer."""
    return (
        GroupSupporter.objects.filter(
            user=user,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            group__status=Status.ACTIVE,
        )
        .select_related("group__organisation", "invited_by__profile")
        .order_by("-created_at")
    )


def invites_for(user) -> QuerySet[GroupInvite]:
    """Pending invitations sent to any of ``user``'s verified email addresses."""
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return (
        GroupInvite.objects.pending()
        .filter(Q(email__in=list(emails)) | Q(email__iexact=user.email))
        .exclude(group__memberships__user=user)
        .exclude(group__status=Status.ARCHIVED)
        .select_related("group", "invited_by__profile")
    )


def requests_of(user) -> QuerySet[JoinRequest]:
    """``user``'s own recent requests to join, so they see each outcome."""
    recent = timezone.now() - timedelta(days=60)
    return (
        JoinRequest.objects.filter(user=user)
        .filter(Q(status=RequestStatus.PENDING) | Q(decided_at__gte=recent))
        .select_related("group")
    )


def requests_to_decide(user) -> QuerySet[JoinRequest]:
    """Pending requests in the groups ``user`` facilitates."""
    return (
        JoinRequest.objects.pending()
        .filter(
            group__memberships__user=user,
            group__memberships__role=GroupRole.FACILITATOR,
        )
        .select_related("group", "user__profile__organisation")
    )


def recent_activity(user, limit: int = 12) -> QuerySet[ActivityEntry]:
    """What happened lately in the groups ``user`` belongs to."""
    return (
        ActivityEntry.objects.filter(group__memberships__user=user)
        .select_related("actor__profile", "group")
        .order_by("-created_at", "-id")[:limit]
    )


def activity_of(user) -> QuerySet[ActivityEntry]:
    """Everything that happened in ``user``'s groups, newest first (paginate it)."""
    return (
        ActivityEntry.objects.filter(
            group__in=GroupMembership.objects.filter(user=user).values("group")
        )
        .select_related("actor__profile", "group")
        .order_by("-created_at", "-id")
    )


def groups_of_organisation(organisation) -> QuerySet[LearningGroup]:
    """The groups of ``organisation`` and of its schools and centres."""
    return LearningGroup.objects.filter(
        Q(organisation=organisation) | Q(organisation__parent=organisation)
    )


def focus_areas_held_in(organisation) -> Q:
    """Focus areas held by the groups of ``organisation`` or of its schools and centres
    (for the organisation's review of proposals)."""
    return Q(pk__in=groups_of_organisation(organisation).values("focus_areas"))


def with_groups_here(proposals: QuerySet[FocusArea], organisation) -> QuerySet[FocusArea]:
    """Each focus area with ``groups_here``: the groups of ``organisation`` or of its
    schools and centres that hold it, by name."""
    return proposals.prefetch_related(
        Prefetch(
            "groups",
            queryset=groups_of_organisation(organisation).order_by("name"),
            to_attr="groups_here",
        )
    )


def organisation_card(organisation, membership) -> dict[str, Any]:
    """The context of the card of learning groups on an organisation's page: every
    group of the organisation and of its schools and centres, with figures, for its
    coordinators and administrators; for its other members the groups they may find
    or belong to. Groups being set up are left out."""
    user = membership.user
    groups = (
        groups_of_organisation(organisation)
        .exclude(status=Status.DRAFT)
        .select_related("organisation")
        .annotate(
            member_count=Count("memberships", distinct=True),
            facilitator_count=Count(
                "memberships", filter=Q(memberships__role=GroupRole.FACILITATOR), distinct=True
            ),
        )
        .order_by("status", "name")
    )
    if not membership.has_role(OrgRole.COORDINATOR):
        groups = groups.filter(
            Q(pk__in=LearningGroup.objects.discoverable_by(user).values("pk"))
            | Q(pk__in=GroupMembership.objects.filter(user=user).values("group"))
        )
    return {"groups": list(groups)}
