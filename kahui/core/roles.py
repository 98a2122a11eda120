"""Membership roles, the same shape for groups and organisations: a ladder from the
fewest rights to the most, whose top role is never left empty (a group keeps a
facilitator, an organisation an administrator)."""

from django.db import models


class RoleLadder:
    """The roles of one kind of membership, from the fewest rights to the most.

    The owner (a group, an organisation) reaches its membership rows, each with a
    ``role``, through the related name ``memberships``."""

    def __init__(self, *roles: str, memberships: str = "memberships") -> None:
        self._rank = {role: rank for rank, role in enumerate(roles)}
        self.top = roles[-1]
        self._memberships = memberships

    def at_least(self, role: str, need: str) -> bool:
        """Whether ``role`` carries every right ``need`` carries."""
        return self._rank[role] >= self._rank[need]

    def _top_rows(self, owner: models.Model) -> models.QuerySet:
        return getattr(owner, self._memberships).filter(role=self.top).order_by()

    def lock(self, owner: models.Model) -> None:
        """Lock the owner's row, then the rows of its members in the top role, until
        the transaction ends.

        Checks such as “not the last facilitator” read and then write; two requests at
        once must not both pass. Every change of roles or membership takes the owner's
        lock first, so they queue in the same order (no deadlock) on PostgreSQL; on
        SQLite writes are serialised by ``BEGIN IMMEDIATE`` anyway."""
        rows = type(owner)._default_manager.filter(pk=owner.pk).order_by()
        list(rows.select_for_update().values_list("pk"))
        list(self._top_rows(owner).select_for_update().values_list("pk"))

    def holders(self, owner: models.Model) -> int:
        """How many members of ``owner`` are in the top role."""
        return self._top_rows(owner).count()

    def leaves_none(self, owner: models.Model, *, role: str, becomes: str | None) -> bool:
        """Whether a member of ``owner`` in ``role`` who ``becomes`` another role (None:
        leaves) would leave nobody in the top role. Ask under :meth:`lock`."""
        return role == self.top and becomes != self.top and self.holders(owner) == 1
