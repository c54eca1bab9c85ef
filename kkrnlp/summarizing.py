"""Summaries for parsed items: the extractive default, or a seq2seq model directory.

Glue between the Meeting and the summarizers, used by the CLI, the digest and
the evaluation report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kkrnlp.schema import Meeting


def load_summarizer(model: str | Path | None = None) -> Any:
    """The extractive default, or a fine-tuned T5-family model (directory or hub id)."""
    if model is None:
        from kkrnlp.summarize import ExtractiveSummarizer

        return ExtractiveSummarizer()
    from kkrnlp.summarize import Seq2SeqSummarizer

    return Seq2SeqSummarizer.from_pretrained(model)


def summary_fields(meeting: Meeting, summarizer: Any) -> list[dict[str, Any]]:
    """The record fields of each item's :class:`~kkrnlp.summarize.Summary` (``summary``, ...)."""
    summaries = summarizer.summarize_many(meeting.items, meeting.kind, meeting.body)
    return [s.to_record() for s in summaries]


def summarize_meeting(meeting: Meeting, summarizer: Any) -> list[dict[str, Any]]:
    """The meeting's item records with the summary fields added."""
    records = meeting.item_records()
    for record, fields in zip(records, summary_fields(meeting, summarizer), strict=True):
        record.update(fields)
    return records
