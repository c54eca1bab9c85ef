"""Danish sentence handling for agenda text.

Agenda text arrives as lines joined with ``"\\n"``: PDF extraction wraps
sentences mid-line, hyphenates words across lines, leaves link markup behind
and prints bullets as ``- x``. :func:`split_units` turns such text into
units (sentences, bullets, headings) without splitting on Danish
abbreviations (``bl.a.``, ``jf.``, ``3 mia. kr.``), dates (``3. februar
2021``) or ordinals.

>>> split_sentences("KKR godkendte bl.a. planen den 3. februar 2021. Der er afsat 3 mia. kr.")
['KKR godkendte bl.a. planen den 3. februar 2021.', 'Der er afsat 3 mia. kr.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kkrnlp.danish import MONTH_ABBREVIATIONS, MONTH_NAMES
from kkrnlp.danish.sections import GLUED_HEADING_RE
from kkrnlp.danish.sentences import (
    ABBREVIATIONS,
    GLUED_OPENERS,
    MAYBE_FINAL_ABBREVIATIONS,
    QUESTION_WORDS,
)

# Abbreviations after which a sentence never ends (the next word may be a name); "ny"
# is kept from this splitter's list before the shared one.
_NEVER_FINAL = (ABBREVIATIONS - MAYBE_FINAL_ABBREVIATIONS) | {"ny"} | set(MONTH_ABBREVIATIONS)
# Abbreviations that can end a sentence: split only when a capital follows.
_MAYBE_FINAL = MAYBE_FINAL_ABBREVIATIONS

_BULLET_RE = re.compile(r"^\s*(?:[-–—•▪◦*·]|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s*")
# A time slot an agenda prints before the text, glued to it ("18.05 - 18.15Der har ...").
_GLUED_TIME_SLOT_RE = re.compile(
    r"^(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\s*(?=[A-ZÆØÅ][a-zæøå])",
    re.IGNORECASE,
)
# Two sentences whose space was lost ("klar 1. december.Villy har ...").
_GLUED_SENTENCE_RE = re.compile(r"(?<=[a-zæøå]{3}[.!?])(?=[A-ZÆØÅ][a-zæøå]{2})")
# A figure or date with the next sentence's opening word glued to it ("pr. 1. maj
# 2018Taget til efterretning"): only the words sentences of minutes open with.
_GLUED_AFTER_FIGURE_RE = re.compile(
    r"(?<=\d)(?=(?:" + "|".join(sorted(w.capitalize() for w in GLUED_OPENERS)) + r")\b)"
)
_LINK_MD_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINK_WORD_RE = re.compile(r"\(\s*(?:link|<[^>]*>)\s*\)", re.IGNORECASE)
_URL_RE = re.compile(r"<?\bhttps?://\S+>?|\bwww\.\S+")
_MARKER_RE = re.compile(r"^\s*\./\.\s*")
_END_PUNCT = (".", "!", "?", ":", ";")
# A line ending in a function word is unfinished whatever follows it.
_OPEN_END_RE = re.compile(
    r"\b(?:og|eller|samt|i|på|til|af|for|med|om|at|der|som|de|den|det|en|et|fra|ved)$"
)
_MONTHS = "|".join(MONTH_NAMES)


@dataclass
class Unit:
    """One sentence, bullet or heading of a text, in document order.

    ``para`` numbers the paragraphs; ``intro`` is true for a sentence ending in
    ``:`` (a list follows); ``bullet`` for list items; ``heading`` for short
    title-like lines.
    """

    text: str
    para: int = 0
    index: int = 0
    bullet: bool = False
    heading: bool = False

    @property
    def intro(self) -> bool:
        return self.text.rstrip().endswith(":")

    @property
    def n_words(self) -> int:
        return len(self.text.split())


def clean_markup(text: str) -> str:
    """Remove link markup, URLs, ``./.`` enclosure markers, soft hyphens and a section
    heading run into the sentence under it.

    >>> clean_markup("SagsfremstillingUdvalget besøger værftet.")
    'Udvalget besøger værftet.'
    """
    text = text.replace("\xad", "").replace("\u200b", "").replace("\xa0", " ")
    text = _LINK_MD_RE.sub(r"\1", text)
    text = _LINK_WORD_RE.sub("", text)
    text = _URL_RE.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    return "\n".join(_unglue(line) for line in text.split("\n"))


def _unglue(line: str) -> str:
    """One line with a heading, a time slot or a marker run into it taken off, and
    sentences glued together parted again."""
    line = GLUED_HEADING_RE.sub("", _MARKER_RE.sub("", line))
    line = _GLUED_TIME_SLOT_RE.sub("", line.lstrip())
    line = _GLUED_AFTER_FIGURE_RE.sub(". ", _GLUED_SENTENCE_RE.sub(" ", line))
    return re.sub(r"(?<=\S)[ \t]{2,}", " ", line)


def _join(prev: str, cur: str) -> str:
    """Join a wrapped line onto the previous one, undoing line-break hyphens."""
    prev = prev.rstrip()
    cur = cur.strip()
    if re.search(r"[A-Za-zÆØÅæøåéü]-$", prev) and cur[:1].islower():
        # "Ho-" + "vedstaden": a line-break hyphen, unless the next word is a
        # conjunction ("sundheds- og omsorgsområdet").
        if re.match(r"(og|eller|samt|til|som)\b", cur):
            return f"{prev} {cur}"
        return prev[:-1] + cur
    if re.search(r"\d-$", prev) and cur[:1].isdigit():
        return prev + cur
    if prev.endswith("-") and cur[:1].isupper():
        return prev + cur
    return f"{prev} {cur}"


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 8 or len(line) > 60:
        return False
    stripped = line.strip()
    if stripped.endswith((".", "!", "?", ":", ";", ",", "-")) or _OPEN_END_RE.search(stripped):
        return False
    if stripped.split()[-1].lower() in QUESTION_WORDS:
        return False  # "Vi må afvente og se hvordan": a sentence run on over a line break
    return stripped[:1].isupper() or stripped[:1].isdigit()


def _logical_lines(text: str) -> list[tuple[str, bool, int, bool]]:
    """Join wrapped lines: (text, is_bullet, paragraph number, is_heading) per logical line."""
    out: list[tuple[str, bool, int, bool]] = []
    para = 0
    blank = False
    for raw in clean_markup(text).split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        m = _BULLET_RE.match(raw)
        is_bullet = bool(m) and bool(raw[m.end() :].strip()) if m else False
        if is_bullet and m and re.match(rf"\d.*?\s+(?:{_MONTHS})\b", line, re.IGNORECASE):
            is_bullet = False  # "2. februar ..." is a date, not a numbered list
        body = raw[m.end() :].strip() if is_bullet and m else line
        if out and not is_bullet:
            prev_text, prev_bullet, prev_para, prev_head = out[-1]
            if not prev_text.endswith(_END_PUNCT) or (
                body[:1].islower() and prev_text.endswith(".")
            ):
                if body[:1].islower():
                    # Danish paragraphs and sentences never start in lower case
                    join = True
                elif prev_bullet or prev_head:
                    join = bool(_OPEN_END_RE.search(prev_text))
                else:
                    # a blank line inside a sentence (page break, PDF line spacing)
                    join = not blank or not _looks_like_heading(body)
                if join:
                    out[-1] = (_join(prev_text, body), prev_bullet, prev_para, False)
                    blank = False
                    continue
        if out and (blank or out[-1][1] != is_bullet):
            para += 1
        heading = not is_bullet and _looks_like_heading(body)
        out.append((body, is_bullet, para, heading))
        blank = False
    return out


def _abbrev_before(text: str, dot: int) -> str:
    """The word (lowercased, without the final dot) that ends at ``text[dot]``."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'”“":
        start -= 1
    return text[start:dot].lower()


def _split_line(text: str) -> list[str]:
    """Split one logical line into sentences."""
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"”»)]?(?=\s+[\"“«(]?[A-ZÆØÅÉ0-9§])", text):
        end = m.end()
        dot = m.start()
        word = _abbrev_before(text, dot)
        nxt = text[end:].lstrip()
        if text[dot] == ".":
            if word in _NEVER_FINAL or word.rstrip(".") in _NEVER_FINAL:
                continue
            if re.fullmatch(r"[a-zæøå]", word) or (
                re.fullmatch(r"[A-ZÆØÅ]", text[dot - 1 : dot])
                and (dot < 2 or not text[dot - 2].isalpha())
            ):
                # an initial ("Allan S. Andersen") or an enumeration letter
                continue
            if re.fullmatch(r"\d{1,2}", word) and text[start:dot].strip() == word:
                # a list number opening the line ("3. Regionalpolitiske sager")
                continue
            if re.fullmatch(r"\d{1,2}\.\d{1,2}", word):
                continue
            if nxt[:1].isdigit() and not re.fullmatch(r"\d{4}|\w*[a-zæøå]\w*", word):
                continue
            if re.match(rf"(?:{_MONTHS})\b", nxt, re.IGNORECASE):
                continue
            if word in ("pkt", "pkt.", "pkt.nr", "pr") and nxt[:1].isdigit():
                continue  # "vedr. pkt. 196 og 198", "pr. 1. maj": the number is the word's
        sentence = text[start:end].strip()
        if sentence:
            parts.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def split_units(text: str) -> list[Unit]:
    """Split agenda text into sentences, bullets and headings, in order.

    >>> [u.text for u in split_units("Vi har tre mål:\\n- Vækst\\n- Job")]
    ['Vi har tre mål:', 'Vækst', 'Job']
    """
    units: list[Unit] = []
    for body, is_bullet, para, heading in _logical_lines(text or ""):
        if is_bullet:
            units.append(Unit(body, para=para, index=len(units), bullet=True))
            continue
        if heading:
            units.append(Unit(body, para=para, index=len(units), heading=True))
            continue
        for sentence in _split_line(body):
            units.append(Unit(sentence, para=para, index=len(units)))
    return units


def split_sentences(text: str) -> list[str]:
    """Split agenda text into sentences (bullets and headings are units of their own).

    >>> split_sentences("Mødet er kl. 10 i Hørsholm. Se dagsordenen.")
    ['Mødet er kl. 10 i Hørsholm.', 'Se dagsordenen.']
    """
    return [u.text for u in split_units(text)]


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return re.sub(r"\s+", " ", text or "").strip()
