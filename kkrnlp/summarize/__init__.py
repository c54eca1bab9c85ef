"""Summaries of agenda items: an extractive default and an optional seq2seq model.

>>> from kkrnlp.summarize import ExtractiveSummarizer, check_faithfulness
"""

from kkrnlp.summarize.extractive import (
    ExtractiveSettings,
    ExtractiveSummarizer,
    Summary,
    source_text,
)
from kkrnlp.summarize.faithfulness import Faithfulness, check_faithfulness
from kkrnlp.summarize.sentences import split_sentences, split_units

__all__ = [
    "ExtractiveSettings",
    "ExtractiveSummarizer",
    "Faithfulness",
    "Seq2SeqSettings",
    "Seq2SeqSummarizer",
    "Summary",
    "check_faithfulness",
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
