"""Policy area: structure rules for the meeting's own items, then a trained head.

An item such as "Godkendelse af dagsorden" or "Eventuelt" is ``formalia`` whatever
its words say (a "Siden sidst" item may mention every area in the book), so rules
on the title and group (cues in labels.toml) decide those before any model is
asked, and the head never gives ``formalia`` to an item no rule calls formal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kkrnlp.danish import is_formalia_group, is_formalia_title
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy

FORMALIA = "formalia"


@dataclass
class PolicyPrediction:
    """Main area (``label``), every area that applies (``labels``, main first), all scores.

    ``source`` is ``"rules"`` when a structure rule decided, else the head's kind.
    """

    label: str
    labels: list[str]
    scores: dict[str, float] = field(default_factory=dict)
    source: str = "model"

    def promoted(self, main: str, source: str) -> PolicyPrediction:
        """``main`` first with the weight of a certainty; the other areas keep their order
        and proportions (scores renormalised), at most three labels."""
        labels = [main] + [a for a in self.labels if a != main]
        raw = {name: (1.0 if name == main else score) for name, score in self.scores.items()}
        total = sum(raw.values())
        scores = {name: round(value / total, 6) for name, value in raw.items()}
        return PolicyPrediction(main, labels[:3], scores, source)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "source": self.source,
        }


def formalia_rule(item: AgendaItem, taxonomy: Taxonomy | None = None) -> bool:
    """True when the item is about the meeting itself (agenda, minutes, next meeting).

    The cues are the ``title_cues`` / ``group_cues`` of ``formalia`` in labels.toml,
    read by :func:`kkrnlp.danish.is_formalia_title` and ``is_formalia_group``, the same
    calls the summarizer and the digest make, so the three agree on what is formal.

    >>> formalia_rule(AgendaItem("7", "Eventuelt"))
    True
    >>> formalia_rule(AgendaItem("7", "Beslutningssag: Godkendelse af dagsorden"))
    True
    """
    return is_formalia_title(item.title, taxonomy) or is_formalia_group(item.group, taxonomy)


class PolicyAreaClassifier:
    """Rules first, then scores from a head; multi-label by a threshold relative to the top.

    ``relative_threshold``: a second area is listed when its score is at least this
    fraction of the main area's score.
    """

    def __init__(
        self,
        label_names: list[str],
        relative_threshold: float = 0.5,
        max_labels: int = 3,
        source: str = "model",
        taxonomy: Taxonomy | None = None,
    ):
        self.taxonomy = taxonomy
        self.label_names = list(label_names)
        self.relative_threshold = relative_threshold
        self.max_labels = max_labels
        self.source = source

    def predict(self, items: list[AgendaItem], proba: np.ndarray | None) -> list[PolicyPrediction]:
        """Combine rules with ``proba`` (n, n_labels) from a head (rows for rule items unused)."""
        out = []
        for i, item in enumerate(items):
            if FORMALIA in self.label_names and formalia_rule(item, self.taxonomy):
                scores = {name: (1.0 if name == FORMALIA else 0.0) for name in self.label_names}
                out.append(PolicyPrediction(FORMALIA, [FORMALIA], scores, "rules"))
                continue
            if proba is None:
                raise ValueError("a head's scores are needed for items no rule decides")
            row = np.array(proba[i], dtype=np.float64)
            if FORMALIA in self.label_names and len(self.label_names) > 1:
                # formalia is what an item *is*, decided by structure: an item with
                # content of its own never gets it from the head alone
                row[self.label_names.index(FORMALIA)] = 0.0
                row = row / max(row.sum(), 1e-12)
            order = np.argsort(-row, kind="stable")
            top = row[order[0]]
            labels = [
                self.label_names[j]
                for j in order[: self.max_labels]
                if row[j] >= self.relative_threshold * top
            ]
            scores = {name: round(float(row[j]), 6) for j, name in enumerate(self.label_names)}
            out.append(PolicyPrediction(labels[0], labels, scores, self.source))
        return out
