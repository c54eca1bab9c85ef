"""Compress one sentence: drop parentheticals, leading connectives and subordinate tails.

>>> compress("Derudover er der (som nævnt) afsat 3 mio. kr.")
'Der er afsat 3 mio. kr.'
"""

from __future__ import annotations

import re

from kkrnlp.danish import PAREN_KEEP_RE
from kkrnlp.summarize.sentences import normalize_space

_CONNECTIVES = (
    "derudover",
    "endvidere",
    "desuden",
    "herudover",
    "samtidig",
    "ligeledes",
    "derfor",
    "således",
    "dertil",
    "yderligere",
    "endelig",
    "herefter",
    "i øvrigt",
)
_V2_SUBJECTS = {"der", "det", "den", "de", "vi", "man", "han", "hun", "kl", "kkr"}
_PAREN_RE = re.compile(r"\s*\((?![A-ZÆØÅ]{1,2}\))[^()]*\)")
_TAIL_MARKERS = (
    ", hvilket ",
    ", idet ",
    ", herunder ",
    " – ",
    "; ",
    ", hvor ",
    ", som ",
    ", der ",
    ", men ",
    ", da ",
    ", og ",
    " med henblik på ",
    " for at ",
)
_STOP_WORDS = (
    "og i at på til af for med om er det den de en et som der fra ved har kan skal vil blev"
    " bliver være sig sin sine hvor hvad også samt eller men ikke nu så efter under over"
    " mellem denne dette disse alle flere mere mest meget andre anden andet"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> list[str]:
    return text.split()


def _n_words(text: str) -> int:
    return len(text.split())


def _content_keys(text: str) -> set[str]:
    """Lower-cased content-word prefixes, so inflections meet ("aftalen" ~ "aftale")."""
    keys = set()
    for w in re.findall(r"[^\W\d_]+", text.lower()):
        if len(w) >= 4 and w not in _STOP:
            keys.add(w[:6])
    return keys


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _end(text: str) -> str:
    text = text.rstrip(" ,;:–-")
    return text if text.endswith((".", "!", "?")) else text + "."


def _drop_parentheticals(text: str) -> str:
    """Drop asides in brackets, but not one that says the opposite or that the fact
    changed ("På valg er Ole (genopstiller ikke)", "festen d. 9. maj (nu flyttet til
    d. 7. maj)"): without it the sentence is no longer true."""
    text = _PAREN_RE.sub(lambda m: m.group() if PAREN_KEEP_RE.search(m.group()) else "", text)
    return re.sub(r"\s+([,.;:])", r"\1", text)


def _drop_connective(text: str) -> str:
    """Drop a leading connective, restoring word order ("Derudover er der" -> "Der er")."""
    low = text.lower()
    for conn in _CONNECTIVES:
        if low.startswith(conn + " ") or low.startswith(conn + ", "):
            rest = text[len(conn) :].lstrip(" ,")
            if conn == "dertil" and rest.lower().startswith("kommer, at "):
                return _sentence_case(rest[len("kommer, at ") :])
            words = rest.split(" ", 2)
            if len(words) >= 2 and words[1].lower().strip(",") in _V2_SUBJECTS:
                tail = words[2] if len(words) > 2 else ""
                subject = words[1] if words[1].isupper() else words[1].lower()
                return _sentence_case(f"{subject} {words[0]} {tail}".strip())
            return text
    return text


def _cut_tail(text: str, budget: int) -> str:
    """Cut a subordinate tail so that ``text`` fits ``budget`` words, if it can be done cleanly."""
    if _n_words(text) <= budget:
        return text
    body = text.rstrip(".")
    best = None
    for marker in _TAIL_MARKERS:
        start = 0
        while True:
            pos = body.find(marker, start)
            if pos < 0:
                break
            head = body[:pos]
            n = _n_words(head)
            if 6 <= n <= budget and (best is None or n > _n_words(best)):
                best = head
            start = pos + 1
    return _end(best) if best else text


def compress(text: str) -> str:
    """Drop parentheticals and leading connectives of one sentence."""
    out = _drop_parentheticals(normalize_space(text))
    out = _drop_connective(out)
    return _end(out) if out else out


def _join_parts(pieces: list[str]) -> str:
    if len(pieces) == 1:
        return pieces[0]
    return ", ".join(pieces[:-1]) + " og " + pieces[-1]
