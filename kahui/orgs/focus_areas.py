"""An organisation's review of the focus areas its groups and people typed.

What someone types as a focus area becomes a *proposal* (:mod:`kahui.core.focus_areas`)
that stays with the group or person holding it. The coordinators and administrators of
an organisation review the proposals held by its groups and by people whose profile
names it (a cluster's also those of its schools and centres): they accept one into the
shared list, accept it under a better name, merge it into an area already in the list,
or decline it. The first decision settles a proposal for everyone; each is recorded in
the reviewing organisation's activity log.

Groups and profiles belong to apps above this one, so they tell the review what they
hold: each registers its :class:`Holders` in :data:`holders` when Django starts."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.core.focus_areas import clean_name, free_slug
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.core.registry import Registry
from kahui.orgs.activity import FocusAreaActivity
from kahui.orgs.models import Organisation, OrgMembership, OrgRole


@dataclass(frozen=True)
class Holders:
    """Rows that hold focus areas and belong to an organisation (groups, profiles), as
    the review sees them."""

    held_in: Callable[[Organisation], Q]
    """The focus areas held by such rows of the organisation or of its schools and
    centres, as a condition on FocusArea."""
    shown: Callable[[QuerySet[FocusArea], Organisation], QuerySet[FocusArea]]
    """The proposals with what the review page shows of these rows."""


holders: Registry[Holders] = Registry("holders of focus areas that organisations review")


def proposals_for(organisation: Organisation) -> QuerySet[FocusArea]:
    """The proposals waiting for ``organisation``'s review, oldest first, with what each
    holder shows of them (``groups_here``: its groups that hold it; ``people_here``:
    how many of its people list it). None tells anything about other organisations."""
    held = Q(pk__in=[])
    for holder in holders:
        held |= holder.held_in(organisation)
    proposals = FocusArea.objects.proposed().filter(held)
    for holder in holders:
        proposals = holder.shown(proposals, organisation)
    return proposals.order_by("proposed_at", "name")


def _reviewing(*, area: FocusArea, organisation, by) -> FocusArea:
    """``area`` locked for a decision, once the rules allow ``by`` to make it."""
    membership = OrgMembership.objects.filter(organisation=organisation, user=by).first()
    if membership is None or not membership.has_role(OrgRole.COORDINATOR):
        raise NotAllowed(_("Only the organisation's coordinators and administrators review."))
    locked = FocusArea.objects.select_for_update().filter(pk=area.pk).first()
    if locked is None or locked.status != FocusAreaStatus.PROPOSED:
        raise Conflict(_("“%(name)s” was already reviewed.") % {"name": area.name})
    if not proposals_for(organisation).filter(pk=locked.pk).exists():
        raise NotAllowed(_("Nobody in this organisation uses “%(name)s”.") % {"name": area.name})
    return locked


@transaction.atomic
def focus_area_accept(*, area: FocusArea, organisation, by) -> FocusArea:
    """Put a proposal in the shared list as it was typed."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    area.status = FocusAreaStatus.ACCEPTED
    area.save(update_fields=["status"])
    activity.record(
        actor=by, action=FocusAreaActivity.ACCEPTED, organisation=organisation, target=area.name
    )
    return area


@transaction.atomic
def focus_area_rename(*, area: FocusArea, organisation, by, name: str) -> FocusArea:
    """Put a proposal in the shared list under a better name. A name another focus
    area already has is refused: merge into that one instead."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    try:
        name = clean_name(name)
    except ValidationError as error:
        raise KahuiError(error.messages[0]) from error
    if FocusArea.objects.filter(name__iexact=name).exclude(pk=area.pk).exists():
        raise KahuiError(
            _("There is already a focus area called “%(name)s”: merge into it instead.")
            % {"name": name}
        )
    old = area.name
    area.name, area.slug = name, free_slug(name, exclude=area)
    area.status = FocusAreaStatus.ACCEPTED
    area.save(update_fields=["name", "slug", "status"])
    activity.record(
        actor=by,
        action=FocusAreaActivity.RENAMED,
        organisation=organisation,
        target=area.name,
        changes={"name": activity.change(_("Name"), old, area.name)},
    )
    return area


@transaction.atomic
def focus_area_merge(*, area: FocusArea, organisation, by, into: FocusArea) -> FocusArea:
    """Replace a proposal with ``into``, an area of the shared list, wherever it is
    held (groups, profiles, resources), then remove the proposal."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    if into.pk == area.pk or into.status != FocusAreaStatus.ACCEPTED:
        raise KahuiError(_("Choose a focus area from the shared list to merge into."))
    # Every many-to-many field to FocusArea, whichever app declares it.
    for relation in FocusArea._meta.related_objects:
        if relation.many_to_many:
            for holder in getattr(area, relation.get_accessor_name()).all():
                getattr(holder, relation.field.name).add(into)
    activity.record(
        actor=by,
        action=FocusAreaActivity.MERGED,
        organisation=organisation,
        target=area.name,
        changes={"merged_into": activity.change(_("Merged into"), area.name, into.name)},
    )
    area.delete()
    return into


@transaction.atomic
def focus_area_decline(*, area: FocusArea, organisation, by) -> FocusArea:
    """Keep a proposal out of the shared list: it stays with the groups and people
    that hold it, and is never offered to anyone else."""
    area = _reviewing(area=area, organisation=organisation, by=by)
    area.status = FocusAreaStatus.DECLINED
    area.save(update_fields=["status"])
    activity.record(
        actor=by, action=FocusAreaActivity.DECLINED, organisation=organisation, target=area.name
    )
    return area
