"""Who may see or do what with a group's health checks. Views check the group at the
door (``@group_view``); these answer what they then show and allow.

- Members answer an open check, see the results of closed ones (once enough members
  answered) and read their comments, which carry no names.
- Facilitators also choose the cadence, the threshold, how long a check stays open,
  and open a check when the group wants one.
- Overseers (coordinators and administrators of the group's organisation or cluster)
  see the same results, never the comments, and nothing below the threshold.
- Nobody, the person who answered included, sees an individual answer once it is
  sent: no page shows one, and none is kept after the check closes."""

from kahui.groups.access import GroupAccess, Need

# Who sees a group's health overview (the open check's count, the published results
# and their trend): its members, supporters and overseers, as ``can_see_results``.
# The overview checks it at its door, and the API asks the same.
READ = Need.OVERSEE


def can_see_results(access: GroupAccess) -> bool:
    """Members and overseers see a closed check's results (when it has any)."""
    return access.can_view


def can_read_comments(access: GroupAccess) -> bool:
    """Only members read the comments, and only without their authors."""
    return access.is_member


def can_answer(access: GroupAccess) -> bool:
    return access.is_member


def can_run_checks(access: GroupAccess) -> bool:
    """Choose the settings and open a check now."""
    return access.is_facilitator
