"""The activity log: every change of shared content is recorded here (who, what, when).

Services call :func:`record` inside their transaction; history pages read
``ActivityEntry`` rows and describe them with :func:`describe_all`.

Each app declares the things it records in its own ``activity`` module: an
:class:`ActivityCode` (the code stored in the log, and the sentence it reads as on a
history page) handed to :func:`register`. Core knows no app's codes: it imports every
app's ``activity`` module once Django is set up (``CoreConfig.ready``), the way the
admin finds ``admin`` modules."""

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import models

from kahui.core.models import ActivityEntry


class ActivityCode(models.TextChoices):
    """The base of an app's activity codes: each member's value is what the log
    stores (``"group.created"``), its label what it reads as after the person's name
    (“started setting up the group”)."""


# A sentence that depends on what the entry holds (e.g. which stage a group moved
# to); None falls back to the code's label.
Sentence = Callable[[ActivityEntry], str | None]

_codes: dict[str, ActivityCode] = {}
_sentences: dict[str, Sentence] = {}
# Entries about a group's charter, stage and membership: overseers see these on the
# group's own pages, so they may read what changed. Every other entry (meetings,
# minutes, decisions, actions, threads, polls, resources, invitations) is about
# member-only content; non-members learn only who did what kind of thing, and when.
_charter: set[str] = set()
# Entries Kāhui writes itself, about no one's action (a milestone celebrated, a
# health check closing on its date): their
# sentence stands alone, without a person's name before it.
_unattributed: set[str] = set()


def register(
    codes: type[ActivityCode],
    *,
    charter: Iterable[ActivityCode] = (),
    sentences: Mapping[ActivityCode, Sentence] | None = None,
    unattributed: Iterable[ActivityCode] = (),
) -> None:
    """Make ``codes`` known to the log. ``charter`` lists those that overseers may
    read in full; ``sentences`` gives codes whose sentence depends on the entry;
    ``unattributed`` those written with no person, whose sentence stands alone."""
    for code in codes:
        known = _codes.get(code.value)
        if known is not None and known is not code:
            raise ValueError(f"Activity code {code.value!r} is declared twice")
        _codes[code.value] = code
    _charter.update(code.value for code in charter)
    _sentences.update({code.value: sentence for code, sentence in (sentences or {}).items()})
    _unattributed.update(code.value for code in unattributed)


def registered() -> list[ActivityCode]:
    """Every code the apps declared."""
    return list(_codes.values())


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, Any]
) -> dict[str, dict[str, str]]:
    """Compare two snapshots and keep the fields whose value changed."""
    changed: dict[str, dict[str, str]] = {}
    for name, label in labels.items():
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            changed[name] = change(label, old, new)
    return changed


def change(label: Any, old: Any, new: Any) -> dict[str, str]:
    """One field's change as a history page shows it: what it is called, its old text
    and its new text (empty when there was none, as for something added)."""
    return {"label": str(label), "from": _plain(old), "to": _plain(new)}


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value)
    return str(value)


def record(
    *,
    actor,
    action: ActivityCode,
    group=None,
    organisation=None,
    target: str = "",
    changes: Mapping[str, Mapping[str, str]] | None = None,
) -> ActivityEntry:
    """Write one entry of the activity log. Call it inside the service's transaction."""
    if _codes.get(action) is not action:
        raise ValueError(f"Unknown activity action {action!r}: declare it in an ActivityCode")
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
    """The sentence ``entry`` reads as after the person's name."""
    sentence = _sentences.get(entry.action)
    if sentence is not None and (text := sentence(entry)) is not None:
        return text
    code = _codes.get(entry.action)
    return str(code.label) if code is not None else entry.action


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
    changes, so the decision, action or thread title does not leak.

    Entries of an ``unattributed`` code are marked ``entry.unattributed``: a page
    shows their sentence without a name before it."""
    described = []
    for entry in entries:
        if not show_content and entry.action not in _charter:
            entry = without_content(entry)
        entry.unattributed = entry.action in _unattributed  # type: ignore[attr-defined]
        described.append((entry, describe(entry)))
    return described
