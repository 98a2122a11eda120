"""Benchmark of recommendations from precomputed vectors (kahui/people/similarity.py).

Target: the top 10 among 100,000 profiles in <= 50 ms, from their stored vectors.
Profiles are generated reproducibly (focus areas that cluster by school, subjects, year
levels, roles, short bios), encoded once with the lexical encoder as the worker would,
and packed as the database stores them, then unpacked into one matrix. The timed part
is scoring every profile against one person's vector and taking the best 10.
Run with `make bench` (or `.venv/bin/python -m bench.recommend`)."""

import os
import platform
import random
import statistics
import time

import numpy as np

from kahui.people.similarity import (
    Encoder,
    Features,
    fit_idf,
    lexical_encoder,
    nearest,
    stack,
    to_bytes,
)

PROFILES = 100_000
RUNS = 30
TARGET_MS = 50

AREAS = [
    "structured-literacy", "oral-language", "maths-talk", "udl", "neurodiversity",
    "te-reo", "culturally-responsive", "assessment", "digital", "wellbeing",
    "restorative", "transitions", "writing", "science-inquiry", "play-based",
    "student-agency", "feedback", "coaching", "leadership", "community",
]  # fmt: skip
SUBJECTS = ["english", "mathematics", "science", "arts", "technology", "health-pe", "languages"]
YEARS = ["ece", "y0-3", "y4-6", "y7-8", "y9-10", "y11-13"]
ROLES = ["teacher", "leader", "senco", "rtlb", "coach"]
WORDS = [
    "phonics", "readers", "oral", "language", "number", "sense", "fractions", "inquiry",
    "wellbeing", "restorative", "conversations", "assessment", "feedback", "digital",
    "coding", "kapa", "haka", "whanau", "transitions", "play", "writing", "science",
    "experiments", "coaching", "leadership", "neurodiversity", "inclusion", "agency",
]  # fmt: skip


def profiles(count: int, seed: int = 16) -> list[Features]:
    rng = random.Random(seed)
    schools = [rng.sample(AREAS, 6) for _ in range(count // 400 + 1)]
    result = []
    for number in range(count):
        school = schools[number // 400]
        interests = rng.sample(school, 2) + rng.sample(AREAS, 1)
        bio = " ".join(rng.sample(WORDS, 8))
        result.append(
            Features(
                interests=interests,
                subjects=rng.sample(SUBJECTS, rng.randint(1, 2)),
                year_levels=rng.sample(YEARS, rng.randint(1, 2)),
                roles=[rng.choice(ROLES)],
                text=f"I teach at school {number // 400}. {bio}",
            )
        )
    return result


def main() -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    people = profiles(PROFILES)
    began = time.perf_counter()
    encoder: Encoder = lexical_encoder(fit_idf([person.text for person in people]))
    vectors = encoder.encode(people)
    stored = [to_bytes(vector) for vector in vectors]
    encoding = time.perf_counter() - began
    print(
        f"encoding {PROFILES:,} profiles ({encoder.dims} dimensions, {encoder.name}): "
        f"{encoding:.1f} s, {encoding / PROFILES * 1e6:.0f} µs a profile"
    )
    began = time.perf_counter()
    matrix = stack(stored, encoder.dims)
    print(f"stored bytes to one matrix: {(time.perf_counter() - began) * 1000:.0f} ms")
    rng = np.random.default_rng(3)
    timings = []
    for _ in range(RUNS):
        query = vectors[int(rng.integers(PROFILES))]
        began = time.perf_counter()
        top = nearest(query, matrix, 10)
        timings.append((time.perf_counter() - began) * 1000)
        assert len(top) == 10
    median = statistics.median(timings)
    print(
        f"top 10 among {PROFILES:,} precomputed vectors: median {median:.1f} ms, fastest "
        f"{min(timings):.1f} ms, slowest {max(timings):.1f} ms over {RUNS} runs; "
        f"target <= {TARGET_MS} ms: {'met' if median <= TARGET_MS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
