"""The audit log an organisation's administrators read: data exports, account
deletions, retention, role changes, and what other parts record for sign-in domains
and roster imports; never what anything was about beyond that."""

from functools import reduce
from operator import or_

from django.db.models import Q

from kahui.core.models import ActivityEntry

KINDS: dict[str, tuple[str, ...]] = {
    "exports": ("rights.export",),
    "deletions": ("rights.account_deleted",),
    "retention": ("rights.retention", "rights.group_deleted"),
    "roles": ("org.role_changed", "group.role_changed", "org.member_removed"),
    "other": ("sso.", "roster.", "org.domain", "domain."),
}


def _prefixes(prefixes: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(action__startswith=prefix) for prefix in prefixes))


def audit_entries(organisation, kind: str = ""):
    prefixes = KINDS.get(kind) or tuple(p for group in KINDS.values() for p in group)
    return (
        ActivityEntry.objects.filter(_prefixes(prefixes), organisation=organisation)
        .select_related("actor__profile", "group")
        .order_by("-created_at", "-id")
    )
