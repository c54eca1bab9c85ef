"""A light learned scorer for candidate sentences: logistic regression over their features.

Fitted by ``scripts/train_sentence_scorer.py`` to which sentences the
reference summaries draw on; saved as JSON (no pickles) with a config and a
model card. ``predict`` needs numpy only.

>>> scorer = SentenceScorer.fit([[0.0], [1.0], [0.1], [0.9]], [0, 1, 0, 1], ["x"])
>>> scorer.predict([[1.0]])[0] > scorer.predict([[0.0]])[0]
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kkrnlp.io import atomic_path

WEIGHTS_FILE = "weights.json"
CONFIG_FILE = "config.json"


@dataclass
class SentenceScorer:
    """Weights of a standardised logistic regression; ``predict`` gives P(sentence is used)."""

    features: list[str]
    coef_: list[float]
    intercept_: float
    mean_: list[float]
    scale_: list[float]
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def fit(
        cls,
        X: Sequence[Sequence[float]],
        y: Sequence[int],
        features: Sequence[str],
        *,
        C: float = 1.0,
        sample_weight: Sequence[float] | None = None,
    ) -> SentenceScorer:
        """Fit on feature rows ``X`` and 0/1 labels ``y``."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        arr = np.asarray(X, dtype=float)
        mean = arr.mean(axis=0)
        scale = arr.std(axis=0)
        scale[scale < 1e-9] = 1.0
        model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        model.fit((arr - mean) / scale, np.asarray(y), sample_weight=sample_weight)
        return cls(
            list(features),
            [float(c) for c in model.coef_[0]],
            float(model.intercept_[0]),
            [float(m) for m in mean],
            [float(s) for s in scale],
        )

    def decision(self, X: Sequence[Sequence[float]]) -> list[float]:
        """The linear score (log-odds) of each row."""
        out = []
        for row in X:
            z = self.intercept_
            for x, c, m, s in zip(row, self.coef_, self.mean_, self.scale_, strict=True):
                z += c * (x - m) / s
            out.append(z)
        return out

    def predict(self, X: Sequence[Sequence[float]]) -> list[float]:
        """P(used by the reference) for each row of features."""
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for z in self.decision(X)]

    def score_dicts(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """``predict`` on feature dicts; a feature the scorer does not know is ignored."""
        return self.predict([[row.get(f, 0.0) for f in self.features] for row in rows])

    def save_pretrained(self, directory: str | Path, card: str | None = None) -> Path:
        """Write ``weights.json``, ``config.json`` and ``README.md`` (the card) atomically."""
        directory = Path(directory)
        with atomic_path(directory) as tmp:
            tmp.mkdir(parents=True, exist_ok=True)
            weights = {
                "features": self.features,
                "coef": self.coef_,
                "intercept": self.intercept_,
                "mean": self.mean_,
                "scale": self.scale_,
            }
            (tmp / WEIGHTS_FILE).write_text(json.dumps(weights, indent=1) + "\n", "utf-8")
            config = {"model_type": "logistic-regression", **self.meta}
            (tmp / CONFIG_FILE).write_text(
                json.dumps(config, indent=1, ensure_ascii=False) + "\n", "utf-8"
            )
            if card:
                (tmp / "README.md").write_text(card, "utf-8")
        return directory

    @classmethod
    def from_pretrained(cls, directory: str | Path) -> SentenceScorer:
        """Load a scorer saved by :meth:`save_pretrained`."""
        directory = Path(directory)
        weights = json.loads((directory / WEIGHTS_FILE).read_text("utf-8"))
        meta = {}
        if (directory / CONFIG_FILE).is_file():
            meta = json.loads((directory / CONFIG_FILE).read_text("utf-8"))
        return cls(
            list(weights["features"]),
            [float(c) for c in weights["coef"]],
            float(weights["intercept"]),
            [float(m) for m in weights["mean"]],
            [float(s) for s in weights["scale"]],
            meta,
        )


def label_candidates(texts: Sequence[str], reference: str, threshold: float = 0.3) -> list[int]:
    """1 for each candidate sentence the reference summary draws on, else 0.

    A sentence is drawn on when at least ``threshold`` of its word pairs (ROUGE-2
    precision) occur in the reference; the best sentence also counts when it
    shares at least half of that.

    >>> label_candidates(["KKR har afsat 3 mio. kr. til planen.", "Mødet holdes i Vejle."],
    ...                  "Der er afsat 3 mio. kr. til planen.")
    [1, 0]
    """
    from kkrnlp.evaluate.rouge import rouge_n

    precisions = [rouge_n(t, reference, 2).precision for t in texts]
    labels = [int(p >= threshold) for p in precisions]
    if precisions and not any(labels):
        best = max(range(len(texts)), key=lambda i: precisions[i])
        if precisions[best] >= threshold / 2:
            labels[best] = 1
    return labels
