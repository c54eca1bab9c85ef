"""A user's labelled examples: found again by their wording, so a correction takes effect.

``kkrnlp train`` keeps each row a user labelled as an example; an item whose
words (title and the start of its text) overlap one by at least
:data:`USER_MATCH` (Jaccard) takes its labels, ahead of the rules and the heads.
Near-identical wording, not similarity of meaning: a correction must move that
item and no other.
"""

from __future__ import annotations

import re
from typing import Any

from kkrnlp.schema import AgendaItem

USER_MATCH = 0.85
_WORD = re.compile(r"\w+")


def example_key(item: AgendaItem) -> list[str]:
    """The words that identify an item's wording: its title and the start of its text."""
    body = item.text or item.recommendation_text or ""
    text = " ".join([item.title or "", body[:400]]).lower()
    return sorted(set(_WORD.findall(text)))


def _jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def matching_example(examples: list[dict[str, Any]], item: AgendaItem) -> dict[str, Any] | None:
    """The example with the most similar wording at or above USER_MATCH, else None."""
    if not examples or item.empty:
        return None
    key = example_key(item)
    best, best_sim = None, USER_MATCH
    for ex in examples:
        sim = _jaccard(key, ex["key"])
        if sim >= best_sim:
            best, best_sim = ex, sim
    return best
