"""The list of items at the top: a table of contents, PUNKTER, dot leaders and page numbers."""

from __future__ import annotations

import itertools
import re

from kkrnlp.segment.patterns import (
    _LEADER_RE,
    _TOC_PAGE_RE,
    _WEAK_PAGE_RE,
    _leading_number_line,
    _plain,
    _Toc,
    is_section_heading,
)


def _find_toc(lines: list[str]) -> _Toc:
    """Table-of-contents entries: runs of numbered lines with page numbers or table cells.

    A page number after dot leaders or a tab is certain; a bare trailing number
    ("1.1. Godkendelse af referat 3", leaders lost in PDF text) counts only in a
    run whose page numbers never decrease. A title wrapped onto a second line
    that carries the page number is joined.
    """
    toc = _Toc()
    run: list[tuple[list[int], str, str, int | None]] = []

    seen_section = False

    def flush() -> None:
        weak_pages = [page for *_, page in run if page is not None]
        ordered = all(a <= b for a, b in itertools.pairwise(weak_pages))
        # A list with trailing numbers inside an item is no TOC: bare page numbers
        # count only before the first section heading of the document.
        if len(run) >= 3 and ordered and not (weak_pages and seen_section):
            for idxs, num, title, _ in run:
                toc.entries.setdefault(num, title)
                toc.lines.update(idxs)
        run.clear()

    blank_gap = 0
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        if not line:
            blank_gap += 1
            if blank_gap > 2:
                flush()
            idx += 1
            continue
        blank_gap = 0
        plain = _plain(line)
        if re.match(r"^(punkt|pkt\.?|nr\.?)\t", plain, re.I):
            idx += 1
            continue  # the header row of a "Punkt / Indhold / Bilag" table
        match = _leading_number_line(plain)
        if match is None:
            flush()
            seen_section = seen_section or is_section_heading(line) is not None
            idx += 1
            continue
        rest, idxs = match.group("rest"), [idx]
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        if (
            "\t" not in rest
            and not _TOC_PAGE_RE.search(rest)
            and not _LEADER_RE.search(rest)
            and nxt
            and _leading_number_line(_plain(nxt)) is None
            and (_TOC_PAGE_RE.search(nxt) or _LEADER_RE.search(nxt) or _WEAK_PAGE_RE.search(nxt))
            and not _WEAK_PAGE_RE.search(rest)
        ):
            rest, idxs = f"{rest} {_plain(nxt)}", [idx, idx + 1]
        num = match.group("num").rstrip(".")
        if "\t" in rest:
            run.append((idxs, num, _LEADER_RE.sub("", rest.split("\t")[0]).strip(" ."), None))
        elif _TOC_PAGE_RE.search(rest) or _LEADER_RE.search(rest):
            title = _LEADER_RE.sub("", _TOC_PAGE_RE.sub("", rest)).strip(" .")
            run.append((idxs, num, title, None))
        elif weak := _WEAK_PAGE_RE.search(rest):
            run.append((idxs, num, rest[: weak.start()].strip(" ."), int(weak.group(1))))
        else:
            flush()
        idx = idxs[-1] + 1
    flush()
    return toc
