"""The anonymity rule (kahui/health/results.py), as a pure function: nothing below the
threshold, nothing before a check closes, one publication per check, nothing that
depends on who answered or in which order; and the trend charts."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kahui.health.charts import Point, trend_svg
from kahui.health.results import (
    CONDITIONS,
    LEVELS,
    MIN_THRESHOLD,
    Answer,
    effective_threshold,
    publish,
    shown,
    tally,
    valid_scores,
    weakest,
)

levels = st.sampled_from(LEVELS)
answers = st.builds(
    Answer,
    scores=st.fixed_dictionaries(dict.fromkeys(CONDITIONS, levels)),
    comment=st.one_of(st.just(""), st.text(max_size=40)),
)
thresholds = st.integers(min_value=0, max_value=12)


@given(st.lists(answers, max_size=15), thresholds)
def test_nothing_is_published_below_the_threshold(given_answers, threshold):
    result = publish(given_answers, threshold=threshold)
    if len(given_answers) < max(threshold, MIN_THRESHOLD):
        assert result is None
    else:
        assert result is not None
        assert result.answers == len(given_answers) >= MIN_THRESHOLD


@given(st.lists(answers, min_size=MIN_THRESHOLD, max_size=15), st.randoms())
def test_the_result_is_the_same_whatever_order_the_answers_came_in(given_answers, random):
    shuffled = list(given_answers)
    random.shuffle(shuffled)
    assert publish(given_answers, threshold=3) == publish(shuffled, threshold=3)


@given(st.lists(answers, min_size=MIN_THRESHOLD, max_size=15))
def test_a_result_holds_counts_and_sorted_comments_only(given_answers):
    result = publish(given_answers, threshold=3)
    for key in CONDITIONS:
        counts = result.tallies[key]
        assert len(counts) == len(LEVELS)
        assert sum(counts) == len(given_answers)
        assert 1 <= result.mean(key) <= 5
    assert list(result.comments) == sorted(
        result.comments, key=lambda text: (text.casefold(), text)
    )
    assert sorted(result.comments) == sorted(
        a.comment.strip() for a in given_answers if a.comment.strip()
    )


@given(st.lists(answers, max_size=15), thresholds, st.booleans())
def test_nothing_is_shown_while_a_check_is_open(given_answers, threshold, closed):
    published = publish(given_answers, threshold=threshold)
    assert shown(closed=closed, published=published) == (published if closed else None)


@st.composite
def histories(draw):
    """A check's life: answers arrive and are replaced in any order, and someone looks
    at the results after every step; then it closes."""
    threshold = draw(st.integers(min_value=MIN_THRESHOLD, max_value=6))
    steps = draw(st.lists(st.tuples(st.integers(0, 9), answers), max_size=20))
    return threshold, steps


@given(histories())
def test_one_publication_per_check_so_no_answer_shows_as_a_difference(history):
    """The differencing attack: had results been shown at 4 answers and again at 5,
    the change between them would be the fifth answer. Every view before closing
    sees nothing (not even when one more person answers), and after closing every
    view sees the same one result, over at least the threshold's answers."""
    threshold, steps = history
    current: dict[int, Answer] = {}
    seen = []
    for person, answer in steps:
        current[person] = answer  # answering again replaces the earlier answer
        seen.append(
            shown(closed=False, published=publish(list(current.values()), threshold=threshold))
        )
    assert all(view is None for view in seen)
    final = publish(list(current.values()), threshold=threshold)
    views_after = [shown(closed=True, published=final) for _ in range(3)]
    assert views_after == [final] * 3
    view = views_after[0]
    assert view is None or view.answers >= threshold


def test_the_threshold_never_goes_below_three():
    assert effective_threshold(0) == effective_threshold(2) == MIN_THRESHOLD == 3
    assert effective_threshold(4) == 4
    two = [Answer(scores=dict.fromkeys(CONDITIONS, 5))] * 2
    assert publish(two, threshold=1) is None


def test_tallies_count_each_level():
    given_answers = [
        Answer(scores=dict.fromkeys(CONDITIONS, 1)),
        Answer(scores=dict.fromkeys(CONDITIONS, 5)),
        Answer(scores={**dict.fromkeys(CONDITIONS, 3), "trust": 5}),
    ]
    counts = tally(given_answers)
    assert counts["trust"] == (1, 0, 0, 0, 2)
    assert counts["depth"] == (1, 0, 1, 0, 1)
    result = publish(given_answers, threshold=3)
    assert result.mean("trust") == pytest.approx(11 / 3)
    assert result.mean("depth") == 3


def test_scores_must_cover_every_condition_with_a_level():
    full = dict.fromkeys(CONDITIONS, 3)
    assert valid_scores(full)
    assert not valid_scores({**full, "trust": 0})
    assert not valid_scores({**full, "trust": 6})
    assert not valid_scores(dict.fromkeys(CONDITIONS[:-1], 3))
    assert not valid_scores({**full, "extra": 3})


def test_the_weakest_condition_is_the_lowest_mean_and_none_when_all_are_equal():
    means = dict.fromkeys(CONDITIONS, 4.0)
    assert weakest(means) is None
    assert weakest({**means, "safety": 2.5}) == "safety"
    # equal lowest: the first in the survey's order
    assert weakest({**means, "safety": 2.5, "trust": 2.5}) == "trust"
    assert weakest({}) is None


def _chart(points):
    return trend_svg(
        chart_id="trend-trust",
        title="Trust over time",
        description="Rising.",
        points=points,
        nonce="page-nonce",
    )


def test_a_trend_chart_is_an_image_with_a_title_a_description_and_its_values():
    svg = _chart(
        [Point("3 Mar", 2.8, "2.8"), Point("14 Apr", 3.5, "3.5"), Point("26 May", 4.1, "4.1")]
    )
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "trend-trust-title trend-trust-desc"
    assert root.find(f"{ns}title").text == "Trust over time"
    assert root.find(f"{ns}desc").text == "Rising."
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert {"2.8", "3.5", "4.1", "3 Mar", "26 May"} <= set(texts)
    # No script and no style attribute, and its one style element carries the page's
    # nonce: nothing the page's Content-Security-Policy would block, nothing that needs
    # JavaScript.
    assert "<script" not in svg
    styles = list(root.iter(f"{ns}style"))
    assert [style.get("nonce") for style in styles] == ["page-nonce"]
    assert "style=" not in svg
    # The higher mean is drawn higher up.
    points = list(root.iter(f"{ns}circle"))
    assert float(points[0].get("cy")) > float(points[2].get("cy"))


def test_a_long_trend_names_only_its_first_and_last_dates_but_prints_every_value():
    svg = _chart([Point(f"day {i}", 3.0, f"v{i}") for i in range(8)])
    assert re.findall(r">day \d<", svg) == [">day 0<", ">day 7<"]
    assert all(f">v{i}<" in svg for i in range(8))


def test_a_chart_escapes_its_texts_and_needs_a_point():
    svg = trend_svg(
        chart_id="c", title="<Trust & co>", description='"quoted"', points=[Point("<b>", 5, "5")]
    )
    assert "&lt;Trust &amp; co&gt;" in svg
    assert "<b>" not in svg
    ET.fromstring(svg)
    with pytest.raises(ValueError, match="at least one point"):
        _chart([])
