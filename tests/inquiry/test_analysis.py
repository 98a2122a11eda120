import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kahui.inquiry import analysis
from kahui.inquiry.analysis import (
    MIN_VALUES,
    SMALL_SAMPLE,
    DataSet,
    DifferentMeasures,
    Direction,
    GoalStatus,
    Magnitude,
    Measurement,
    MissingDate,
    NoValues,
    Observation,
    benchmark,
    cohens_d,
    cohens_d_paired,
    compare,
    distribution_by_bins,
    distribution_by_level,
    effect_size,
    goal_progress,
    hedges_correction,
    magnitude_of,
    matched_pairs,
    nice_edges,
    summarise,
    trend,
)
from tests.inquiry.marked import marked_texts

# Assessment values: scale scores, levels, percentages — never astronomically large.
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
samples = st.lists(values, min_size=MIN_VALUES, max_size=60)


def coded(measure, pairs, **kwargs):
    return DataSet(measure, tuple(Observation(v, code=c) for c, v in pairs), **kwargs)


# -- Summaries -----------------------------------------------------------------------------


def test_a_summary_counts_and_centres():
    summary = summarise([4, 1, 3, 2, 10])
    assert (summary.count, summary.mean, summary.median) == (5, 4, 3)
    assert (summary.minimum, summary.maximum) == (1, 10)
    assert summary.sd == pytest.approx(math.sqrt(12.5))
    assert summarise([7]).sd is None
    with pytest.raises(NoValues):
        summarise([])


@given(st.lists(values, min_size=1, max_size=50))
def test_the_centre_lies_between_the_extremes(sample):
    summary = summarise(sample)
    slack = 1e-9 * max(1.0, *map(abs, sample))
    assert summary.minimum - slack <= summary.mean <= summary.maximum + slack
    assert summary.minimum <= summary.median <= summary.maximum


# -- Effect sizes --------------------------------------------------------------------------


def test_unpaired_effect_size_matches_a_worked_example():
    effect = cohens_d([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    # means 3 and 5, both variances 2.5: d = 2 / √2.5; J(8) = Γ(4) / (2 · Γ(3.5)).
    assert effect.d == pytest.approx(2 / math.sqrt(2.5))
    assert effect.g == pytest.approx(effect.d * 6 / (2 * math.gamma(3.5)))
    assert effect.g == pytest.approx(1.1418, abs=1e-4)
    assert not effect.paired
    assert effect.sizes == (5, 5)
    assert effect.magnitude is Magnitude.LARGE
    assert effect.direction is Direction.UP


def test_paired_effect_size_uses_the_average_spread():
    pairs = [(1, 2), (2, 4), (3, 3), (4, 6), (5, 5)]
    effect = cohens_d_paired(pairs)
    # mean change 1; both standard deviations √2.5; J(4) = Γ(2) / (√2 · Γ(1.5)).
    assert effect.d == pytest.approx(1 / math.sqrt(2.5))
    assert effect.g == pytest.approx(effect.d / (math.sqrt(2) * math.gamma(1.5)))
    assert effect.paired
    assert effect.sizes == (5, 5)
    assert effect.magnitude is Magnitude.MEDIUM


def test_hedges_correction_is_below_one_and_tends_to_it():
    assert hedges_correction(2) == pytest.approx(1 / (math.gamma(0.5)))
    corrections = [hedges_correction(df) for df in range(2, 400)]
    assert all(0 < j < 1 for j in corrections)
    assert corrections == sorted(corrections)
    for df in (10, 38, 200):  # the usual approximation 1 - 3 / (4·df - 1)
        assert hedges_correction(df) == pytest.approx(1 - 3 / (4 * df - 1), abs=1e-3)
    with pytest.raises(ValueError, match="degrees of freedom"):
        hedges_correction(1)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([1, 2], [3, 4, 5]),  # too few values before
        ([1, 2, 3], [4, 5]),  # too few after
        ([3, 3, 3], [3, 3, 3, 3]),  # no spread at all
        ([2, 2, 2], [5, 5, 5]),  # a change, but nothing to measure it against
    ],
)
def test_no_effect_size_where_it_makes_no_sense(before, after):
    assert cohens_d(before, after) is None


def test_no_paired_effect_size_for_too_few_pairs_or_no_spread():
    assert cohens_d_paired([(1, 2), (2, 3)]) is None
    assert cohens_d_paired([(1, 1), (1, 1), (1, 1)]) is None
    assert cohens_d_paired([(4, 5), (4, 6), (4, 7)]) is not None  # after varies


def test_no_effect_size_across_measures():
    before = DataSet.of("reading age", [1, 2, 3, 4])
    after = DataSet.of("spelling age", [2, 3, 4, 5])
    assert effect_size(before, after) is None


@given(samples, samples)
def test_swapping_before_and_after_turns_the_effect_round(before, after):
    forward, backward = cohens_d(before, after), cohens_d(after, before)
    assert (forward is None) == (backward is None)
    if forward is not None:
        assert backward.g == pytest.approx(-forward.g, abs=1e-9)


@given(
    samples,
    samples,
    st.floats(min_value=-1000, max_value=1000),
    st.floats(min_value=0.01, max_value=100),
)
def test_the_effect_does_not_depend_on_the_units(before, after, shift, scale):
    plain = cohens_d(before, after)
    assume(plain is not None and plain.d != 0)
    # A spread lost in rounding after the change of units is no test of the formula.
    assume(min(summarise(before).sd or 0, summarise(after).sd or 0) > 1e-3)
    moved = cohens_d([v * scale + shift for v in before], [v * scale + shift for v in after])
    assert moved is not None
    assert moved.d == pytest.approx(plain.d, rel=1e-6, abs=1e-6)


@given(samples, samples)
def test_the_correction_shrinks_toward_zero_keeping_the_sign(before, after):
    effect = cohens_d(before, after)
    assume(effect is not None)
    assert abs(effect.g) < abs(effect.d) or effect.d == 0
    assert math.copysign(1, effect.g) == math.copysign(1, effect.d) or effect.d == 0


def test_codes_pair_up_when_most_learners_are_in_both():
    before = coded("r", [("A1", 10), ("A2", 12), ("A3", 14), ("A4", 9)])
    after = coded("r", [("A1", 12), ("A2", 15), ("A3", 15), ("A4", 11), ("B9", 30)])
    assert matched_pairs(before, after) == [(10, 12), (12, 15), (14, 15), (9, 11)]
    assert effect_size(before, after).paired
    assert not effect_size(before, after, paired=False).paired


def test_few_shared_codes_compare_the_groups_as_a_whole():
    before = coded("r", [("A1", 10), ("A2", 12), ("A3", 14), ("A4", 9), ("A5", 11)])
    after = coded("r", [("A1", 12), ("B2", 15), ("B3", 15), ("B4", 11), ("B5", 13)])
    assert not effect_size(before, after).paired


def test_codes_that_appear_twice_are_not_paired():
    before = coded("r", [("A1", 10), ("A1", 11), ("A2", 12)])
    after = coded("r", [("A1", 12), ("A2", 15)])
    assert matched_pairs(before, after) == [(12, 15)]


@pytest.mark.parametrize(
    ("g", "magnitude"),
    [
        (0, "negligible"),
        (0.19, "negligible"),
        (-0.2, "small"),
        (0.49, "small"),
        (0.5, "medium"),
        (-0.79, "medium"),
        (0.8, "large"),
        (-2.4, "large"),
    ],
)
def test_the_usual_thresholds_name_the_size(g, magnitude):
    assert magnitude_of(g) is Magnitude(magnitude)


def test_the_reading_says_what_the_size_means_and_what_to_be_careful_of():
    effect = cohens_d([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    reading = effect.reading()
    assert reading.summary.text == "A large increase."
    assert "not the same learners" not in " ".join(m.text for m in reading.explanation)
    assert "need not be the same learners" in reading.explanation[1].text
    caveats = [m.text for m in reading.caveats]
    assert "rough guide" in caveats[0]
    assert f"fewer than {SMALL_SAMPLE} values" in caveats[1]

    big = cohens_d(list(range(40)), [v - 1 for v in range(40)])
    assert big.reading().summary.text.startswith("Little or no change")
    assert len(big.reading().caveats) == 1

    fall = cohens_d_paired([(5, 3), (6, 3), (7, 5), (8, 6)])
    assert fall.reading().summary.text == "A large decrease."
    assert "same learners" in fall.reading().explanation[1].text


# -- Before and after ----------------------------------------------------------------------


def test_before_and_after_on_the_same_measure():
    before = coded("reading age", [("A1", 7.5), ("A2", 8.0), ("A3", 8.5), ("A4", 7.0)])
    after = coded("reading age", [("A1", 8.5), ("A2", 8.5), ("A3", 9.5), ("A4", 8.0), ("A5", 9.0)])
    comparison = compare(before, after)
    assert comparison.before.mean == pytest.approx(7.75)
    assert comparison.after.mean == pytest.approx(8.7)
    assert comparison.mean_change == pytest.approx(0.95)
    assert comparison.median_change == pytest.approx(8.5 - 7.75)
    assert comparison.count_change == 1
    assert comparison.percent_change == pytest.approx(100 * 0.95 / 7.75)
    assert comparison.direction is Direction.UP
    assert comparison.pairs == 4
    assert comparison.effect.paired


def test_comparing_different_measures_or_nothing_is_refused():
    with pytest.raises(DifferentMeasures) as refused:
        compare(DataSet.of("reading", [1]), DataSet.of("writing", [2]))
    assert refused.value.message.params == {"first": "reading", "second": "writing"}
    with pytest.raises(NoValues, match="Term 1"):
        compare(DataSet.of("reading", [], label="Term 1"), DataSet.of("reading", [2]))


def test_a_change_from_zero_has_no_percentage_and_no_change_is_the_same():
    comparison = compare(DataSet.of("m", [0, 0]), DataSet.of("m", [1, 1]))
    assert comparison.percent_change is None
    assert comparison.effect is None
    assert compare(DataSet.of("m", [0.1, 0.2]), DataSet.of("m", [0.2, 0.1])).direction is (
        Direction.SAME
    )


# -- Trends --------------------------------------------------------------------------------


def test_a_trend_is_in_date_order_with_its_weekly_slope():
    start = date(2027, 2, 8)
    sets = [
        DataSet.of("m", [12, 14], label="June", taken_on=start + timedelta(weeks=16)),
        DataSet.of("m", [10, 10], label="Feb", taken_on=start),
        DataSet.of("m", [11, 11], label="April", taken_on=start + timedelta(weeks=8)),
    ]
    result = trend(sets)
    assert [point.label for point in result.points] == ["Feb", "April", "June"]
    assert result.change == pytest.approx(3)
    assert result.slope_per_week == pytest.approx(3 / 16)
    assert result.direction is Direction.UP


def test_a_trend_on_one_date_has_no_slope():
    day = date(2027, 3, 1)
    result = trend([DataSet.of("m", [3], taken_on=day), DataSet.of("m", [5], taken_on=day)])
    assert result.slope_per_week is None
    assert result.direction is Direction.SAME


def test_a_trend_needs_dated_data_sets_on_one_measure():
    day = date(2027, 3, 1)
    with pytest.raises(MissingDate, match="Baseline"):
        trend([DataSet.of("m", [1], label="Baseline")])
    with pytest.raises(DifferentMeasures):
        trend([DataSet.of("m", [1], taken_on=day), DataSet.of("n", [1], taken_on=day)])
    with pytest.raises(NoValues):
        trend([])
    with pytest.raises(NoValues):
        trend([DataSet.of("m", [], taken_on=day)])


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=400), st.lists(values, min_size=1)),
        min_size=1,
        max_size=8,
    )
)
def test_trend_points_follow_the_calendar(dated):
    start = date(2027, 1, 25)
    sets = [
        DataSet.of("m", sample, label=str(i), taken_on=start + timedelta(days=offset))
        for i, (offset, sample) in enumerate(dated)
    ]
    points = trend(sets).points
    assert len(points) == len(sets)
    assert [p.taken_on for p in points] == sorted(s.taken_on for s in sets)


# -- Distributions -------------------------------------------------------------------------


def test_values_on_an_ordinal_scale_are_counted_per_level():
    levels = ["Well below", "Below", "At", "Above"]
    result = distribution_by_level([1, 3, 3, 4, 3, 2, 7, 2.5], levels)
    assert [(b.level, b.count) for b in result.bins] == [
        ("Well below", 1),
        ("Below", 1),
        ("At", 3),
        ("Above", 1),
    ]
    assert result.outside == 2
    assert result.total == 6
    assert result.share(result.bins[2]) == pytest.approx(0.5)


def test_numeric_values_are_counted_per_bin_the_last_one_closed():
    result = distribution_by_bins([0, 1, 2, 2, 3, 4, 5, 9], edges=[0, 2, 4, 6])
    assert [(b.lower, b.upper, b.count) for b in result.bins] == [(0, 2, 2), (2, 4, 3), (4, 6, 2)]
    assert result.outside == 1
    assert distribution_by_bins([6], edges=[0, 2, 4, 6]).bins[-1].count == 1
    with pytest.raises(ValueError, match="ascending"):
        distribution_by_bins([1], edges=[3, 2])


def test_round_bins_cover_every_value():
    assert nice_edges([0, 10], 5) == (0, 2, 4, 6, 8, 10)
    assert nice_edges([1210, 1580], 4) == (1200, 1300, 1400, 1500, 1600)
    assert nice_edges([3.1, 3.2, 4.05], 4) == (3.0, 3.25, 3.5, 3.75, 4.0, 4.25)
    assert nice_edges([7, 7]) == (7, 8)
    assert nice_edges([]) == (0, 1)
    assert distribution_by_bins([5, 5, 5]).bins[0].count == 3
    assert distribution_by_bins([]).total == 0


@given(
    st.lists(values, max_size=200) | st.lists(st.floats(allow_nan=False, allow_infinity=False)),
    st.integers(min_value=1, max_value=12),
)
def test_every_value_lands_in_one_round_bin(sample, count):
    result = distribution_by_bins(sample, count=count)
    assert result.outside == 0
    assert result.total == len(sample)
    assert len(result.bins) <= 2 * count + 2


@given(st.lists(st.integers(min_value=-1, max_value=7)), st.integers(min_value=1, max_value=6))
def test_levels_count_every_value_once(positions, level_count):
    levels = [f"L{i}" for i in range(1, level_count + 1)]
    result = distribution_by_level([float(p) for p in positions], levels)
    assert result.total + result.outside == len(positions)
    assert [b.level for b in result.bins] == levels


# -- Goals ---------------------------------------------------------------------------------


def test_progress_toward_a_goal_with_its_dated_history():
    progress = goal_progress(
        baseline=40,
        target=80,
        measurements=[Measurement(date(2027, 6, 1), 60), Measurement(date(2027, 4, 1), 50)],
        starts_on=date(2027, 2, 1),
        due_on=date(2027, 12, 1),
    )
    assert [(p.taken_on.month, p.share) for p in progress.history] == [(4, 0.25), (6, 0.5)]
    assert progress.share == 0.5
    assert progress.remaining == 20
    assert progress.expected_share == pytest.approx(120 / 303)
    assert progress.status is GoalStatus.ON_TRACK


def test_a_goal_can_aim_to_bring_a_number_down():
    progress = goal_progress(
        baseline=12,
        target=4,
        measurements=[Measurement(date(2027, 9, 1), 10)],
        starts_on=date(2027, 2, 1),
        due_on=date(2027, 10, 1),
    )
    assert progress.share == pytest.approx(0.25)
    assert progress.status is GoalStatus.BEHIND
    assert progress.remaining == -6


@pytest.mark.parametrize(
    ("measurements", "dates", "status"),
    [
        ([], True, GoalStatus.NOT_MEASURED),
        ([80], True, GoalStatus.REACHED),
        ([95], False, GoalStatus.REACHED),
        ([50], False, GoalStatus.NO_TIMELINE),
    ],
)
def test_goal_status(measurements, dates, status):
    progress = goal_progress(
        baseline=40,
        target=80,
        measurements=[Measurement(date(2027, 5, 1), value) for value in measurements],
        starts_on=date(2027, 2, 1) if dates else None,
        due_on=date(2027, 12, 1) if dates else None,
    )
    assert progress.status is status
    if status is GoalStatus.REACHED:
        assert progress.remaining == 0


def test_a_goal_with_no_way_to_go_has_no_progress():
    assert goal_progress(baseline=5, target=5, measurements=[]) is None


@given(
    st.floats(min_value=-1000, max_value=1000),
    st.floats(min_value=-1000, max_value=1000),
    st.floats(min_value=0, max_value=1),
)
def test_the_share_runs_from_baseline_to_target(baseline, target, fraction):
    assume(abs(target - baseline) > 1e-6)
    on_the_way = baseline + fraction * (target - baseline)
    progress = goal_progress(
        baseline=baseline,
        target=target,
        measurements=[
            Measurement(date(2027, 3, 1), baseline),
            Measurement(date(2027, 5, 1), on_the_way),
        ],
    )
    assert progress.history[0].share == 0
    assert progress.share == pytest.approx(fraction, abs=1e-6)
    assert (progress.status is GoalStatus.REACHED) == (progress.share >= 1)


# -- Benchmarks ----------------------------------------------------------------------------


def test_the_share_at_or_above_the_expected_level_for_each_year():
    standard = {4: 3.0, 5: 3.5}
    observations = [
        Observation(3.0, "a", 4),  # at
        Observation(2.5, "b", 4),  # below
        Observation(3.3, "c", 4),  # above
        Observation(3.4, "d", 5),  # below
        Observation(4.0, "e", 5),  # above
        Observation(5.0, "f", 6),  # no standard for year 6
        Observation(5.0, "g", None),  # no year level
    ]
    result = benchmark(observations, standard)
    assert [(g.year_level, g.assessed, g.at_or_above) for g in result.groups] == [
        (4, 3, 2),
        (5, 2, 1),
    ]
    assert result.groups[0].share == pytest.approx(2 / 3)
    assert (result.assessed, result.at_or_above, result.below) == (5, 3, 2)
    assert result.unmatched == 2
    assert result.share == pytest.approx(3 / 5)


def test_learners_without_a_standard_meet_the_default():
    result = benchmark(
        [Observation(3, year_level=None), Observation(1, year_level=9)], {4: 3.0}, default=2
    )
    assert [(g.year_level, g.expected, g.at_or_above) for g in result.groups] == [(None, 2, 1)]
    assert result.groups[0].assessed == 2
    assert result.unmatched == 0


def test_a_hair_below_the_standard_by_rounding_still_counts():
    assert benchmark([Observation(0.1 + 0.2, year_level=3)], {3: 0.3}).at_or_above == 1


def test_no_share_when_no_one_was_assessed():
    result = benchmark([], {4: 3.0})
    assert result.share is None
    assert result.groups == ()


@given(
    st.lists(
        st.builds(
            Observation,
            values,
            st.none(),
            st.one_of(st.none(), st.integers(min_value=0, max_value=13)),
        )
    )
)
def test_every_learner_is_counted_once(observations):
    result = benchmark(observations, {year: 10.0 * year for year in range(1, 9)})
    assert result.assessed + result.unmatched == len(observations)
    assert result.at_or_above + result.below == result.assessed
    assert result.share is None or 0 <= result.share <= 1


# -- Texts ---------------------------------------------------------------------------------


def test_every_message_is_marked_for_translation():
    marked = marked_texts(analysis)
    effect = cohens_d([1, 2, 3], [2, 4, 5])
    reading = effect.reading()
    for message in (reading.summary, *reading.explanation, *reading.caveats):
        assert message.template in marked
    for error in (DifferentMeasures("a", "b"), NoValues(), NoValues("x"), MissingDate("x")):
        assert error.message.template in marked
        assert str(error) == error.message.text


@pytest.mark.parametrize(
    "sample",
    [
        [0, 1e-12],
        [1e6, 1e6 + 1e-9],
        [50000000001.0, -2.2250738585e-313],
        [-0.30000000000000004, 1],
        [-1e6, 1e6],
        [1e15, 1e15 + 3],
        [0.1, 0.3],
        [5e-324, 1e-300],
    ],
)
def test_round_bins_hold_at_the_edges_of_float_precision(sample):
    edges = nice_edges(sample)
    assert list(edges) == sorted(set(edges))
    result = distribution_by_bins(sample)
    assert (result.total, result.outside) == (len(sample), 0)
