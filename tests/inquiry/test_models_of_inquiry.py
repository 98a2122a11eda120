import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kahui.groups.stages import STAGES, Stage
from kahui.inquiry import models_of_inquiry
from kahui.inquiry.models_of_inquiry import (
    DEFAULT_MODEL,
    HE_PIKORUA,
    MODELS,
    RECORD_KINDS,
    ActionLevel,
    FieldType,
    RecordKind,
    UnknownModel,
    model_choices,
    model_for,
)
from tests.inquiry.marked import marked_texts, xgettext_msgids


def test_he_pikorua_is_the_default_and_has_six_stages_in_order():
    assert DEFAULT_MODEL is HE_PIKORUA
    assert [(stage.key, stage.name) for stage in HE_PIKORUA.stages] == [
        ("connect", "Whakawhanaungatanga"),
        ("gather", "Kohikohi"),
        ("sense", "Āta Whakaaro"),
        ("plan", "Tātai"),
        ("act", "Whakamahi"),
        ("reflect", "Whai Whakaaro"),
    ]


def test_he_pikorua_matches_the_groups_stage_labels():
    with translation.override("en"):
        labels = [(info.stage.value, info.maori, str(info.english)) for info in STAGES]
    assert [(stage.key, stage.name, stage.meaning) for stage in HE_PIKORUA.stages] == labels
    assert HE_PIKORUA.stage_keys == tuple(Stage.values)


def test_each_he_pikorua_stage_collects_its_own_record():
    collects = {stage.key: stage.collects for stage in HE_PIKORUA.stages}
    assert collects == {
        "connect": (RecordKind.CONNECTIONS,),
        "gather": (RecordKind.EVIDENCE,),
        "sense": (RecordKind.CONCLUSIONS,),
        "plan": (RecordKind.PLAN, RecordKind.ACTIONS, RecordKind.GOALS),
        "act": (RecordKind.TRIALS,),
        "reflect": (RecordKind.REVIEW, RecordKind.GOALS_TO_REVISIT, RecordKind.CARRY_FORWARD),
    }


def test_plan_actions_are_tagged_for_all_some_or_one_learner():
    (level,) = [f for f in RECORD_KINDS[RecordKind.ACTIONS].fields if f.key == "level"]
    assert level.type is FieldType.CHOICE
    assert [choice.value for choice in level.choices] == ["universal", "targeted", "individual"]
    assert {choice.value for choice in level.choices} == set(ActionLevel)
    assert all(choice.label and choice.help for choice in level.choices)


def test_goals_hold_a_measure_a_baseline_and_a_target():
    fields = {f.key: f for f in RECORD_KINDS[RecordKind.GOALS].fields}
    assert fields["measure"].type is FieldType.TEXT
    assert fields["baseline"].type is FieldType.NUMBER
    assert fields["target"].type is FieldType.NUMBER
    assert all(fields[key].required for key in ("goal", "measure", "baseline", "target"))


def test_trials_log_the_strategy_and_what_happened():
    keys = [f.key for f in RECORD_KINDS[RecordKind.TRIALS].fields]
    assert keys[:2] == ["strategy", "outcome"]
    assert RECORD_KINDS[RecordKind.TRIALS].many


def test_the_other_models_are_there_as_data():
    assert [model.key for model in MODELS] == ["he_pikorua", "spiral", "pdsa", "plc_questions"]
    assert model_for("pdsa").stage_keys == ("plan", "do", "study", "act")
    assert len(model_for("spiral").stages) == 6
    plc = model_for("plc_questions")
    assert [stage.name for stage in plc.stages] == [
        "What should learners learn?",
        "How will we know?",
        "What if they don't learn it?",
        "What if they already have?",
    ]
    assert model_choices()[0] == ("he_pikorua", "He Pikorua")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.key)
def test_every_model_is_complete(model):
    assert model.name
    assert model.description
    assert len(model.stages) >= 2
    assert len(set(model.stage_keys)) == len(model.stages)
    for stage in model.stages:
        assert stage.key.isidentifier()
        assert stage.name
        assert stage.meaning
        assert stage.prompts, stage.key
        assert all(prompt.strip() == prompt and prompt for prompt in stage.prompts)
        assert stage.collects, stage.key
        assert len(set(stage.collects)) == len(stage.collects)
        assert [record.kind for record in stage.records] == list(stage.collects)
    # Every model gathers evidence, plans something to do and logs what happened.
    assert {RecordKind.EVIDENCE, RecordKind.ACTIONS, RecordKind.TRIALS} <= model.collects
    assert RecordKind.REVIEW in model.stages[-1].collects


def test_every_record_kind_is_described():
    assert set(RECORD_KINDS) == set(RecordKind)
    collected = {kind for model in MODELS for kind in model.collects}
    assert collected == set(RecordKind)
    for info in RECORD_KINDS.values():
        assert info.name
        assert info.description
        assert info.fields
        assert len({f.key for f in info.fields}) == len(info.fields)
        for f in info.fields:
            assert bool(f.choices) == (f.type is FieldType.CHOICE), f.key


@given(st.sampled_from(MODELS), st.data())
def test_moving_on_visits_every_stage_and_comes_round_again(model, data):
    start = data.draw(st.sampled_from(model.stage_keys))
    seen = [start]
    key = start
    for _ in range(len(model.stages)):
        key = model.next_stage(key).key
        seen.append(key)
    assert seen[-1] == start
    assert sorted(seen[:-1]) == sorted(model.stage_keys)
    assert model.is_last(start) == (model.next_stage(start) is model.first_stage)
    assert model.stage(start).key == start
    assert model.index(start) == model.stage_keys.index(start)


def test_unknown_models_and_stages_are_refused():
    with pytest.raises(UnknownModel):
        model_for("six-thinking-hats")
    with pytest.raises(UnknownModel):
        HE_PIKORUA.next_stage("scanning")
    assert HE_PIKORUA.stages_collecting(RecordKind.GOALS) == (HE_PIKORUA.stage("plan"),)


def _texts():
    """Every text a person reads, with whether it may stay unmarked."""
    for model in MODELS:
        yield model.name, model is HE_PIKORUA  # a proper name
        yield model.description, False
        for stage in model.stages:
            yield stage.name, model is HE_PIKORUA  # Māori names are not translated
            yield stage.meaning, False
            for prompt in stage.prompts:
                yield prompt, False
    for info in RECORD_KINDS.values():
        yield info.name, False
        yield info.description, False
        for f in info.fields:
            yield f.label, False
            for choice in f.choices:
                yield choice.label, False
                if choice.help:
                    yield choice.help, False


def test_every_text_is_marked_for_translation():
    marked = marked_texts(models_of_inquiry)
    missing = [text for text, may_stay in _texts() if not may_stay and text not in marked]
    assert missing == []


def test_make_messages_finds_the_prompts(tmp_path):
    msgids = xgettext_msgids(models_of_inquiry, tmp_path)
    if msgids is None:
        pytest.skip("gettext is not installed")
    assert msgids == marked_texts(models_of_inquiry)
    assert "Who does what, and by when?" in msgids
    assert "Whakawhanaungatanga" not in msgids
