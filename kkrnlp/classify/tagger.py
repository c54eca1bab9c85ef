"""The Tagger model: fit, predict, save_pretrained, from_pretrained (nothing else).

Heads: policy area, recommendation fallback, CAP major topic and the TF-IDF
baseline, plus the user's labelled examples that outrank the rules on the same
wording. A saved Tagger is a small directory (a few MB): config.json (encoder name
and settings, head kind, seed, kkrnlp version, date), labels.toml, one folder per
head, user_examples.json, metrics.json and a README.md model card (``card.py``).
Training workflows live in ``training.py``, cross-validation in ``cv.py``. The encoder
weights are never copied in (except for the fine-tuned head, which *is* a whole encoder).

>>> tagger = Tagger().fit(items, labels)  # doctest: +SKIP
>>> tagger.save_pretrained("models/my-tagger")  # doctest: +SKIP
>>> Tagger.from_pretrained("models/my-tagger").predict_policy(items)[0].label  # doctest: +SKIP
'trafik'
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.classify.cap import CapHead
from kkrnlp.classify.cap_layers import CapLayerSettings, CapTopLayers
from kkrnlp.classify.cap_model import (
    CapPrediction,
    cap_predictions,
    fit_cap_layers,
    majors_of,
)
from kkrnlp.classify.features import item_text
from kkrnlp.classify.heads import EmbeddingHead, TfidfBaseline
from kkrnlp.classify.policy import PolicyAreaClassifier, PolicyPrediction, formalia_rule
from kkrnlp.classify.serialise import taxonomy_toml
from kkrnlp.classify.user_examples import example_key, matching_example
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
        cap_layers: bool = True,
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
        # fine-tune the encoder's top layers for CAP too (needs torch when training)
        self.cap_layers = cap_layers
        self._encoder: Encoder | None = None
        self._embed_cache: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ encoder

    def load_encoder(self) -> Encoder:
        """The encoder, loaded on first use and kept."""
        if self._encoder is None:
            self._encoder = Encoder.from_pretrained(
                self.encoder, self.encoder_settings, cache=self.cache
            )
        return self._encoder

    def embed_texts(self, texts: list[str], prefix: str | None = None) -> np.ndarray:
        """Embeddings of ``texts``; recent texts are cached so that area and
        recommendation scoring (and cross-validation) embed them once."""
        pre = self.encoder_settings.prefix if prefix is None else prefix
        keys = [pre + "\x00" + t for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._embed_cache))
        fresh: dict[str, np.ndarray] = {}
        if missing:
            vecs = self.load_encoder().embed(
                [k.split("\x00", 1)[1] for k in missing],
                prefix=pre,
                show_progress=len(missing) > 64,
            )
            fresh = dict(zip(missing, vecs, strict=True))
            if len(self._embed_cache) + len(fresh) > _EMBED_CACHE_SIZE:
                self._embed_cache.clear()
            if len(fresh) <= _EMBED_CACHE_SIZE:
                self._embed_cache.update(fresh)
        dim = self.load_encoder().dim
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([fresh.get(k, self._embed_cache.get(k)) for k in keys]).astype(np.float32)

    def descriptions(self, task: str) -> np.ndarray:
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
            X = self.embed_texts(texts)
            base = self._base.get(task)
            if base is not None:  # the examples of the model this one builds on
                bx, by = base
                keep = [i for i, label in enumerate(by) if label in names]
                X = np.vstack([bx[keep], X]) if len(X) else bx[keep]
                y = [by[i] for i in keep] + list(y)
            self.train_examples_[task] = (X, list(y))
            return head.fit(X, y, names, self.descriptions(task))
        return head.fit(texts, y, names)

    def _head_proba(self, head: Any, texts: list[str]) -> np.ndarray:
        if isinstance(head, EmbeddingHead):
            return head.predict_proba(self.embed_texts(texts))
        return head.predict_proba(texts)

    def fit(
        self,
        items: list[AgendaItem],
        labels: list[dict[str, Any]],
        cap_titles: list[str] | None = None,
        cap_codes: list[int] | None = None,
        user_examples: list[tuple[AgendaItem, dict[str, Any]]] | None = None,
        metrics: bool = True,
        base_examples: dict[str, tuple[np.ndarray, list[str]]] | None = None,
    ) -> Tagger:
        """Train on items and their label dicts (keys ``policy_area``, ``recommendation``,
        optionally ``group`` for grouped CV).

        ``cap_titles`` / ``cap_codes``: CAP-coded titles (subtopic or major codes) for
        the CAP model.
        ``user_examples``: items a user labelled; on (near-)identical wording their
        labels outrank the rules and the heads. Empty items and missing labels are
        skipped per task. ``metrics=False`` skips the cross-validation.
        ``base_examples``: per task, the embeddings and labels another model was trained
        on (``training_examples``), trained on together with these items.
        """
        from kkrnlp.classify.cv import training_metrics

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
        self._base = dict(base_examples or {})
        self.train_examples_: dict[str, tuple[np.ndarray, list[str]]] = {}
        if not pol and "policy_area" not in self._base:
            raise DataError("no labelled policy areas to train on")
        p_texts, p_y = [t for t, _ in pol], [y for _, y in pol]
        logger.info("training a %s tagger on %d items", self.head, len(pol))
        self.policy_head_ = self._fit_head(
            self._new_head("policy_area"), "policy_area", p_texts, p_y
        )
        self.baseline_ = TfidfBaseline(seed=self.seed).fit(
            p_texts or ["-"], p_y or [self.policy_head_.label_names_[0]],
            self.taxonomy.policy_area_names,
        )  # fmt: skip
        self.recommendation_head_ = None
        if rec or "recommendation" in self._base:
            r_texts, r_y = [t for t, _ in rec], [y for _, y in rec]
            self.recommendation_head_ = self._fit_head(
                self._new_head("recommendation"), "recommendation", r_texts, r_y
            )
        self.cap_head_ = self.cap_layers_ = None
        if cap_titles:
            majors = majors_of(cap_codes or [])
            if self.head != "embedding":
                self.cap_head_ = CapHead(seed=self.seed).fit(
                    cap_titles, majors, self.taxonomy.cap_majors
                )
            else:
                head = CapHead(seed=self.seed)
                emb = self._cap_embeddings(cap_titles, head.settings.prefix)
                self.cap_head_ = head.fit(cap_titles, majors, self.taxonomy.cap_majors, emb)
                if self.cap_layers:
                    self.cap_layers_ = fit_cap_layers(
                        self.load_encoder(), cap_titles, list(cap_codes or []),
                        CapLayerSettings(seed=self.seed),
                    )  # fmt: skip
        self.user_examples_ = [
            {"key": example_key(item), "policy_area": lab.get("policy_area"),
             "policy_areas": lab.get("policy_areas") or [],
             "recommendation": lab.get("recommendation"),
             "recommendations": lab.get("recommendations") or []}
            for item, lab in (user_examples or []) if not item.empty
        ]  # fmt: skip
        self.metrics_ = training_metrics(self, items, labels, texts) if metrics else {}
        return self

    def _cap_embeddings(self, titles: list[str], prefix: str) -> np.ndarray:
        from kkrnlp.classify.cap import clean_title

        return self.embed_texts([clean_title(t) for t in titles], prefix=prefix)

    # ------------------------------------------------------------------ predict

    def _check_fitted(self) -> None:
        if not hasattr(self, "policy_head_"):
            raise ModelError("the tagger is not trained; call fit() or from_pretrained() first")

    def _predict_with(
        self, head: Any, items: list[AgendaItem], source: str
    ) -> list[PolicyPrediction]:
        classifier = PolicyAreaClassifier(
            self.taxonomy.policy_area_names,
            self.relative_threshold,
            source=source,
            taxonomy=self.taxonomy,
        )
        todo = [i for i, item in enumerate(items) if not formalia_rule(item, self.taxonomy)]
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

    def predict_cap(self, items: list[AgendaItem]) -> list[CapPrediction]:
        """CAP major topic per item from its title (code, Danish name, scores, source)."""
        self._check_fitted()
        if self.cap_head_ is None or not items:
            return []
        layers = getattr(self, "cap_layers_", None)
        source = self.load_encoder() if layers is not None else self._cap_embeddings
        return cap_predictions(self.cap_head_, layers, source, [i.title or "" for i in items])

    def user_label(self, item: AgendaItem) -> dict[str, Any] | None:
        """The labels a user gave an item with (near-)identical wording, if any."""
        return matching_example(getattr(self, "user_examples_", None) or [], item)

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
            "has_cap_head": getattr(self, "cap_head_", None) is not None,
            "has_cap_layers": getattr(self, "cap_layers_", None) is not None,
        }

    def save_pretrained(self, path: str | Path, data_info: dict[str, Any] | None = None) -> Path:
        """Write the model directory atomically; ``data_info`` describes the training data.

        ``path`` may be new, empty or a tagger saved earlier (replaced so that the
        old one stays readable until the new one is complete); anything else is
        refused with OutputError.
        """
        from kkrnlp.classify.card import model_card

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
            if self.cap_head_ is not None:
                self.cap_head_.save_pretrained(tmp / "cap")
            if getattr(self, "cap_layers_", None) is not None:
                self.cap_layers_.save_pretrained(tmp / "cap_layers")
            if getattr(self, "train_examples_", None):
                self._save_examples(tmp / "training")
            (tmp / "user_examples.json").write_text(
                json.dumps(self.user_examples_, ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
            (tmp / "labels.toml").write_text(labels_text, encoding="utf-8")
            (tmp / "config.json").write_text(
                json.dumps(self.config(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (tmp / "metrics.json").write_text(
                json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (tmp / "README.md").write_text(model_card(self, metrics), encoding="utf-8")
        logger.info("saved tagger to %s", path)
        return path

    def _save_examples(self, path: Path) -> None:
        """The heads' training embeddings and labels, so a retrain can build on them."""
        from safetensors.numpy import save_file

        path.mkdir(parents=True)
        tensors = {f"X_{task}": np.ascontiguousarray(X, dtype=np.float32)
                   for task, (X, _) in self.train_examples_.items()}  # fmt: skip
        labels = {task: y for task, (_, y) in self.train_examples_.items()}
        save_file(tensors, str(path / "examples.safetensors"))
        (path / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), "utf-8")

    @staticmethod
    def training_examples(path: str | Path) -> dict[str, tuple[np.ndarray, list[str]]]:
        """The training embeddings and labels saved in a model directory (empty if none)."""
        from safetensors.numpy import load_file

        folder = Path(path) / "training"
        if not (folder / "labels.json").is_file():
            return {}
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        tensors = load_file(str(folder / "examples.safetensors"))
        return {task: (tensors[f"X_{task}"], list(y)) for task, y in labels.items()}

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
            tagger.cap_head_ = (
                CapHead.from_pretrained(path / "cap") if cfg.get("has_cap_head") else None
            )
            tagger.cap_layers_ = (
                CapTopLayers.from_pretrained(path / "cap_layers")
                if cfg.get("has_cap_layers")
                else None
            )
            users = path / "user_examples.json"
            tagger.user_examples_ = (
                json.loads(users.read_text(encoding="utf-8")) if users.is_file() else []
            )
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
            taxonomy.policy_area_names, self.descriptions("policy_area")
        )
        if self.recommendation_head_ is not None:
            self.recommendation_head_ = self.recommendation_head_.with_labels(
                taxonomy.recommendation_names, self.descriptions("recommendation")
            )
        old = set(self.baseline_.label_names_)
        if not set(taxonomy.policy_area_names) <= old:
            logger.warning("the TF-IDF baseline knows no examples of the new labels")
