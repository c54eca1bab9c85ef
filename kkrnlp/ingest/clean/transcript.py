"""Turn a "transcript" of a PDF back into pages.

A web viewer of a PDF ("Transkript") prints one paragraph per page, each opening
with its page number 1, 2, 3 ... This module finds such a run of page paragraphs
and makes pages of it again: page numbers dropped, pages separated by form feeds,
a trailing ``Side 2 af 21`` or bare page number set on a line of its own for the
footer step, and each page's flattened text relined (:func:`reline`).
"""

from __future__ import annotations

import re

from kkrnlp.ingest.clean.normalize import PAGE_BREAK
from kkrnlp.ingest.clean.reline import reline

# A page of a transcript holds at least this much text somewhere.
_TRANSCRIPT_MIN = 500

# The label a web viewer of a PDF prints above the text it extracted.
_VIEWER_LABELS = frozenset({"transkript", "transcript", "tekstversion", "tekst"})
_PAGE_LINE = re.compile(r"^[ \t]{0,8}(\d{1,4}) (?=\S)")
_PAGE_END = re.compile(r"(?:\s|^)((?:[Ss]ide|SIDE) \d{1,4}(?: af \d{1,4})?|\d{1,4})$")


def transcript_pages(lines: list[str]) -> tuple[int, int] | None:
    """The (first, last) line index of a run of page paragraphs numbered 1, 2, 3 ...; None if none.

    Page paragraphs are separated by empty lines only, and at least one is long.
    """
    best: tuple[int, int] | None = None
    i = 0
    while i < len(lines):
        match = _PAGE_LINE.match(lines[i])
        if not match or match.group(1) != "1":
            i += 1
            continue
        expected, start, last, longest = 2, i, i, len(lines[i])
        j = i + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            nxt = _PAGE_LINE.match(lines[j])
            if not nxt or nxt.group(1) != str(expected):
                break
            expected, last, longest = expected + 1, j, max(longest, len(lines[j]))
            j += 1
        if longest >= _TRANSCRIPT_MIN and (last > start or _after_viewer(lines, start)):
            best = (start, last)
            break
        i = j if j > i + 1 else i + 1
    return best


def _after_viewer(lines: list[str], start: int) -> bool:
    """A lone page paragraph counts when a document viewer's label stands just above it."""
    above = [line.strip().lower() for line in lines[max(0, start - 4) : start] if line.strip()]
    return bool(above) and above[-1] in _VIEWER_LABELS


def unflatten_transcript(lines: list[str]) -> tuple[list[str], bool]:
    """Turn page paragraphs back into pages; returns the lines and whether any were found."""
    span = transcript_pages(lines)
    if span is None:
        return lines, False
    start, last = span
    out = lines[:start]
    number = 0
    for line in lines[start : last + 1]:
        if not line.strip():
            continue
        number += 1
        if number > 1:
            out.append(PAGE_BREAK)
        body = _PAGE_LINE.sub("", line, count=1)
        footer = _PAGE_END.search(body)
        if footer and _is_page_footer(footer.group(1), number):
            out += reline(body[: footer.start()].rstrip())
            out.append(footer.group(1))
        else:
            out += reline(body)
    out += lines[last + 1 :]
    return out, True


def _is_page_footer(text: str, number: int) -> bool:
    """'Side 1 af 21', 'Side 2', or a bare number close to the page's own number."""
    if not text.isdigit():
        return True
    return abs(int(text) - number) <= 1
