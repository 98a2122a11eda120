"""What oversight adds to other apps' pages."""

from typing import Any

from kahui.orgs.models import OrgRole


def organisation_card(organisation, membership) -> dict[str, Any] | None:
    """The card of oversight links on an organisation's page, for its coordinators."""
    if not membership.has_role(OrgRole.COORDINATOR):
        return None
    return {}
