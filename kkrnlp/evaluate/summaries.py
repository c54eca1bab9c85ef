"""Score summaries against reference summaries: ROUGE and the share that is faithful.

>>> scores = score_summaries([("KKR skal godkende planen.", "KKR skal godkende planen.", "KKR")])
>>> scores["rougeL"], scores["faithful"]
(1.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable

from kkrnlp.evaluate.rouge import corpus_rouge
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.faithfulness import check_faithfulness
from kkrnlp.summarize.fluency import check_fluency
from kkrnlp.summarize.sentences import normalize_space, split_units


def score_summaries(pairs: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1, the share of faithful and of fluent predictions, and lengths.

    ``pairs`` holds (prediction, reference, source text) per item; items
    without a reference should be left out by the caller.
    """
    pairs = list(pairs)
    scores = corpus_rouge((pred, ref) for pred, ref, _ in pairs)
    faithful = [check_faithfulness(pred, src).faithful for pred, _, src in pairs]
    scores["faithful"] = sum(faithful) / len(faithful) if faithful else 0.0
    fluent = [not check_fluency(pred) for pred, _, _ in pairs]
    scores["fluent"] = sum(fluent) / len(fluent) if fluent else 0.0
    scores["max_words"] = max((len(pred.split()) for pred, _, _ in pairs), default=0)
    scores["mean_words"] = (
        sum(len(pred.split()) for pred, _, _ in pairs) / len(pairs) if pairs else 0.0
    )
    return scores


def lead_baseline(item: AgendaItem, kind: str = "dagsorden", body: str | None = None) -> str:
    """The first two background sentences plus the first recommendation sentence.

    ``kind`` and ``body`` are accepted for symmetry with the summarizers; the
    baseline ignores them.
    """
    background = item.section_by_role("background", first=True) or item.text or ""
    sentences = [u.text for u in split_units(background) if not u.heading][:2]
    rec = item.recommendation_text or item.section_by_role("recommendation", first=True) or ""
    rec_sentences = [u.text for u in split_units(rec) if not u.heading][:1]
    return normalize_space(" ".join(sentences + rec_sentences))
