"""The CAP major topic of a title: the numpy CAP head, mixed with the fine-tuned top layers.

Two models read the cleaned title. :class:`~kkrnlp.classify.cap.CapHead` is a
linear model over TF-IDF, the e5 vector and keyword counts.
:class:`~kkrnlp.classify.cap_layers.CapTopLayers` fine-tunes the encoder's top
layers on the CAP subtopic codes. In grouped 5-fold CV the two disagree usefully:
the mean of their probabilities beats either one (``scripts/eval_cap_finetune.py``).
The weight :data:`LAYERS_WEIGHT` was fixed before that was measured, not chosen on
the test folds.

One encoder pass gives both inputs: the pooled vector of the last layer for the
head and the token states below the top layers for the fine-tuned layers. An
encoder that cannot hand out those states (an ONNX build from an older kkrnlp) or
a machine without torch at training time leaves the head alone, and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from kkrnlp.classify.cap import CapHead, CapSettings, clean_title, major_of
from kkrnlp.classify.cap_layers import CapLayerSettings, CapTopLayers
from kkrnlp.danish import names_no_matter

logger = logging.getLogger(__name__)

LAYERS_WEIGHT = 0.5
NOT_CODABLE = 0  # CAP's 99, "not codable from the title"
_CHUNK = 512


class CapPrediction(NamedTuple):
    """One title's CAP major topic: code, Danish name, scores by code, what decided."""

    code: int
    name: str
    scores: dict[int, float]
    source: str  # "model", or "titel": the title names no matter, so not codable


def state_layer(encoder: Any, layers: CapTopLayers | CapLayerSettings) -> int:
    """How many encoder layers run below the fine-tuned ones."""
    settings = layers.settings if isinstance(layers, CapTopLayers) else layers
    return int(encoder.num_layers) - int(settings.layers)


def fit_cap_layers(
    encoder: Any,
    titles: Sequence[str],
    codings: Sequence[int],
    settings: CapLayerSettings | None = None,
) -> CapTopLayers | None:
    """Fine-tune the encoder's top layers on CAP codes (subtopics or majors); None if it cannot."""
    settings = settings or CapLayerSettings()
    try:
        import torch  # noqa: F401  (training needs it; tagging does not)
    except ImportError:
        logger.warning("torch is not installed: the CAP model is the CAP head alone")
        return None
    if (encoder.num_layers or 0) < 2 or not hasattr(encoder.backend, "hidden_and_state"):
        logger.warning("encoder %s gives no layer states: the CAP head alone", encoder.name)
        return None
    if settings.layers >= encoder.num_layers:  # a small encoder: leave one layer frozen
        settings = CapLayerSettings(**{**settings.__dict__, "layers": encoder.num_layers - 1})
    prefix = CapSettings.prefix  # the head reads the same prefixed pass
    cleaned = [clean_title(t) for t in titles]
    _, states = encoder.embed_with_states(cleaned, state_layer(encoder, settings), prefix)
    init, config = encoder.top_layers(settings.layers)
    logger.info("fine-tuning the top %d encoder layers on %d CAP titles", settings.layers,
                len(titles))  # fmt: skip
    return CapTopLayers(settings).fit(states, list(codings), init, config)


def cap_proba(
    head: CapHead,
    layers: CapTopLayers | None,
    encoder_or_embed: Any,
    titles: Sequence[str],
) -> np.ndarray:
    """(n, n_majors) in ``head.codes_`` order.

    ``encoder_or_embed``: the Encoder when ``layers`` is set (one pass gives the
    vector and the states), else a callable ``(titles, prefix) -> vectors``.
    """
    titles = list(titles)
    cleaned = [clean_title(t) for t in titles]
    prefix = head.settings.prefix
    if layers is None:
        emb = encoder_or_embed(cleaned, prefix) if head.uses_embeddings_ else None
        return head.predict_proba(titles, emb)
    encoder, layer = encoder_or_embed, state_layer(encoder_or_embed, layers)
    out = np.zeros((len(titles), len(head.codes_)), dtype=np.float32)
    for start in range(0, len(titles), _CHUNK):  # token states of a long table: a chunk at a time
        part = slice(start, start + _CHUNK)
        emb, states = encoder.embed_with_states(cleaned[part], layer, prefix)
        p_head = head.predict_proba(titles[part], emb if head.uses_embeddings_ else None)
        p_layers = layers.predict_proba(states, head.codes_)
        out[part] = (1 - LAYERS_WEIGHT) * p_head + LAYERS_WEIGHT * p_layers
    return out


def cap_predictions(
    head: CapHead,
    layers: CapTopLayers | None,
    encoder_or_embed: Any,
    titles: Sequence[str],
) -> list[CapPrediction]:
    """The CAP major topic of each title (see :func:`cap_proba` for the arguments).

    A title with no words about its matter ("Lukket punkt", "Sag nr. 24/117", "Punkt 7")
    is not codable whatever the model says: the coders code such titles 99, and the
    model, which has seen few of them, spreads them over the majors.
    """
    titles = list(titles)
    names = {m.code: m.name for m in head.majors_}
    codes = list(head.codes_)
    bare = [names_no_matter(t) and NOT_CODABLE in names for t in titles]
    modelled = [t for t, b in zip(titles, bare, strict=True) if not b]
    proba = iter(cap_proba(head, layers, encoder_or_embed, modelled) if modelled else [])
    out = []
    for is_bare in bare:
        if is_bare:
            scores = {c: float(c == NOT_CODABLE) for c in codes}
            out.append(CapPrediction(NOT_CODABLE, names[NOT_CODABLE], scores, "titel"))
            continue
        row = next(proba)
        best = codes[int(np.argmax(row))]
        scores = {c: round(float(p), 6) for c, p in zip(codes, row, strict=True)}
        out.append(CapPrediction(best, names[best], scores, "model"))
    return out


def majors_of(codings: Sequence[int]) -> list[int]:
    """Major codes of CAP codes given as subtopics (1412) or majors (14)."""
    return [major_of(c) for c in codings]
