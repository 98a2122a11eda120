"""Learning group pages: set-up wizard, group home, members, history, Explore.

Every view is wrapped in :func:`kahui.groups.access.group_view`, which hands it the
group and what the requester may do there, and calls a service to change anything;
htmx requests get the matching partial of the same template. The pages are split by
what they are for; the URL table reads them all from here."""

from kahui.groups.views.explore import explore, my_groups
from kahui.groups.views.home import edit, history, home
from kahui.groups.views.joining import invite, join, leave, request_join, request_withdraw
from kahui.groups.views.members import (
    invite_members,
    invite_revoke,
    member_remove,
    member_role,
    members,
    request_decide,
)
from kahui.groups.views.supporters import (
    supporter_answer,
    supporter_invite,
    supporter_revoke,
    supporting,
)
from kahui.groups.views.wizard import create, setup

__all__ = [
    "create",
    "edit",
    "explore",
    "history",
    "home",
    "invite",
    "invite_members",
    "invite_revoke",
    "join",
    "leave",
    "member_remove",
    "member_role",
    "members",
    "my_groups",
    "request_decide",
    "request_join",
    "request_withdraw",
    "setup",
    "supporter_answer",
    "supporter_invite",
    "supporter_revoke",
    "supporting",
]
