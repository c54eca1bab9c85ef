"""Summaries of an invented minutes text, per item number (shared by the held-out shape tests)."""

from __future__ import annotations

from kkrnlp.pipeline import parse_text
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer


def summaries_by_number(text: str, scorer: str) -> dict[str, str]:
    """Each item's summary by the learned (``"learned"``) or the rule-based sentence scorer."""
    settings = ExtractiveSettings(scorer="default" if scorer == "learned" else None)
    summarizer = ExtractiveSummarizer(settings)
    meeting = parse_text(text)
    return {
        it.number: summarizer.summarize(
            it, kind=meeting.kind or "dagsorden", body=meeting.body
        ).text
        for it in meeting.items
    }
