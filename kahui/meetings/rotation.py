"""Rotating duties: who takes the notes and keeps time at the next meeting.

Pure: no Django. Each duty goes to the member who has done it least, and among
them to the one whose last turn was longest ago, so duties go round in turn."""

from collections.abc import Hashable, Sequence
from typing import TypeVar

Person = TypeVar("Person", bound=Hashable)


def next_in_turn[Person: Hashable](
    members: Sequence[Person],
    past: Sequence[Person | None],
    exclude: frozenset[Person] = frozenset(),
) -> Person | None:
    """The member whose turn it is, given who did the duty at past meetings
    (oldest first). ``None`` when nobody is available."""
    candidates = [m for m in members if m not in exclude]
    if not candidates:
        return None
    turns = dict.fromkeys(candidates, 0)
    last_turn = dict.fromkeys(candidates, -1)
    for index, person in enumerate(past):
        if person in turns:
            turns[person] += 1
            last_turn[person] = index
    order = {m: i for i, m in enumerate(candidates)}
    return min(candidates, key=lambda m: (turns[m], last_turn[m], order[m]))


def suggest_duties[Person: Hashable](
    members: Sequence[Person],
    past_note_takers: Sequence[Person | None],
    past_timekeepers: Sequence[Person | None],
    exclude: frozenset[Person] = frozenset(),
) -> tuple[Person | None, Person | None]:
    """A note-taker and a different timekeeper, in turn."""
    note_taker = next_in_turn(members, past_note_takers, exclude)
    taken = exclude | ({note_taker} if note_taker is not None else frozenset())
    timekeeper = next_in_turn(members, past_timekeepers, frozenset(taken))
    return note_taker, timekeeper
