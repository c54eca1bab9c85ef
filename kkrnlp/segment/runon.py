"""A numbered heading line whose title runs on into the minutes' text -> (title, text).

Minutes of boards and small councils often write the outcome on the heading line:
"9. HøstfestenIkke mange kom i år" (the line break lost),
"5. Kassen.Ole meddelte, at ...", "7. Hvem slår græsset? Vi spørger naboerne ...",
"2. Nyt fra formanden: De nye skilte sættes op i juni ...",
"10. Næste møde torsdag den 3. maj kl. 19". Each cut here is made only where it is
sure: the text after it must open with a Danish statement (a finite verb after a
short subject, see ``kkrnlp.danish.sentences``) or a known opener glued to the title,
so titles with colons ("Budget 2026: 2. behandling"), questions, abbreviations
("Orientering fra adm. dir.") and inner capitals ("KKR", "DK2020") stay whole.
"""

from __future__ import annotations

import re

from kkrnlp.danish import VALUE_TITLES, VERDICT_STARTS, WEEKDAY_NAMES
from kkrnlp.danish.sentences import ABBREVIATIONS, FINITE_VERBS, GLUED_OPENERS, opens_statement

# A word glued to the next one's capital: "EventueltIntet", "2018Taget".
_GLUE_RE = re.compile(r"(?:(?<=[a-zæøå]{3})|(?<=\d{4}))(?=(?P<word>[A-ZÆØÅ][a-zæøå]+)\b)")
# A sentence end inside the line: ". ", "..", "?", "." glued to a capital ("Kassen.Ole").
_STOP_RE = re.compile(r"(?P<left>\S+?)(?P<punct>\.{1,2}|[?!])(?:[ \t]+|(?=[A-ZÆØÅ][a-zæøå]))")
# (A month's abbreviation ends a date, and may end the title: "Julefest 9. dec. Vi mødes
# kl. 17" - the statement after it decides.)
# A decision written after the title with a space only: "Godkendelse af dagsorden Godkendt".
_SPACED_VERDICT_RE = re.compile(
    r"(?<=[a-zæøå0-9)])[ \t]+(?=(?:Godkendt|Vedtaget|Tiltrådt|Drøftet|Udsat|Udskudt|Intet|Ingen|"
    r"Taget til efterretning)\b)"
)
_MAX_VERDICT_WORDS = 6
# A pronoun opening the text after the title with a space only: "Ny sti Vi drøftede ...".
_SPACED_PRONOUN_RE = re.compile(r"(?<=[a-zæøå])[ \t]+(?=(?:Vi|Der|Det|De|Han|Hun|Man|Jeg)[ \t])")
# The title's last word said again as the subject of the text: "... medlemmer af ÆRK ÆRK
# kan ...": a capitalised word printed twice in a row, the second opening a statement.
_SPACED_REPEAT_RE = re.compile(r"\b(?P<word>[A-ZÆØÅ][\w-]*)(?P<gap>[ \t]+)(?=(?P=word)[ \t])")
# A colon's text that is a minutes' paragraph even without a finite verb in front:
# this many words and at least two sentence ends ("Saldo pr. 1. maj Taget til
# efterretning. Gæld pr. 1. maj. Lille. Taget til efterretning").
_PROSE_WORDS = 10
_PROSE_STOPS = 2
_SHORTEST_TITLE = 3
_MAX_HEAD_WORDS = 12
_DATE_TAIL_RE = re.compile(
    r"[ \t]+(?=(?:" + "|".join(WEEKDAY_NAMES) + r")\b|(?:den|d\.)[ \t]*\d|\d{1,2}[./])",
    re.IGNORECASE,
)


def _sentence_end(left: str, punct: str) -> bool:
    """A full stop or question mark after ``left`` that ends a sentence."""
    if punct in ("?", "!", ".."):
        return True
    word = left.lower().lstrip("(")
    if word in ABBREVIATIONS or re.fullmatch(r"[^\W\d_]", word):
        return False  # "kl.", "adm.", an initial ("Jens E.")
    return len(word) >= 3 or word[-1:].isdigit()


def _stops(text: str) -> list[re.Match[str]]:
    """The sentence ends inside ``text`` that a capital follows."""
    out = []
    for match in _STOP_RE.finditer(text):
        after = text[match.end() : match.end() + 1]
        if after.isupper() and _sentence_end(match.group("left"), match.group("punct")):
            out.append(match)
    return out


def _cut_glued(rest: str) -> tuple[str, str] | None:
    for match in _GLUE_RE.finditer(rest):
        if match.start() >= _SHORTEST_TITLE and match.group("word").lower() in GLUED_OPENERS:
            return rest[: match.start()].strip(), rest[match.start() :].strip()
    return None


def _verdict(text: str) -> bool:
    """Text that opens with the meeting's decision: 'Gennemgået og godkendt.', 'Udsat.'"""
    low = text.lower()
    return any(low.startswith(v) and not low[len(v) : len(v) + 1].isalpha() for v in VERDICT_STARTS)


def _prose(text: str) -> bool:
    """A paragraph of several sentences, whatever its verbs: many words, two sentence ends."""
    return len(text.split()) >= _PROSE_WORDS and len(_stops(text)) >= _PROSE_STOPS


def _cut_sentence(rest: str) -> tuple[str, str] | None:
    for match in _stops(rest):
        end = match.start("punct") + len(match.group("punct"))
        tail = rest[match.end() :]
        said = opens_statement(tail) or _prose(tail) or _verdict(tail)
        if match.start("punct") >= _SHORTEST_TITLE and said:
            return rest[:end].strip(), tail.strip()
    return None


def _cut_spaced(rest: str) -> tuple[str, str] | None:
    """A decision or a statement after the title with nothing but a space between."""
    for match in _SPACED_VERDICT_RE.finditer(rest):
        tail = rest[match.end() :]
        words = tail.split()
        # "Intet", "Godkendt med rettelser."; "Ingen Grænser" is a name
        named = len(words) > 1 and words[1][:1].isupper() and not words[0].endswith(".")
        if match.start() >= _SHORTEST_TITLE and len(words) <= _MAX_VERDICT_WORDS and not named:
            return rest[: match.start()].strip(), tail.strip()
    for match in _SPACED_REPEAT_RE.finditer(rest):
        tail = rest[match.end() :]
        if match.start("gap") >= _SHORTEST_TITLE and opens_statement(tail, max_subject_words=1):
            return rest[: match.start("gap")].strip(), tail.strip()
    for match in _SPACED_PRONOUN_RE.finditer(rest):
        tail = rest[match.end() :]
        if match.start() >= _SHORTEST_TITLE and opens_statement(tail, max_subject_words=1):
            return rest[: match.start()].strip(), tail.strip()
    return None


def _cut_colon(rest: str) -> tuple[str, str] | None:
    head, colon, value = rest.partition(":")
    head, value = head.strip(), value.strip()
    if not colon or len(head) < _SHORTEST_TITLE or not value:
        return None
    if len(head.split()) > _MAX_HEAD_WORDS or head[-1:].isdigit():
        return None  # a sentence with a colon, or a clock ("kl. 19:00")
    words = value.split()
    if len(words) >= _SHORTEST_TITLE and words[0] in FINITE_VERBS and not value.endswith("?"):
        return head, value  # "Folderen: er ved at blive trykt": the title is its subject
    if not value[0].isupper():
        return None
    if opens_statement(value) or _prose(value):
        return head, value
    return None


def _cut_value_title(rest: str) -> tuple[str, str] | None:
    """'Næste møde torsdag den 3. maj kl. 19' -> ('Næste møde', 'torsdag den 3. maj ...')."""
    low = rest.lower()
    for key in VALUE_TITLES:
        if low.startswith(key) and (date := _DATE_TAIL_RE.match(rest, len(key))):
            return rest[: len(key)], rest[date.end() :].strip()
    return None


_CUTS = (_cut_glued, _cut_value_title, _cut_colon, _cut_sentence, _cut_spaced)


def cut_run_on(rest: str) -> tuple[str, str]:
    """A heading line's text -> (title, the minutes' text run on after it), or (rest, '').

    >>> cut_run_on("Høstfesten" + "Ikke mange kom i år.")
    ('Høstfesten', 'Ikke mange kom i år.')
    >>> cut_run_on("Kassen. Der er penge nok.")
    ('Kassen.', 'Der er penge nok.')
    >>> cut_run_on("Budget 2026: 2. behandling")
    ('Budget 2026: 2. behandling', '')
    """
    if "*" in rest:
        return rest, ""  # markup: split_heading reads the title-line recommendation
    cuts = [found for cut in _CUTS if (found := cut(rest)) and found[0] and found[1]]
    if not cuts:
        return rest, ""
    # Each cut is sure on its own; the earliest one ends the title.
    return min(cuts, key=lambda found: len(found[0]))
