"""The activity log: every change of shared content is recorded here (who, what, when).

Services call :func:`record` inside their transaction; history pages read
``ActivityEntry`` rows and describe them with :func:`describe_all`.

Each app declares the things it records in its own ``activity`` module: an
:class:`ActivityCode` (the code stored in the log, and the sentence it reads as on a
history page) handed to :func:`register`. Core knows no app's codes: it imports every
app's ``activity`` module once Django is set up (``CoreConfig.ready``), the way the
admin finds ``admin`` modules.

A feed (the dashboard, the activity page) reads entries with :func:`feed`: each app
gives its codes a :class:`FeedLine` (the words, naming what it was about, and a
function that links to the exact place) when it registers them, and repeated events
read as one line ("Aroha and 3 others replied in “Fractions”")."""

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


# Where an entry happened, built from its group and ``ref`` without a query (None:
# nowhere more exact than the group's home).
Link = Callable[[ActivityEntry], str | None]


@dataclass(frozen=True)
class FeedLine:
    """How a code reads in a feed, after the person's name: ``text`` names what it
    was about as ``%(target)s`` (“replied in “%(target)s””); ``to_you`` is used
    instead when the entry was done to the reader (its ``ref["to"]``: “accepted your
    answer on …”); ``link`` gives the exact place (a post, a meeting, a decision)."""

    text: Any
    to_you: Any = None
    link: Link | None = None


_feed: dict[str, FeedLine] = {}


def register(
    codes: type[ActivityCode],
    *,
    charter: Iterable[ActivityCode] = (),
    sentences: Mapping[ActivityCode, Sentence] | None = None,
    unattributed: Iterable[ActivityCode] = (),
    feed: Mapping[ActivityCode, FeedLine] | None = None,
) -> None:
    """Make ``codes`` known to the log. ``charter`` lists those that overseers may
    read in full; ``sentences`` gives codes whose sentence depends on the entry;
    ``unattributed`` those written with no person, whose sentence stands alone;
    ``feed`` how codes read in a feed and where they link (see :func:`feed`)."""
    for code in codes:
        known = _codes.get(code.value)
        if known is not None and known is not code:
            raise ValueError(f"Activity code {code.value!r} is declared twice")
        _codes[code.value] = code
    _charter.update(code.value for code in charter)
    _sentences.update({code.value: sentence for code, sentence in (sentences or {}).items()})
    _unattributed.update(code.value for code in unattributed)
    _feed.update({code.value: line for code, line in (feed or {}).items()})


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
    ref: Mapping[str, Any] | None = None,
) -> ActivityEntry:
    """Write one entry of the activity log. Call it inside the service's transaction.
    ``ref`` says where it happened for a feed's link (public ids as text) and, as
    ``"to"``, whom it was done to (a user's id)."""
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
        ref=dict(ref or {}),
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
    bare.ref = {}
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


@dataclass
class FeedItem:
    """One line of a feed: the newest of the entries it stands for, who did them
    (newest first, each once), the sentence and the link."""

    entry: ActivityEntry
    sentence: str
    link: str
    actors: list[str] = field(default_factory=list)
    count: int = 1

    @property
    def unattributed(self) -> bool:
        return self.entry.action in _unattributed

    @property
    def who(self) -> str:
        """“Aroha”, “Aroha and Min-jun”, “Aroha and 3 others”."""
        if not self.actors:
            return _("Someone")
        if len(self.actors) == 1:
            return self.actors[0]
        if len(self.actors) == 2:
            return _("%(first)s and %(second)s") % {
                "first": self.actors[0],
                "second": self.actors[1],
            }
        others = len(self.actors) - 1
        return ngettext(
            "%(first)s and %(count)d other", "%(first)s and %(count)d others", others
        ) % {"first": self.actors[0], "count": others}


def _group_home(entry: ActivityEntry) -> str:
    if entry.group_id is None:
        return ""
    # Named by its URL name: core imports no app, and every group has a home page.
    return reverse("groups:home", args=[entry.group.public_id])


def feed_sentence(entry: ActivityEntry, *, viewer=None) -> str:
    """What ``entry`` reads as in a feed after the person's name, naming what it was
    about, and saying “your” when it was done to ``viewer``."""
    line = _feed.get(entry.action)
    if line is None or not entry.target:
        text = describe(entry)
        # A target that only repeats who did it ("joined the group: Hemi") says nothing.
        named = entry.actor is not None and entry.target == entry.actor.display_name
        return f"{text}: “{entry.target}”" if entry.target and not named else text
    to_you = (
        viewer is not None
        and line.to_you
        and entry.ref.get("to") == viewer.pk
        and entry.actor_id != viewer.pk
    )
    return str(line.to_you if to_you else line.text) % {"target": entry.target}


def feed_link(entry: ActivityEntry) -> str:
    """The exact place ``entry`` happened, else its group's home."""
    if entry.group_id is None:
        return ""
    line = _feed.get(entry.action)
    if line is not None and line.link is not None:
        try:
            link = line.link(entry)
        except KeyError:  # an entry written before the log kept where it happened
            link = None
        if link:
            return link
    return _group_home(entry)


def feed(
    entries: Iterable[ActivityEntry], *, viewer=None, show_content: bool = True
) -> list[FeedItem]:
    """``entries`` (newest first, with ``actor__profile`` and ``group``) as the lines
    of a feed: the same thing done to the same place by several people, or several
    times, reads as one line at the place of the newest. ``viewer`` reads “your” and
    “You”; ``show_content=False`` as in :func:`describe_all`."""
    items: list[FeedItem] = []
    by_key: dict[tuple, FeedItem] = {}
    for entry in entries:
        if not show_content and entry.action not in _charter:
            entry = without_content(entry)
        sentence = feed_sentence(entry, viewer=viewer)
        link = feed_link(entry)
        key = (entry.action, entry.group_id, sentence, link.partition("#")[0])
        item = by_key.get(key)
        if item is None:
            item = by_key[key] = FeedItem(entry=entry, sentence=sentence, link=link)
            items.append(item)
        else:
            item.count += 1
        if entry.actor is not None:
            you = viewer is not None and entry.actor_id == viewer.pk
            name = _("You") if you else entry.actor.display_name
            if name not in item.actors:
                item.actors.append(name)
    return items
