"""The tagging step: load a Tagger, and give each item its Tags.

A user's labelled examples first, then the recommendation rules of labels.toml,
then the heads. :class:`kkrnlp.pipeline.Pipeline` calls this; so does the CLI for
item tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kkrnlp.classify.committee import bodies_for, committee_rule, thin_item_rule
from kkrnlp.classify.matter import matter_rule
from kkrnlp.classify.recommendation import classify_recommendations
from kkrnlp.classify.tags import Tags
from kkrnlp.danish import names_no_matter
from kkrnlp.errors import ModelError
from kkrnlp.schema import AgendaItem

if TYPE_CHECKING:
    from kkrnlp.classify.tagger import Tagger


def load_tagger(model: str | Path | None = None, labels: str | Path | None = None) -> Tagger:
    """Load a tagging model directory; without one, the shipped model (config.DEFAULT_MODEL_DIR).

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


def predict_tags(
    items: list[AgendaItem],
    tagger: Tagger,
    body: str | Sequence[str | None] | None = None,
) -> list[Tags]:
    """Tags for each item: a user's labels on the same wording first, then rules, then heads.

    ``body``: the name of the body that meets (``Meeting.body``; one name for all
    items, or one per item; None when unknown, as for an item table without one).
    An item that is the committee's own business (its chair election, its budget
    follow-up) takes the area the body's name points to (``committee.py``), and so
    does an item too thin for the head to be sure of; an item whose title names a
    matter of one area takes that area (``matter.py``).
    """
    # a row that names no matter in its title or text ("Sag nr. 24/117" alone in an item
    # table) has nothing to tag an area or an ask from: it is read as an empty item
    readable = [replace(it, empty=True) if _nothing_to_read(it) else it for it in items]
    live = [i for i, item in enumerate(readable) if not item.empty]
    live_items = [items[i] for i in live]
    bodies = bodies_for(body, len(items))
    policies = tagger.predict_policy(live_items) if live_items else []
    policies = [
        committee_rule(items[i], bodies[i], p, tagger.taxonomy)
        for i, p in zip(live, policies, strict=True)
    ]
    # an item too thin for the head (a line of minutes) takes the body's area (committee.py)
    policies = [
        thin_item_rule(items[i], bodies[i], p, tagger.taxonomy)
        for i, p in zip(live, policies, strict=True)
    ]
    # a title naming a matter of one area (a lokalplan, spildevand) takes it (matter.py)
    policies = [
        matter_rule(items[i], p, tagger.taxonomy) for i, p in zip(live, policies, strict=True)
    ]
    # the CAP topic is read from the title alone, so a title with no text under it
    # (a list of contents, a closed item) gets one too, as CAP coders code titles
    titled = [i for i, item in enumerate(items) if (item.title or "").strip()]
    caps = tagger.predict_cap([items[i] for i in titled]) if titled else []
    recs = classify_recommendations(
        readable, tagger.taxonomy, fallback=tagger.recommendation_fallback_proba
    )
    policy_by_index = dict(zip(live, policies, strict=True))
    cap_by_index = dict(zip(titled, caps, strict=False))
    out = []
    for i, rec in enumerate(recs):
        policy = policy_by_index.get(i)
        tags = Tags(
            recommendation=rec.label,
            recommendations=list(rec.labels),
            recommendation_scores=dict(rec.scores),
            recommendation_source=rec.source,
        )
        if policy:
            tags.policy_area, tags.policy_areas = policy.label, list(policy.labels)
            tags.policy_area_scores, tags.policy_area_source = dict(policy.scores), policy.source
        if i in cap_by_index:
            cap = cap_by_index[i]
            tags.cap_major, tags.cap_major_name = cap.code, cap.name
            tags.cap_major_scores, tags.cap_major_source = cap.scores, cap.source
        user = tagger.user_label(items[i])
        if user:
            _apply_user_label(tags, user)
        out.append(tags)
    return out


def _nothing_to_read(item: AgendaItem) -> bool:
    """Whether an item's title and text name no matter: only markers, "Sag nr." and numbers."""
    return (
        not item.empty
        and names_no_matter(item.title)
        and names_no_matter(item.text)
        and not (item.recommendation_text or "").strip()
    )


def _apply_user_label(tags: Tags, user: dict[str, Any]) -> None:
    """A user's label for (near-)identical wording outranks rules and heads."""
    area = user.get("policy_area")
    if area and area in tags.policy_area_scores:
        # the user's own list of areas, as for recommendation types below; an example
        # saved before the list was kept falls back on the heads' other areas
        listed = user.get("policy_areas")
        others = listed if listed else tags.policy_areas
        rest = [a for a in others if a != area and a in tags.policy_area_scores]
        tags.policy_area, tags.policy_areas = area, [area, *rest]
        tags.policy_area_scores = {
            k: (1.0 if k == area else v) for k, v in tags.policy_area_scores.items()
        }
        tags.policy_area_source = "bruger"
    rec = user.get("recommendation")
    if rec and rec in tags.recommendation_scores:
        others = [r for r in (user.get("recommendations") or []) if r != rec]
        tags.recommendation, tags.recommendations = rec, [rec, *others]
        tags.recommendation_scores = {
            k: (1.0 if k == rec else 0.0) for k in tags.recommendation_scores
        }
        tags.recommendation_source = "bruger"


def tag_items(
    items: list[AgendaItem],
    tagger: Tagger,
    body: str | Sequence[str | None] | None = None,
) -> list[dict[str, Any]]:
    """Tag fields for each item as record dicts (empty items get no labels)."""
    return [tags.to_record() for tags in predict_tags(items, tagger, body)]
