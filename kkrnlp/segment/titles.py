"""A heading line's text -> title, presenter, title-line recommendation and markers.

Works on one line's text, whatever kind of page it came from: the chain of
numbered headings, case pages and pages without numbers all read their titles
here, so what a title looks like is decided in one place.
"""

from __future__ import annotations

import itertools
import re

from kkrnlp.danish import ITEM_TYPE_LABELS, VALUE_TITLES, VERDICT_STARTS
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.segment.markers import TitleMarkers, split_markers
from kkrnlp.segment.patterns import _DATE_START_RE, _LEADER_RE, _PRESENTER_RE, _TITLE_ASK_RE, _plain

# A flattened PDF line can hold a whole page; a title is never longer than this.
MAX_TITLE_CHARS = 400
# The title ends at its dot leader and page number: "Titel...19", and on a flattened
# contents page whose front matter counts in roman numerals "Titel...ii Gruppe...iii"
# (the next group heading runs on after the page number).
_LEADER_PAGE_RE = re.compile(
    r"(?<=\S)\.{3,}(?:\d{1,3}|[ivxlc]{1,7})(?:[ \t].*)?$|\s*\.{2,}\s*\d{0,3}$"
)


def _split_title(rest: str) -> tuple[str, str | None, str | None]:
    """Heading text -> (title, presenter, title-line recommendation)."""
    title, presenter, recommendation, _ = split_heading(rest)
    return title, presenter, recommendation


def split_heading(rest: str) -> tuple[str, str | None, str | None, TitleMarkers]:
    """Heading text -> (title, presenter, title-line recommendation, markers)."""
    rest = rest[:MAX_TITLE_CHARS]
    recommendation = None
    text = rest
    # "**Titel** v. Navn *Det indstilles, at ...*": the italic tail is the recommendation.
    italic = re.search(r"(?<![*\w])[*_](?![*_])\s*(?P<rec>[^*_]{8,})[*_]?\s*$", text)
    if italic and REC_START_RE.match(italic.group("rec").strip()):
        recommendation = italic.group("rec").strip().rstrip("*_").strip()
        text = text[: italic.start()]
    plain = _plain(text)
    if recommendation is None:
        inline = re.search(r"\s(det indstilles,?\s+at\b.*)$", plain, re.I)
        if inline:
            recommendation = inline.group(1).strip()
            plain = plain[: inline.start()]
    plain = _LEADER_RE.sub("", plain)
    plain = _LEADER_PAGE_RE.sub("", plain)
    presenter = None
    marks = TitleMarkers("")
    # "Titel v. Navn (til godkendelse)", "Titel (B) v. Navn", "Titel v. Navn (Åben)" ...
    for _ in range(3):
        ask = _TITLE_ASK_RE.search(plain)
        if ask:
            recommendation = recommendation or ask.group(1)[0].upper() + ask.group(1)[1:]
            marks.item_type = marks.item_type or ITEM_TYPE_LABELS.get(ask.group(1).lower())
            plain = plain[: ask.start()]
        match = _PRESENTER_RE.search(plain)
        if match and presenter is None:
            presenter = match.group("name").strip().rstrip(",.")
            plain = plain[: match.start()]
        found = split_markers(plain)
        marks.item_type = marks.item_type or found.item_type
        marks.access = marks.access or found.access
        marks.case_number = marks.case_number or found.case_number
        plain = found.title
    # "1. Titel • 2. Titel": the bullet before the next entry of a flattened list
    title = plain.strip().rstrip(":").rstrip(" \t•·▪◦").strip()
    title = re.sub(r"\s+", " ", title)
    title = re.sub(r"\s*\(\s*\)$", "", title)  # "Titel ( )": a marker printed blank
    if title.endswith(".") and not re.search(r"\b(?:bl|m\.fl|mv|osv|inkl)\.$", title):
        title = title[:-1].rstrip()
    marks.title = title
    return title, presenter, recommendation, marks


# Where the title of a flattened line ends: a case-number key, or a presenter.
_TITLE_STOP_RE = re.compile(
    r"[ \t](?:(?:Dok|Dokument|Sags?|J)\.?[ \t]?(?:nr|id|nummer)\.?[ \t]*:|Sag[ \t]+nr\.|"
    r"Sagsnr\.)"
)
# "v. Niels Erik Kjærgaard og Lars Vilbrad" then the text ("Orientering om ...").
_PRESENTER_RUN_RE = re.compile(
    r"[ \t]v[./][ \t]*(?:[A-ZÆØÅ][\w.'-]*(?:[ \t]+|$)|(?:og|af|van|von|de)[ \t]+){1,10}"
)
_FUNCTION_WORDS = frozenset(
    [
        "i",
        "af",
        "til",
        "om",
        "for",
        "med",
        "på",
        "fra",
        "og",
        "eller",
        "samt",
        "ved",
        "den",
        "det",
        "de",
        "en",
        "et",
        "vedr.",
        "jf.",
        "under",
        "over",
        "mellem",
    ]
)
LONG_TITLE = 100


def cut_long_title(rest: str) -> tuple[str, str]:
    """A heading line that runs on into the item's text -> (title, the text after it).

    Flattened PDF text puts the title and the first sentence on one line:
    '1. Godkendelse af dagsorden Dagsordenen blev godkendt ...'. The title ends
    before a case-number key or a presenter, else where a capitalised word follows
    a lower-case content word (a new sentence starts); short lines stay whole.
    """
    if len(rest) <= LONG_TITLE or "*" in rest[:LONG_TITLE]:
        return rest, ""  # markup: the title-line recommendation is read by split_heading
    stop = _TITLE_STOP_RE.search(rest)
    if stop and stop.start() > 3:
        return rest[: stop.start()].strip(), rest[stop.start() :].strip()
    run = _PRESENTER_RUN_RE.search(rest)
    if run and run.start() > 3 and len(rest) - run.end() > 30:
        names = rest[run.start() : run.end()].split()
        end = run.end()
        if rest[end : end + 1].islower() and len(names) > 2:
            # The last capitalised word starts the item's text ("Orientering om ...").
            end = run.start() + rest[run.start() : run.end()].rstrip().rfind(" ")
        return rest[:end].strip(), rest[end:].strip()
    if not re.search(r"[a-zæøå)]\.(?:\s|$)", rest[:600]):
        return rest, ""  # no sentence follows: a long title, not a title and its text
    words = list(re.finditer(r"\S+", rest[:400]))
    for prev, word in itertools.pairwise(words):
        first = word.group()[0]
        before = prev.group()
        if first.isupper() and before.endswith(").") and prev.start() > 3:
            # "... (boliger ved kajen). Tegningerne er sendt ud": a new sentence.
            return rest[: word.start()].strip(), rest[word.start() :].strip()
        if (
            first.isupper()
            and before[:1].islower()
            and before.lower() not in _FUNCTION_WORDS
            and before[-1:].isalpha()
            and prev.start() > 3
        ):
            return rest[: word.start()].strip(), rest[word.start() :].strip()
    return rest, ""


# "Titel: godkendt." - the decision after a colon, a few words at most.
MAX_INLINE_DECISION_WORDS = 6


def cut_inline_value(rest: str) -> tuple[str, str]:
    """'Kassen: godkendt.' / 'Fraværende: Ole Dam' -> (title, the decision or value).

    Minutes of small councils write the outcome on the heading line after a colon.
    Cut there when the text after the colon is a short decision ("ingen.",
    "godkendt med rettelser.") or when the title is a key of the meeting's own
    business ("Fraværende", "Næste møde"); "Budget 2026: Første behandling" stays whole.

    >>> cut_inline_value("Bemærkninger til forrige referat: ingen.")
    ('Bemærkninger til forrige referat', 'ingen.')
    >>> cut_inline_value("Principper: Røgfri skole")
    ('Principper: Røgfri skole', '')
    """
    head, colon, value = rest.partition(":")
    head, value = head.strip(), value.strip()
    if not colon or not head or not value or "*" in rest:
        return rest, ""
    low = value.lower()
    decision = len(value.split()) <= MAX_INLINE_DECISION_WORDS and low.startswith(VERDICT_STARTS)
    if decision or head.lower() in VALUE_TITLES:
        return head, value
    return rest, ""


def _looks_like_title(text: str) -> bool:
    """A heading's text: starts with a capital or digit, is no long sentence, no date."""
    text = text.strip()
    if not text or _DATE_START_RE.match(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not (text.endswith(".") and len(text.split()) > 8)
