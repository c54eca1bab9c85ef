"""Light trainable classifier heads: over encoder embeddings (default) and over TF-IDF.

Both heads follow the house model API (``fit`` returns self, learned attributes end
in ``_``, ``save_pretrained`` / ``from_pretrained``) and save JSON + safetensors,
never pickle.

>>> head = EmbeddingHead().fit(X, y, label_names, description_embeddings)  # doctest: +SKIP
>>> head.predict_proba(X).shape  # doctest: +SKIP
(n, len(label_names))
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.errors import ModelError
from kkrnlp.io import atomic_path

logger = logging.getLogger(__name__)

_CONFIG = "head.json"
_WEIGHTS = "head.safetensors"


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _read_config(path: Path, kind: str) -> dict[str, Any]:
    path = Path(path)
    cfg_file = path / _CONFIG
    if not cfg_file.is_file():
        raise ModelError(f"{path} is not a saved {kind} (no {_CONFIG})")
    try:
        cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{cfg_file} is not valid JSON: {exc}") from exc
    if cfg.get("kind") != kind:
        raise ModelError(f"{path} holds a {cfg.get('kind')!r} head, not a {kind!r} head")
    return cfg


def _write_head(
    path: Path,
    config: dict[str, Any],
    tensors: dict[str, np.ndarray],
    indent: int | None = None,
    dtype: Any = np.float32,
) -> Path:
    """Write a head directory atomically: ``head.json`` (config) + ``head.safetensors``."""
    from safetensors.numpy import save_file

    tensors = {k: np.ascontiguousarray(v, dtype=dtype) for k, v in tensors.items()}
    with atomic_path(path) as tmp:
        tmp.mkdir(parents=True)
        text = json.dumps(config, ensure_ascii=False, indent=indent) + "\n"
        (tmp / _CONFIG).write_text(text, encoding="utf-8")
        save_file(tensors, str(tmp / _WEIGHTS))
    return Path(path)


def _load_weights(path: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    try:
        return load_file(str(Path(path) / _WEIGHTS))
    except Exception as exc:
        raise ModelError(f"cannot read {Path(path) / _WEIGHTS}: {exc}".splitlines()[0]) from exc


def _fit_logreg(
    X: Any, y: np.ndarray, n_classes: int, C: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression -> (coef (k, d), intercept (k,)), classes 0..k-1.

    A single observed class gets a constant model: there is nothing to separate.
    """
    from sklearn.linear_model import LogisticRegression

    dim = X.shape[1]
    present = np.unique(y)
    if len(present) < 2:
        coef = np.zeros((n_classes, dim), dtype=np.float32)
        intercept = np.full(n_classes, -10.0, dtype=np.float32)
        intercept[present] = 0.0
        return coef, intercept
    model = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    model.fit(X, y)
    coef = np.zeros((n_classes, dim), dtype=np.float32)
    intercept = np.full(n_classes, -1e4, dtype=np.float32)
    if len(present) == 2:  # sklearn stores one row for two classes: logit of class 1
        coef[present[1]] = model.coef_[0] / 2
        coef[present[0]] = -model.coef_[0] / 2
        intercept[present[1]] = model.intercept_[0] / 2
        intercept[present[0]] = -model.intercept_[0] / 2
    else:
        coef[model.classes_] = model.coef_
        intercept[model.classes_] = model.intercept_
    return coef, intercept


class EmbeddingHead:
    """Logistic regression over embeddings, blended with label-description prototypes.

    Each label's description is embedded with the same encoder. Scores:

    * labels with no training example get ``softmax(cos(x, description) / T)``
      alone, so a label just written into labels.toml can win at once;
    * labels with examples share the rest of the mass, split by
      ``(1 - description_weight) * logistic + description_weight * prototype``.

    ``description_temperature`` is small because e5 cosines sit in a narrow band.
    """

    kind = "embedding"

    def __init__(
        self,
        C: float = 10.0,
        description_weight: float = 0.3,
        description_temperature: float = 0.02,
        seed: int = 0,
    ):
        self.C = C
        self.description_weight = description_weight
        self.description_temperature = description_temperature
        self.seed = seed

    def fit(
        self,
        X: np.ndarray,
        y: Sequence[str],
        label_names: Sequence[str],
        description_embeddings: np.ndarray,
    ) -> EmbeddingHead:
        """Fit on embeddings ``X`` (n, d) with string labels ``y`` from ``label_names``."""
        X = np.asarray(X, dtype=np.float32)
        names = list(label_names)
        index = {name: i for i, name in enumerate(names)}
        unknown = sorted({label for label in y if label not in index})
        if unknown:
            raise ValueError(f"labels not in label_names: {', '.join(unknown)}")
        if len(y) != len(X):
            raise ValueError("X and y have different lengths")
        desc = np.asarray(description_embeddings, dtype=np.float32)
        if desc.shape != (len(names), X.shape[1]):
            raise ValueError("description_embeddings must be (n_labels, dim)")
        yi = np.array([index[label] for label in y], dtype=np.int64)
        self.label_names_ = names
        self.description_embeddings_ = desc
        self.label_counts_ = np.bincount(yi, minlength=len(names)).astype(np.int64)
        if len(X):
            self.coef_, self.intercept_ = _fit_logreg(X, yi, len(names), self.C, self.seed)
        else:
            self.coef_ = np.zeros((len(names), desc.shape[1]), dtype=np.float32)
            self.intercept_ = np.zeros(len(names), dtype=np.float32)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ModelError("the head is not fitted; call fit() or from_pretrained() first")

    def with_labels(
        self, label_names: Sequence[str], description_embeddings: np.ndarray
    ) -> EmbeddingHead:
        """A copy over a new label set: known labels keep their weights, new ones
        start from their description alone, dropped ones disappear."""
        self._check_fitted()
        old = {name: i for i, name in enumerate(self.label_names_)}
        names = list(label_names)
        dim = self.coef_.shape[1]
        new = EmbeddingHead(
            self.C, self.description_weight, self.description_temperature, self.seed
        )
        new.label_names_ = names
        new.description_embeddings_ = np.asarray(description_embeddings, dtype=np.float32)
        new.coef_ = np.zeros((len(names), dim), dtype=np.float32)
        new.intercept_ = np.zeros(len(names), dtype=np.float32)
        new.label_counts_ = np.zeros(len(names), dtype=np.int64)
        for i, name in enumerate(names):
            if name in old:
                new.coef_[i] = self.coef_[old[name]]
                new.intercept_[i] = self.intercept_[old[name]]
                new.label_counts_[i] = self.label_counts_[old[name]]
        return new

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Scores (n, n_labels) in ``label_names_`` order; rows sum to 1."""
        self._check_fitted()
        X = np.asarray(X, dtype=np.float32)
        proto = _softmax(X @ self.description_embeddings_.T / self.description_temperature)
        trained = self.label_counts_ > 0
        if not trained.any():
            return proto
        untrained_mass = proto[:, ~trained].sum(axis=1, keepdims=True)
        logits = X @ self.coef_[trained].T + self.intercept_[trained]
        lr = _softmax(logits)
        proto_t = proto[:, trained] / np.clip(proto[:, trained].sum(1, keepdims=True), 1e-12, None)
        w = self.description_weight
        out = np.zeros_like(proto)
        out[:, trained] = (1.0 - untrained_mass) * ((1.0 - w) * lr + w * proto_t)
        out[:, ~trained] = proto[:, ~trained]
        return out

    def predict(self, X: np.ndarray) -> list[str]:
        proba = self.predict_proba(X)
        return [self.label_names_[i] for i in proba.argmax(axis=1)]

    def save_pretrained(self, path: str | Path) -> Path:
        """Write head.json + head.safetensors into ``path`` (atomically)."""
        self._check_fitted()
        path = Path(path)
        config = {
            "kind": self.kind,
            "C": self.C,
            "description_weight": self.description_weight,
            "description_temperature": self.description_temperature,
            "seed": self.seed,
            "label_names": self.label_names_,
            "label_counts": [int(c) for c in self.label_counts_],
        }
        tensors = {
            "coef": self.coef_,
            "intercept": self.intercept_,
            "description_embeddings": self.description_embeddings_,
        }
        return _write_head(path, config, tensors, indent=2)

    @classmethod
    def from_pretrained(cls, path: str | Path) -> EmbeddingHead:
        cfg = _read_config(Path(path), cls.kind)
        weights = _load_weights(Path(path))
        head = cls(
            C=cfg["C"],
            description_weight=cfg["description_weight"],
            description_temperature=cfg["description_temperature"],
            seed=cfg["seed"],
        )
        head.label_names_ = list(cfg["label_names"])
        head.label_counts_ = np.asarray(cfg["label_counts"], dtype=np.int64)
        head.coef_ = weights["coef"]
        head.intercept_ = weights["intercept"]
        head.description_embeddings_ = weights["description_embeddings"]
        if head.coef_.shape[0] != len(head.label_names_):
            raise ModelError(f"{path}: weights do not match the label list")
        return head


class TfidfBaseline:
    """Word (1-2) + character (2-5, within words) n-gram TF-IDF and logistic regression.

    The baseline every report shows next to the encoder. Saved as JSON (vocabulary,
    settings) + safetensors (idf, coef, intercept).
    """

    kind = "tfidf"

    def __init__(
        self,
        C: float = 10.0,
        max_features: int = 20000,
        seed: int = 0,
    ):
        self.C = C
        self.max_features = max_features
        self.seed = seed

    def _vectorizer_params(self) -> dict[str, dict[str, Any]]:
        common = {"lowercase": True, "sublinear_tf": True, "dtype": np.float32}
        return {
            "word": {**common, "analyzer": "word", "ngram_range": (1, 2), "min_df": 1},
            "char": {**common, "analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2},
        }

    def _transform(self, texts: Sequence[str]) -> Any:
        from scipy.sparse import hstack

        mats = [self.vectorizers_[k].transform(list(texts)) for k in ("word", "char")]
        return hstack(mats).tocsr()

    def fit(
        self, texts: Sequence[str], y: Sequence[str], label_names: Sequence[str] | None = None
    ) -> TfidfBaseline:
        """Fit on raw texts; ``label_names`` fixes the output columns (default: sorted y)."""
        from kkrnlp.classify.tfidf import Tfidf

        texts = [t or "" for t in texts]
        if len(texts) != len(y):
            raise ValueError("texts and y have different lengths")
        if not texts:
            raise ValueError("TfidfBaseline needs at least one training text")
        names = list(label_names) if label_names is not None else sorted(set(y))
        index = {name: i for i, name in enumerate(names)}
        unknown = sorted({label for label in y if label not in index})
        if unknown:
            raise ValueError(f"labels not in label_names: {', '.join(unknown)}")
        self.vectorizers_ = {}
        for key, params in self._vectorizer_params().items():
            vec = Tfidf(params["analyzer"], params["ngram_range"], params["min_df"])
            self.vectorizers_[key] = vec.fit(texts, self.max_features // 2)
        X = self._transform(texts)
        yi = np.array([index[label] for label in y], dtype=np.int64)
        self.label_names_ = names
        self.label_counts_ = np.bincount(yi, minlength=len(names)).astype(np.int64)
        self.coef_, self.intercept_ = _fit_logreg(X, yi, len(names), self.C, self.seed)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if not hasattr(self, "coef_"):
            raise ModelError("the baseline is not fitted; call fit() or from_pretrained() first")
        X = self._transform([t or "" for t in texts])
        logits = np.asarray(X @ self.coef_.T) + self.intercept_
        return _softmax(logits.astype(np.float64)).astype(np.float32)

    def predict(self, texts: Sequence[str]) -> list[str]:
        proba = self.predict_proba(texts)
        return [self.label_names_[i] for i in proba.argmax(axis=1)]

    def save_pretrained(self, path: str | Path) -> Path:

        if not hasattr(self, "coef_"):
            raise ModelError("the baseline is not fitted")
        path = Path(path)
        vocab = {}
        tensors = {
            "coef": np.ascontiguousarray(self.coef_, dtype=np.float32),
            "intercept": np.ascontiguousarray(self.intercept_, dtype=np.float32),
        }
        for key, vec in self.vectorizers_.items():
            terms = [""] * len(vec.vocabulary_)
            for term, i in vec.vocabulary_.items():
                terms[i] = term
            vocab[key] = terms
            tensors[f"idf_{key}"] = np.ascontiguousarray(vec.idf_, dtype=np.float32)
        config = {
            "kind": self.kind,
            "C": self.C,
            "max_features": self.max_features,
            "seed": self.seed,
            "label_names": self.label_names_,
            "label_counts": [int(c) for c in self.label_counts_],
            "vocabulary": vocab,
        }
        return _write_head(path, config, tensors)

    @classmethod
    def from_pretrained(cls, path: str | Path) -> TfidfBaseline:
        from kkrnlp.classify.tfidf import Tfidf

        cfg = _read_config(Path(path), cls.kind)
        weights = _load_weights(Path(path))
        model = cls(C=cfg["C"], max_features=cfg["max_features"], seed=cfg["seed"])
        model.vectorizers_ = {}
        for key, params in model._vectorizer_params().items():
            vec = Tfidf(params["analyzer"], params["ngram_range"])
            vec.vocabulary_ = {t: i for i, t in enumerate(cfg["vocabulary"][key])}
            vec.idf_ = weights[f"idf_{key}"].astype(np.float64)
            model.vectorizers_[key] = vec
        model.label_names_ = list(cfg["label_names"])
        model.label_counts_ = np.asarray(cfg["label_counts"], dtype=np.int64)
        model.coef_ = weights["coef"]
        model.intercept_ = weights["intercept"]
        return model
