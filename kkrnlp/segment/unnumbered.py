"""Items of a page that prints no item numbers: a title line above each repeated section.

Used only when neither the numbering chain nor the case-page prefixes find the
items; the evidence here is the item structure (the same section heading opening
again and again), not a number.
"""

from __future__ import annotations

import re
from collections import Counter

from kkrnlp.danish import (
    KEY_LINE_STARTS,
    PAGE_FURNITURE,
    TABLE_TITLE_LABELS,
    is_formalia_title,
    is_meeting_header_line,
    section_role,
)
from kkrnlp.segment.markers import access_from_line
from kkrnlp.segment.patterns import _KEY_RE, _case_number, _Heading, _plain, is_section_heading
from kkrnlp.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from kkrnlp.segment.titles import _looks_like_title


def unnumbered_headings(
    lines: list[str], settings: SegmentSettings = DEFAULT_SETTINGS
) -> list[_Heading]:
    """Items of a page that prints no numbers: a title line, then item structure.

    The item structure is the document's first section heading (``Indstilling``,
    ``Beslutningstema``, ``Resume``, ``Beslutning`` ...); each time that same heading
    opens again, a new item begins, and its title is the nearest title-like line
    above it (short, no full stop, not furniture, not a heading or a key line).
    """
    found_at: list[tuple[int, str]] = []
    for idx, line in enumerate(lines):
        if not line:
            continue
        found = is_section_heading(line)
        if found is None or found[1]:
            continue
        if is_meeting_header_line(_plain(line)) and _header_follows(lines, idx):
            continue  # the page's own label ("Referat" above the date), not an item's section
        found_at.append((idx, found[0].lower()))
    named = [name for _, name in found_at if section_role(name) != "other"]
    counts = Counter(named)
    first_name = named[0] if named else None
    most = max(counts.values(), default=0)
    if first_name and counts[first_name] == 1 and most >= 3:
        # A page label printed once above the items ("Referat") is not the item
        # structure; the heading that opens again and again is.
        first_name = next(name for name in named if counts[name] == most)
    starts = [idx for idx, name in found_at if name == first_name]
    headings: list[_Heading] = []
    cuts: list[int] = []  # where each item's part of the text begins
    floor = 0
    for start in starts:
        row = _table_row(lines, start, floor, settings)
        if row is not None:
            cut, heading = row
            headings.append(heading)
            cuts.append(cut)
            floor = heading.line + 1
            continue
        title_idx = _title_above(lines, start, floor, settings)
        if title_idx is None:
            continue
        headings.append(_Heading(title_idx, None, "", _plain(lines[title_idx]).strip()))
        cuts.append(title_idx)
        floor = start + 1
    if len(starts) >= 2 and len(headings) <= 1:
        # The item structure repeats but most items show no title: a web page whose
        # headings sit in buttons the text lost. What looks like a title there is the
        # meeting's place or a print link, not an item.
        return []
    for i, heading in enumerate(headings):
        heading.end = cuts[i + 1] if i + 1 < len(headings) else len(lines)
    return headings


def _table_row(
    lines: list[str], start: int, floor: int, settings: SegmentSettings
) -> tuple[int, _Heading] | None:
    """A row of a flattened table: a title-column label, the decision heading, the row.

    "Sagstitel" / "Beslutning" / "KU - Salg af grund" / <decision>: the section heading is
    the table's column heading, so the title is the line under it, not a line above.
    Returns (where the row begins, its heading).
    """
    above = next((k for k in range(start - 1, floor - 1, -1) if lines[k].strip()), None)
    if above is None or _plain(lines[above]).strip().rstrip(":").lower() not in TABLE_TITLE_LABELS:
        return None
    below = next((k for k in range(start + 1, len(lines)) if lines[k].strip()), None)
    if below is None:
        return None
    title = _plain(lines[below]).strip()
    if not _is_title_line(title, settings):
        return None
    return above, _Heading(below, None, "", title)


_CODE_LINE_RE = re.compile(r"^[A-ZÆØÅ]{2,5}$")  # committee codes in a table ("ØKE", "BYR")
_KEY_VALUE_RE = re.compile(r"^[\wæøåÆØÅ][\wæøåÆØÅ .-]{0,30}:(?:\s|$)")


def _title_above(lines: list[str], start: int, floor: int, settings: SegmentSettings) -> int | None:
    seen = 0
    for idx in range(start - 1, floor - 1, -1):
        plain = _plain(lines[idx]).strip()
        if not plain or _CODE_LINE_RE.match(plain):
            continue
        if is_meeting_header_line(plain):
            # The search reached the meeting's header ("Referat • 3. maj 2024 kl. 9.00",
            # "Mødested: ...", "Åben dagsorden"): the item's own title is not printed.
            return None
        if _KEY_VALUE_RE.match(plain):
            continue  # "Sagsbehandler: ...", "Øvrige sagsbehandlere: -"
        if (access_from_line(plain) or ("", False))[1]:
            continue  # "Åben" / "Lukket punkt" on its own line: the item's access, not its title
        seen += 1
        if seen > settings.title_lookback:
            return None
        if _is_title_line(plain, settings) and not _ends_open(lines, idx):
            return idx
    return None


def _header_follows(lines: list[str], idx: int) -> bool:
    """Is the next printed line part of the meeting's header (its date and hour)?"""
    below = next((_plain(lines[k]).strip() for k in range(idx + 1, len(lines)) if lines[k]), "")
    return bool(below) and is_meeting_header_line(below)


def _ends_open(lines: list[str], idx: int) -> bool:
    """Is the line above a key whose value is this line ("Sagen afgøres i", "Indhold:")?"""
    above = next((_plain(lines[k]).strip() for k in range(idx - 1, -1, -1) if lines[k]), "")
    if above.lower().startswith(KEY_LINE_STARTS):
        return True
    # "Titel" / "Indhold:" / "Titel og mere": the line under the label is the item's text.
    label = above[:-1].strip().lower() if above.endswith(":") else ""
    return bool(label) and (label in PAGE_FURNITURE or is_section_heading(above) is not None)


def _is_title_line(plain: str, settings: SegmentSettings) -> bool:
    if len(plain) > settings.title_max_chars or not _looks_like_title(plain):
        return False
    if plain.endswith((".", ":", ",")) or plain.startswith("(") or plain.lower() in PAGE_FURNITURE:
        return False
    if is_section_heading(plain) or _KEY_RE.match(plain) or _case_number(plain):
        return False
    if plain.lower().startswith(KEY_LINE_STARTS):
        return False  # "Sagen afgøres i": a key whose value is on the next line
    if _ASKS_RE.search(plain):
        return False  # "Direktionen indstiller til udvalget, at": a recommendation opens
    return len(plain.split()) >= 2 or plain[:1].isupper()


_ASKS_RE = re.compile(r"\b(?:indstiller|foreslår|anbefaler)\b[^.]{0,80},?[ \t]+at$", re.I)


# "Evt." / "Eventuelt" as a page's first line: a one-item page about the meeting's business.
MAX_FORMALIA_PAGE_TITLE = 40


def formalia_page_heading(lines: list[str]) -> list[_Heading]:
    """A single-item page with no number and no sections: its first line names a formal
    point ("Evt.", "Godkendelse af dagsorden") and the minutes' text follows."""
    text = [idx for idx, line in enumerate(lines) if line.strip()]
    if len(text) < 2:
        return []
    first = _plain(lines[text[0]]).strip()
    if len(first) > MAX_FORMALIA_PAGE_TITLE or not is_formalia_title(first):
        return []
    if is_meeting_header_line(first):
        return []  # "Referat", "Dagsorden": the page's kind, not a point
    return [_Heading(text[0], None, "", first, end=len(lines))]
