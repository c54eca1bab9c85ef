"""Headings of council case pages and web agendas: 'Nr.103 - Titel', '• Pkt. 17 Titel'.

These pages print a prefixed number (``Nr.``, ``Pkt.``, ``Sag nr.``) on each item and
often a list of the same numbers at the top; they are read apart from the
numbering chain because their prefix, not the number's sequence, marks an item.
"""

from __future__ import annotations

import re

from kkrnlp.segment.headings import MAX_TITLE_LINES, _continues_title
from kkrnlp.segment.patterns import (
    _case_number,
    _Heading,
    _parse_number,
    _plain,
    is_section_heading,
    number_line,
)
from kkrnlp.segment.runon import cut_run_on
from kkrnlp.segment.titles import _looks_like_title, cut_inline_value

# "Pkt. 3 (Ida)": a bracket alone after the number names a person, not the title.
_BRACKET_ONLY_RE = re.compile(r"^\([^()\d]{1,40}\)$")


def _case_mode_headings(lines: list[str]) -> list[_Heading]:
    """Headings of council case pages and web agendas: 'Nr.103 - Titel', '• Pkt. 17 Titel'.

    The same number printed twice in a row ("• Pkt. 17 Titel", then "Pkt. 17" and
    the title on its own line) is one heading.
    """
    headings: list[_Heading] = []
    for idx, line in enumerate(lines):
        plain = _plain(line)
        found = number_line(plain)
        if found is None or not found.prefixed:
            continue
        if headings and headings[-1].number == found.num:
            continue
        rest = found.rest
        if _BRACKET_ONLY_RE.match(rest):
            rest = ""  # "Pkt. 3 (Ida)": who presents it; the title is on the line below
        if not rest:
            # "Pkt. 17" / "Sag nr. 130" alone: the title is the line below, or the one above.
            title_idx = _title_next_to(lines, idx)
            if title_idx is not None:
                rest = _plain(lines[title_idx]).strip()
                first, last = min(idx, title_idx), max(idx, title_idx)
                headings.append(_Heading(first, found.num, "", rest, title_lines=last - first + 1))
            continue
        # "Punkt 1. Kassen: Regnskabet er sendt ud ...": minutes run on after the title.
        title, tail = cut_run_on(rest)
        if not tail:
            title, tail = cut_inline_value(rest)
        if _looks_like_title(title):
            if plain.lstrip().lower().startswith(("punkt", "pkt")) and "\t" in plain:
                continue
            heading = _Heading(idx, found.num, "", title, tail=tail)
            j = idx + 1
            # "Nr. 7 BR 312/27. Lokalplan for" + "Havnefronten": the title wraps.
            while (
                not tail
                and j < len(lines)
                and j - idx < MAX_TITLE_LINES
                and _continues_title(lines[j - 1], lines[j], None)
            ):
                heading.rest = f"{heading.rest.rstrip()} {lines[j].strip()}"
                heading.title_lines += 1
                j += 1
            headings.append(heading)
    kept = _without_list_at_top(headings)
    missing = _listed_at_top(headings, kept) if kept is not headings else []
    headings = kept
    for i, heading in enumerate(headings):
        heading.end = headings[i + 1].line if i + 1 < len(headings) else len(lines)
    for listed in missing:
        # The list names it, the page stops before it: an item known by its title only.
        key = _parse_number(listed.number or "0")
        at = next(
            (i for i, h in enumerate(headings) if h.number and _parse_number(h.number) > key),
            len(headings),
        )
        line = headings[at].line if at < len(headings) else len(lines)
        known = _Heading(line, listed.number, "", listed.rest, end=line, listed_only=True)
        headings.insert(at, known)
    return headings


def _without_list_at_top(headings: list[_Heading]) -> list[_Heading]:
    """Drop a list of 'Pkt. 1 Titel' lines at the top when the numbering starts again below."""
    if not headings:
        return headings
    restart = next((i for i, h in enumerate(headings) if i and h.number == headings[0].number), 0)
    tight = all(headings[i + 1].line - headings[i].line <= 2 for i in range(restart - 1))
    return headings[restart:] if restart and tight else headings


def _listed_at_top(headings: list[_Heading], kept: list[_Heading]) -> list[_Heading]:
    """The entries of a dropped list at the top that no heading below prints (an excerpt)."""
    have = {h.number for h in kept}
    return [h for h in headings if h not in kept and h.number not in have]


def _title_next_to(lines: list[str], idx: int) -> int | None:
    """The title line just below (or else just above) a number printed alone."""
    for step in (1, -1):
        j = idx + step
        while 0 <= j < len(lines) and not lines[j]:
            j += step
        if 0 <= j < len(lines):
            plain = _plain(lines[j]).strip()
            if (
                _looks_like_title(plain)
                and len(plain) <= 160
                and number_line(plain) is None
                and not is_section_heading(plain)
                and not _case_number(plain)
            ):
                return j
    return None
