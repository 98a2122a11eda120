"""The semantic path: sentence embeddings from a model2vec model in a folder, read from
that folder alone. The test builds a tiny model, so nothing is downloaded."""

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from kahui.people.encoders import current_encoder, semantic_encoder
from kahui.people.models import PersonVector, TextWeights
from kahui.people.recommend import colleagues_for
from kahui.people.services import vectors_rebuild
from kahui.people.similarity import STRUCTURED_DIMS, Features

model2vec = pytest.importorskip("model2vec")
tokenizers = pytest.importorskip("tokenizers")

WORDS = ["[UNK]", "[PAD]", "reading", "phonics", "literacy", "maths", "numbers", "rugby"]


@pytest.fixture
def tiny_model(tmp_path, monkeypatch):
    """A model2vec model of eight words in four dimensions: reading, phonics and
    literacy mean much the same; maths and numbers another thing; rugby a third."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # any attempt to reach a hub fails
    tokenizer = tokenizers.Tokenizer(
        tokenizers.models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]")
    )
    tokenizer.normalizer = tokenizers.normalizers.Lowercase()
    tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    meaning = {"reading": 0, "phonics": 0, "literacy": 0, "maths": 1, "numbers": 1, "rugby": 2}
    vectors = np.full((len(WORDS), 4), 0.01, dtype=np.float32)
    for word, axis in meaning.items():
        vectors[WORDS.index(word), axis] = 1
    model = model2vec.StaticModel(vectors=vectors, tokenizer=tokenizer, normalize=True)
    folder = tmp_path / "tiny-model"
    model.save_pretrained(folder)
    return folder


def test_a_model_folder_becomes_an_encoder_by_meaning(tiny_model):
    encoder = semantic_encoder(tiny_model)
    assert encoder.name == "model2vec:tiny-model:4"
    assert encoder.dims == STRUCTURED_DIMS + 4
    reading, phonics, maths = encoder.texts(["reading", "phonics", "maths numbers"])
    # Different words, one meaning: what the lexical model cannot see.
    assert float(reading @ phonics) > 0.99
    assert float(reading @ maths) < 0.1
    vectors = encoder.encode([Features(text="literacy"), Features(text="")])
    assert not vectors[1].any()


def test_a_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="no model2vec model"):
        semantic_encoder(tmp_path)


def test_the_setting_chooses_the_semantic_path(settings, world, tiny_model):
    settings.KAHUI_SEMANTIC_MODEL = str(tiny_model)
    world.member.profile.bio = "Phonics"
    world.member.profile.save()
    world.colleague.profile.bio = "Literacy"
    world.colleague.profile.save()
    world.admin.profile.bio = "Rugby"
    world.admin.profile.save()
    vectors_rebuild()
    assert current_encoder().name == "model2vec:tiny-model:4"
    assert set(PersonVector.objects.values_list("encoder", flat=True)) == {"model2vec:tiny-model:4"}
    assert not TextWeights.objects.exists()  # word weights are for the lexical path
    suggestions = colleagues_for(world.member)
    assert [s.person for s in suggestions] == [world.colleague]
    assert suggestions[0].reasons == ["Your profiles describe similar work."]
