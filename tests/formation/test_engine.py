"""The group-formation engine: every grouping keeps the hard rules, or says why not."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kahui.formation.engine import (
    CannotForm,
    Person,
    Problem,
    Rules,
    Share,
    Window,
    form_groups,
    free_cells,
    parse_windows,
    start_cells,
    windows_of,
)

pytestmark = pytest.mark.filterwarnings("ignore")

INTERESTS = [f"interest {k}" for k in range(12)]
SUBJECTS = ["maths", "literacy", "science"]


AFTER_SCHOOL = (Window(0, 900, 1020),)


def person(n, *, interests=("a",), free=AFTER_SCHOOL, **extra):
    return Person(id=str(n), interests=frozenset(interests), free=tuple(free), **extra)


def cohort(size, seed, *, facilitators=0.2, schools=4):
    rng = random.Random(seed)
    people = []
    for n in range(size):
        days = rng.sample(range(5), rng.randint(2, 4))
        people.append(
            Person(
                id=str(n),
                school=f"school {rng.randrange(schools)}",
                role=rng.choice(["teacher", "leader"]),
                facilitator=rng.random() < facilitators,
                subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 2))),
                interests=frozenset(rng.sample(INTERESTS, rng.randint(1, 4))),
                free=tuple(
                    Window(d, rng.choice([900, 930]), rng.choice([1020, 1050])) for d in days
                ),
            )
        )
    return people


def keeps_the_rules(formation, people, rules):
    by_id = {p.id: p for p in people}
    placed = [pid for g in formation.groups for pid in g.members]
    assert sorted(placed) == sorted(by_id)
    facilitators = sum(p.facilitator for p in people)
    for group in formation.groups:
        members = [by_id[pid] for pid in group.members]
        assert rules.min_size <= len(members) <= rules.max_size
        starts = -1
        for p in members:
            starts &= start_cells(free_cells(p.free), rules.meeting_minutes)
        assert starts, "the group has no common window"
        assert group.window.end - group.window.start >= rules.meeting_minutes
        for p in members:
            assert any(
                w.day == group.window.day
                and w.start <= group.window.start
                and group.window.start + rules.meeting_minutes <= w.end
                for w in p.free
            )
        if rules.share:
            common = set.intersection(*(set(getattr(p, rules.share.value)) for p in members))
            assert group.shared_value in common
        ids = set(group.members)
        for a, b in rules.apart:
            assert not (a in ids and b in ids)
        for a, b in rules.together:
            assert (a in ids) == (b in ids)
        if rules.spread_facilitators and facilitators >= len(formation.groups):
            assert group.facilitators
    assert formation.violations == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(min_value=6, max_value=40),
    seed=st.integers(min_value=0, max_value=10_000),
    share=st.sampled_from([Share.NOTHING, Share.SUBJECT]),
    pairs=st.integers(min_value=0, max_value=3),
)
def test_every_grouping_keeps_the_hard_rules_or_says_why_not(size, seed, share, pairs):
    people = cohort(size, seed)
    rng = random.Random(seed)
    ids = [p.id for p in people]
    together = frozenset(tuple(rng.sample(ids, 2)) for _ in range(pairs))
    apart = frozenset(tuple(rng.sample(ids, 2)) for _ in range(pairs)) - together
    rules = Rules(
        min_size=4, max_size=8, share=share, together=together, apart=apart, seconds=0.2, seed=seed
    )
    try:
        formation = form_groups(people, rules)
    except CannotForm as error:
        reasons = error.explanations
    else:
        reasons = ()
    if reasons:
        assert all(str(e) for e in reasons)
        return
    keeps_the_rules(formation, people, rules)
    assert formation.quality <= formation.bound <= formation.simple_bound


def test_a_realistic_cohort_forms_and_reports_quality_against_its_bounds():
    people = cohort(60, 7, schools=5)
    rules = Rules(seconds=1.0)
    formation = form_groups(people, rules)
    keeps_the_rules(formation, people, rules)
    assert 0 < formation.quality <= formation.bound <= formation.simple_bound
    assert formation.quality == sum(g.quality for g in formation.groups)
    assert all(g.shared_interests and g.schools and g.roles for g in formation.groups)


def test_quality_counts_shared_interests_of_each_pair():
    people = [person(n, interests={"a", "b"} if n < 3 else {"a"}) for n in range(6)]
    formation = form_groups(people, Rules(min_size=6, max_size=6, seconds=0.1))
    # 15 pairs share "a"; the 3 pairs among the first three share "b" too.
    assert formation.quality == 18
    assert formation.groups[0].shared_interests == (("a", 6), ("b", 3))


def test_thirteen_people_cannot_make_groups_of_exactly_six():
    people = [person(n) for n in range(13)]
    with pytest.raises(CannotForm) as error:
        form_groups(people, Rules(min_size=6, max_size=6))
    (explanation,) = error.value.explanations
    assert explanation.problem == Problem.SIZES
    assert str(explanation) == "13 people cannot be split into groups of 6 to 6."


def test_a_together_pair_with_no_common_window_is_explained():
    people = [person(n) for n in range(10)] + [
        person("x", free=[Window(1, 900, 1020)]),
        person("y", free=[Window(2, 900, 1020)]),
    ]
    rules = Rules(min_size=3, max_size=6, together=frozenset({("x", "y")}))
    with pytest.raises(CannotForm) as error:
        form_groups(people, rules)
    problems = {e.problem: e for e in error.value.explanations}
    assert problems[Problem.TOGETHER_NO_WINDOW].people == ("x", "y")


def test_people_together_and_apart_at_once_are_explained():
    people = [person(n) for n in range(12)]
    rules = Rules(
        min_size=3,
        max_size=6,
        together=frozenset({("0", "1"), ("1", "2")}),
        apart=frozenset({("0", "2")}),
    )
    with pytest.raises(CannotForm) as error:
        form_groups(people, rules)
    assert Problem.TOGETHER_AND_APART in {e.problem for e in error.value.explanations}


def test_someone_free_when_too_few_others_are_is_explained():
    people = [person(n) for n in range(12)] + [person("late", free=[Window(4, 1200, 1300)])]
    with pytest.raises(CannotForm) as error:
        form_groups(people, Rules(min_size=3, max_size=6))
    (explanation,) = error.value.explanations
    assert explanation.problem == Problem.NO_COMPANY
    assert explanation.people == ("late",)


def test_someone_without_a_long_enough_window_is_explained():
    people = [person(n) for n in range(12)] + [person("short", free=[Window(0, 900, 930)])]
    with pytest.raises(CannotForm) as error:
        form_groups(people, Rules(min_size=3, max_size=6))
    assert error.value.explanations[0].problem == Problem.NO_WINDOW


def test_facilitators_are_spread_one_to_a_group_when_there_are_enough():
    people = [person(n, facilitator=n < 2) for n in range(12)]
    formation = form_groups(people, Rules(min_size=6, max_size=6, seconds=0.1))
    assert [len(g.facilitators) for g in formation.groups] == [1, 1]


def test_windows_merge_when_they_touch_and_trim_to_whole_cells():
    cells = free_cells(parse_windows("Mon 15:30-16:00;Mon 16:00-16:40; mon 15:40-15:50"))
    starts = start_cells(cells, 60)
    assert windows_of(starts, 60) == (Window(0, 930, 990),)
    # 16:40 trims to 16:30: only one hour from 15:30 fits.
    assert str(windows_of(starts, 60)[0]) == "Mon 15:30-16:30"


@pytest.mark.parametrize(
    "text", ["Mon 15:30", "Funday 15:00-16:00", "Mon 17:00-16:00", "Mon 9:75-10:00"]
)
def test_bad_windows_are_refused_with_the_part_named(text):
    with pytest.raises(ValueError, match=r"Mon|Funday"):
        parse_windows(text)
