"""A stand-in for the tagger's heads, for tests of the rules that act on their predictions."""

from __future__ import annotations

from kkrnlp.classify.policy import PolicyPrediction
from kkrnlp.taxonomy import Taxonomy


def head_prediction(taxonomy: Taxonomy, **scores: float) -> PolicyPrediction:
    """A head's prediction: every area scored 0.01, the given ones as given."""
    full = {name: 0.01 for name in taxonomy.policy_area_names}
    full.update(scores)
    main = max(full, key=full.get)
    return PolicyPrediction(main, [main], full, "embedding")


class StubTagger:
    """What predict_tags asks of a tagger, with a head that always says kultur."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy

    def predict_policy(self, items):
        return [head_prediction(self.taxonomy, kultur=0.6) for _ in items]

    def predict_cap(self, items):
        return []

    def recommendation_fallback_proba(self, items):
        return [{name: 0.25 for name in self.taxonomy.recommendation_names} for _ in items]

    def user_label(self, item):
        return None
