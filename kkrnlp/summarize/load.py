"""Load the summarizer the Pipeline uses: the extractive default or a seq2seq directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_summarizer(model: str | Path | None = None) -> Any:
    """The extractive default, or a fine-tuned T5-family model (directory or hub id)."""
    if model is None:
        from kkrnlp.summarize import ExtractiveSummarizer

        return ExtractiveSummarizer()
    from kkrnlp.summarize import Seq2SeqSummarizer

    return Seq2SeqSummarizer.from_pretrained(model)
