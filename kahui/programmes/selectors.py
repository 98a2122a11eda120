"""Reads for programmes: who leads, who takes part, the list, a version's changes."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core.activity import describe_all
from kahui.core.models import ActivityEntry
from kahui.groups.models import GroupRole, LearningGroup
from kahui.groups.pages import WaitingItem
from kahui.orgs.models import Organisation, OrgMembership, OrgRole
from kahui.programmes.models import (
    Kickoff,
    PlannedGroup,
    Programme,
    ProposalVersion,
    led_organisation_ids,
)

User = get_user_model()


def leads(user, organisation: Organisation) -> bool:
    """Whether ``user`` coordinates or administers ``organisation`` or its cluster."""
    return OrgMembership.objects.filter(
        Q(organisation=organisation) | Q(organisation_id=organisation.parent_id),
        user=user,
        role__in=[OrgRole.COORDINATOR, OrgRole.ADMIN],
    ).exists()


def led_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may set up a programme for: those they coordinate or
    administer, and the schools of a cluster they coordinate."""
    led = led_organisation_ids(user)
    return Organisation.objects.filter(Q(pk__in=led) | Q(parent_id__in=led)).order_by("name")


def partner_choices(user, lead: Organisation) -> QuerySet[Organisation]:
    """Who may partner ``lead`` in a programme ``user`` sets up: any organisation
    ``user`` leads, and any organisation of the lead's cluster (the cluster itself, its
    other schools, and, for a cluster, its own schools)."""
    cluster = Q(parent_id=lead.pk)
    if lead.parent_id:
        cluster |= Q(pk=lead.parent_id) | Q(parent_id=lead.parent_id)
    return (
        Organisation.objects.filter(Q(pk__in=led_organisations(user).values("pk")) | cluster)
        .exclude(pk=lead.pk)
        .order_by("name")
    )


def programme_people(programme: Programme) -> QuerySet[Any]:
    """Everyone who belongs to the programme's organisations (or to their schools)."""
    org_ids = [programme.organisation_id, *programme.partners.values_list("pk", flat=True)]
    return (
        User.objects.filter(
            Q(org_memberships__organisation_id__in=org_ids)
            | Q(org_memberships__organisation__parent_id__in=org_ids)
        )
        .distinct()
        .select_related("profile")
        .order_by("profile__display_name", "email")
    )


def kickoff_participants(programme: Programme) -> QuerySet[Any]:
    """The members and facilitators of the programme's groups."""
    return (
        User.objects.filter(group_memberships__group__in=programme.groups.all())
        .distinct()
        .select_related("profile")
    )


def programmes_for(user) -> QuerySet[Programme]:
    """The programmes ``user`` runs or sees, for the list page: few queries however
    many there are."""
    return (
        Programme.objects.visible_to(user)
        .select_related("organisation")
        .prefetch_related("partners")
        .annotate(group_count=Count("groups", distinct=True))
        .order_by("name")
    )


def is_agreed(version: ProposalVersion) -> bool:
    needed = {
        version.programme.organisation_id,
        *version.programme.partners.values_list("pk", flat=True),
    }
    agreed = set(version.agreements.values_list("organisation_id", flat=True))
    return needed <= agreed


def versions(programme: Programme) -> list[ProposalVersion]:
    """Every version, newest first, with their groups, people, comments and agreements."""
    return list(
        programme.proposal_versions.select_related("written_by__profile").prefetch_related(
            Prefetch(
                "planned_groups",
                queryset=PlannedGroup.objects.prefetch_related(
                    "facilitators__profile", "participants__profile"
                ).select_related("group"),
            ),
            "comments__author__profile",
            "agreements__by__profile",
            "agreements__organisation",
        )
    )


def _group_summary(planned: PlannedGroup) -> dict[str, str]:
    return {
        _("focus"): planned.focus,
        _("how often"): planned.get_frequency_display(),
        _("meeting length"): str(planned.meeting_minutes),
        _("facilitators"): ", ".join(sorted(str(u) for u in planned.facilitators.all())),
        _("participants"): ", ".join(sorted(str(u) for u in planned.participants.all())),
    }


def version_changes(previous: ProposalVersion, current: ProposalVersion) -> list[str]:
    """What changed from ``previous`` to ``current``, as sentences (groups matched by
    name)."""
    changes = []
    before = {planned.name: planned for planned in previous.planned_groups.all()}
    after = {planned.name: planned for planned in current.planned_groups.all()}
    for name in after.keys() - before.keys():
        changes.append(_("Group added: %(name)s") % {"name": name})
    for name in before.keys() - after.keys():
        changes.append(_("Group removed: %(name)s") % {"name": name})
    for name in sorted(after.keys() & before.keys()):
        old, new = _group_summary(before[name]), _group_summary(after[name])
        for label, value in new.items():
            if old[label] != value:
                changes.append(
                    _("%(name)s, %(what)s: %(old)s → %(new)s")
                    % {"name": name, "what": label, "old": old[label] or "—", "new": value or "—"}
                )
    if previous.fits_with != current.fits_with:
        changes.append(_("How it fits the school's plans was rewritten."))
    if previous.roles != current.roles:
        changes.append(_("The roles were rewritten."))
    return changes


def group_progress(programme: Programme) -> list[LearningGroup]:
    """The programme's groups with their member and facilitator counts."""
    return list(
        programme.groups.select_related("organisation")
        .annotate(
            member_count=Count("memberships", distinct=True),
            facilitator_count=Count(
                "memberships", filter=Q(memberships__role=GroupRole.FACILITATOR), distinct=True
            ),
        )
        .order_by("name")
    )


def history(programme: Programme, limit: int = 30) -> list[tuple[ActivityEntry, str]]:
    entries = ActivityEntry.objects.filter(programme_link__programme=programme).select_related(
        "actor__profile"
    )[:limit]
    return describe_all(entries)


def phase_moves(programme: Programme) -> list[ActivityEntry]:
    return list(
        ActivityEntry.objects.filter(
            programme_link__programme=programme, action="programme.phase_moved"
        ).select_related("actor__profile")
    )


def organisation_card(
    organisation: Organisation, membership: OrgMembership
) -> dict[str, Any] | None:
    """The programmes of an organisation, on its page, for those who may see them."""
    user = membership.user
    programmes = list(
        Programme.objects.visible_to(user)
        .filter(Q(organisation=organisation) | Q(partners=organisation))
        .distinct()
        .order_by("name")
    )
    if not programmes and not membership.has_role(OrgRole.COORDINATOR):
        return None
    return {"org_programmes": programmes}


def kickoff_waiting(user) -> list[WaitingItem]:
    """For the facilitator home: kick-offs still to come in the programmes of the
    groups ``user`` facilitates, while they have not answered every task."""
    from_now = timezone.now()
    kickoffs = (
        Kickoff.objects.filter(
            starts_at__gte=from_now,
            programme__groups__memberships__user=user,
            programme__groups__memberships__role=GroupRole.FACILITATOR,
        )
        .distinct()
        .select_related("programme")
        .annotate(mine=Count("answers", filter=Q(answers__author=user), distinct=True))
    )
    return [
        WaitingItem(
            kind="kickoff",
            text=_("Answer the kick-off tasks of %(programme)s")
            % {"programme": kickoff.programme.name},
            url=reverse("programmes:kickoff", args=[kickoff.programme.public_id]),
            due=kickoff.starts_at,
        )
        for kickoff in kickoffs
        if kickoff.mine < len(kickoff.tasks)
    ]
