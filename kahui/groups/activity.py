"""What the activity log records about learning groups (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register
from kahui.core.models import ActivityEntry


class GroupActivity(ActivityCode):
    CREATED = "group.created", _("started setting up the group")
    ACTIVATED = "group.activated", _("finished the set-up and opened the group")
    UPDATED = "group.updated", _("changed the group's details")
    STAGE_CHANGED = "group.stage_changed", _("moved the group to another stage")
    GOAL_ADDED = "group.goal_added", _("added a goal")
    GOAL_CHANGED = "group.goal_changed", _("changed a goal")
    GOAL_REMOVED = "group.goal_removed", _("removed a goal")
    NORM_ADDED = "group.norm_added", _("added an agreement")
    NORM_CHANGED = "group.norm_changed", _("changed an agreement")
    NORM_REMOVED = "group.norm_removed", _("removed an agreement")
    MEMBER_JOINED = "group.member_joined", _("joined the group")
    MEMBER_LEFT = "group.member_left", _("left the group")
    MEMBER_REMOVED = "group.member_removed", _("removed a member")
    ROLE_CHANGED = "group.role_changed", _("changed a member's role")
    INVITED = "group.invited", _("invited a colleague")
    INVITE_REVOKED = "group.invite_revoked", _("withdrew an invitation")
    JOIN_REQUESTED = "group.join_requested", _("asked to join")
    JOIN_APPROVED = "group.join_approved", _("approved a request to join")
    JOIN_DECLINED = "group.join_declined", _("declined a request to join")
    JOIN_WITHDRAWN = "group.join_withdrawn", _("withdrew a request to join")
    # Recorded at a meeting (kahui.meetings), about the group's agreements.
    NORMS_REVIEWED = "group.norms_reviewed", _("recorded a review of the agreements")
    # Supporters (an RTLB, a coach): invited by a facilitator, with the group's consent.
    SUPPORTER_INVITED = "group.supporter_invited", _("invited a supporter")
    SUPPORTER_ACCEPTED = "group.supporter_accepted", _("began supporting the group")
    SUPPORTER_DECLINED = "group.supporter_declined", _("declined to support the group")
    SUPPORTER_LEFT = "group.supporter_left", _("stopped supporting the group")
    SUPPORTER_REVOKED = "group.supporter_revoked", _("let a supporter go")


def _stage_sentence(entry: ActivityEntry) -> str | None:
    if "stage" not in entry.changes:
        return None
    return gettext("moved the group on to %(stage)s") % {"stage": entry.changes["stage"]["to"]}


register(
    GroupActivity,
    # The charter, stage and membership, which overseers see on the group's pages.
    charter=[
        GroupActivity.CREATED,
        GroupActivity.ACTIVATED,
        GroupActivity.UPDATED,
        GroupActivity.STAGE_CHANGED,
        GroupActivity.GOAL_ADDED,
        GroupActivity.GOAL_CHANGED,
        GroupActivity.GOAL_REMOVED,
        GroupActivity.NORM_ADDED,
        GroupActivity.NORM_CHANGED,
        GroupActivity.NORM_REMOVED,
        GroupActivity.MEMBER_JOINED,
        GroupActivity.MEMBER_LEFT,
        GroupActivity.MEMBER_REMOVED,
        GroupActivity.ROLE_CHANGED,
        GroupActivity.SUPPORTER_INVITED,
        GroupActivity.SUPPORTER_ACCEPTED,
        GroupActivity.SUPPORTER_DECLINED,
        GroupActivity.SUPPORTER_LEFT,
        GroupActivity.SUPPORTER_REVOKED,
    ],
    sentences={GroupActivity.STAGE_CHANGED: _stage_sentence},
)
