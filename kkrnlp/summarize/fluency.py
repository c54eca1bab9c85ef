"""Fluency checks every summary must pass, and the repairs tried before giving up.

A summary is read without the item beside it, so it must not lean on text
that is not there: no sentence that opens with a pronoun whose antecedent is
left out (``Dette følger af ...``), no unbalanced bracket, no list glued into
a sentence, no attachment names; and it keeps the hard limits (1-3 sentences,
at most 80 words).

>>> check_fluency("Dette følger af loven.")
['anaphor: Dette']
>>> check_fluency("KKR skal godkende planen (bilag 2.")
['brackets', 'attachment']
"""

from __future__ import annotations

import re

from kkrnlp.summarize.sentences import split_sentences

MAX_WORDS = 80
MAX_SENTENCES = 3

# Words that point back to something said before. "Det"/"Der" open many
# self-contained Danish sentences ("Det indstilles", "Der er afsat"), so "Det"
# counts only when it refers ("Det drejer sig om", "Det er ..."), see _DET_REF_RE.
_ANAPHORS = {
    "dette",
    "disse",
    "denne",
    "den",
    "de",
    "han",
    "hun",
    "heraf",
    "herudover",
    "hertil",
    "heri",
    "herunder",
    "herved",
    "dermed",
    "derfor",
    "desuden",
    "derudover",
    "endvidere",
    "samtidig",
    "ligeledes",
    "sidstnævnte",
    "førstnævnte",
    "ovennævnte",
    "ovenstående",
    "nedenstående",
}
_DET_REF_RE = re.compile(
    r"^Det\s+(?:drejer|handler|gælder|betyder|vil sige|er\s+(?:derfor|også))\b"
)
_ATTACHMENT_RE = re.compile(
    r"\bbilag\s*\d|\bbilag\s*:|\.(?:pdf|docx?|xlsx?|pptx?)\b|\bvedlagt(?:e)?\s+bilag|\bbilagsliste"
    r"|\b(?:er|er blevet|bliver)\s+vedlagt\b|\bvedlægges\b|\bvedhæfte[ts]\b|\bse vedlagte\b"
    r"|\bsom bilag\b"
    r"|\bhenvises\s+til\s+(?:de\s+)?(?:vedlagte|vedhæftede)\b",
    re.IGNORECASE,
)
# a list glued into a sentence: bullet marks mid-sentence, or several
# "1) ... 2) ..." / "a) ... b) ..." points run together
_GLUED_LIST_RE = re.compile(
    r"(?<=\S)\s+[•▪◦·]\s+|\s[-–]\s+[A-ZÆØÅ][^.]*\s[-–]\s+[A-ZÆØÅ]|(?:(?<!\()\b\w\)\s.*){3,}"
)  # a party letter in brackets ("Ida Holm (F) ...") is no "a)" point


def _first_word(sentence: str) -> str:
    m = re.match(r"[\"“(]*([A-Za-zÆØÅæøå]+)", sentence)
    return m.group(1) if m else ""


def dangling_anaphor(sentence: str, is_first: bool) -> str | None:
    """The opening anaphor of ``sentence`` when nothing before it can be its antecedent."""
    word = _first_word(sentence)
    low = word.lower()
    if low in ("den", "de", "denne", "dette", "disse") and re.match(
        rf"{word}\s+\d", sentence
    ):  # "Den 3. marts ..." is a date
        return None
    if low in ("den", "de") and re.match(rf"{word}\s+[a-zæøå]+(?:e|ne|te)\s", sentence):
        # "De nye regler ...", "Den samlede ramme ...": an article, not a pronoun
        return None
    if low in ("denne", "dette", "disse") and re.match(
        rf"{word}\s+[a-zæøå]+(?:en|et|ne|er|ing|ingen)\b(?!\s+(?:er|var|har|blev|kan|skal|vil)\b)",
        sentence,
    ):
        # "Denne aftale ...", "Disse midler ...": a demonstrative article whose
        # noun is named; it still points back unless it opens the summary
        return word if is_first else None
    if low in _ANAPHORS or _DET_REF_RE.match(sentence):
        return word
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def check_fluency(
    text: str, *, max_words: int = MAX_WORDS, max_sentences: int = MAX_SENTENCES
) -> list[str]:
    """The fluency problems of a summary, as short codes (empty when it reads well)."""
    issues: list[str] = []
    if not text.strip():
        return issues
    sentences = split_sentences(text)
    for i, sentence in enumerate(sentences):
        word = dangling_anaphor(sentence, i == 0)
        if word and i == 0:
            issues.append(f"anaphor: {word}")
    if not _balanced(text) or text.count('"') % 2:
        issues.append("brackets")
    if _GLUED_LIST_RE.search(text):
        issues.append("glued list")
    if _ATTACHMENT_RE.search(text):
        issues.append("attachment")
    if len(text.split()) > max_words:
        issues.append("too long")
    if len(sentences) > max_sentences:
        issues.append("too many sentences")
    return issues


def fix_brackets(text: str) -> str:
    """Drop brackets and quotes that have no partner (``a (b`` -> ``a b``)."""
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") + text.count("„") != text.count("”"):
        text = re.sub("[“”„]", "", text)
    out: list[str] = []
    stack: list[int] = []
    for ch in text:
        if ch in "([":
            stack.append(len(out))
            out.append(ch)
        elif ch in ")]":
            if stack:
                stack.pop()
                out.append(ch)
        else:
            out.append(ch)
    for pos in reversed(stack):
        out[pos] = ""
    return re.sub(r"\s{2,}", " ", "".join(out)).replace(" ,", ",").replace(" .", ".").strip()


def is_attachment_text(sentence: str) -> bool:
    """True for a sentence that names or lists attachments."""
    return bool(_ATTACHMENT_RE.search(sentence))
