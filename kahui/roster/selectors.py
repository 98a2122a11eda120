"""What the roster reads: an organisation's schools, its members with their profiles,
its pending invitations, and the roster's rows for an export."""

from collections.abc import Iterator

from django.db.models import Prefetch

from kahui.core.models import FocusArea
from kahui.orgs.models import Organisation, OrgMembership
from kahui.roster.models import ImportStatus, RosterImport


def schools_of(org: Organisation) -> dict[int, str]:
    """The schools a roster row may name: the organisation and, for a cluster, the
    schools and centres in it (id → name)."""
    schools = {org.pk: org.name}
    schools.update(Organisation.objects.filter(parent=org).values_list("pk", "name"))
    return schools


def members_by_email(org: Organisation) -> dict[str, OrgMembership]:
    """The organisation's memberships by their member's email (lower case), with
    profiles and interests: three queries, however many members."""
    memberships = (
        OrgMembership.objects.filter(organisation=org)
        .select_related("user__profile")
        .prefetch_related(
            Prefetch("user__profile__interests", queryset=FocusArea.objects.only("id", "name"))
        )
        .order_by("user__email")
    )
    return {m.user.email.lower(): m for m in memberships}


def pending_invite_emails(org: Organisation) -> set[str]:
    return {e.lower() for e in org.invites.pending().values_list("email", flat=True)}


def export_rows(org: Organisation) -> Iterator[list[str]]:
    """One row a member, in the roster's columns, by email."""
    schools = schools_of(org)
    for email, membership in members_by_email(org).items():
        profile = getattr(membership.user, "profile", None)
        if profile is None:
            yield ["", email, "", membership.role, "", "", ""]
            continue
        yield [
            profile.display_name,
            email,
            schools.get(profile.organisation_id or 0, ""),
            membership.role,
            ";".join(profile.subjects),
            ";".join(profile.year_levels),
            ";".join(sorted(a.name for a in profile.interests.all())),
        ]


def imports_of(org: Organisation, limit: int = 20) -> list[RosterImport]:
    return list(
        org.roster_imports.exclude(status=ImportStatus.PREVIEW)
        .select_related("created_by__profile")
        .defer("lines", "bad_rows")[:limit]
    )
