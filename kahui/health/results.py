"""The anonymity rule of a health check, and the numbers it lets through. Plain data in
and out: no Django, nothing of Kāhui.

What a check shows is decided here, once, when it closes:

- nothing while it is open but how many have answered. Results that grew with each
  answer would give the newest answer away to anyone comparing two views (at 4 answers
  and then at 5, the difference *is* the fifth answer), so there is only ever one
  publication per check, and a closed check takes no more answers;
- nothing at all when fewer than the check's threshold answered (never fewer than
  :data:`MIN_THRESHOLD`);
- otherwise, for each condition, how many answers fell on each level (from which the
  mean follows), and the comments that were written, without their authors and in
  alphabetical order, so their order says nothing about who wrote them or when.

No individual answer is kept beside the result: :func:`publish` takes a collection of
answers and returns only counts and a sorted list, and its result is the same whatever
order the answers came in."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# The six success conditions of a learning group, in the order the survey asks them.
# Their names, questions and level descriptions live in conditions.py.
CONDITIONS: tuple[str, ...] = (
    "time_access",
    "trust",
    "shared_vision",
    "structure",
    "safety",
    "depth",
)
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
MIN_THRESHOLD = 3  # a group may raise its threshold, never lower it below this
DEFAULT_THRESHOLD = 4


@dataclass(frozen=True)
class Answer:
    """One person's answer: a level (1–5) for each condition, and a comment."""

    scores: Mapping[str, int]
    comment: str = ""


@dataclass(frozen=True)
class Results:
    """What a closed check shows: how many answered, for each condition the number of
    answers on each level (``tallies[condition][level - 1]``), and the comments."""

    answers: int
    tallies: Mapping[str, tuple[int, ...]]
    comments: tuple[str, ...] = ()

    def mean(self, condition: str) -> float:
        counts = self.tallies[condition]
        total = sum(counts)
        return sum(level * n for level, n in zip(LEVELS, counts, strict=True)) / total

    def means(self) -> dict[str, float]:
        return {condition: self.mean(condition) for condition in self.tallies}


def effective_threshold(threshold: int) -> int:
    """The threshold a check uses: the group's, but never below :data:`MIN_THRESHOLD`."""
    return max(threshold, MIN_THRESHOLD)


def valid_scores(scores: Mapping[str, int], conditions: Sequence[str] = CONDITIONS) -> bool:
    """Whether ``scores`` gives every condition, and only those, a level from 1 to 5."""
    return set(scores) == set(conditions) and all(scores[c] in LEVELS for c in conditions)


def tally(
    answers: Iterable[Answer], conditions: Sequence[str] = CONDITIONS
) -> dict[str, tuple[int, ...]]:
    """For each condition, how many answers chose each level."""
    counts = {condition: [0] * len(LEVELS) for condition in conditions}
    for answer in answers:
        for condition in conditions:
            counts[condition][answer.scores[condition] - 1] += 1
    return {condition: tuple(row) for condition, row in counts.items()}


def publish(
    answers: Sequence[Answer], *, threshold: int, conditions: Sequence[str] = CONDITIONS
) -> Results | None:
    """What a check shows once it has closed with ``answers``: None when fewer than the
    threshold answered; otherwise the tallies and the comments, alphabetically."""
    if len(answers) < effective_threshold(threshold):
        return None
    comments = sorted(
        (text for answer in answers if (text := answer.comment.strip())),
        key=lambda text: (text.casefold(), text),
    )
    return Results(
        answers=len(answers), tallies=tally(answers, conditions), comments=tuple(comments)
    )


def shown(*, closed: bool, published: Results | None) -> Results | None:
    """What anyone may see of a check: nothing before it closes, then what
    :func:`publish` kept (nothing when too few answered)."""
    return published if closed else None


def weakest(means: Mapping[str, float], order: Sequence[str] = CONDITIONS) -> str | None:
    """The condition with the lowest mean (the first in ``order`` of equal ones), or
    None when every condition has the same mean: then none stands out."""
    present = [condition for condition in order if condition in means]
    if len({round(means[condition], 6) for condition in present}) < 2:
        return None
    return min(present, key=lambda condition: (means[condition], present.index(condition)))
