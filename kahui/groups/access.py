"""May this person see or do this in this group? Every group view and endpoint asks here.

Outsiders get a 404 (they should not learn that a private group exists); people who
can see a group but lack the role for an action get a 403.

Group access, from least to most:

- discover: the group shows in Explore for this person (active, not invitation-only,
  and external or in one of their organisations). They see its public summary.
- oversee: coordinators and admins of the group's organisation, of the cluster it
  belongs to, or of a partner organisation sharing the group (and its cluster) see
  the group's charter, members, stage and figures — not its private content.
- support: supporters the group invited (an RTLB, a coach), and its members, see the
  charter, meetings, inquiry and shared work, add resources and comment on
  sense-making. Supporters are not members: discussions, polls, health answers,
  reflections and everything else stay the members'.
- member: everything the group shares with its members.
- facilitate: set-up, editing, moving the stage, approving requests, inviting.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any, Concatenate
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kahui.core.addresses import user_owns_email
from kahui.core.prepared import PreparedQuery
from kahui.groups.models import (
    GroupInvite,
    GroupMembership,
    GroupRole,
    GroupSupporter,
    LearningGroup,
    Status,
)
from kahui.orgs.models import OrgMembership, OrgRole


class Need(StrEnum):
    DISCOVER = "discover"
    OVERSEE = "oversee"
    SUPPORT = "support"
    MEMBER = "member"
    FACILITATE = "facilitate"


@dataclass(frozen=True)
class GroupAccess:
    membership: GroupMembership | None
    org_role: str | None  # only worked out for people who are not members
    discoverable: bool  # only worked out for people who are not members or overseers
    supporter: GroupSupporter | None = None  # only worked out for people who are not members

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_facilitator(self) -> bool:
        return self.membership is not None and self.membership.role == GroupRole.FACILITATOR

    @property
    def is_overseer(self) -> bool:
        return self.org_role in {OrgRole.COORDINATOR, OrgRole.ADMIN}

    @property
    def is_supporter(self) -> bool:
        return self.supporter is not None

    @property
    def can_support(self) -> bool:
        """May see the meetings, inquiry and shared work (members and active supporters)."""
        return self.is_member or self.is_supporter

    @property
    def can_view(self) -> bool:
        """May see the charter, members and stage (members, supporters and overseers)."""
        return self.is_member or self.is_supporter or self.is_overseer

    def allows(self, need: Need) -> bool:
        match need:
            case Need.DISCOVER:
                return self.discoverable or self.can_view
            case Need.OVERSEE:
                return self.can_view
            case Need.SUPPORT:
                return self.can_support
            case Need.MEMBER:
                return self.is_member
            case Need.FACILITATE:
                return self.is_facilitator


def _best_org_role(user, group: LearningGroup) -> str | None:
    """The user's highest role in the group's organisation, its cluster, or a partner
    organisation sharing the group (or that partner's cluster): one query."""
    organisation = group.organisation
    org_ids = []
    if organisation is not None:
        org_ids.append(organisation.pk)
        if organisation.parent_id:
            org_ids.append(organisation.parent_id)
    where = (
        Q(organisation_id__in=org_ids)
        | Q(organisation__partner_groups=group)
        | Q(organisation__children__partner_groups=group)
    )
    roles = set(OrgMembership.objects.filter(where, user=user).values_list("role", flat=True))
    for role in (OrgRole.ADMIN, OrgRole.COORDINATOR, OrgRole.MEMBER):
        if role in roles:
            return role
    return None


def is_member(user, group: LearningGroup) -> bool:
    """Whether ``user`` belongs to ``group`` (a service's check, one query)."""
    return GroupMembership.objects.filter(group=group, user=user).exists()


def is_facilitator(user, group: LearningGroup) -> bool:
    """Whether ``user`` facilitates ``group`` (a service's check, one query)."""
    return GroupMembership.objects.filter(
        group=group, user=user, role=GroupRole.FACILITATOR
    ).exists()


def is_supporter(user, group: LearningGroup) -> bool:
    """Whether ``user`` actively supports ``group`` (a service's check, one query)."""
    return GroupSupporter.objects.active().filter(group=group, user=user).exists()


def is_member_or_supporter(user, group: LearningGroup) -> bool:
    """Whether ``user`` has ``Need.SUPPORT`` in ``group``: a member or an active
    supporter (a service's check, at most two queries)."""
    return is_member(user, group) or is_supporter(user, group)


def is_invitee(user, invite: GroupInvite) -> bool:
    """An invitation belongs to the account holding its address: a forwarded or
    leaked link opens nothing, and shows nothing of the group or who sent it."""
    return user_owns_email(user, invite.email)


def groups_found_by(user) -> QuerySet[LearningGroup]:
    """Groups ``user`` may find in search: those Explore lists for them, those they
    belong to and the active ones they support (one query, for search)."""
    supported = GroupSupporter.objects.active().filter(user=user).values("group")
    return LearningGroup.objects.filter(
        Q(pk__in=LearningGroup.objects.discoverable_by(user).values("pk"))
        | Q(pk__in=GroupMembership.objects.filter(user=user).values("group"))
        | (Q(pk__in=supported) & ~Q(status=Status.DRAFT))
    )


_UNKNOWN = object()


def group_access(user, group: LearningGroup, membership=_UNKNOWN) -> GroupAccess:
    """Work out what ``user`` may do in ``group`` (``membership``: theirs, when the
    caller has already looked it up, None when they have none)."""
    if not user.is_authenticated:
        return GroupAccess(membership=None, org_role=None, discoverable=False)
    if membership is _UNKNOWN:
        membership = GroupMembership.objects.filter(group=group, user=user).first()
    if membership is not None:
        # Members may do all an overseer may, so their role in the organisation
        # adds nothing here.
        return GroupAccess(membership=membership, org_role=None, discoverable=True)
    if group.status == Status.DRAFT:
        # A group being set up belongs to its facilitators alone.
        return GroupAccess(membership=None, org_role=None, discoverable=False)
    org_role = _best_org_role(user, group)
    # A coordinator may support a group too (a network's coach): then they see its work.
    supporter = GroupSupporter.objects.active().filter(group=group, user=user).first()
    if org_role in {OrgRole.COORDINATOR, OrgRole.ADMIN}:
        # Overseers can see the group whether or not it is listed.
        return GroupAccess(
            membership=None, org_role=org_role, discoverable=True, supporter=supporter
        )
    discoverable = LearningGroup.objects.discoverable_by(user).filter(pk=group.pk).exists()
    return GroupAccess(
        membership=None, org_role=org_role, discoverable=discoverable, supporter=supporter
    )


# The two lookups behind every group page, compiled once (see kahui.core.prepared).
# A member's membership and group come in one query; others' group in a second.
_MEMBERSHIP = PreparedQuery(
    lambda group_id, user_id: (
        GroupMembership.objects.select_related("group__organisation__parent")
        .filter(group__public_id=group_id, user_id=user_id)
        .order_by()
    ),
    lambda: [LearningGroup._meta.get_field("public_id"), GroupMembership._meta.get_field("user")],
)
_GROUP = PreparedQuery(
    lambda group_id: (
        LearningGroup.objects.select_related("organisation__parent")
        .filter(public_id=group_id)
        .order_by()
    ),
    lambda: [LearningGroup._meta.get_field("public_id")],
)


def group_for(
    request: HttpRequest, group_id: UUID, need: Need = Need.MEMBER
) -> tuple[LearningGroup, GroupAccess]:
    """The group with this public id, if the requester has ``need`` in it.

    404 when the requester may not even know the group exists, 403 when they can
    see it but lack the role."""
    # Most requests come from members: one query finds both the group and the role.
    membership = (
        _MEMBERSHIP.first(group_id, request.user.pk) if request.user.is_authenticated else None
    )
    group: LearningGroup | None = (
        membership.group if membership is not None else _GROUP.first(group_id)
    )
    if group is None:
        raise Http404("No such group")
    access = group_access(request.user, group, membership)
    if access.allows(need):
        return group, access
    if access.allows(Need.DISCOVER):
        raise PermissionDenied("You do not have the role this page needs in this group.")
    raise Http404("No such group")


type GroupView = Callable[Concatenate[HttpRequest, LearningGroup, GroupAccess, ...], HttpResponse]


def group_view(need: Need = Need.MEMBER) -> Callable[[GroupView], Callable[..., HttpResponse]]:
    """Check access once, at the door of a view whose URL names a group.

    The decorated view is reached by ``/groups/<group_id>/…`` and written as
    ``view(request, group, access, **the_rest_of_the_url)``: the decorator asks anyone
    not signed in to sign in, resolves the group with :func:`group_for` (404 for those
    who may not know it exists, 403 for those who lack ``need``) and hands the group
    and what the requester may do in it to the view. The need is kept on the view as
    ``group_need``, so the URL table can be read for who may use what."""

    def decorate(view: GroupView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def at_the_door(
            request: HttpRequest, group_id: UUID, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            group, access = group_for(request, group_id, need)
            return view(request, group, access, *args, **kwargs)

        at_the_door.group_need = need  # type: ignore[attr-defined]
        return at_the_door

    return decorate
