"""Readable differences between the current text and a proposed one: word by word
within a text (the vision, a goal), line by line within a list (the agreements).

Plain data in and out, no Django. The pairing of lines is also how an agreed change
to the agreements is applied: a kept line keeps its agreement, a changed line edits
it (so its history shows the old and the new wording), and the rest are added or
removed."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum


class Change(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"
    CHANGED = "changed"  # a line whose wording changed (lines only)


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same in both, removed from the old or added in the new."""

    change: Change
    text: str


@dataclass(frozen=True)
class Line:
    """One line of a list compared: ``old_index`` is its place in the old list (None
    for an added line); a changed line carries its word-by-word ``pieces``."""

    change: Change
    old: str
    new: str
    old_index: int | None
    pieces: tuple[Piece, ...] = ()


# Words (letters with macrons included), runs of spaces, and single marks.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Two lines this alike are one line reworded, not one removed and another added.
SIMILAR = 0.5


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, in reading order. A space between
    two changed words joins them, so a reworded phrase reads as one removal and one
    addition rather than word, space, word."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    codes = SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    pieces: list[Piece] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed:
            pieces.append(Piece(Change.REMOVED, "".join(removed)))
        if added:
            pieces.append(Piece(Change.ADDED, "".join(added)))
        removed.clear()
        added.clear()

    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            text = "".join(a[i1:i2])
            between_changes = (removed or added) and index + 1 < len(codes)
            if between_changes and text.isspace():
                removed.append(text)
                added.append(text)
                continue
            flush()
            pieces.append(Piece(Change.SAME, text))
            continue
        removed.extend(a[i1:i2])
        added.extend(b[j1:j2])
    flush()
    return pieces


def line_diff(old: list[str], new: list[str]) -> list[Line]:
    """The lines of ``new`` compared with ``old``, with the removed ones where they
    were. Within a replaced block, lines are paired in order while they stay alike."""
    lines: list[Line] = []
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [Line(Change.SAME, old[i], old[i], i) for i in range(i1, i2)]
            continue
        i, j = i1, j1
        while i < i2 and j < j2 and _alike(old[i], new[j]):
            lines.append(Line(Change.CHANGED, old[i], new[j], i, tuple(word_diff(old[i], new[j]))))
            i, j = i + 1, j + 1
        lines += [Line(Change.REMOVED, old[k], "", k) for k in range(i, i2)]
        lines += [Line(Change.ADDED, "", new[k], None) for k in range(j, j2)]
    return lines


def _alike(old: str, new: str) -> bool:
    return SequenceMatcher(a=old.lower(), b=new.lower(), autojunk=False).ratio() >= SIMILAR
