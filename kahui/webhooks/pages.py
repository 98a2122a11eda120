"""What webhooks add to other apps' pages."""

from typing import Any

from kahui.orgs.models import OrgRole


def organisation_card(organisation, membership) -> dict[str, Any] | None:
    """The card on an organisation's page that leads its administrators to webhooks."""
    if not membership.has_role(OrgRole.ADMIN):
        return None
    return {}
