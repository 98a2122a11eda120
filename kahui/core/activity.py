"""The activity log: every change of shared content is recorded here (who, what, when).

Services call :func:`record` inside their transaction; history pages read
``ActivityEntry`` rows and describe them with :func:`describe_all`."""

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from kahui.core.models import ActivityEntry

# The sentence each action reads as on a history page, e.g. "Aroha changed the vision".
ACTION_LABELS: Mapping[str, Any] = {
    "group.created": _("started setting up the group"),
    "group.activated": _("finished the set-up and opened the group"),
    "group.updated": _("changed the group's details"),
    "group.stage_changed": _("moved the group to another stage"),
    "group.goal_added": _("added a goal"),
    "group.goal_changed": _("changed a goal"),
    "group.goal_removed": _("removed a goal"),
    "group.norm_added": _("added an agreement"),
    "group.norm_changed": _("changed an agreement"),
    "group.norm_removed": _("removed an agreement"),
    "group.member_joined": _("joined the group"),
    "group.member_left": _("left the group"),
    "group.member_removed": _("removed a member"),
    "group.role_changed": _("changed a member's role"),
    "group.invited": _("invited a colleague"),
    "group.invite_revoked": _("withdrew an invitation"),
    "group.join_requested": _("asked to join"),
    "group.join_approved": _("approved a request to join"),
    "group.join_declined": _("declined a request to join"),
    "group.join_withdrawn": _("withdrew a request to join"),
    "group.norms_reviewed": _("recorded a review of the agreements"),
    "meeting.scheduled": _("scheduled a meeting"),
    "meeting.series_scheduled": _("scheduled a series of meetings"),
    "meeting.changed": _("moved or changed a meeting"),
    "meeting.cancelled": _("cancelled a meeting"),
    "meeting.restored": _("restored a cancelled meeting"),
    "meeting.agenda_changed": _("changed a meeting's agenda"),
    "meeting.minutes_saved": _("saved the minutes"),
    "meeting.decision": _("recorded a decision"),
    "meeting.action_added": _("added an action"),
    "meeting.action_status": _("updated an action"),
    "meeting.attendance": _("recorded attendance"),
    "meeting.duties": _("assigned the meeting duties"),
    "meeting.template_copied": _("copied a meeting protocol"),
    "meeting.template_changed": _("changed a meeting protocol"),
    "meeting.template_default": _("chose the default meeting protocol"),
    "meeting.guest_invited": _("invited a guest to a meeting"),
    "meeting.guest_revoked": _("withdrew a guest's invitation"),
    "poll.created": _("asked when to meet"),
    "poll.answered": _("answered a poll"),
    "poll.closed": _("closed a poll"),
    "poll.chosen": _("chose a time from a poll"),
    "proposal.opened": _("put a proposal to the group"),
    "proposal.responded": _("responded to a proposal"),
    "proposal.response_changed": _("changed their response to a proposal"),
    "proposal.closed": _("closed a proposal before its deadline"),
    "proposal.agreed": _("made a proposal the group agreed to"),
    "proposal.not_agreed": _("made a proposal the group did not agree to"),
    "proposal.applied": _("applied the change the group agreed to"),
    "proposal.not_applied": _(
        "could not apply an agreed change: the text had changed since the proposal opened"
    ),
    "proposal.rules_changed": _("changed how the group decides"),
    "discussion.started": _("started a thread"),
    "discussion.replied": _("replied in a thread"),
    "discussion.edited": _("edited a message"),
    "discussion.answered": _("marked an answer"),
    "discussion.moderated": _("moderated a thread"),
    "library.added": _("shared a resource"),
    "library.published": _("changed who can see a resource"),
    "library.removed": _("removed a resource"),
    "library.collected": _("added a resource to a collection"),
    "org.created": _("created the organisation"),
    "org.period_added": _("added term dates"),
    "org.period_removed": _("removed term dates"),
    "org.updated": _("changed the organisation's details"),
    "org.member_joined": _("joined the organisation"),
    "org.member_removed": _("removed a member from the organisation"),
    "org.role_changed": _("changed a member's organisation role"),
    "org.invited": _("invited a colleague to the organisation"),
    "org.code_reset": _("made a new invite code"),
    "focus_area.accepted": _("accepted a proposed focus area into the shared list"),
    "focus_area.renamed": _("accepted a proposed focus area under a new name"),
    "focus_area.merged": _("merged a proposed focus area into one of the shared list"),
    "focus_area.declined": _("kept a proposed focus area out of the shared list"),
}


# Entries about the group's charter, stage and membership: overseers see these on the
# group's own pages, so they may read what changed. Every other entry (meetings,
# minutes, decisions, actions, threads, polls, resources, invitations) is about
# member-only content; non-members learn only who did what kind of thing, and when.
CHARTER_ACTIONS = frozenset(
    {
        "group.created",
        "group.activated",
        "group.updated",
        "group.stage_changed",
        "group.goal_added",
        "group.goal_changed",
        "group.goal_removed",
        "group.norm_added",
        "group.norm_changed",
        "group.norm_removed",
        "group.member_joined",
        "group.member_left",
        "group.member_removed",
        "group.role_changed",
    }
)


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, Any]
) -> dict[str, dict[str, str]]:
    """Compare two snapshots and keep the fields whose value changed."""
    changed: dict[str, dict[str, str]] = {}
    for name, label in labels.items():
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            changed[name] = {"label": str(label), "from": _plain(old), "to": _plain(new)}
    return changed


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value)
    return str(value)


def record(
    *,
    actor,
    action: str,
    group=None,
    organisation=None,
    target: str = "",
    changes: Mapping[str, Mapping[str, str]] | None = None,
) -> ActivityEntry:
    """Write one entry of the activity log. Call it inside the service's transaction."""
    if action not in ACTION_LABELS:
        raise ValueError(f"Unknown activity action {action!r}")
    if group is not None and organisation is None:
        organisation = group.organisation
    return ActivityEntry.objects.create(
        actor=actor,
        action=action,
        group=group,
        organisation=organisation,
        target=target[:200],
        changes=dict(changes or {}),
    )


def describe(entry: ActivityEntry) -> str:
    if entry.action == "group.stage_changed" and "stage" in entry.changes:
        return _("moved the group on to %(stage)s") % {"stage": entry.changes["stage"]["to"]}
    return str(ACTION_LABELS.get(entry.action, entry.action))


def without_content(entry: ActivityEntry) -> ActivityEntry:
    """An unsaved copy of ``entry`` without what it was about (its target and changes)."""
    bare = copy.copy(entry)
    bare.target = ""
    bare.changes = {}
    return bare


def describe_all(
    entries: Iterable[ActivityEntry], *, show_content: bool = True
) -> list[tuple[ActivityEntry, str]]:
    """Each entry with the sentence it reads as.

    Pass ``show_content=False`` when the reader is not a member of the entries' group
    (an overseer): entries about member-only content then lose their target and
    changes, so the decision, action or thread title does not leak."""
    described = []
    for entry in entries:
        if not show_content and entry.action not in CHARTER_ACTIONS:
            entry = without_content(entry)
        described.append((entry, describe(entry)))
    return described
