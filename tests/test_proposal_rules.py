"""What counts as agreed (``kahui.proposals.outcome``) and how a proposed change is
shown (``kahui.proposals.diff``): pure functions, checked example by example and
over every combination hypothesis draws."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kahui.proposals.diff import Change, Piece, line_diff, word_diff
from kahui.proposals.outcome import Reason, Rule, Tally, decide


def tally(agree=0, abstain=0, disagree=0, block=0, members=None):
    responded = agree + abstain + disagree + block
    return Tally(agree, abstain, disagree, block, responded if members is None else members)


# -- consent ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "agreed", "reason"),
    [
        ({"agree": 1}, True, Reason.AGREED),
        ({"agree": 3, "abstain": 2, "disagree": 2}, True, Reason.AGREED),
        ({"agree": 5, "block": 1}, False, Reason.BLOCKED),
        ({"abstain": 2}, False, Reason.NOBODY_AGREED),
        ({"disagree": 3}, False, Reason.NOBODY_AGREED),
        ({}, False, Reason.NO_RESPONSES),
    ],
)
def test_consent_is_no_block_and_someone_agreeing(counts, agreed, reason):
    verdict = decide(tally(**counts, members=8), Rule.CONSENT)
    assert (verdict.agreed, verdict.reason) == (agreed, reason)


def test_consent_has_no_minimum_share():
    # One member of twelve agreed and nobody else spoke: consent holds.
    assert decide(tally(agree=1, members=12), "consent", min_share=50).agreed


# -- majority -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "agreed", "reason"),
    [
        ({"agree": 3, "disagree": 2}, True, Reason.AGREED),
        ({"agree": 3, "disagree": 1, "block": 1}, True, Reason.AGREED),
        ({"agree": 2, "disagree": 1, "block": 1}, False, Reason.TIE),  # a block is against
        ({"agree": 2, "disagree": 2, "abstain": 3}, False, Reason.TIE),
        ({"agree": 1, "disagree": 2}, False, Reason.MORE_AGAINST),
        ({"abstain": 4}, False, Reason.TIE),
        ({}, False, Reason.NO_RESPONSES),
    ],
)
def test_majority_is_more_for_than_against(counts, agreed, reason):
    verdict = decide(tally(**counts, members=8), Rule.MAJORITY)
    assert (verdict.agreed, verdict.reason) == (agreed, reason)


def test_majority_can_ask_for_a_minimum_share_of_members():
    # 3 of 8 responded: 37.5 %, below a half, even if all three agree.
    assert decide(tally(agree=3, members=8), Rule.MAJORITY, min_share=50).reason == Reason.TOO_FEW
    # Exactly a half is enough.
    assert decide(tally(agree=3, abstain=1, members=8), Rule.MAJORITY, min_share=50).agreed
    assert decide(tally(agree=3, members=8), Rule.MAJORITY, min_share=0).agreed


def test_nonsense_is_refused():
    with pytest.raises(ValueError, match="percentage"):
        decide(tally(agree=1), Rule.MAJORITY, min_share=101)
    with pytest.raises(ValueError, match="More responses"):
        Tally(agree=3, members=2)
    with pytest.raises(ValueError, match="negative"):
        Tally(agree=-1, members=2)
    with pytest.raises(ValueError, match="unanimity"):
        decide(tally(agree=1), "unanimity")


def test_a_tally_counts_positions():
    counted = Tally.of(["agree", "block", "agree", "abstain"], members=6)
    assert counted == Tally(agree=2, abstain=1, disagree=0, block=1, members=6)
    assert (counted.responded, counted.against) == (4, 1)


counts = st.integers(min_value=0, max_value=15)
tallies = st.builds(
    lambda a, b, c, d, extra: tally(a, b, c, d, members=a + b + c + d + extra),
    counts,
    counts,
    counts,
    counts,
    counts,
)
rules = st.sampled_from(list(Rule))
shares = st.integers(min_value=0, max_value=100)


@given(tallies, shares)
def test_consent_agrees_exactly_without_blocks_and_with_an_agreement(t, share):
    assert decide(t, Rule.CONSENT, share).agreed == (t.block == 0 and t.agree > 0)


@given(tallies, shares)
def test_majority_agrees_exactly_when_more_for_than_against_and_enough_respond(t, share):
    enough = t.responded * 100 >= share * t.members
    expected = t.responded > 0 and enough and t.agree > t.disagree + t.block
    assert decide(t, Rule.MAJORITY, share).agreed == expected


@given(tallies, rules, shares)
def test_one_more_agreement_never_undoes_an_agreement(t, rule, share):
    more = Tally(t.agree + 1, t.abstain, t.disagree, t.block, t.members + 1)
    if decide(t, rule, share).agreed:
        assert decide(more, rule, share).agreed


@given(tallies, rules, shares)
def test_one_more_block_never_makes_an_agreement(t, rule, share):
    more = Tally(t.agree, t.abstain, t.disagree, t.block + 1, t.members + 1)
    if not decide(t, rule, share).agreed and t.responded:
        assert not decide(more, rule, share).agreed


@given(tallies, rules, shares)
def test_an_agreed_proposal_always_has_an_agreement_and_a_reason_to_match(t, rule, share):
    verdict = decide(t, rule, share)
    assert verdict.agreed == (verdict.reason == Reason.AGREED)
    if verdict.agreed:
        assert t.agree >= 1


# -- showing a change ---------------------------------------------------------------


def text_of(pieces, *keep):
    return "".join(p.text for p in pieces if p.change in (Change.SAME, *keep))


def test_a_reworded_phrase_reads_as_one_removal_and_one_addition():
    pieces = word_diff(
        "Check decoding every five weeks and act on the results",
        "Check decoding every five weeks and start small-group help within a week",
    )
    assert pieces == [
        Piece(Change.SAME, "Check decoding every five weeks and "),
        Piece(Change.REMOVED, "act on the results"),
        Piece(Change.ADDED, "start small-group help within a week"),
    ]


def test_words_with_macrons_are_whole_words():
    pieces = word_diff("Kia ora e te whānau", "Kia ora e ngā whānau")
    assert Piece(Change.REMOVED, "te") in pieces
    assert Piece(Change.ADDED, "ngā") in pieces


@given(st.text(max_size=60), st.text(max_size=60))
def test_a_word_diff_holds_both_texts(old, new):
    pieces = word_diff(old, new)
    assert text_of(pieces, Change.REMOVED) == old
    assert text_of(pieces, Change.ADDED) == new
    assert all(p.text for p in pieces)


def test_agreements_are_compared_line_by_line():
    old = ["We start on time.", "Phones away.", "What we share stays here."]
    new = ["We start and finish on time.", "What we share stays here.", "We hear every voice."]
    lines = line_diff(old, new)
    assert [(line.change, line.old_index) for line in lines] == [
        (Change.CHANGED, 0),
        (Change.REMOVED, 1),
        (Change.SAME, 2),
        (Change.ADDED, None),
    ]
    assert lines[0].new == "We start and finish on time."


def test_unlike_lines_are_removed_and_added_rather_than_reworded():
    lines = line_diff(["Phones away."], ["We celebrate small wins out loud."])
    assert [line.change for line in lines] == [Change.REMOVED, Change.ADDED]


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "aa", "bb c"]), max_size=8),
    st.lists(st.sampled_from(["a", "b", "c", "d", "aa", "bb c"]), max_size=8),
)
def test_a_line_diff_turns_the_old_list_into_the_new(old, new):
    lines = line_diff(old, new)
    assert [line.new for line in lines if line.change != Change.REMOVED] == new
    kept = [line.old_index for line in lines if line.change != Change.ADDED]
    assert kept == list(range(len(old)))
