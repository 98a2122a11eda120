"""Every reason the engine gives and every broken rule the board finds reads as a
sentence naming the people, never as the fallback with a code."""

import pytest

from kahui.formation.board import Breach, Rule
from kahui.formation.engine import Explanation, Problem
from kahui.formation.words import breach_text, explanation_row, explanation_text

NAMES = {"p1": "Aroha Ngata", "p2": "Wim de Vries"}
FIGURES = {
    "people": 5,
    "min_size": 6,
    "max_size": 12,
    "minutes": 60,
    "size": 14,
    "groups": 3,
}
NAMES_PEOPLE = {
    Problem.NO_WINDOW,
    Problem.TOGETHER_TOO_BIG,
    Problem.TOGETHER_AND_APART,
    Problem.TOGETHER_NO_WINDOW,
    Problem.TOGETHER_NOTHING_SHARED,
    Problem.NOTHING_SHARED,
    Problem.NO_COMPANY,
    Problem.NOT_PLACED,
    Problem.UNKNOWN_PERSON,
}


@pytest.mark.parametrize("problem", list(Problem))
def test_each_problem_reads_as_a_sentence(problem):
    row = explanation_row(Explanation(problem=problem, people=("p1", "p2"), figures=FIGURES))
    text = explanation_text(row, NAMES)
    assert "could not be formed (" not in text
    assert text.endswith(".")
    if problem in NAMES_PEOPLE:
        assert "Aroha Ngata, Wim de Vries" in text


def test_an_unknown_problem_says_its_code_and_an_unknown_person_their_id():
    assert "(mystery)" in explanation_text({"problem": "mystery"}, NAMES)
    row = {"problem": Problem.NOT_PLACED.value, "people": ["p9"], "figures": {}}
    assert "p9" in explanation_text(row, NAMES)


@pytest.mark.parametrize("rule", list(Rule))
def test_each_broken_rule_reads_as_a_sentence(rule):
    text = breach_text(
        Breach(rule=rule, group=2, people=("p1", "p2")), NAMES, min_size=6, max_size=12
    )
    assert text.endswith(".")
    assert "2" in text or "Aroha Ngata" in text


def test_group_sizes_are_counted_in_words():
    small = breach_text(Breach(rule=Rule.MIN_SIZE, group=1), NAMES, min_size=1, max_size=12)
    assert "fewer than 1 member " in small
    big = breach_text(Breach(rule=Rule.MAX_SIZE, group=1), NAMES, min_size=6, max_size=12)
    assert "more than 12 members" in big
