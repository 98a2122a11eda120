"""Someone a roster import invited joins: what their row said (school, subjects, year
levels, interests) goes onto their profile through the profiles' service, as an
import would have written it had they been a member already. Their name stays the
one they chose when signing up, and the role is the invitation's."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from kahui.accounts.services import focus_area_for_name, profile_ensure, profile_update
from kahui.core.errors import KahuiError
from kahui.orgs.models import OrgInvite, OrgMembership
from kahui.roster.models import InviteeDetails

log = logging.getLogger(__name__)


def details_apply(invite: OrgInvite, membership: OrgMembership) -> None:
    """Called by ``orgs.services.org_invite_accept`` (``invite_accepted``) inside its
    transaction. A value that no longer fits (a school since deleted, a focus area
    name now refused) is left out: the join itself never fails for it."""
    details = (
        InviteeDetails.objects.filter(invite=invite)
        .select_related("school", "roster_import__created_by")
        .first()
    )
    if details is None:
        return
    by = details.roster_import.created_by if details.roster_import else None
    fields: dict = {}
    if details.school is not None:
        fields["organisation"] = details.school
    if details.subjects is not None:
        fields["subjects"] = list(details.subjects)
    if details.year_levels is not None:
        fields["year_levels"] = list(details.year_levels)
    try:
        with transaction.atomic():
            interests = None
            if details.interests is not None:
                interests = [focus_area_for_name(name, by=by) for name in details.interests]
            if fields or interests is not None:
                profile = profile_ensure(user=membership.user)
                profile_update(profile=profile, interests=interests, **fields)
    except (KahuiError, ValidationError):
        log.warning("Roster details of invitation %s did not fit", invite.public_id, exc_info=True)
    details.delete()
