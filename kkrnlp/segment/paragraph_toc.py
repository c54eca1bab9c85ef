"""A table of contents of paragraphs, as PDF-to-HTML dumps print it.

Such a dump prints the contents page as one paragraph per item, under an access
group line ("Åben dagsorden", "Lukket dagsorden"): a title wrapped over lines of
its own, sometimes with its number alone in the paragraph before it ("10" /
"Titel"), sometimes with the number and the first word, the rest of the title in
following paragraphs that start in lower case ("14 Meddelelser" / "fra" / "...").
The numbers of the first entries are often lost. The body of the excerpt prints
only the first items as headings; the others are known from this list only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kkrnlp.segment.markers import split_markers
from kkrnlp.segment.patterns import _Heading, _plain, is_section_heading

_CUE_RE = re.compile(r"^indholdsfortegnelse\W*$", re.I)
_GROUP_RE = re.compile(
    r"^(?:åben|åbent|åbne|lukket|lukkede)\s+(?:dagsorden|møde|punkter|sager)$", re.I
)
_PAGE_RE = re.compile(r"^(?:background image|side\s+\d{1,3}(?:\s+af\s+\d{1,3})?)$", re.I)
_NUMBER_ALONE_RE = re.compile(r"^(\d{1,3})\.?$")
_NUMBER_WORD_RE = re.compile(r"^(\d{1,3})\.?[ \t]+(\S.*)$")
_MAX_TITLE = 220
_MAX_LINES = 200  # the contents page sits at the top
MIN_ENTRIES = 4


@dataclass
class ParagraphEntry:
    line: int
    number: str | None
    title: str
    group: str


def paragraph_toc(lines: list[str]) -> list[ParagraphEntry]:
    """The entries of the first paragraph contents page, or [] if there is none."""
    stop = min(len(lines), _MAX_LINES)
    cue = next((i for i in range(stop) if _CUE_RE.match(_plain(lines[i]).strip())), None)
    if cue is None:
        return []
    paragraphs = _paragraphs(lines, cue + 1, stop)
    lines_of = _block_lines(lines, paragraphs, stop)
    start = next((k for k, (_, text) in enumerate(paragraphs[:5]) if _GROUP_RE.match(text)), None)
    if start is None:
        return []
    entries: list[ParagraphEntry] = []
    group = paragraphs[start][1]
    number: str | None = None
    for idx, text in paragraphs[start + 1 :]:
        if _GROUP_RE.match(text):
            group, number = text, None
            continue
        if _PAGE_RE.match(text) or any(is_section_heading(ln) for ln in lines_of[idx]):
            break
        alone = _NUMBER_ALONE_RE.match(text)
        if alone:
            number = alone.group(1)
            continue
        if text[:1].islower() and entries and number is None:
            entries[-1].title = f"{entries[-1].title} {text}"  # "14 Meddelelser" / "fra" / ...
            continue
        word = _NUMBER_WORD_RE.match(text)
        if word and number is None:
            number, text = word.group(1), word.group(2)
        if len(text) > _MAX_TITLE or not text[:1].isupper() or text.endswith(":"):
            return []  # "Deltagere:": a header key, not a contents page
        entries.append(ParagraphEntry(idx, number, text, group))
        number = None
    return entries if len(entries) >= MIN_ENTRIES else []


def _paragraphs(lines: list[str], start: int, stop: int) -> list[tuple[int, str]]:
    """Blank-separated blocks from ``start`` as (first line, text joined with spaces)."""
    out: list[tuple[int, str]] = []
    block: list[str] = []
    first = start
    for idx in range(start, stop):
        text = _plain(lines[idx]).strip()
        if text and _PAGE_RE.match(text):
            if block:
                out.append((first, " ".join(block)))
            out.append((idx, text))
            block = []
            continue
        if text and block and _NUMBER_WORD_RE.match(text):
            out.append((first, " ".join(block)))  # "16 Titel" / "17 Titel" on lines in a row
            block = []
        if text:
            if not block:
                first = idx
            block.append(text)
        elif block:
            out.append((first, " ".join(block)))
            block = []
    if block:
        out.append((first, " ".join(block)))
    return out


def _block_lines(
    lines: list[str], paragraphs: list[tuple[int, str]], stop: int
) -> dict[int, list[str]]:
    """The printed lines of each paragraph (a section heading may open one)."""
    out: dict[int, list[str]] = {}
    for first, _ in paragraphs:
        block = []
        for idx in range(first, stop):
            if not lines[idx] or (block and _NUMBER_WORD_RE.match(_plain(lines[idx]).strip())):
                break
            block.append(lines[idx])
        out[first] = block
    return out


def with_paragraph_toc(headings: list[_Heading], lines: list[str]) -> list[_Heading]:
    """Add the items a paragraph contents page lists and the body never reaches.

    Only when every heading found in the body is an entry of the list (its title
    begins the same): the list is then the agenda's, in its order.
    """
    entries = paragraph_toc(lines)
    if headings:  # the contents page sits above the body's first heading
        entries = [e for e in entries if e.line < headings[0].line]
    if len(entries) < MIN_ENTRIES or len(entries) <= len(headings):
        return headings
    keys = [_norm(e.title)[:25] for e in entries]
    matched: dict[int, _Heading] = {}
    for heading in headings:
        titles = [_norm(split_markers(heading.rest).title), _norm(heading.rest)]
        hits = (k for k, key in enumerate(keys) if key and any(t.startswith(key) for t in titles))
        k = next(hits, None)
        if k is None or k in matched:
            return headings
        matched[k] = heading
    out: list[_Heading] = []
    last_line = headings[-1].line if headings else len(lines)
    for k, entry in enumerate(entries):
        if k in matched:
            out.append(matched[k])
            continue
        access = "lukket" if entry.group.lower().startswith("lukke") else None
        out.append(
            _Heading(
                last_line, entry.number, "", entry.title, end=last_line, listed_only=True,
                access=access,
            )
        )  # fmt: skip
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
