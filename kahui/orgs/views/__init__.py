"""Organisation pages: my organisations, join by code or invitation, members (admins),
the review of typed focus areas and the overview of all the organisation's groups for
coordinators.

The pages are split by what they are for; the URL table reads them all from here."""

from kahui.orgs.views.domains import domain_remove, domain_sso, domains
from kahui.orgs.views.joining import invite, org_create, org_join, org_list
from kahui.orgs.views.members import invite_revoke, member_remove, member_role, members, reset_code
from kahui.orgs.views.organisation import history, org_detail, org_edit, term_delete, terms
from kahui.orgs.views.reviewing import focus_areas

__all__ = [
    "domain_remove",
    "domain_sso",
    "domains",
    "focus_areas",
    "history",
    "invite",
    "invite_revoke",
    "member_remove",
    "member_role",
    "members",
    "org_create",
    "org_detail",
    "org_edit",
    "org_join",
    "org_list",
    "reset_code",
    "term_delete",
    "terms",
]
