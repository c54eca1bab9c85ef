"""CAP major topic of an item title: TF-IDF + e5 embedding + keyword features, one linear model.

Trained on human-coded Danish municipal titles (Comparative Agendas Project codes).
Titles as printed carry item numbers, dot leaders, page numbers and sometimes
capitals; ``clean_title`` removes those first. The keyword stems per major topic
live in labels.toml (``[[cap_major]] keywords``). Prediction is numpy only: the
head saves its vocabulary, idf and weights as JSON + safetensors.

>>> clean_title("12.  LOKALPLAN FOR HAVNEN ........ 14")
'lokalplan for havnen'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from kkrnlp.classify.tfidf import Tfidf
from kkrnlp.errors import ModelError
from kkrnlp.taxonomy import CapMajor

_DOT_LEADER = re.compile(r"(?:\s*[.…·_]){4,}.*$")
# some systems print "16...... Title": the dots after the number lead *to* the title
_NUMBER_LEADER = re.compile(r"^\s*\d{1,4}\s*(?:[.…·_]\s*){2,}")
_TRAILING_PAGE = re.compile(r"\s+(?:side\s+)?\d{1,3}\s*$", re.I)
_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:punkt|pkt\.?|sag|nr\.?)\s*)?\d{1,4}(?:\.\d{1,3})*[.):]?\s*(?:[-–]\s*)?", re.I
)
_MARKERS = re.compile(r"\((?:åben|åbent|lukket|b|o|d)\)|[-–]\s*åben\s+sag\s*$", re.I)
_SPACE = re.compile(r"\s+")


def clean_title(text: str) -> str:
    """The words of a printed title: no item number, dot leaders, page number or capitals."""
    t = (text or "").replace("\xa0", " ")
    t = _NUMBER_LEADER.sub("", t)
    t = _DOT_LEADER.sub("", t)
    t = _TRAILING_PAGE.sub("", t)
    t = _LEADING_NUMBER.sub("", t)
    t = _MARKERS.sub(" ", t)
    t = _SPACE.sub(" ", t).strip(" -–.:")
    letters = [c for c in t if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        t = t.lower()
    return t


@lru_cache(maxsize=16)
def _keyword_patterns(majors: tuple[CapMajor, ...]) -> list[re.Pattern | None]:
    return [
        re.compile("|".join(r"(?<!\w)" + re.escape(k) for k in m.keywords), re.I)
        if m.keywords
        else None
        for m in majors
    ]


def keyword_features(
    titles: Sequence[str], majors: tuple[CapMajor, ...], cap: int = 2
) -> np.ndarray:
    """(n, n_majors): how many of each major's keywords start a word of the title (at most cap)."""
    pats = _keyword_patterns(tuple(majors))
    out = np.zeros((len(titles), len(majors)), dtype=np.float32)
    for i, title in enumerate(titles):
        for j, pat in enumerate(pats):
            if pat is not None:
                out[i, j] = min(cap, len(pat.findall(title or "")))
    return out


@dataclass
class CapSettings:
    """Feature weights and regularisation, chosen by grouped 5-fold CV (scripts/eval_cap.py)."""

    C: float = 10.0
    embed_weight: float = 3.0
    keyword_weight: float = 1.0
    keyword_cap: int = 2
    prefix: str = "query: "
    max_features: int = 40000


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class CapHead:
    """One multinomial logistic regression over [word TF-IDF, char TF-IDF, embedding, keywords]."""

    kind = "cap"

    def __init__(self, settings: CapSettings | None = None, seed: int = 0):
        self.settings = settings or CapSettings()
        self.seed = seed

    def _features(self, titles: list[str], embeddings: np.ndarray | None, fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        s = self.settings
        if fit:
            self.word_ = Tfidf("word", (1, 2)).fit(titles, s.max_features // 2)
            self.char_ = Tfidf("char_wb", (2, 5), min_df=2).fit(titles, s.max_features // 2)
        parts = [self.word_.transform(titles), self.char_.transform(titles)]
        if embeddings is not None and s.embed_weight > 0:
            parts.append(csr_matrix(np.asarray(embeddings, dtype=np.float32) * s.embed_weight))
        kw = keyword_features(titles, self.majors_, s.keyword_cap) * s.keyword_weight
        parts.append(csr_matrix(kw))
        return hstack(parts).tocsr()

    def fit(
        self,
        titles: Sequence[str],
        codes: Sequence[int],
        majors: Sequence[CapMajor],
        embeddings: np.ndarray | None = None,
    ) -> CapHead:
        """Fit on cleaned titles and their major codes; ``embeddings`` may be None."""
        from kkrnlp.classify.heads import _fit_logreg

        titles = [clean_title(t) for t in titles]
        self.majors_ = tuple(majors)
        self.codes_ = [m.code for m in self.majors_]
        index = {c: i for i, c in enumerate(self.codes_)}
        unknown = sorted({c for c in codes if c not in index})
        if unknown:
            raise ValueError(f"CAP codes not in labels.toml: {unknown}")
        self.uses_embeddings_ = embeddings is not None and self.settings.embed_weight > 0
        X = self._features(titles, embeddings if self.uses_embeddings_ else None, fit=True)
        yi = np.array([index[c] for c in codes], dtype=np.int64)
        self.coef_, self.intercept_ = _fit_logreg(
            X, yi, len(self.codes_), self.settings.C, self.seed
        )
        return self

    def predict_proba(
        self, titles: Sequence[str], embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """(n, n_majors) in ``codes_`` order; rows sum to 1."""
        if not hasattr(self, "coef_"):
            raise ModelError("the CAP head is not fitted")
        titles = [clean_title(t) for t in titles]
        if self.uses_embeddings_ and embeddings is None:
            raise ModelError("this CAP head needs title embeddings")
        logits = self._logits(titles, embeddings if self.uses_embeddings_ else None)
        return _softmax(logits).astype(np.float32)

    def _logits(self, titles: list[str], embeddings: np.ndarray | None) -> np.ndarray:
        """``features @ coef.T + intercept`` without building the sparse matrix (no scipy).

        The columns of ``coef_`` follow :meth:`_features`: word TF-IDF, char TF-IDF,
        the scaled embedding (if used), the scaled keyword counts.
        """
        s = self.settings
        coef = np.asarray(self.coef_, dtype=np.float64)
        logits = np.tile(np.asarray(self.intercept_, dtype=np.float64), (len(titles), 1))
        offset = 0
        for vec in (self.word_, self.char_):
            for r, (idx, values) in enumerate(vec.rows(titles)):
                logits[r] += coef[:, offset + idx] @ values
            offset += len(vec.vocabulary_)
        if embeddings is not None and s.embed_weight > 0:
            emb = np.asarray(embeddings, dtype=np.float64) * s.embed_weight
            logits += emb @ coef[:, offset : offset + emb.shape[1]].T
            offset += emb.shape[1]
        kw = keyword_features(titles, self.majors_, s.keyword_cap) * s.keyword_weight
        logits += np.asarray(kw, dtype=np.float64) @ coef[:, offset : offset + kw.shape[1]].T
        return logits

    def predict(self, titles: Sequence[str], embeddings: np.ndarray | None = None) -> list[int]:
        proba = self.predict_proba(titles, embeddings)
        return [self.codes_[i] for i in proba.argmax(axis=1)]

    def save_pretrained(self, path: str | Path) -> Path:
        from kkrnlp.classify.heads import _write_head

        if not hasattr(self, "coef_"):
            raise ModelError("the CAP head is not fitted")
        vocab = {}
        tensors = {
            "coef": np.ascontiguousarray(self.coef_, dtype=np.float32),
            "intercept": np.ascontiguousarray(self.intercept_, dtype=np.float32),
        }
        for key, vec in (("word", self.word_), ("char", self.char_)):
            terms = [""] * len(vec.vocabulary_)
            for term, i in vec.vocabulary_.items():
                terms[i] = term
            vocab[key] = terms
            tensors[f"idf_{key}"] = np.ascontiguousarray(vec.idf_, dtype=np.float32)
        config = {
            "kind": self.kind,
            "settings": asdict(self.settings),
            "seed": self.seed,
            "uses_embeddings": self.uses_embeddings_,
            "majors": [
                {"code": m.code, "name": m.name, "keywords": list(m.keywords)} for m in self.majors_
            ],
            "vocabulary": vocab,
        }
        return _write_head(Path(path), config, tensors)

    @classmethod
    def from_pretrained(cls, path: str | Path) -> CapHead:
        from kkrnlp.classify.heads import _load_weights, _read_config

        cfg = _read_config(Path(path), cls.kind)
        weights = _load_weights(Path(path))
        head = cls(CapSettings(**cfg["settings"]), seed=cfg["seed"])
        head.majors_ = tuple(
            CapMajor(int(m["code"]), m["name"], tuple(m["keywords"])) for m in cfg["majors"]
        )
        head.codes_ = [m.code for m in head.majors_]
        head.uses_embeddings_ = bool(cfg["uses_embeddings"])
        for key, ngrams, attr in (("word", (1, 2), "word_"), ("char", (2, 5), "char_")):
            vec = Tfidf("word" if key == "word" else "char_wb", ngrams)
            vec.vocabulary_ = {t: i for i, t in enumerate(cfg["vocabulary"][key])}
            vec.idf_ = weights[f"idf_{key}"].astype(np.float64)
            setattr(head, attr, vec)
        head.coef_ = weights["coef"]
        head.intercept_ = weights["intercept"]
        return head


def major_of(coding: int | str) -> int:
    """The major topic of a CAP subtopic code (1412 -> 14); the codebook's 99 -> 0."""
    major = int(coding) // 100 if int(coding) >= 100 else int(coding)
    return 0 if major == 99 else major


def read_cap_csv(path: str | Path, subtopics: bool = False) -> tuple[list[str], list[int]]:
    """Titles and major codes from a CSV with columns ``text`` and ``coding`` (or ``cap_major``).

    ``subtopics=True`` keeps the codes as written (1412 stays 1412; the fine-tuned
    CAP layers learn from subtopics and sum them per major).
    """
    import csv

    from kkrnlp.errors import DataError

    titles, codes = [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            text = row.get("text") or row.get("title")
            code = row.get("coding") or row.get("cap_major")
            if not text or code in (None, ""):
                raise DataError(f"{path}:{n}: a row needs text/title and coding/cap_major")
            titles.append(text)
            try:
                codes.append(int(code) if subtopics else major_of(code))
            except ValueError as exc:
                raise DataError(f"{path}:{n}: coding {code!r} is not a number") from exc
    return titles, codes


def duplicate_groups(titles: Sequence[str]) -> np.ndarray:
    """A group id per title; titles whose cleaned letters agree share one (for grouped CV)."""
    keys = [re.sub(r"[\W\d_]+", "", clean_title(t).lower())[:40] for t in titles]
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(k, len(ids)) for k in keys], dtype=np.int64)


def grouped_folds(
    titles: Sequence[str], codes: Sequence[int], n_splits: int = 5, seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified (train, test) index pairs; near-duplicate titles share a fold."""
    import warnings

    from sklearn.model_selection import StratifiedGroupKFold

    codes_arr = np.asarray(codes)
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare majors have fewer members than folds
        return list(splitter.split(np.zeros(len(codes_arr)), codes_arr, duplicate_groups(titles)))


def cross_validate(
    titles: Sequence[str],
    codes: Sequence[int],
    majors: Sequence[CapMajor],
    embeddings: np.ndarray | None,
    settings: CapSettings | None = None,
    n_splits: int = 5,
    seed: int = 0,
) -> dict:
    """Out-of-fold accuracy with (near-)duplicate titles kept in one fold."""
    codes_arr = np.asarray(codes)
    groups = duplicate_groups(titles)
    pred = np.zeros(len(codes_arr), dtype=np.int64)
    for train, test in grouped_folds(titles, codes, n_splits, seed):
        head = CapHead(settings, seed=seed).fit(
            [titles[i] for i in train],
            codes_arr[train].tolist(),
            majors,
            None if embeddings is None else embeddings[train],
        )
        pred[test] = head.predict(
            [titles[i] for i in test], None if embeddings is None else embeddings[test]
        )
    per_major = {
        int(c): round(float(np.mean(pred[codes_arr == c] == c)), 3) for c in sorted(set(codes))
    }
    return {
        "accuracy": round(float(np.mean(pred == codes_arr)), 4),
        "n": len(codes_arr),
        "folds": n_splits,
        "groups": int(groups.max() + 1) if len(groups) else 0,
        "per_major": per_major,
        "predictions": pred.tolist(),
    }
