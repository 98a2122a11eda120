"""Benchmark of group formation from a cohort (kahui/formation/engine.py).

For cohorts of 60, 600, 2,000 and 10,000 educators, generated reproducibly, prints the
quality Q (shared interests over every group's member pairs), the tightest proven bound
and which it is ("slot": slot-aware; "lp": the exact method's), Q divided by it, the
slot-aware and simple bounds (docs/FORMATION.md explains them), hard-rule violations
(must be 0), whether Q is proved optimal (the exact method runs for cohorts of up to
60), the mix of schools and roles, and the wall time on this machine.

Targets: no violation ever; 60 educators proved optimal within 5 s; 600 educators at
Q/bound >= 0.71 and 2,000 and 10,000 at >= 0.72, each within 10 s. Run with `make bench`
(or `.venv/bin/python -m bench.formation [sizes...]`)."""

import os
import platform
import random
import statistics
import sys
import time

from kahui.formation.engine import Person, Rules, Window, form_groups

TOPICS = [
    "literacy",
    "numeracy",
    "fractions",
    "reading comprehension",
    "writing",
    "oral language",
    "te reo Māori",
    "culturally responsive teaching",
    "assessment for learning",
    "feedback",
    "inclusive education",
    "neurodiversity",
    "behaviour",
    "wellbeing",
    "transitions",
    "digital technologies",
    "science inquiry",
    "STEM",
    "place-based learning",
    "mathematical talk",
    "structured literacy",
    "phonics",
    "play-based learning",
    "student agency",
    "collaborative learning",
    "differentiation",
    "gifted learners",
    "English language learners",
    "attendance",
    "whānau engagement",
    "restorative practice",
    "outdoor education",
    "the arts",
    "health and PE",
    "social sciences",
    "local curriculum",
    "data literacy",
    "questioning",
    "classroom talk",
    "leadership",
    "coaching",
    "mentoring",
    "beginning teachers",
    "special education",
    "early years",
    "secondary pathways",
    "project-based learning",
    "spiral inquiry",
    "formative assessment",
    "self-regulation",
]
BANDS = {
    "early": ["ECE"],
    "primary": ["Y1-2", "Y3-4", "Y5-6"],
    "intermediate": ["Y7-8"],
    "secondary": ["Y9-10", "Y11-13"],
}
SUBJECTS = {
    "early": ["early learning"],
    "primary": ["English", "maths", "science", "te reo Māori", "the arts"],
    "intermediate": ["English", "maths", "science", "technology", "social sciences"],
    "secondary": ["English", "maths", "science", "technology", "social sciences", "languages"],
}


def cohort(size: int, seed: int = 2027) -> list[Person]:
    """Educators in schools of 15-45 staff. A school has a few focus topics most of its
    staff share, a year band, a staff-meeting afternoon (busy) and a finishing time;
    each educator is free on two to four other afternoons until 16:30-17:30, and some
    on an evening for online meetings. Topic popularity is skewed (a few are common)."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(TOPICS))]
    people: list[Person] = []
    school = 0
    while len(people) < size:
        school += 1
        staff = min(rng.randint(15, 45), size - len(people))
        band = rng.choices(list(BANDS), weights=[1, 5, 2, 4])[0]
        focus = rng.sample(TOPICS, 3)
        meeting_day = rng.randrange(5)
        finish = rng.choice([900, 915, 930])
        for _ in range(staff):
            own = set(rng.sample(focus, rng.randint(1, 2)))
            while len(own) < rng.randint(3, 5):
                own.add(rng.choices(TOPICS, weights=weights)[0])
            days = [d for d in range(5) if d != meeting_day]
            free = []
            for day in sorted(rng.sample(days, rng.randint(2, 4))):
                start = finish + rng.choice([0, 15, 30])
                free.append(Window(day, start, max(start + 60, rng.choice([990, 1020, 1050]))))
            if rng.random() < 0.15:
                free.append(Window(rng.randrange(4), 1140, 1230))
            n = len(people)
            people.append(
                Person(
                    id=str(n),
                    school=f"school {school}",
                    role=rng.choices(["teacher", "leader", "specialist"], weights=[8, 2, 1])[0],
                    facilitator=rng.random() < 0.12,
                    year_levels=frozenset(rng.sample(BANDS[band], 1)),
                    subjects=frozenset(rng.sample(SUBJECTS[band], 1)),
                    interests=frozenset(own),
                    free=tuple(free),
                )
            )
    return people


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [60, 600, 2000, 10000]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print(
        f"{'educators':>9} {'groups':>6} {'Q':>7} {'bound':>7} {'which':>5} {'Q/bound':>7} "
        f"{'slot':>7} {'simple':>7} {'viol.':>5} {'proved':>6} {'schools/grp':>11} "
        f"{'roles/grp':>9} {'time s':>6}"
    )
    for size in sizes:
        people = cohort(size)
        formation = form_groups(people, Rules(seconds=10.0 if size > 60 else 5.0))
        schools = statistics.mean(len(g.schools) for g in formation.groups)
        roles = statistics.mean(len(g.roles) for g in formation.groups)
        proved = "yes" if formation.proved_optimal else "no"
        print(
            f"{size:>9} {len(formation.groups):>6} {formation.quality:>7} "
            f"{formation.bound:>7} {formation.bound_kind:>5} {formation.ratio:>7.3f} "
            f"{formation.slot_bound:>7} {formation.simple_bound:>7} "
            f"{len(formation.violations):>5} {proved:>6} {schools:>11.1f} {roles:>9.1f} "
            f"{formation.seconds:>6.1f}"
        )


if __name__ == "__main__":
    time.perf_counter()
    main()
