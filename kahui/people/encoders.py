"""Which encoder turns profiles and groups into vectors: the lexical one, or sentence
embeddings from a model2vec model in the folder named by ``KAHUI_SEMANTIC_MODEL``
(the ``semantic`` extra). The model is read from that folder only, never a hub."""

import functools
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kahui.people.models import TextWeights
from kahui.people.similarity import LEXICAL_TEXT_DIMS, Encoder, from_bytes, lexical_encoder

IDF = "lexical-idf"


def current_encoder() -> Encoder:
    """The encoder the settings ask for: a semantic model (loaded once per process and
    folder), or the lexical one with the weights last fitted (one query)."""
    if settings.KAHUI_SEMANTIC_MODEL:
        return _semantic_for(settings.KAHUI_SEMANTIC_MODEL)
    weights = TextWeights.objects.filter(name=IDF).first()
    idf = from_bytes(bytes(weights.data), LEXICAL_TEXT_DIMS) if weights else None
    return lexical_encoder(idf)


def is_lexical() -> bool:
    return not settings.KAHUI_SEMANTIC_MODEL


@functools.cache
def _semantic_for(folder: str) -> Encoder:
    return semantic_encoder(Path(folder))


def semantic_encoder(folder: Path) -> Encoder:
    """Sentence embeddings from the model2vec model saved in ``folder``."""
    if not (folder / "model.safetensors").is_file():
        raise ImproperlyConfigured(f"KAHUI_SEMANTIC_MODEL: no model2vec model in {folder}")
    # Nothing is fetched: the folder holds the whole model.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from model2vec import StaticModel
    except ImportError as error:
        raise ImproperlyConfigured(
            "KAHUI_SEMANTIC_MODEL needs the semantic extra: pip install 'kahui[semantic]'"
        ) from error
    model = StaticModel.from_pretrained(folder, normalize=True, force_download=False)
    return Encoder(
        name=f"model2vec:{folder.name}:{model.dim}"[:120],
        text_dims=model.dim,
        encode_text=model.encode,
    )
