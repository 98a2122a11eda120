from kahui.formation.board import Rule, evaluate, move
from kahui.formation.engine import Person, Rules, parse_windows

FREE = parse_windows("Mon 15:00-17:00")


def _people():
    return [
        Person(
            id="a",
            school="K",
            role="teacher",
            interests=frozenset({"reading", "maths"}),
            free=FREE,
            facilitator=True,
        ),
        Person(id="b", school="T", role="teacher", interests=frozenset({"reading"}), free=FREE),
        Person(
            id="c",
            school="K",
            role="leader",
            interests=frozenset({"reading"}),
            free=FREE,
            facilitator=True,
        ),
        Person(
            id="d",
            school="T",
            role="teacher",
            interests=frozenset({"maths"}),
            free=parse_windows("Tue 15:00-17:00"),
        ),
    ]


def test_figures_of_each_group():
    board = evaluate(_people(), [["a", "b"], ["c"]], Rules(min_size=1, max_size=3))
    first, _second = board.groups
    assert first.quality == 1
    assert first.shared_interests == (("reading", 2),)
    assert [str(w) for w in first.windows] == ["Mon 15:00-17:00"]
    assert first.schools == (("K", 1), ("T", 1))
    assert board.quality == 1
    assert board.breaches == ()


def test_a_move_names_the_rules_it_would_break():
    rules = Rules(min_size=1, max_size=2, together=frozenset({("a", "b")}))
    groups = [["a", "b"], ["c"], ["d"]]
    moved, broken = move(_people(), groups, rules, person="b", to=2)
    assert moved == [["a"], ["c", "b"], ["d"]]
    assert [b.rule for b in broken] == [Rule.TOGETHER]
    _moved, broken = move(_people(), groups, rules, person="d", to=2)
    assert Rule.WINDOW in {b.rule for b in broken}


def test_a_move_that_leaves_a_group_without_its_facilitator_is_refused():
    rules = Rules(min_size=1, max_size=3)
    _moved, broken = move(_people(), [["a", "b"], ["c", "d"]], rules, person="c", to=1)
    assert Rule.FACILITATOR in {b.rule for b in broken}
