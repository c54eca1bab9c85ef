"""The learned sentence scorer: fitting, JSON round trip, the shipped weights, labelling."""

from __future__ import annotations

import json
import math

from kkrnlp.config import SENTENCE_SCORER_DIR
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer, SentenceScorer
from kkrnlp.summarize.scorer import label_candidates
from kkrnlp.summarize.selection import FEATURES, candidates, compute_features


def _log_loss(p, y):
    return -sum(math.log(q if t else 1 - q) for q, t in zip(p, y, strict=True)) / len(y)


def test_fit_lowers_the_loss_and_round_trips_as_json(tmp_path):
    X = [[0.9, 0.1], [0.8, 0.3], [0.2, 0.9], [0.1, 0.7], [0.7, 0.2], [0.3, 0.8]]
    y = [1, 1, 0, 0, 1, 0]
    scorer = SentenceScorer.fit(X, y, ["first", "boilerplate"])
    assert _log_loss(scorer.predict(X), y) < _log_loss([0.5] * len(y), y)
    assert scorer.predict([[1.0, 0.0]])[0] > scorer.predict([[0.0, 1.0]])[0]
    out = scorer.save_pretrained(tmp_path / "scorer", card="# card\n")
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "config.json", "weights.json"]
    json.loads((out / "weights.json").read_text("utf-8"))  # plain JSON, no pickle
    again = SentenceScorer.from_pretrained(out)
    assert again.predict(X) == scorer.predict(X)


def test_shipped_scorer_knows_every_feature():
    scorer = SentenceScorer.from_pretrained(SENTENCE_SCORER_DIR)
    assert scorer.features == list(FEATURES)
    card = (SENTENCE_SCORER_DIR / "README.md").read_text("utf-8")
    assert "dev.jsonl" in card and "held out" in card


def test_labels_follow_the_reference():
    texts = ["Puljen er på 12 mio. kr. i 2026.", "Mødet holdes i Sønderby kl. 9."]
    assert label_candidates(texts, "Der er afsat en pulje på 12 mio. kr. i 2026.") == [1, 0]
    assert label_candidates(texts, "Helt andre ord her.") == [0, 0]


def test_learned_and_rule_selection_both_pick_the_figure():
    item = AgendaItem(
        "2",
        "Pulje til grønne busser",
        sections=[
            Section(
                "Baggrund",
                "Puljen til grønne busser er på 12 mio. kr. i 2026 og søges af fem kommuner. "
                "Se mere på hjemmesiden.",
            )
        ],
        recommendation_text="Det indstilles, at KKR Midt godkender fordelingen af puljen.",
    )
    cands = candidates(item)
    compute_features(cands, item, "KKR Midt skal godkende fordelingen af puljen.", None)
    assert set(cands[0].features) >= set(FEATURES)
    for scorer in ("default", None):
        summary = ExtractiveSummarizer(ExtractiveSettings(scorer=scorer)).summarize(item)
        assert "12 mio. kr." in summary.text and "hjemmesiden" not in summary.text
