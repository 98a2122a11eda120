"""Searching what a person may see: the documents of their groups, those published to
their organisations, and the public ones. The index and its query engine are
:mod:`kahui.core.search`."""

from kahui.core.search import MAX_RESULTS, Hit, search
from kahui.groups.models import GroupMembership
from kahui.orgs.models import OrgMembership


def search_for(*, user, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """Documents matching every word of ``query`` that ``user`` may see, best first."""
    return search(
        query=query,
        group_ids=list(
            GroupMembership.objects.filter(user=user).values_list("group_id", flat=True)
        ),
        organisation_ids=list(
            OrgMembership.objects.filter(user=user).values_list("organisation_id", flat=True)
        ),
        limit=limit,
    )
