"""Who may do what with a group's retrospective. The group is checked at the door of
every view (``@group_view(Need.MEMBER)``): a retrospective is its members' alone, as
the rest of the inquiry is; overseers learn only that it was held (the activity log).

- Any member reads the retrospectives of the group's rounds.
- Any member writes the open round's retrospective once the round has reached its
  last stage (reflect together), as any member writes the stage's record; when the
  next round starts, it stays as it was.

Views ask with the viewer's ``GroupAccess``; the service asks again with
:func:`check_write`, because the views and the demo both reach it."""

from django.utils.translation import gettext as _

from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.access import GroupAccess, group_access
from kahui.inquiry.models import InquiryCycle


def is_due(cycle: InquiryCycle) -> bool:
    """Whether ``cycle`` has reached the stage its retrospective belongs to: the last."""
    return cycle.is_open and cycle.inquiry_model.is_last(cycle.stage_key)


def may_write(access: GroupAccess, cycle: InquiryCycle) -> bool:
    return access.is_member and is_due(cycle)


def check_write(cycle: InquiryCycle, user) -> None:
    if not group_access(user, cycle.group).is_member:
        raise NotAllowed(_("Only the group's members write its retrospective."))
    if not cycle.is_open:
        raise KahuiError(_("This round has ended; its retrospective can no longer change."))
    if not is_due(cycle):
        raise KahuiError(
            _("The retrospective opens when the round reaches its last stage, reflecting together.")
        )
