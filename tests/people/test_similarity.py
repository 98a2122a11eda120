"""The recommendation maths on plain data (kahui/people/similarity.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kahui.people.similarity import (
    STRUCTURED_DIMS,
    WEIGHTS,
    Encoder,
    Features,
    fit_idf,
    from_bytes,
    lexical_encoder,
    nearest,
    shared_free_cells,
    stack,
    text_similarity,
    to_bytes,
)

READER = Features(
    interests=["structured-literacy", "oral-language"],
    subjects=["english"],
    year_levels=["y0_3"],
    roles=["teacher"],
    text="Phonics, decodable readers and oral language in the junior school.",
)


def test_a_full_profile_has_unit_length_and_every_vector_a_fixed_width():
    vectors = Encoder().encode([READER, Features(), Features(text="   ")])
    assert vectors.shape == (3, Encoder().dims)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1, abs=1e-5)
    assert not vectors[1].any()  # nothing said, nothing to match
    assert not vectors[2].any()


def test_shared_fields_and_words_rank_above_strangers():
    near = Features(
        interests=["structured-literacy"],
        year_levels=["y0_3"],
        text="Decodable readers and phonics with new entrants.",
    )
    far = Features(interests=["restorative-practice"], year_levels=["y11_13"], text="Rugby.")
    vectors = Encoder().encode([READER, far, near])
    ranked = nearest(vectors[0], vectors[1:], 5)
    assert [row for row, _score in ranked] == [1]  # the stranger shares nothing at all
    assert text_similarity(vectors[0], vectors[2]) > 0.2
    assert text_similarity(vectors[0], vectors[1]) == 0


def test_interest_names_are_compared_without_case_or_spaces():
    a, b = Encoder().encode(
        [Features(interests=["Maths talk"]), Features(interests=[" maths TALK"])]
    )
    assert float(a @ b) == pytest.approx(WEIGHTS["interest"], abs=1e-5)


def test_idf_makes_words_everyone_uses_count_for_little():
    corpus = [f"learning support {word}" for word in ("reading", "maths", "science", "art")]
    plain = lexical_encoder()
    weighted = lexical_encoder(fit_idf(corpus))
    assert weighted.name.startswith("lexical-1:")
    assert weighted.name != plain.name
    a = Features(text="learning support reading")
    b = Features(text="learning support maths")
    assert weighted.texts([a.text, b.text])[0] @ weighted.texts([a.text, b.text])[1] < (
        plain.texts([a.text, b.text])[0] @ plain.texts([a.text, b.text])[1]
    )
    assert fit_idf([]).shape == (plain.text_dims,)


def test_another_text_encoder_sets_the_width():
    def encode(texts):
        return np.array([[len(text), 1.0, 0.0] for text in texts])

    encoder = Encoder(name="toy", text_dims=3, encode_text=encode)
    vectors = encoder.encode([Features(text="abc"), Features(text="")])
    assert vectors.shape == (2, STRUCTURED_DIMS + 3)
    assert not vectors[1].any()
    with pytest.raises(ValueError, match="expected 4 text dimensions"):
        Encoder(name="bad", text_dims=4, encode_text=encode).encode([Features(text="x")])


def test_vectors_round_trip_through_bytes():
    vector = Encoder().encode([READER])[0]
    assert np.array_equal(from_bytes(to_bytes(vector), len(vector)), vector)
    assert from_bytes(to_bytes(vector), len(vector) + 1) is None  # made by another encoder
    assert stack([to_bytes(vector)] * 3, len(vector)).shape == (3, len(vector))
    assert stack([], 7).shape == (0, 7)


@given(
    arrays(np.float32, (30, 6), elements=st.floats(-1, 1, width=32)),
    st.integers(min_value=0, max_value=40),
)
def test_nearest_is_best_first_and_at_most_k(matrix, k):
    query = np.ones(6, dtype=np.float32)
    ranked = nearest(query, matrix, k)
    scores = [score for _row, score in ranked]
    assert len(ranked) <= k
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
    everything = sorted((float(s) for s in matrix @ query if s > 1e-6), reverse=True)
    assert scores == pytest.approx(everything[: len(scores)], abs=1e-5)


def _cells(day: int, start: float, end: float) -> int:
    mask = 0
    for cell in range(int((day * 24 + start) * 2), int((day * 24 + end) * 2)):
        mask |= 1 << cell
    return mask


def test_usual_weeks_are_compared_in_utc():
    # Tuesday 15:00–17:00 in Auckland (UTC+13) is Tuesday 02:00–04:00 UTC, which is
    # Tuesday 03:00–05:00 in Amsterdam (UTC+1): one hour in common with 04:00–06:00.
    auckland = _cells(1, 15, 17)
    amsterdam = _cells(1, 4, 6)
    assert shared_free_cells(auckland, 780, amsterdam, 60, 30) == 2
    assert shared_free_cells(auckland, 780, auckland, 60, 30) == 0
    # Monday 00:00–01:00 in Auckland is Sunday 11:00–12:00 UTC: the week wraps round.
    assert shared_free_cells(_cells(0, 0, 1), 780, _cells(6, 11, 12), 0, 30) == 2
