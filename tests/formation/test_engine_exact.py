"""The exact method for small cohorts: it agrees with brute force, proves what it
claims and keeps every hard rule."""

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kahui.formation.engine import (
    CannotForm,
    Person,
    Problem,
    Rules,
    Window,
    form_groups,
    free_cells,
    start_cells,
)
from tests.formation.test_engine import keeps_the_rules

pytestmark = pytest.mark.filterwarnings("ignore")

INTERESTS = ["a", "b", "c", "d", "e"]
TIMES = [Window(0, 900, 1020), Window(1, 900, 1020), Window(2, 900, 960)]


def tiny(size, seed, facilitators=0.3):
    rng = random.Random(seed)
    return [
        Person(
            id=str(n),
            facilitator=rng.random() < facilitators,
            interests=frozenset(rng.sample(INTERESTS, rng.randint(1, 3))),
            free=tuple(rng.sample(TIMES, rng.randint(1, 3))),
        )
        for n in range(size)
    ]


def brute_force(people, rules):
    """The best Q over every partition that keeps the rules (None when none does)."""
    starts = [start_cells(free_cells(p.free), rules.meeting_minutes) for p in people]
    leads = sum(p.facilitator for p in people)
    apart = {frozenset(pair) for pair in rules.apart}
    together = [frozenset(pair) for pair in rules.together]

    def ok(group, groups):
        common = -1
        for n in group:
            common &= starts[n]
        if not common or not rules.min_size <= len(group) <= rules.max_size:
            return False
        ids = {people[n].id for n in group}
        if any(pair <= ids for pair in apart):
            return False
        return all(len(pair & ids) in (0, 2) for pair in together)

    def quality(group):
        return sum(
            len(people[x].interests & people[y].interests)
            for x, y in itertools.combinations(group, 2)
        )

    best = None

    def split(rest, groups):
        nonlocal best
        if not rest:
            spread = rules.spread_facilitators and leads >= len(groups)
            if spread and not all(any(people[n].facilitator for n in g) for g in groups):
                return
            q = sum(quality(g) for g in groups)
            best = q if best is None else max(best, q)
            return
        first, others = rest[0], rest[1:]
        for k in range(rules.min_size - 1, rules.max_size):
            for mates in itertools.combinations(others, k):
                group = (first, *mates)
                if ok(group, groups):
                    left = [n for n in others if n not in mates]
                    split(left, [*groups, group])

    split(list(range(len(people))), [])
    return best


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(min_value=4, max_value=9),
    seed=st.integers(min_value=0, max_value=10_000),
    pairs=st.integers(min_value=0, max_value=2),
)
def test_the_exact_method_agrees_with_brute_force_and_proves_it(size, seed, pairs):
    people = tiny(size, seed)
    rng = random.Random(seed)
    ids = [p.id for p in people]
    together = frozenset(tuple(rng.sample(ids, 2)) for _ in range(pairs // 2))
    apart = frozenset(tuple(rng.sample(ids, 2)) for _ in range(pairs)) - together
    rules = Rules(min_size=2, max_size=4, together=together, apart=apart, seconds=5.0)
    best = brute_force(people, rules)
    if best is None:
        # No grouping keeps the rules: the engine says why.
        with pytest.raises(CannotForm) as error:
            form_groups(people, rules)
        assert error.value.explanations
        assert all(str(e) for e in error.value.explanations)
        return
    formation = form_groups(people, rules)
    keeps_the_rules(formation, people, rules)
    assert formation.proved_optimal
    assert formation.quality == best
    assert formation.quality <= formation.bound


def test_a_small_cohort_is_proved_optimal_with_its_bound():
    people = tiny(16, 3, facilitators=0.4)
    rules = Rules(min_size=4, max_size=6, seconds=10.0)
    formation = form_groups(people, rules)
    keeps_the_rules(formation, people, rules)
    assert formation.proved_optimal
    assert formation.bound == formation.quality
    assert formation.bound_kind == "lp"
    assert formation.quality <= formation.slot_bound <= formation.simple_bound


def test_without_the_exact_method_nothing_is_claimed_proved():
    people = tiny(16, 3, facilitators=0.4)
    rules = Rules(min_size=4, max_size=6, seconds=0.3)
    formation = form_groups(people, rules, exact_up_to=0)
    keeps_the_rules(formation, people, rules)
    assert not formation.proved_optimal
    assert formation.bound_kind == "slot"
    assert formation.bound == formation.slot_bound


def test_infeasible_rules_are_still_explained_for_a_small_cohort():
    people = tiny(7, 1)
    with pytest.raises(CannotForm) as error:
        form_groups(people, Rules(min_size=4, max_size=4))
    assert error.value.explanations[0].problem == Problem.SIZES
