"""Page-level artefacts of extracted text: double spacing, running headers and footers.

Each function is one pass (or a fixed number of passes) over the lines; the
patterns are anchored and their quantifiers bounded or unambiguous, so the
work is linear in the size of the text.
"""

from __future__ import annotations

import re
from collections import Counter

from kkrnlp.ingest.clean.normalize import PAGE_BREAK, is_blank

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:side|page)\s*(?:\|\s*)?\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?
      | .{0,80}\|.{0,40}?\b(?:side|page)\s*(?:\|\s*)?\d{1,4}
      | [-–]\s*\d{1,4}\s*[-–]
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Side 2 af 40 Skovrådet 05-02-2026 Sag nr. 3": a page header led or ended by
# its page count (capitalised, with "af": never a sentence's "se side 3").
_PAGE_HEADER = re.compile(
    r"^(?:Side|SIDE|Page) \d{1,4} (?:af|of|/) \d{1,4}(?:\s.{0,100})?$"
    r"|^.{0,100}\s(?:Side|SIDE|Page) \d{1,4} (?:af|of) \d{1,4}$"
)
# Lines that repeat at page tops for a reason: item headings, case numbers,
# section headings. Never page furniture, however often they recur.
_STRUCTURE = re.compile(
    r"^(?:\**\d{1,3}(?:\.\d{1,2})*\.?\s|sag-|sags?nr|j\.?\s?nr|[A-Za-zÆØÅæøå]+:?$)", re.IGNORECASE
)
DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
TERMINAL = re.compile(r"[.!?:;]['\"”’)*]*$")
_BARE_NUMBER = re.compile(r"\d{1,4}")
_DIGITS = re.compile(r"\d+")
_WHITESPACE = re.compile(r"\s+")


def is_page_number(line: str) -> bool:
    """``Side 3 af 12``, ``- 4 -``, ``KKR Syd | 14-03-2024 SIDE | 5``, ``Side 2 af 9 Udvalg``."""
    stripped = line.strip()
    return bool(_PAGE_NUMBER.match(stripped) or _PAGE_HEADER.match(stripped))


# ----------------------------------------------------------- double spacing


def is_double_spaced(lines: list[str]) -> bool:
    """True when text lines come one per paragraph *and* sentences run across the gaps.

    The second test keeps Markdown (one paragraph per line, empty lines between)
    out: its gaps fall between sentences, a double-spaced extraction's inside them.
    """
    text_idx = [i for i, line in enumerate(lines) if not is_blank(line) and line != PAGE_BREAK]
    if len(text_idx) < 10:
        return False
    adjacent = sum(1 for i in text_idx if i + 1 < len(lines) and not is_blank(lines[i + 1]))
    if adjacent / len(text_idx) >= 0.15:
        return False
    gaps = mid_sentence = 0
    for i in text_idx:
        if i + 2 < len(lines) and lines[i + 1] == "" and not is_blank(lines[i + 2]):
            gaps += 1
            nxt = lines[i + 2].strip()
            if not TERMINAL.search(lines[i].rstrip()) and nxt[:1].islower():
                mid_sentence += 1
    return gaps > 0 and mid_sentence / gaps >= 0.2


def collapse_double_spacing(lines: list[str]) -> list[str]:
    """One empty line means nothing; a longer run or a whitespace-only line is a paragraph break."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not is_blank(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and is_blank(lines[j]):
            j += 1
        if j - i > 1 or lines[i] != "":
            out.append("")
        i = j
    return out


# ------------------------------------------------------- headers and footers


def _normalize_furniture(line: str) -> str:
    return _DIGITS.sub("#", _WHITESPACE.sub(" ", line.strip().lower()))


def furniture_flags(lines: list[str]) -> list[bool]:
    """Mark running headers, footers and page numbers."""
    flags = [is_page_number(line) for line in lines]
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE_BREAK:
            pages.append([])
        elif not is_blank(line):
            pages[-1].append(i)
    pages = [page for page in pages if page]
    if len(pages) >= 3:
        # Running heads sit at the very top or bottom of most pages, the same
        # line each time but for a page number or date.
        for side in (0, -1):
            edge = [page[side] for page in pages]
            seen = Counter(_normalize_furniture(lines[i]) for i in edge)
            for i in edge:
                count = seen[_normalize_furniture(lines[i])]
                if count >= max(2, 0.5 * len(pages)) and not _STRUCTURE.match(lines[i].strip()):
                    flags[i] = True
    for k, page in enumerate(pages):
        # A bare page number as a page's first or last line (not the document's
        # first line, which may be a year).
        for i in {page[0], page[-1]} - ({page[0]} if k == 0 else set()):
            if _BARE_NUMBER.fullmatch(lines[i].strip()):
                flags[i] = True
    # Without page breaks: a short "Body | date" line repeated verbatim is a footer.
    repeated = Counter(line.strip() for line in lines if "|" in line and DATE.search(line))
    for i, line in enumerate(lines):
        if repeated[line.strip()] >= 2 and len(line.strip()) <= 80:
            flags[i] = True
    # A "Body | date" line just above a page-number line belongs to the same footer.
    for i, line in enumerate(lines):
        if flags[i] and is_page_number(line):
            j = i - 1
            while j >= 0 and is_blank(lines[j]):
                j -= 1
            if j >= 0 and "|" in lines[j] and len(lines[j].strip()) <= 80:
                flags[j] = True
    return flags


def _continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` carries on the sentence of ``prev`` across a removed page edge."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt:
        return False
    return not TERMINAL.search(prev)


def remove_furniture(lines: list[str], flags: list[bool] | None, footers: list[str]) -> list[str]:
    """Drop flagged lines and page breaks; join across them where a sentence runs on."""
    flags = flags or [False] * len(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (flags[i] or lines[i] == PAGE_BREAK or is_blank(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        j, cut = i, False
        while j < len(lines) and (flags[j] or lines[j] == PAGE_BREAK or is_blank(lines[j])):
            if flags[j]:
                footers.append(lines[j].strip())
            cut = cut or flags[j] or lines[j] == PAGE_BREAK
            j += 1
        nxt = lines[j] if j < len(lines) else ""
        joins = cut and out and not is_blank(out[-1]) and _continues(out[-1], nxt)
        if not joins:
            out.append("")
        i = j
    return out
