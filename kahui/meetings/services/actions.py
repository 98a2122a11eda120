"""Actions: added at a meeting or on their own, owned by a member, done, dropped or
reopened."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.groups.access import is_member
from kahui.groups.models import LearningGroup
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import ActionItem, ActionLevel, ActionStatus
from kahui.notifications.models import Category
from kahui.notifications.services import notify


def member_check(group: LearningGroup, user) -> None:
    """Refuse giving an action or a duty to someone outside the group."""
    if user is not None and not is_member(user, group):
        raise KahuiError(_("The person must be a member of the group."))


def due_date_check(due_on: date | None) -> None:
    """Refuse a due date that is surely a slip: over a year ago or years ahead."""
    if due_on is None:
        return
    today = timezone.localdate()
    if due_on < today - timedelta(days=365):
        raise KahuiError(_("That due date is more than a year ago: check the year."))
    if due_on > today + timedelta(days=5 * 365):
        raise KahuiError(_("Choose a due date in the next five years."))


@transaction.atomic
def action_add(
    *,
    group: LearningGroup,
    by,
    text: str,
    owner=None,
    due_on: date | None = None,
    meeting=None,
    level: str = "",
) -> ActionItem:
    """Add an action, for all learners, some or one (``level``) when it is part of a
    plan; it records the inquiry round and stage it was agreed in."""
    member_check(group, owner)
    due_date_check(due_on)
    if level and level not in ActionLevel.values:
        raise KahuiError(_("Choose who the action is for."))
    action = ActionItem.objects.create(
        group=group,
        meeting=meeting,
        text=text,
        owner=owner,
        due_on=due_on,
        created_by=by,
        level=level,
        cycle=group.cycle,
        stage=group.stage,
    )
    activity.record(
        actor=by,
        action=MeetingActivity.ACTION_ADDED,
        group=group,
        target=text,
        ref=_action_ref(action),
    )
    if owner is not None and owner != by:
        notify(
            users=[owner],
            category=Category.ACTIONS,
            title=_("New action for you: %(text)s") % {"text": text},
            url=reverse("meetings:my_actions"),
            group=group,
            email_template="action_assigned",
            context={"action": action, "group": group, "by": by.display_name},
        )
    return action


@transaction.atomic
def action_set_status(*, action: ActionItem, by, status: str) -> ActionItem:
    if status not in ActionStatus.values:
        raise KahuiError(_("Unknown status."))
    old = action.get_status_display()
    action.status = status
    action.completed_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "completed_at", "updated_at"])
    activity.record(
        actor=by,
        action=MeetingActivity.ACTION_STATUS,
        group=action.group,
        target=action.text,
        changes={"status": activity.change(_("Status"), old, action.get_status_display())},
        ref=_action_ref(action),
    )
    return action


def _action_ref(action: ActionItem) -> dict[str, object]:
    """Where an action's entries link to (its meeting), and whose it is."""
    ref: dict[str, object] = {"action": str(action.public_id), "to": action.owner_id}
    if action.meeting is not None:
        ref["meeting"] = str(action.meeting.public_id)
    return ref
