"""The hard limits of a summary (1-3 sentences, at most 80 words) and the repairs.

Every summarizer's output goes through :func:`finish`: it repairs what it can
(a dangling opening anaphor, stray brackets), enforces the limits, and never
returns more than ``max_words`` words or ``max_sentences`` sentences.

>>> finish("Dette følger af loven. KKR skal godkende planen (se bilag.")
'KKR skal godkende planen se bilag.'
"""

from __future__ import annotations

import re

from kkrnlp.summarize.compress import _cut_tail, _end, _n_words
from kkrnlp.summarize.fluency import MAX_SENTENCES, MAX_WORDS, dangling_anaphor, fix_brackets
from kkrnlp.summarize.sentences import normalize_space, split_sentences


def _truncate(sentence: str, budget: int) -> str:
    """Cut ``sentence`` to ``budget`` words at the last comma or clause before the limit."""
    words = sentence.split()
    if len(words) <= budget:
        return sentence
    head = " ".join(words[:budget])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" – "))
    if cut > len(head) // 2:
        head = head[:cut]
    else:
        head = re.sub(r"\s+\S*$", "", head) if len(words[:budget]) > 1 else head
        # never end on a function word
        head = re.sub(
            r"(?:\s+(?:og|eller|samt|i|på|til|af|for|med|om|at|der|som|de|den|det|en|et|fra|ved))+$",
            "",
            head,
        )
    return _end(head)


def finish(
    text: str,
    *,
    max_words: int = MAX_WORDS,
    max_sentences: int = MAX_SENTENCES,
    tail: int = 1,
) -> str:
    """Repair and cut ``text`` so that it meets the hard limits.

    The last ``tail`` sentences (the ask or decision) are kept when sentences
    must go; the matter before them goes first.
    """
    text = fix_brackets(normalize_space(text))
    sentences = split_sentences(text)
    if not sentences:
        return text
    # the same sentence twice (a page printed twice, a decision that repeats the text)
    seen: set[str] = set()
    unique = []
    for sentence in sentences:
        key = " ".join(re.findall(r"\w+", sentence.lower()))
        if key not in seen:
            seen.add(key)
            unique.append(sentence)
    sentences = unique
    # an opening pronoun with nothing before it to point to: drop that sentence
    while len(sentences) > 1 and dangling_anaphor(sentences[0], True):
        sentences.pop(0)
    while len(sentences) > max_sentences:
        matter = len(sentences) - min(tail, max_sentences)
        sentences.pop(matter - 1 if matter > 0 else -1)
    for _ in range(6):
        total = sum(_n_words(s) for s in sentences)
        if total <= max_words:
            break
        i = max(range(len(sentences)), key=lambda k: _n_words(sentences[k]))
        budget = _n_words(sentences[i]) - (total - max_words)
        cut = _cut_tail(sentences[i], budget) if budget >= 6 else sentences[i]
        if _n_words(cut) < _n_words(sentences[i]):
            sentences[i] = cut
        elif len(sentences) > 1:
            sentences.pop(i if i < len(sentences) - tail else 0)
        else:
            sentences[0] = _truncate(sentences[0], max_words)
    total = sum(_n_words(s) for s in sentences)
    if total > max_words:  # last resort: the hard limit holds whatever the text
        sentences = [_truncate(" ".join(sentences), max_words)]
    return normalize_space(" ".join(sentences))
