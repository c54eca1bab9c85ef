"""TF-IDF features in plain Python + numpy, so that tagging never imports scikit-learn.

The analyzers reproduce scikit-learn's ``TfidfVectorizer`` (``analyzer="word"`` with
its default token pattern, ``analyzer="char_wb"``), with lowercasing, sublinear tf,
smoothed idf and L2-normalised rows, so a vocabulary and idf saved by either
transform the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams as scikit-learn's word analyzer makes them."""
    tokens = _TOKEN.findall(text.lower())
    lo, hi = ngram_range
    out: list[str] = []
    for n in range(lo, hi + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside word boundaries (padded with one space), like ``char_wb``."""
    text = _SPACES.sub(" ", text.lower())
    lo, hi = ngram_range
    out: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(padded[offset : offset + n])
            while offset + n < length:
                offset += 1
                out.append(padded[offset : offset + n])
            if offset == 0:  # the word is shorter than n: one n-gram only
                break
    return out


class Tfidf:
    """One analyzer's vocabulary and idf; ``transform`` gives a scipy CSR matrix."""

    def __init__(self, analyzer: str, ngram_range: tuple[int, int], min_df: int = 1):
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unknown analyzer {analyzer!r}")
        self.analyzer = analyzer
        self.ngram_range = tuple(ngram_range)
        self.min_df = min_df

    def analyze(self, text: str) -> list[str]:
        fn = word_ngrams if self.analyzer == "word" else char_wb_ngrams
        return fn(text or "", self.ngram_range)  # type: ignore[arg-type]

    def fit(self, texts: Sequence[str], max_features: int | None = None) -> Tfidf:
        """Vocabulary (terms in at least ``min_df`` texts, the most frequent first) and idf."""
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        for text in texts:
            grams = self.analyze(text)
            tf.update(grams)
            df.update(set(grams))
        terms = [t for t, d in df.items() if d >= self.min_df] or list(df)
        if max_features is not None and len(terms) > max_features:
            terms = sorted(terms, key=lambda t: (-tf[t], t))[:max_features]
        terms.sort()
        self.vocabulary_ = {t: i for i, t in enumerate(terms)}
        n = len(texts)
        dfs = np.array([df[t] for t in terms], dtype=np.float64)
        self.idf_ = np.log((1 + n) / (1 + dfs)) + 1.0
        return self

    def rows(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text, the (column indices, l2-normalised sublinear tf-idf values) of its terms.

        Plain numpy, so that predicting needs no scipy: a linear head scores a row as
        ``coef[:, idx] @ values``.
        """
        out = []
        for text in texts:
            counts = Counter(g for g in self.analyze(text) if g in self.vocabulary_)
            if not counts:
                out.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)))
                continue
            idx = np.fromiter((self.vocabulary_[g] for g in counts), dtype=np.int64)
            v = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf_[idx]
            out.append((idx, v / np.linalg.norm(v)))
        return out

    def transform(self, texts: Sequence[str]) -> Any:
        """A scipy CSR matrix of :meth:`rows` (for fitting; predicting uses rows)."""
        from scipy.sparse import csr_matrix

        rows, cols, vals = [], [], []
        for r, (idx, v) in enumerate(self.rows(texts)):
            rows += [r] * len(idx)
            cols += idx.tolist()
            vals += v.tolist()
        return csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)),
            shape=(len(texts), len(self.vocabulary_)),
        )
