"""Full fine-tuning of the encoder for sequence classification (for hundreds of labels).

Uses ``AutoModelForSequenceClassification`` and the ``transformers`` Trainer. The
saved directory is an ordinary transformers model (+ tokenizer) with a small
``head.json`` beside it; it holds the whole encoder, so it is as large as the encoder.

>>> head = FinetuneHead(encoder="default", epochs=3).fit(texts, labels)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.errors import ModelError
from kkrnlp.io import atomic_path

logger = logging.getLogger(__name__)

_CONFIG = "head.json"


class FinetuneHead:
    """Fine-tune ``encoder`` end to end on (text, label) pairs.

    ``prefix`` is prepended to every text (e5 models expect ``"passage: "``).
    """

    kind = "finetune"

    def __init__(
        self,
        encoder: str = "default",
        epochs: float = 3.0,
        lr: float = 3e-5,
        batch_size: int = 16,
        max_length: int = 256,
        seed: int = 0,
        prefix: str = "passage: ",
        weight_decay: float = 0.01,
    ):
        self.encoder = encoder
        self.epochs = epochs
        self.lr = lr
        self.batch_size = batch_size
        self.max_length = max_length
        self.seed = seed
        self.prefix = prefix
        self.weight_decay = weight_decay

    def _params(self) -> dict[str, Any]:
        return {
            "encoder": self.encoder,
            "epochs": self.epochs,
            "lr": self.lr,
            "batch_size": self.batch_size,
            "max_length": self.max_length,
            "seed": self.seed,
            "prefix": self.prefix,
            "weight_decay": self.weight_decay,
        }

    def fit(
        self, texts: Sequence[str], y: Sequence[str], label_names: Sequence[str] | None = None
    ) -> FinetuneHead:
        """Fine-tune on ``texts`` with string labels ``y``; the log lands in ``log_history_``."""
        import torch
        from datasets import Dataset
        from transformers import (
            AutoModelForSequenceClassification,
            AutoTokenizer,
            PrinterCallback,
            Trainer,
            TrainingArguments,
            set_seed,
        )

        from kkrnlp.encoder import resolve_encoder

        if len(texts) != len(y) or not texts:
            raise ValueError("texts and y must be non-empty and of equal length")
        names = list(label_names) if label_names is not None else sorted(set(y))
        index = {name: i for i, name in enumerate(names)}
        unknown = sorted({label for label in y if label not in index})
        if unknown:
            raise ValueError(f"labels not in label_names: {', '.join(unknown)}")

        path = resolve_encoder(self.encoder)
        set_seed(self.seed)
        try:
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = AutoModelForSequenceClassification.from_pretrained(
                path,
                num_labels=len(names),
                id2label=dict(enumerate(names)),
                label2id=index,
            )
        except OSError as exc:
            raise ModelError(f"cannot load encoder {self.encoder!r} for fine-tuning") from exc

        enc = tokenizer(
            [self.prefix + (t or "") for t in texts], truncation=True, max_length=self.max_length
        )
        rows = [
            {
                "input_ids": enc["input_ids"][i],
                "attention_mask": enc["attention_mask"][i],
                "labels": index[label],
            }
            for i, label in enumerate(y)
        ]

        def collate(batch: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
            feats = tokenizer.pad(
                [{k: r[k] for k in ("input_ids", "attention_mask")} for r in batch],
                return_tensors="pt",
            )
            feats["labels"] = torch.tensor([r["labels"] for r in batch], dtype=torch.long)
            return feats

        with tempfile.TemporaryDirectory(prefix="kkrnlp-finetune-") as tmp:
            args = TrainingArguments(
                output_dir=tmp,
                num_train_epochs=self.epochs,
                learning_rate=self.lr,
                weight_decay=self.weight_decay,
                per_device_train_batch_size=self.batch_size,
                seed=self.seed,
                data_seed=self.seed,
                report_to="none",
                save_strategy="no",
                logging_strategy="steps",
                logging_steps=1,
                push_to_hub=False,
                use_cpu=True,
                disable_tqdm=not logger.isEnabledFor(logging.INFO),
                dataloader_num_workers=0,
            )
            trainer = Trainer(
                model=model,
                args=args,
                train_dataset=Dataset.from_list(rows),
                data_collator=collate,
            )
            # The printer callback print()s every log line; the library logs instead.
            trainer.remove_callback(PrinterCallback)
            result = trainer.train()
            logger.info("fine-tuning done: %s", result.metrics)
            self.log_history_ = list(trainer.state.log_history)
        model.eval()
        self.model_ = model
        self.tokenizer_ = tokenizer
        self.label_names_ = names
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Softmax scores (n, n_labels) in ``label_names_`` order."""
        import torch

        if not hasattr(self, "model_"):
            raise ModelError("the fine-tuned head is not fitted or loaded")
        texts = [self.prefix + (t or "") for t in texts]
        out = np.zeros((len(texts), len(self.label_names_)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                feats = self.tokenizer_(
                    [texts[i] for i in batch],
                    truncation=True,
                    max_length=self.max_length,
                    padding=True,
                    return_tensors="pt",
                )
                logits = self.model_(
                    input_ids=feats["input_ids"], attention_mask=feats["attention_mask"]
                ).logits
                out[batch] = torch.softmax(logits.float(), dim=-1).numpy()
        return out

    def predict(self, texts: Sequence[str]) -> list[str]:
        proba = self.predict_proba(texts)
        return [self.label_names_[i] for i in proba.argmax(axis=1)]

    def save_pretrained(self, path: str | Path) -> Path:
        """Save the fine-tuned model, its tokenizer and head.json (atomically)."""
        if not hasattr(self, "model_"):
            raise ModelError("the fine-tuned head is not fitted")
        path = Path(path)
        with atomic_path(path) as tmp:
            tmp.mkdir(parents=True)
            self.model_.save_pretrained(tmp)
            self.tokenizer_.save_pretrained(tmp)
            config = {"kind": self.kind, **self._params(), "label_names": self.label_names_}
            (tmp / _CONFIG).write_text(
                json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        return path

    @classmethod
    def from_pretrained(cls, path: str | Path) -> FinetuneHead:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        path = Path(path)
        cfg_file = path / _CONFIG
        if not cfg_file.is_file():
            raise ModelError(f"{path} is not a saved fine-tuned head (no {_CONFIG})")
        cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
        if cfg.get("kind") != cls.kind:
            raise ModelError(f"{path} holds a {cfg.get('kind')!r} head, not a fine-tuned one")
        head = cls(**{k: cfg[k] for k in cls()._params() if k in cfg})
        try:
            head.tokenizer_ = AutoTokenizer.from_pretrained(str(path))
            head.model_ = AutoModelForSequenceClassification.from_pretrained(str(path))
        except OSError as exc:
            raise ModelError(f"cannot load the fine-tuned model in {path}") from exc
        head.model_.eval()
        head.label_names_ = list(cfg["label_names"])
        return head
