"""Who may do what in a group's inquiry. The group is checked first, at the door of
every view: the inquiry's pages are its members' (``Need.MEMBER``); its supporters (an
RTLB, a coach) read its rounds, records, evidence and analysis and comment on a stage
(``Need.SUPPORT``), but write nothing else.
Coordinators and admins who oversee the group see its stage and figures on the group
home, never what the group wrote.

- Any member writes stage work while the cycle is open: a stage's record and who led
  it, trials, readings of a goal's measure, plan actions, the goals to revisit.
  Mana motuhake, empowering others: any member may lead a stage.
- Facilitators, and whoever leads the work of the stage the cycle is in, steer the
  cycle: move it on (or start the next round from its last stage), change its
  question, its goals and how they are measured.
- Facilitators start a cycle when none is open.

Views ask with the viewer's ``GroupAccess``; services ask again with ``check_*``,
because the views and the demo both reach them. The API (kahui/api) reads a group's
cycles through :data:`READ` and :func:`cycle_for`, as the pages do."""

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.access import GroupAccess, Need, group_access, group_for
from kahui.groups.models import LearningGroup
from kahui.inquiry.models import InquiryCycle, StageRecord

# Who reads a group's inquiry (its rounds, stage records, evidence, data and analysis):
# its members and its supporters. Every reading page checks it at its door.
READ = Need.SUPPORT


def cycle_for(
    request: HttpRequest, group_id: UUID, cycle_id: UUID
) -> tuple[InquiryCycle, GroupAccess]:
    """A cycle of the group, for someone who may read the group's inquiry (:data:`READ`):
    404 for outsiders and for another group's cycle, 403 for those who see the group
    but not its inquiry (overseers, colleagues)."""
    group, access = group_for(request, group_id, READ)
    cycle = get_object_or_404(
        InquiryCycle.objects.select_related("group"), group=group, public_id=cycle_id
    )
    cycle.group = group
    return cycle, access


def leads_current_stage(cycle: InquiryCycle, user) -> bool:
    """Whether ``user`` leads the work of the stage ``cycle`` is in."""
    if not user.is_authenticated:
        return False
    return StageRecord.objects.filter(cycle=cycle, stage=cycle.stage_key, led_by=user).exists()


def may_write(access: GroupAccess, cycle: InquiryCycle) -> bool:
    return access.is_member and cycle.is_open


def may_steer(access: GroupAccess, cycle: InquiryCycle, user, *, leads: bool | None = None) -> bool:
    """``leads``: whether ``user`` leads the current stage, when the caller has the
    stage's record at hand already (otherwise it is looked up)."""
    if not may_write(access, cycle):
        return False
    if access.is_facilitator:
        return True
    return leads if leads is not None else leads_current_stage(cycle, user)


def may_start(access: GroupAccess) -> bool:
    return access.is_facilitator


def check_write(cycle: InquiryCycle, user) -> GroupAccess:
    access = group_access(user, cycle.group)
    if not access.is_member:
        raise NotAllowed(_("Only the group's members write its inquiry."))
    if not cycle.is_open:
        raise KahuiError(_("This cycle has ended; its record can no longer change."))
    return access


def check_steer(cycle: InquiryCycle, user) -> None:
    access = check_write(cycle, user)
    if not may_steer(access, cycle, user):
        raise NotAllowed(
            _("Facilitators, and whoever leads this stage, move the inquiry on and set its goals.")
        )


def check_start(group: LearningGroup, user) -> None:
    if not may_start(group_access(user, group)):
        raise NotAllowed(_("A facilitator starts the group's inquiry."))
