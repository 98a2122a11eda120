"""Recommendation maths on plain data: the vector of a person or a group, built from
its structured fields and its free text, and the nearest vectors to one.

A vector is two blocks side by side. The first holds the structured fields (focus
areas, subjects, year levels, role), each field hashed into ``STRUCTURED_DIMS``
buckets and weighted. The second holds the free text (a bio, a group's purpose): by
default TF-IDF: term counts hashed by scikit-learn's ``HashingVectorizer`` (common
English words left out) weighted by inverse document frequencies fitted on all texts
(``fit_idf``), or the output of any ``TextEncoder`` (sentence embeddings). Hashing
keeps the width fixed and the fitted weights are kept, so one profile's vector can be
refreshed alone and stays comparable with the vectors stored before it. Each field's
block has the length of the square root of its weight (``WEIGHTS``), so the dot
product of two vectors is the weighted sum of their fields' cosines, between 0 and 1:
a field either side left empty counts as no match, rather than making the others
count for more."""

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import HashingVectorizer

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]
# Texts in, one row of floats per text out.
TextEncoder = Callable[[Sequence[str]], npt.NDArray[np.floating]]

STRUCTURED_DIMS = 128
LEXICAL_TEXT_DIMS = 256

# How much each part counts towards a match (they add up to 1).
WEIGHTS = {"interest": 0.40, "subject": 0.15, "year": 0.15, "role": 0.05, "text": 0.25}

_LEXICAL = HashingVectorizer(
    n_features=LEXICAL_TEXT_DIMS,
    alternate_sign=False,
    norm=None,
    stop_words="english",
    strip_accents="unicode",
    token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
    ngram_range=(1, 1),
    dtype=np.float32,
)


@dataclass(frozen=True)
class Features:
    """What a person or a group is about, as plain values (codes and text)."""

    interests: Sequence[str] = ()
    subjects: Sequence[str] = ()
    year_levels: Sequence[str] = ()
    roles: Sequence[str] = ()
    text: str = ""


def fit_idf(texts: Sequence[str]) -> Vector:
    """Inverse document frequencies of the hashed terms of ``texts`` (smoothed as
    scikit-learn's ``TfidfTransformer`` does): words in every bio count for little."""
    if not texts:
        return np.ones(LEXICAL_TEXT_DIMS, dtype=np.float32)
    counts = _LEXICAL.transform(list(texts))
    documents = np.bincount(counts.nonzero()[1], minlength=LEXICAL_TEXT_DIMS)
    return (np.log((1 + len(texts)) / (1 + documents)) + 1).astype(np.float32)


def lexical_encoder(idf: Vector | None = None) -> "Encoder":
    """The lexical encoder, with fitted weights (``fit_idf``) or, before any fit,
    plain term frequencies. The name tells the weights apart."""
    if idf is None:
        return Encoder()
    weights = np.asarray(idf, dtype=np.float32)
    return Encoder(name=f"lexical-1:{zlib.crc32(weights.tobytes()):08x}", idf=weights)


@dataclass(frozen=True)
class Encoder:
    """Turns features into vectors. ``name`` is stored beside each vector, so vectors
    of another encoder are never compared with these."""

    name: str = "lexical-1"
    text_dims: int = LEXICAL_TEXT_DIMS
    encode_text: TextEncoder | None = field(default=None, compare=False)
    idf: Vector | None = field(default=None, compare=False)

    @property
    def dims(self) -> int:
        return STRUCTURED_DIMS + self.text_dims

    def texts(self, texts: Sequence[str]) -> Matrix:
        """One unit-length row per text (a row of zeros for an empty text)."""
        if self.encode_text is None:
            rows = np.log1p(_LEXICAL.transform(list(texts)).toarray())
            if self.idf is not None:
                rows *= self.idf
        else:
            rows = np.asarray(self.encode_text(list(texts)), dtype=np.float32)
        if rows.shape != (len(texts), self.text_dims):
            raise ValueError(f"expected {self.text_dims} text dimensions, got {rows.shape}")
        for index, text in enumerate(texts):
            if not text.strip():
                rows[index] = 0
        return _unit_rows(rows.astype(np.float32))

    def encode(self, items: Sequence[Features]) -> Matrix:
        """The vectors of ``items``, one row each (of length 1 when every field is filled)."""
        matrix = np.zeros((len(items), self.dims), dtype=np.float32)
        if not items:
            return matrix
        for row, item in enumerate(items):
            matrix[row, :STRUCTURED_DIMS] = _structured(item)
        text = self.texts([item.text for item in items])
        matrix[:, STRUCTURED_DIMS:] = text * np.float32(np.sqrt(WEIGHTS["text"]))
        return matrix


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode()) % STRUCTURED_DIMS


def _structured(item: Features) -> Vector:
    vector = np.zeros(STRUCTURED_DIMS, dtype=np.float32)
    for kind, values in (
        ("interest", item.interests),
        ("subject", item.subjects),
        ("year", item.year_levels),
        ("role", item.roles),
    ):
        tokens = {value.strip().casefold() for value in values if value.strip()}
        if not tokens:
            continue
        block = np.zeros(STRUCTURED_DIMS, dtype=np.float32)
        for token in tokens:
            block[_bucket(f"{kind}:{token}")] += 1
        vector += block / np.linalg.norm(block) * np.float32(np.sqrt(WEIGHTS[kind]))
    return vector


def _unit_rows(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return (matrix / norms).astype(np.float32)


def text_similarity(a: Vector, b: Vector) -> float:
    """How alike the free texts of two vectors are, from 0 to 1."""
    ta, tb = a[STRUCTURED_DIMS:], b[STRUCTURED_DIMS:]
    na, nb = float(np.linalg.norm(ta)), float(np.linalg.norm(tb))
    if na == 0 or nb == 0:
        return 0.0
    return float(ta @ tb) / (na * nb)


def nearest(query: Vector, matrix: Matrix, k: int) -> list[tuple[int, float]]:
    """The rows of ``matrix`` most like ``query``: (row, score), best first, at most
    ``k``, leaving out rows with nothing in common (a score of 0 or below)."""
    if k <= 0 or len(matrix) == 0:
        return []
    scores = matrix @ query
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(row), float(scores[row])) for row in top if scores[row] > 1e-6]


def to_bytes(vector: Vector) -> bytes:
    """A vector as stored: 32-bit floats in the machine's byte order (little-endian on
    every platform Kāhui runs on)."""
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes, dims: int) -> Vector | None:
    """A stored vector, or None when it was made with another width."""
    if len(data) != dims * 4:
        return None
    return np.frombuffer(data, dtype=np.float32).copy()


def stack(rows: Sequence[bytes], dims: int) -> Matrix:
    """Stored vectors as one matrix (all of the same width)."""
    if not rows:
        return np.zeros((0, dims), dtype=np.float32)
    # Read-only, without a copy: the rows are scored, never changed.
    return np.frombuffer(b"".join(rows), dtype=np.float32).reshape(len(rows), dims)


# How much of the week two people are both usually free, each week painted in their own
# time zone in cells of ``cell_minutes`` from Monday 00:00 (bit k is cell k).
def shared_free_cells(
    a: int, a_offset_minutes: int, b: int, b_offset_minutes: int, cell_minutes: int
) -> int:
    """The number of cells both are free, once both weeks are moved to UTC.

    ``*_offset_minutes`` is each zone's offset from UTC (+780 for Auckland in summer)."""
    cells = 7 * 24 * 60 // cell_minutes
    full = (1 << cells) - 1
    return (
        _to_utc(a, a_offset_minutes, cell_minutes, cells, full)
        & _to_utc(b, b_offset_minutes, cell_minutes, cells, full)
    ).bit_count()


def _to_utc(mask: int, offset_minutes: int, cell_minutes: int, cells: int, full: int) -> int:
    # Local cell k is UTC cell k - offset: rotate the week right by the offset.
    shift = (-offset_minutes // cell_minutes) % cells
    mask &= full
    return ((mask << shift) | (mask >> (cells - shift))) & full if shift else mask
