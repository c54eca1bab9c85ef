"""ROUGE-N and ROUGE-L for Danish text.

Common ROUGE packages tokenise with ``[a-z0-9]+`` and so turn ``økonomi``
into ``konomi`` and ``børn`` into ``b rn``; this tokeniser keeps every Unicode
letter (æ, ø, å, é, ü) and numbers, and lower-cases.

>>> tokenize("Børn og unge: 1.881 pladser i 2023/2024")
['børn', 'og', 'unge', '1.881', 'pladser', 'i', '2023', '2024']
>>> round(rouge_n("børn og unge", "børn og ældre", 1).f1, 3)
0.667
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# a number keeps its inner separators ("1.881", "4,4"); a word is a run of letters/digits
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one prediction against one reference."""

    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    """Lower-case and split on non-word characters, keeping Danish letters and numbers."""
    return _TOKEN_RE.findall((text or "").lower())


def _prf(overlap: int, n_pred: int, n_ref: int) -> Score:
    precision = overlap / n_pred if n_pred else 0.0
    recall = overlap / n_ref if n_ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(pred: str, ref: str, n: int = 1) -> Score:
    """ROUGE-N: clipped n-gram overlap.

    >>> rouge_n("a b c", "a b d", 2)
    Score(precision=0.5, recall=0.5, f1=0.5)
    """
    if n < 1:
        raise ValueError("n must be >= 1")
    p, r = _ngrams(tokenize(pred), n), _ngrams(tokenize(ref), n)
    overlap = sum((p & r).values())
    return _prf(overlap, sum(p.values()), sum(r.values()))


def _lcs(a: list[str], b: list[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            cur[j] = prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def rouge_l(pred: str, ref: str) -> Score:
    """ROUGE-L: longest common subsequence of the whole token sequences.

    >>> rouge_l("a x b c", "a b c d").f1
    0.75
    """
    p, r = tokenize(pred), tokenize(ref)
    return _prf(_lcs(p, r), len(p), len(r))


def corpus_rouge(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Mean F1 over (prediction, reference) pairs: ``rouge1``, ``rouge2``, ``rougeL``."""
    pairs = list(pairs)
    if not pairs:
        return {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0, "n": 0}
    r1 = [rouge_n(p, r, 1).f1 for p, r in pairs]
    r2 = [rouge_n(p, r, 2).f1 for p, r in pairs]
    rl = [rouge_l(p, r).f1 for p, r in pairs]
    n = len(pairs)
    return {"rouge1": sum(r1) / n, "rouge2": sum(r2) / n, "rougeL": sum(rl) / n, "n": n}
