"""The numbers behind an inquiry summary. Pure: no Django, only the standard library.

An assessment data set is a list of values on one measure (a reading age, a scale
score, a level on a rubric), each for one anonymised learner code or one group of
learners. From data sets this module works out:

- ``summarise``: count, mean, median, spread, lowest and highest;
- ``compare``: before and after on the same measure, with the effect size;
- ``trend``: several dated data sets on one measure, in date order;
- ``distribution_by_level`` and ``distribution_by_bins``: how many values fall on each
  level of an ordinal scale or in each range of a numeric one;
- ``goal_progress``: how far a goal's measure has come from its baseline toward its
  target, and whether that is on track for its date;
- ``benchmark``: the share of learners at or above the level expected for their year;
- ``effect_size``: Cohen's d with Hedges' correction for small samples, paired or not,
  and ``EffectSize.reading()``, what its size means in plain words.

Values on an ordinal scale are positions on the scale (1 for its first level), as
``kahui.inquiry.importing`` reads them. Where a figure makes no sense (too few values,
no spread at all, different measures) the functions return None rather than a number
nobody should read. Texts are ``Message`` objects marked for translation; numbers stay
numbers, for the page to format in the reader's locale.
"""

import math
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from kahui.inquiry.texts import Message, gettext_noop

MIN_VALUES = 3
"""An effect size needs at least this many values on each side (or pairs)."""

SMALL_SAMPLE = 20
"""Below this many values on a side, an effect size comes with a warning."""

PAIRED_SHARE = 0.8
"""Before and after are compared learner by learner when at least this share of the
smaller data set's learners are in both."""

# Cohen's conventional thresholds for |d|: 0.2 small, 0.5 medium, 0.8 large.
SMALL_EFFECT = 0.2
MEDIUM_EFFECT = 0.5
LARGE_EFFECT = 0.8


@dataclass(frozen=True)
class Observation:
    """One value: for an anonymised learner code, or for a group of learners."""

    value: float
    code: str | None = None
    year_level: int | None = None


@dataclass(frozen=True)
class DataSet:
    """Values on one measure, taken on one day (for trends) or undated."""

    measure: str
    observations: tuple[Observation, ...]
    label: str = ""
    taken_on: date | None = None

    @classmethod
    def of(
        cls,
        measure: str,
        values: Iterable[float],
        *,
        label: str = "",
        taken_on: date | None = None,
    ) -> "DataSet":
        """A data set of bare values (no codes, no year levels)."""
        observations = tuple(Observation(value) for value in values)
        return cls(measure, observations, label=label, taken_on=taken_on)

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(observation.value for observation in self.observations)


class AnalysisError(ValueError):
    """Data that cannot be analysed as asked; ``message`` says why, for people."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text)
        self.message = message


class DifferentMeasures(AnalysisError):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(
            Message(
                gettext_noop(
                    "These data sets measure different things (%(first)s and %(second)s), "
                    "so they cannot be compared."
                ),
                {"first": first, "second": second},
            )
        )


class NoValues(AnalysisError):
    def __init__(self, label: str = "") -> None:
        if label:
            super().__init__(
                Message(gettext_noop("The data set %(label)s has no values."), {"label": label})
            )
        else:
            super().__init__(Message(gettext_noop("There are no values to analyse.")))


class MissingDate(AnalysisError):
    def __init__(self, label: str) -> None:
        super().__init__(
            Message(
                gettext_noop("The data set %(label)s has no date, so it cannot be on a trend."),
                {"label": label},
            )
        )


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


def _direction(change: float, scale: float) -> Direction:
    # Changes lost in floating-point noise count as no change.
    if abs(change) <= 1e-9 * max(1.0, abs(scale)):
        return Direction.SAME
    return Direction.UP if change > 0 else Direction.DOWN


# -- Summaries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float
    median: float
    minimum: float
    maximum: float
    sd: float | None  # sample standard deviation; None for a single value


def summarise(values: Sequence[float]) -> Summary:
    """Count, mean, median, lowest, highest and standard deviation of ``values``."""
    if not values:
        raise NoValues()
    return Summary(
        count=len(values),
        mean=statistics.fmean(values),
        median=statistics.median(values),
        minimum=min(values),
        maximum=max(values),
        sd=statistics.stdev(values) if len(values) > 1 else None,
    )


# -- Effect size -------------------------------------------------------------------------


class Magnitude(StrEnum):
    NEGLIGIBLE = "negligible"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


def magnitude_of(g: float) -> Magnitude:
    """Cohen's reading of an effect size's size, whichever its sign."""
    size = abs(g)
    if size >= LARGE_EFFECT:
        return Magnitude.LARGE
    if size >= MEDIUM_EFFECT:
        return Magnitude.MEDIUM
    if size >= SMALL_EFFECT:
        return Magnitude.SMALL
    return Magnitude.NEGLIGIBLE


_READINGS: Mapping[tuple[Magnitude, Direction], str] = {
    (Magnitude.SMALL, Direction.UP): gettext_noop("A small increase."),
    (Magnitude.SMALL, Direction.DOWN): gettext_noop("A small decrease."),
    (Magnitude.MEDIUM, Direction.UP): gettext_noop("A medium-sized increase."),
    (Magnitude.MEDIUM, Direction.DOWN): gettext_noop("A medium-sized decrease."),
    (Magnitude.LARGE, Direction.UP): gettext_noop("A large increase."),
    (Magnitude.LARGE, Direction.DOWN): gettext_noop("A large decrease."),
}
_NEGLIGIBLE = gettext_noop(
    "Little or no change: the difference is small next to how much the values vary."
)
_WHAT_IT_IS = gettext_noop(
    "The effect size sets the change in the average against how spread out the values "
    "are, so changes on different measures can be compared."
)
_PAIRED = gettext_noop("It follows the same learners from before to after.")
_UNPAIRED = gettext_noop(
    "It compares the two sets of values as a whole; they need not be the same learners."
)
_CAVEAT = gettext_noop(
    "Read it as a rough guide. The usual thresholds (about 0.2 small, 0.5 medium and "
    "0.8 large) were never meant as fixed rules, and an effect size alone does not show "
    "that the teaching caused the change: learners also grow for other reasons."
)
_SMALL_SAMPLE_CAVEAT = gettext_noop(
    "With fewer than %(count)s values on a side, one or two results can move this figure a lot."
)


@dataclass(frozen=True)
class EffectReading:
    """What an effect size means, in words, for the page beside the number."""

    summary: Message
    explanation: tuple[Message, ...]
    caveats: tuple[Message, ...]


@dataclass(frozen=True)
class EffectSize:
    """Cohen's d and Hedges' g (d corrected for small samples: the figure to show).

    Positive when the values went up from before to after."""

    d: float
    g: float
    paired: bool
    sizes: tuple[int, int]  # values before and after (the number of pairs, twice)

    @property
    def magnitude(self) -> Magnitude:
        return magnitude_of(self.g)

    @property
    def direction(self) -> Direction:
        return _direction(self.g, 1.0)

    @property
    def small_sample(self) -> bool:
        return min(self.sizes) < SMALL_SAMPLE

    def reading(self) -> EffectReading:
        """The size in plain words, what the figure is, and what to be careful of."""
        if self.magnitude is Magnitude.NEGLIGIBLE:
            summary = Message(_NEGLIGIBLE)
        else:
            summary = Message(_READINGS[self.magnitude, self.direction])
        caveats = [Message(_CAVEAT)]
        if self.small_sample:
            caveats.append(Message(_SMALL_SAMPLE_CAVEAT, {"count": SMALL_SAMPLE}))
        return EffectReading(
            summary=summary,
            explanation=(Message(_WHAT_IT_IS), Message(_PAIRED if self.paired else _UNPAIRED)),
            caveats=tuple(caveats),
        )


def hedges_correction(df: int) -> float:
    """The exact small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df-1)/2))."""
    if df < 2:
        raise ValueError("Hedges' correction needs at least 2 degrees of freedom")
    half = df / 2
    return math.exp(math.lgamma(half) - math.lgamma(half - 0.5) - 0.5 * math.log(half))


def _effect(
    difference: float, spread: float, df: int, paired: bool, sizes: tuple[int, int]
) -> EffectSize | None:
    if spread <= 0 or not math.isfinite(spread) or not math.isfinite(difference):
        return None
    d = difference / spread
    if not math.isfinite(d):
        return None
    return EffectSize(d=d, g=d * hedges_correction(df), paired=paired, sizes=sizes)


def cohens_d(before: Sequence[float], after: Sequence[float]) -> EffectSize | None:
    """Unpaired: the difference of the means over the pooled standard deviation.

    None with fewer than ``MIN_VALUES`` values on a side, or when neither side varies."""
    n1, n2 = len(before), len(after)
    if n1 < MIN_VALUES or n2 < MIN_VALUES:
        return None
    try:
        pooled_variance = (
            (n1 - 1) * statistics.variance(before) + (n2 - 1) * statistics.variance(after)
        ) / (n1 + n2 - 2)
    except OverflowError:  # values far beyond any assessment scale
        return None
    return _effect(
        statistics.fmean(after) - statistics.fmean(before),
        math.sqrt(pooled_variance),
        df=n1 + n2 - 2,
        paired=False,
        sizes=(n1, n2),
    )


def cohens_d_paired(pairs: Sequence[tuple[float, float]]) -> EffectSize | None:
    """Paired (the same learners before and after): the mean change over the average of
    the two standard deviations (d_av), so that it reads on the same scale as the
    unpaired d; corrected with n - 1 degrees of freedom.

    None with fewer than ``MIN_VALUES`` pairs, or when neither side varies."""
    n = len(pairs)
    if n < MIN_VALUES:
        return None
    before = [first for first, _ in pairs]
    after = [second for _, second in pairs]
    try:
        spread = (statistics.stdev(before) + statistics.stdev(after)) / 2
    except OverflowError:  # values far beyond any assessment scale
        return None
    mean_change = statistics.fmean(b - a for a, b in pairs)
    return _effect(mean_change, spread, df=n - 1, paired=True, sizes=(n, n))


def matched_pairs(before: DataSet, after: DataSet) -> list[tuple[float, float]]:
    """(before, after) values of the codes that appear exactly once in each data set."""

    def once(data_set: DataSet) -> dict[str, float]:
        counts = Counter(o.code for o in data_set.observations if o.code)
        return {o.code: o.value for o in data_set.observations if o.code and counts[o.code] == 1}

    first, second = once(before), once(after)
    return [(value, second[code]) for code, value in first.items() if code in second]


def effect_size(
    before: DataSet, after: DataSet, *, paired: bool | None = None
) -> EffectSize | None:
    """The effect size from ``before`` to ``after``; None when it makes no sense.

    ``paired=None`` decides: learner by learner when at least ``PAIRED_SHARE`` of the
    smaller data set's values have a code that is in both, otherwise as two groups."""
    if before.measure != after.measure:
        return None
    pairs = matched_pairs(before, after)
    if paired is None:
        smaller = min(len(before.observations), len(after.observations))
        paired = len(pairs) >= MIN_VALUES and len(pairs) >= PAIRED_SHARE * smaller
    if paired:
        return cohens_d_paired(pairs)
    return cohens_d(before.values, after.values)


# -- Before and after --------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    measure: str
    before: Summary
    after: Summary
    pairs: int  # learner codes in both data sets
    effect: EffectSize | None

    @property
    def mean_change(self) -> float:
        return self.after.mean - self.before.mean

    @property
    def median_change(self) -> float:
        return self.after.median - self.before.median

    @property
    def count_change(self) -> int:
        return self.after.count - self.before.count

    @property
    def percent_change(self) -> float | None:
        """The mean's change as a percentage of the mean before; None from zero."""
        if self.before.mean == 0:
            return None
        return 100 * self.mean_change / abs(self.before.mean)

    @property
    def direction(self) -> Direction:
        return _direction(self.mean_change, self.before.mean)


def compare(before: DataSet, after: DataSet) -> Comparison:
    """Before and after on the same measure: summaries, changes and the effect size.

    Raises ``DifferentMeasures`` or ``NoValues``: comparing those makes no sense."""
    if before.measure != after.measure:
        raise DifferentMeasures(before.measure, after.measure)
    for data_set in (before, after):
        if not data_set.observations:
            raise NoValues(data_set.label)
    return Comparison(
        measure=before.measure,
        before=summarise(before.values),
        after=summarise(after.values),
        pairs=len(matched_pairs(before, after)),
        effect=effect_size(before, after),
    )


# -- Trends ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    taken_on: date
    label: str
    summary: Summary


@dataclass(frozen=True)
class Trend:
    measure: str
    points: tuple[TrendPoint, ...]  # in date order
    slope_per_week: float | None  # least-squares change of the mean; None on one date

    @property
    def change(self) -> float:
        """The mean's change from the first data set to the last."""
        return self.points[-1].summary.mean - self.points[0].summary.mean

    @property
    def direction(self) -> Direction:
        if self.slope_per_week is None:
            return Direction.SAME
        return _direction(self.slope_per_week, self.points[0].summary.mean)


def trend(data_sets: Iterable[DataSet]) -> Trend:
    """The dated data sets on one measure, in date order, with the mean's slope.

    Raises ``NoValues``, ``DifferentMeasures`` or ``MissingDate``."""
    sets = list(data_sets)
    if not sets:
        raise NoValues()
    points = []
    for data_set in sets:
        if data_set.measure != sets[0].measure:
            raise DifferentMeasures(sets[0].measure, data_set.measure)
        if data_set.taken_on is None:
            raise MissingDate(data_set.label)
        if not data_set.observations:
            raise NoValues(data_set.label)
        points.append(TrendPoint(data_set.taken_on, data_set.label, summarise(data_set.values)))
    points.sort(key=lambda point: (point.taken_on, point.label))
    first = points[0].taken_on
    days = [(point.taken_on - first).days for point in points]
    slope = None
    if len(set(days)) > 1:
        means = [point.summary.mean for point in points]
        slope = statistics.linear_regression(days, means).slope * 7
    return Trend(measure=sets[0].measure, points=tuple(points), slope_per_week=slope)


# -- Distributions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Bin:
    """Values from ``lower`` up to but not including ``upper`` (the last bin includes
    its upper edge); for a level of an ordinal scale, ``lower == upper`` = its position
    and ``level`` its name."""

    lower: float
    upper: float
    count: int
    level: str | None = None


@dataclass(frozen=True)
class Distribution:
    bins: tuple[Bin, ...]
    outside: int = 0  # values on no level or in no bin

    @property
    def total(self) -> int:
        """Values counted in a bin."""
        return sum(b.count for b in self.bins)

    def share(self, b: Bin) -> float | None:
        """The bin's share of the values counted; None when there are none."""
        return b.count / self.total if self.total else None


def distribution_by_level(values: Iterable[float], levels: Sequence[str]) -> Distribution:
    """How many values are on each level of an ordinal scale (positions 1, 2, …)."""
    counts = Counter(values)
    on_scale = {float(position) for position in range(1, len(levels) + 1)}
    bins = tuple(
        Bin(lower=position, upper=position, count=counts[position], level=name)
        for position, name in enumerate(levels, start=1)
    )
    outside = sum(count for value, count in counts.items() if value not in on_scale)
    return Distribution(bins=bins, outside=outside)


def distribution_by_bins(
    values: Sequence[float], *, edges: Sequence[float] | None = None, count: int = 6
) -> Distribution:
    """How many values fall between each pair of ``edges`` (ascending), or in about
    ``count`` bins of a round width that cover every value when no edges are given."""
    if edges is None:
        edges = nice_edges(values, count)
    if len(edges) < 2 or any(b <= a for a, b in pairwise(edges)):
        raise ValueError("bin edges must be at least two ascending numbers")
    counts = [0] * (len(edges) - 1)
    outside = 0
    last = len(edges) - 1
    for value in values:
        index = bisect_right(edges, value) - 1
        if index == last and value == edges[-1]:
            index -= 1  # the last bin includes its upper edge
        if 0 <= index < last:
            counts[index] += 1
        else:
            outside += 1
    bins = tuple(Bin(edges[i], edges[i + 1], counts[i]) for i in range(last))
    return Distribution(bins=bins, outside=outside)


def nice_edges(values: Sequence[float], count: int = 6) -> tuple[float, ...]:
    """About ``count`` equal bins with a round width (1, 2, 2.5 or 5 times a power of
    ten) from a round number at or below the lowest value past the highest one."""
    if not values:
        return (0.0, 1.0)
    low, high = min(values), max(values)
    if high - low <= 1e-9 * max(abs(low), abs(high)):  # one value (or rounding noise)
        return (low, max(high + 1, math.nextafter(high, math.inf)))
    if not math.isfinite(high - low):
        return (low, high)
    try:
        edges = _round_edges(low, high, max(count, 1))
    except OverflowError:  # values far beyond any assessment scale
        return (low, high)
    if edges[-1] <= high or any(b <= a for a, b in pairwise(edges)):
        return (low, high)  # beyond float precision: one bin holds them all
    if edges[-2] == high:  # the top value fits the last bin's closed upper edge
        edges.pop()
    return tuple(edges)


def _round_edges(low: float, high: float, count: int) -> list[float]:
    raw = (high - low) / count
    power = 10.0 ** math.floor(math.log10(raw))
    width = next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)
    # Edges are computed from the start, not added up, and rounded well below the
    # width, so 0.1 + 0.2 stays 0.3 and no error accumulates.
    digits = max(0, 3 - math.floor(math.log10(width)))
    start = math.floor(low / width) * width
    if start > low:  # low / width was too small to hold and came out as -0.0
        start -= width
    edges: list[float] = []
    for step in range(count + 3):  # (high - start) / width < count + 1
        edges.append(round(start + step * width, digits))
        if edges[-1] > high:
            break
    edges[0] = min(edges[0], low)  # rounding must not lift the first edge past a value
    return edges


# -- Goals -------------------------------------------------------------------------------


class GoalStatus(StrEnum):
    NOT_MEASURED = "not_measured"  # no measure since the baseline yet
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_TIMELINE = "no_timeline"  # measured, but without dates there is no "on track"


@dataclass(frozen=True)
class Measurement:
    taken_on: date
    value: float


@dataclass(frozen=True)
class ProgressPoint:
    taken_on: date
    value: float
    share: float  # of the way from the baseline to the target: 0 at the start, 1 there


@dataclass(frozen=True)
class GoalProgress:
    baseline: float
    target: float
    history: tuple[ProgressPoint, ...]  # in date order
    expected_share: float | None  # where the goal should be by its latest measure
    status: GoalStatus

    @property
    def latest(self) -> ProgressPoint | None:
        return self.history[-1] if self.history else None

    @property
    def share(self) -> float | None:
        return self.latest.share if self.latest else None

    @property
    def remaining(self) -> float | None:
        """How far the latest measure still is from the target (0 once reached)."""
        if self.latest is None:
            return None
        return 0.0 if self.status is GoalStatus.REACHED else self.target - self.latest.value


def goal_progress(
    *,
    baseline: float,
    target: float,
    measurements: Iterable[Measurement],
    starts_on: date | None = None,
    due_on: date | None = None,
) -> GoalProgress | None:
    """How far a goal has come from ``baseline`` toward ``target`` (either may be the
    larger: a goal can aim to bring a number down), measure by measure.

    On track means at least as far along as the time gone from ``starts_on`` to
    ``due_on`` by the latest measure's date. None when the target is the baseline:
    such a goal has no way to go."""
    if baseline == target or not (math.isfinite(baseline) and math.isfinite(target)):
        return None
    way = target - baseline
    history = tuple(
        ProgressPoint(m.taken_on, m.value, (m.value - baseline) / way)
        for m in sorted(measurements, key=lambda m: m.taken_on)
    )
    expected = None
    if history and starts_on is not None and due_on is not None and due_on > starts_on:
        elapsed = (history[-1].taken_on - starts_on).days / (due_on - starts_on).days
        expected = min(max(elapsed, 0.0), 1.0)
    if not history:
        status = GoalStatus.NOT_MEASURED
    elif history[-1].share >= 1:
        status = GoalStatus.REACHED
    elif expected is None:
        status = GoalStatus.NO_TIMELINE
    elif history[-1].share >= expected:
        status = GoalStatus.ON_TRACK
    else:
        status = GoalStatus.BEHIND
    return GoalProgress(
        baseline=baseline,
        target=target,
        history=history,
        expected_share=expected,
        status=status,
    )


# -- Benchmarks --------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkGroup:
    year_level: int | None  # None: learners without a year level, against the default
    expected: float
    assessed: int
    at_or_above: int

    @property
    def share(self) -> float | None:
        return self.at_or_above / self.assessed if self.assessed else None


@dataclass(frozen=True)
class BenchmarkResult:
    groups: tuple[BenchmarkGroup, ...]  # by year level; learners without one last
    unmatched: int  # values with no expected level to compare with

    @property
    def assessed(self) -> int:
        return sum(group.assessed for group in self.groups)

    @property
    def at_or_above(self) -> int:
        return sum(group.at_or_above for group in self.groups)

    @property
    def below(self) -> int:
        return self.assessed - self.at_or_above

    @property
    def share(self) -> float | None:
        """The share of assessed learners at or above their expected level."""
        return self.at_or_above / self.assessed if self.assessed else None


def benchmark(
    observations: Iterable[Observation],
    standard: Mapping[int, float],
    *,
    default: float | None = None,
) -> BenchmarkResult:
    """Compare each value with the level ``standard`` expects for its year level.

    Values without a year level, or with one the standard does not cover, are held
    against ``default`` when given and counted as ``unmatched`` otherwise."""
    assessed: Counter[int | None] = Counter()
    reached: Counter[int | None] = Counter()
    expected_for: dict[int | None, float] = {}
    unmatched = 0
    for observation in observations:
        year = observation.year_level
        expected = standard.get(year) if year is not None else None
        if expected is None:
            if default is None:
                unmatched += 1
                continue
            year, expected = None, default
        expected_for[year] = expected
        assessed[year] += 1
        # A hair of tolerance, so 3.3 entered as 3.2999999999999998 still counts.
        if observation.value >= expected - 1e-9 * max(1.0, abs(expected)):
            reached[year] += 1
    order = sorted(assessed, key=lambda year: (year is None, year or 0))
    groups = tuple(
        BenchmarkGroup(year, expected_for[year], assessed[year], reached[year]) for year in order
    )
    return BenchmarkResult(groups=groups, unmatched=unmatched)
