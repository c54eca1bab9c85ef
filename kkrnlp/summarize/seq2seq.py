"""Abstractive summaries with any T5-family seq2seq model (mT5, DanSumT5, ...).

The model is given as a Hugging Face id (where a hub is reachable) or a local
directory holding the model and its sentencepiece tokenizer. No
Danish-capable seq2seq weights are on PyPI, so nothing is downloaded here and
the tests build a tiny random-weight T5. A seq2seq summary can state facts
that the item does not; every summary is therefore checked with
:func:`~kkrnlp.summarize.faithfulness.check_faithfulness` and an unfaithful
one is FLAGGED (``faithful=False``), never hidden.

>>> summarizer = Seq2SeqSummarizer.from_pretrained("models/my-mt5")  # doctest: +SKIP
>>> summarizer.summarize(item, kind="dagsorden", body="KKR Fyn").text  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError, ModelError
from kkrnlp.io import atomic_path, check_output
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.extractive import ExtractiveSummarizer, check_summary
from kkrnlp.summarize.limits import finish
from kkrnlp.summarize.sentences import normalize_space
from kkrnlp.summarize.summary import Summary

logger = logging.getLogger(__name__)

SETTINGS_FILE = "kkrnlp_seq2seq.json"
LOG_FILE = "training_log.json"


@dataclass
class Seq2SeqSettings:
    """Training and generation settings; saved with the model as ``kkrnlp_seq2seq.json``."""

    max_source_length: int = 512
    max_target_length: int = 128
    epochs: float = 3.0
    lr: float = 3e-4
    batch_size: int = 4
    seed: int = 13
    num_beams: int = 2
    prefix: str = "opsummér: "
    max_steps: int = -1
    weight_decay: float = 0.0
    no_repeat_ngram_size: int = 3
    # a generated summary that fails the faithfulness or fluency check is
    # replaced by the extractive one (method "seq2seq:NAME->extractive")
    fallback: bool = True

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Seq2SeqSettings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def item_source_text(item: AgendaItem) -> str:
    """What the model reads for an item: title, recommendation and background.

    >>> from kkrnlp.schema import Section
    >>> item_source_text(AgendaItem("1", "Budget", sections=[Section("Baggrund", "Tal.")],
    ...                             recommendation_text="Det indstilles, at X godkender."))
    'Budget. Det indstilles, at X godkender. Tal.'
    """
    # every background section, in order: the model reads as much as fits its input
    background = item.section_by_role("background") or item.text or ""
    title = (item.title or "").rstrip(".")
    parts = [f"{title}." if title else "", item.recommendation_text or "", background]
    return normalize_space(" ".join(p for p in parts if p))


def _pair_dataset(tokenizer: Any, records: Sequence[tuple[str, str]], s: Seq2SeqSettings) -> Any:
    """Tokenised (source, target) pairs as a ``datasets.Dataset`` for the Trainer."""
    from datasets import Dataset

    sources = [s.prefix + src for src, _ in records]
    targets = [tgt for _, tgt in records]
    enc = tokenizer(sources, max_length=s.max_source_length, truncation=True)
    labels = tokenizer(text_target=targets, max_length=s.max_target_length, truncation=True)
    return Dataset.from_dict(
        {
            "input_ids": enc["input_ids"],
            "attention_mask": enc["attention_mask"],
            "labels": labels["input_ids"],
        }
    )


def _load(id_or_dir: str | Path) -> tuple[Any, Any]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    path = Path(id_or_dir)
    local = path.is_dir()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(id_or_dir), local_files_only=local)
        model = AutoModelForSeq2SeqLM.from_pretrained(str(id_or_dir), local_files_only=local)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load seq2seq model {id_or_dir!s}: {exc}".splitlines()[0]) from exc
    return model, tokenizer


def _model_name(id_or_dir: str | Path) -> str:
    path = Path(id_or_dir)
    return path.name if path.is_dir() else str(id_or_dir)


class Seq2SeqSummarizer:
    """Summarize items with a seq2seq model; ``fit`` fine-tunes it on (source, summary) pairs."""

    def __init__(self, settings: Seq2SeqSettings | None = None):
        self.settings = settings or Seq2SeqSettings()
        self.model_: Any = None
        self.tokenizer_: Any = None
        self.name_: str = "model"
        self.log_history_: list[dict[str, float]] = []

    @classmethod
    def from_pretrained(
        cls, id_or_dir: str | Path, settings: Seq2SeqSettings | None = None
    ) -> Seq2SeqSummarizer:
        """Load a model and tokenizer from a hub id or a local directory."""
        path = Path(id_or_dir)
        if settings is None and (path / SETTINGS_FILE).is_file():
            data = json.loads((path / SETTINGS_FILE).read_text(encoding="utf-8"))
            settings = Seq2SeqSettings.from_dict(data.get("settings", data))
        self = cls(settings)
        self.model_, self.tokenizer_ = _load(id_or_dir)
        self.name_ = _model_name(id_or_dir)
        return self

    def _check(self) -> None:
        if self.model_ is None or self.tokenizer_ is None:
            raise ModelError("seq2seq summarizer has no model: use from_pretrained first")

    def fit(self, records: Sequence[tuple[str, str]], output_dir: str | Path | None = None):
        """Fine-tune on (source text, target summary) pairs; returns ``self``."""
        self._check()
        self.log_history_ = _train(self.model_, self.tokenizer_, records, self.settings, output_dir)
        return self

    def predict(self, texts: Sequence[str]) -> list[str]:
        """Generate one summary per source text."""
        import torch

        self._check()
        s = self.settings
        self.model_.eval()
        out: list[str] = []
        for start in range(0, len(texts), max(1, s.batch_size)):
            batch = [s.prefix + t for t in texts[start : start + s.batch_size]]
            enc = self.tokenizer_(
                batch, max_length=s.max_source_length, truncation=True, padding=True,
                return_tensors="pt",
            )  # fmt: skip
            with torch.no_grad():
                ids = self.model_.generate(
                    **enc,
                    max_new_tokens=s.max_target_length,
                    num_beams=s.num_beams,
                    no_repeat_ngram_size=s.no_repeat_ngram_size or 0,
                )
            out += [
                normalize_space(t)
                for t in self.tokenizer_.batch_decode(ids, skip_special_tokens=True)
            ]
        return out

    def summarize(
        self, item: AgendaItem, *, kind: str = "dagsorden", body: str | None = None
    ) -> Summary:
        """Summarize one item; the faithfulness check flags invented facts."""
        return self.summarize_many([item], kind, body)[0]

    def summarize_many(
        self,
        items: Sequence[AgendaItem],
        kinds: Sequence[str] | str = "dagsorden",
        bodies: Sequence[str | None] | str | None = None,
    ) -> list[Summary]:
        """Summarize many items (generation is batched)."""
        n = len(items)
        bodies_l = [bodies] * n if bodies is None or isinstance(bodies, str) else list(bodies)
        method = f"seq2seq:{self.name_}"
        todo = [i for i, item in enumerate(items) if not item.empty]
        texts = self.predict([item_source_text(items[i]) for i in todo]) if todo else []
        result = [Summary("", method="empty") for _ in items]
        kinds_l = [kinds] * n if isinstance(kinds, str) else list(kinds)
        fallback: ExtractiveSummarizer | None = None
        for i, text in zip(todo, texts, strict=True):
            # the same limits and checks as the extractive default
            summary = check_summary(finish(text), items[i], bodies_l[i], method)
            if not (summary.faithful and summary.fluent):
                logger.warning("item %s: seq2seq summary fails checks %s", items[i].number,
                               summary.unsupported + summary.fluency)  # fmt: skip
                if self.settings.fallback:
                    fallback = fallback or ExtractiveSummarizer()
                    summary = fallback.summarize(items[i], kind=kinds_l[i], body=bodies_l[i])
                    summary.method = f"{method}->extractive"
            result[i] = summary
        return result

    def save_pretrained(self, out: str | Path) -> Path:
        """Save model, tokenizer, settings and a model card atomically to ``out``."""
        self._check()
        return _save(
            self.model_, self.tokenizer_, out, self.settings, self.name_, self.log_history_
        )


def _train(
    model: Any,
    tokenizer: Any,
    records: Sequence[tuple[str, str]],
    settings: Seq2SeqSettings,
    output_dir: str | Path | None,
) -> list[dict[str, float]]:
    import tempfile

    from transformers import DataCollatorForSeq2Seq, Seq2SeqTrainer, Seq2SeqTrainingArguments

    records = [(str(a), str(b)) for a, b in records if a and b]
    if not records:
        raise DataError("no (source, summary) pairs to train on")
    with tempfile.TemporaryDirectory() as scratch:
        args = Seq2SeqTrainingArguments(
            output_dir=str(output_dir or scratch),
            per_device_train_batch_size=settings.batch_size,
            num_train_epochs=settings.epochs,
            max_steps=settings.max_steps,
            learning_rate=settings.lr,
            weight_decay=settings.weight_decay,
            seed=settings.seed,
            logging_steps=1,
            save_strategy="no",
            report_to=[],
            disable_tqdm=True,
            use_cpu=True,
            dataloader_num_workers=0,
        )
        trainer = Seq2SeqTrainer(
            model=model,
            args=args,
            train_dataset=_pair_dataset(tokenizer, records, settings),
            data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
            processing_class=tokenizer,
        )
        trainer.train()
        history = [
            {k: float(v) for k, v in row.items() if isinstance(v, int | float)}
            for row in trainer.state.log_history
        ]
    losses = [row["loss"] for row in history if "loss" in row]
    if losses and not all(math.isfinite(x) for x in losses):
        raise ModelError("seq2seq training diverged (loss is not finite); lower the lr")
    return history


_CARD = """# {name}

Seq2seq summarizer for Danish agenda items, fine-tuned with kkrnlp.

- base model: `{base}`
- training pairs: {n}
- settings: `{settings}`
- final training loss: {loss}

Summaries are checked for unsupported numbers, dates and names
(`kkrnlp.summarize.check_faithfulness`); flagged summaries must be read
against the agenda before use.
"""


def _save(
    model: Any,
    tokenizer: Any,
    out: str | Path,
    settings: Seq2SeqSettings,
    base: str,
    history: list[dict[str, float]],
    n_pairs: int | None = None,
) -> Path:
    out = check_output(out, kind="dir", dir_kind="summarizer")
    losses = [row["loss"] for row in history if "loss" in row]
    with atomic_path(out) as tmp:
        tmp.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        payload = {"settings": asdict(settings), "base_model": base}
        (tmp / SETTINGS_FILE).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (tmp / LOG_FILE).write_text(json.dumps(history, indent=2) + "\n", encoding="utf-8")
        card = _CARD.format(
            name=out.name,
            base=base,
            n=n_pairs if n_pairs is not None else "unknown",
            settings=json.dumps(asdict(settings), ensure_ascii=False),
            loss=f"{losses[-1]:.4f}" if losses else "n/a",
        )
        (tmp / "README.md").write_text(card, encoding="utf-8")
    return out


def train_seq2seq(
    records: Sequence[tuple[str, str]],
    model: str | Path,
    out: str | Path,
    settings: Seq2SeqSettings | None = None,
) -> Path:
    """Fine-tune ``model`` (hub id or directory) on (source, summary) pairs; save to ``out``.

    Source texts are usually ``item_source_text(item)``. Writes the model,
    tokenizer, ``kkrnlp_seq2seq.json``, ``training_log.json`` and a README
    model card in one atomic step and returns ``out``.
    """
    settings = settings or Seq2SeqSettings()
    base_model, tokenizer = _load(model)
    history = _train(base_model, tokenizer, records, settings, None)
    return _save(
        base_model, tokenizer, out, settings, _model_name(model), history, n_pairs=len(records)
    )
