"""Summaries of agenda items: an extractive default and an optional seq2seq model.

Modules, one job each: ``sentences`` (splitting and cleaning), ``selection``
(candidate sentences and their features), ``scorer`` (the learned sentence
scorer), ``ask`` (the ask sentence), ``decision`` (the decision sentence),
``compress`` (shortening one sentence), ``limits`` (the hard limits and
repairs), ``fluency`` and ``faithfulness`` (the checks), ``summary`` (the typed
result), ``extractive`` and ``seq2seq`` (the summarizers).

>>> from kkrnlp.summarize import ExtractiveSummarizer, check_faithfulness
"""

from kkrnlp.summarize.compress import compress
from kkrnlp.summarize.extractive import (
    ExtractiveSettings,
    ExtractiveSummarizer,
    check_summary,
    source_text,
)
from kkrnlp.summarize.faithfulness import Faithfulness, check_ask_body, check_faithfulness
from kkrnlp.summarize.fluency import check_fluency
from kkrnlp.summarize.limits import finish
from kkrnlp.summarize.scorer import SentenceScorer
from kkrnlp.summarize.selection import SelectionSettings
from kkrnlp.summarize.sentences import split_sentences, split_units
from kkrnlp.summarize.summary import Summary

__all__ = [
    "ExtractiveSettings",
    "ExtractiveSummarizer",
    "Faithfulness",
    "SelectionSettings",
    "SentenceScorer",
    "Seq2SeqSettings",
    "Seq2SeqSummarizer",
    "Summary",
    "check_ask_body",
    "check_faithfulness",
    "check_fluency",
    "check_summary",
    "compress",
    "finish",
    "item_source_text",
    "source_text",
    "split_sentences",
    "split_units",
    "train_seq2seq",
]


def __getattr__(name: str):
    # the seq2seq path imports nothing heavy at module level either, but keep it
    # out of `import kkrnlp.summarize` so the CLI starts fast
    if name in ("Seq2SeqSettings", "Seq2SeqSummarizer", "train_seq2seq", "item_source_text"):
        from kkrnlp.summarize import seq2seq

        return getattr(seq2seq, name)
    raise AttributeError(name)
