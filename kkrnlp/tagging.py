"""Tag parsed items: recommendation type by rules (model as fallback), policy area by model.

Glue between the parsed Meeting and the classifiers; the CLI and notebooks call
this, never the heads directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kkrnlp.classify.recommendation import classify_recommendations
from kkrnlp.errors import ModelError
from kkrnlp.schema import AgendaItem, Meeting

if TYPE_CHECKING:
    from kkrnlp.classify.tagger import Tagger


def load_tagger(model: str | Path | None = None, labels: str | Path | None = None) -> Tagger:
    """Load a tagging model directory; without one, the model shipped in ``models/``.

    ``labels`` (an edited labels.toml) replaces the model's label set, so a newly
    written policy area is scored from its description straight away. The shipped
    model follows the package's own ``labels.toml`` the same way: write a label
    there and ``kkrnlp tag`` uses it.
    """
    from kkrnlp import config
    from kkrnlp.classify.tagger import Tagger
    from kkrnlp.taxonomy import load_taxonomy

    path = Path(model) if model is not None else config.DEFAULT_MODEL_DIR
    if model is None and not path.is_dir():
        raise ModelError(
            f"the shipped model is not at {path}; pass --model DIR "
            "(train one with `kkrnlp train --data LABELLED --out DIR`)"
        )
    if labels is None and model is None:
        labels = config.LABELS_FILE
    taxonomy = load_taxonomy(labels) if labels is not None else None
    saved = path / "labels.toml"
    if taxonomy is not None and saved.is_file() and load_taxonomy(saved) == taxonomy:
        taxonomy = None  # unchanged: no need to re-embed the label descriptions
    return Tagger.from_pretrained(path, taxonomy=taxonomy)


def tag_items(items: list[AgendaItem], tagger: Tagger) -> list[dict[str, Any]]:
    """Tag fields for each item (empty items get no labels)."""
    live = [i for i, item in enumerate(items) if not item.empty]
    live_items = [items[i] for i in live]
    policies = tagger.predict_policy(live_items) if live_items else []
    recs = classify_recommendations(
        items, tagger.taxonomy, fallback=tagger.recommendation_fallback_proba
    )
    policy_by_index = dict(zip(live, policies, strict=True))
    out = []
    for i, rec in enumerate(recs):
        policy = policy_by_index.get(i)
        out.append(
            {
                "policy_area": policy.label if policy else None,
                "policy_areas": list(policy.labels) if policy else [],
                "policy_area_scores": _rounded(policy.scores) if policy else {},
                "policy_area_source": policy.source if policy else None,
                "recommendation": rec.label,
                "recommendations": list(rec.labels),
                "recommendation_scores": _rounded(rec.scores),
                "recommendation_source": rec.source,
            }
        )
    return out


def tag_meeting(meeting: Meeting, tagger: Tagger) -> list[dict[str, Any]]:
    """The meeting's item records with the tag fields added."""
    records = meeting.item_records()
    for record, tags in zip(records, tag_items(meeting.items, tagger), strict=True):
        record.update(tags)
    return records


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {label: round(float(score), 4) for label, score in scores.items()}
