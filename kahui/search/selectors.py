"""Searching what a person may see: the documents of their groups, those published to
their organisations, the public ones, and the people and groups the rules registered
in :data:`kahui.core.search.audiences` let them find (kahui/people/access.py,
kahui/groups/access.py). The index and its query engine are :mod:`kahui.core.search`."""

from collections.abc import Sequence
from datetime import datetime
from functools import partial

from kahui.core.search import MAX_RESULTS, Hit, Results, audiences, search
from kahui.groups.models import LearningGroup
from kahui.orgs.models import OrgMembership


def my_groups(user) -> list[LearningGroup]:
    """The groups ``user`` belongs to, by name: what they search in, and the choices of
    the group filter (one query)."""
    return list(
        LearningGroup.objects.filter(memberships__user=user)
        .only("pk", "public_id", "name")
        .order_by("name", "pk")
    )


def search_results(
    *,
    user,
    query: str,
    kinds: Sequence[str] = (),
    in_group: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    groups: Sequence[LearningGroup] | None = None,
    limit: int = MAX_RESULTS,
) -> Results:
    """Documents matching every word of ``query`` that ``user`` may see, best first,
    with the matches per kind. ``groups``: :func:`my_groups`, when the caller has them."""
    if groups is None:
        groups = my_groups(user)
    return search(
        query=query,
        group_ids=[group.pk for group in groups],
        organisation_ids=list(
            OrgMembership.objects.filter(user=user).values_list("organisation_id", flat=True)
        ),
        ruled={kind: partial(rule, user) for kind, rule in audiences.items()},
        kinds=kinds,
        in_group=in_group,
        since=since,
        until=until,
        limit=limit,
    )


def search_for(*, user, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """Documents matching every word of ``query`` that ``user`` may see, best first."""
    return search_results(user=user, query=query, limit=limit).hits
