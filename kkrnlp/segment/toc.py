"""The list of items at the top: a table of contents, PUNKTER, dot leaders and page numbers."""

from __future__ import annotations

import itertools
import re

from kkrnlp.segment.markers import split_markers
from kkrnlp.segment.patterns import (
    _LEADER_RE,
    _TOC_PAGE_RE,
    _WEAK_PAGE_RE,
    NumberLine,
    _leading_number_line,
    _parse_number,
    _plain,
    _Toc,
    is_section_heading,
    number_line,
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
    seen_number = False
    label: list[str] = []  # a list label printed before the first entry, if any
    attachments: list[int] = []  # attachment lines listed between the entries

    def flush() -> None:
        weak_pages = [page for *_, page in run if page is not None]
        ordered = all(a <= b for a, b in itertools.pairwise(weak_pages))
        # A list with trailing numbers inside an item is no TOC: bare page numbers
        # count only before the first section heading of the document.
        if len(run) >= 3 and ordered and not (weak_pages and seen_section):
            for idxs, num, title, _ in run:
                toc.entries.setdefault(num, title)
                toc.lines.update(idxs)
                if label:
                    toc.groups.setdefault(num, label[0])
            toc.lines.update(attachments)
        run.clear()
        label.clear()
        attachments.clear()

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
        if _ATTACHMENT_ENTRY_RE.match(plain.strip()):
            attachments.append(idx)  # "Bilag 1: Titel 12": the list of an item's attachments
            idx += 1
            continue
        match = _leading_number_line(plain)
        labelled = _LABEL_ENTRY_RE.match(plain.strip()) if match is None else None
        if labelled:
            match = _leading_number_line(labelled.group("entry"))
            if match is not None:
                flush()
                label.append(labelled.group("label").strip())
        if match is None:
            flush()
            text = plain.strip()
            words = re.findall(r"\w+", text.lower())
            bare = " ".join(words)
            if text.endswith(":") and len(text) <= 60 and words and bare not in _LIST_CUES:
                label.append(text.rstrip(":").strip())  # "Punkter på åben dagsorden:"
            # Only a section heading below the first numbered line ends the part where a
            # list may be the agenda's own ("Referat" as the page's title does not).
            seen_section = seen_section or (seen_number and is_section_heading(line) is not None)
            idx += 1
            continue
        seen_number = True
        rest, idxs = match.group("rest"), [idx]
        nxt_idx = idx + 1 if idx + 1 < len(lines) and lines[idx + 1] else idx + 2
        nxt = lines[nxt_idx] if nxt_idx < len(lines) else ""
        if (
            "\t" not in rest
            and not _TOC_PAGE_RE.search(rest)
            and not _LEADER_RE.search(rest)
            and nxt
            and _leading_number_line(_plain(nxt)) is None
            and (_TOC_PAGE_RE.search(nxt) or _LEADER_RE.search(nxt) or _WEAK_PAGE_RE.search(nxt))
            and not _WEAK_PAGE_RE.search(rest)
            and not _ATTACHMENT_ENTRY_RE.match(_plain(nxt).strip())
        ):
            rest, idxs = f"{rest} {_plain(nxt)}", [idx, nxt_idx]
        num = match.group("num").rstrip(".")
        if "\t" in rest:
            run.append((idxs, num, _LEADER_RE.sub("", rest.split("\t")[0]).strip(" ."), None))
        elif _TOC_PAGE_RE.search(rest) or _LEADER_RE.search(rest):
            title = _LEADER_RE.sub("", _TOC_PAGE_RE.sub("", rest)).strip(" .")
            run.append((idxs, num, title, None))
        elif weak := _WEAK_PAGE_RE.search(rest):
            run.append((idxs, num, rest[: weak.start()].strip(" ."), int(weak.group(1))))
        elif len(run) >= 3 and not any(lines[idx + 1 : idx + 4]):
            run.append((idxs, num, rest.strip(" ."), None))  # the excerpt ends inside the list
        elif any(page is not None for *_, page in run) and _ATTACHMENT_ENTRY_RE.match(
            _plain(nxt).strip()
        ):
            run.append((idxs, num, rest.strip(" ."), None))  # its page is on its attachments
        else:
            flush()
        idx = idxs[-1] + 1
    flush()
    toc.listed = bool(toc.entries)
    return toc


_ATTACHMENT_ENTRY_RE = re.compile(r"^Bilag[ \t]*\d{0,3}[a-z]?[ \t]*:[ \t]*\S", re.I)
_ACCESS_LEAD_RE = re.compile(r"^\W*(åben|åbent|lukket)\b", re.I)
# "Side 2 af 21" and a formalia word glued after the last title of a flattened list.
_PAGE_TAIL_RE = re.compile(r"[ \t]+(?:side[ \t]+\d{1,3}(?:[ \t]+af[ \t]+\d{1,3})?)[ \t]*$", re.I)
_FLAT_ENTRY_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\.[ \t]+(?=[A-ZÆØÅ\d\"”“])")
_MAX_GROUP_CHARS = 60
_PAGE_LABELS = frozenset({
    "indholdsfortegnelse", "indholdsliste", "indhold", "dagsorden", "dagsordenpunkter",
    "dagsordenspunkter", "referat", "side",
})  # fmt: skip
_LIST_CUES = frozenset({
    "dagsordenpunkter",
    "indholdsfortegnelse", "indholdsliste", "indhold", "dagsorden", "referat", "punkter",
    "dagsordenspunkter", "sager", "oversigt", "dagsordenens punkter", "punkt", "side",
})  # fmt: skip


def find_item_list(lines: list[str], toc: _Toc) -> None:
    """A list of the items at the top without page numbers ("PUNKTER", "Dagsordenspunkter").

    A run of numbered lines that count up (43, 44, 45; 2, 2.1 ...), at most two short
    unnumbered lines apart (those are group headings: "Åbne", "Orientering"), before
    the document's first section heading, whose first number is printed again
    further down as a heading. A flattened PDF puts the whole list on one line
    ("INDHOLDSLISTE 1. A 2. B 3. C"); that is split on the numbers that count up.
    Found entries are added to ``toc`` (``listed`` set), which the heading search
    uses as agreement evidence and to fill in items the excerpt cuts off.
    """
    if toc.entries:
        return
    limit = _list_limit(lines)
    run: list[tuple[int, NumberLine]] = []
    groups: dict[int, str] = {}
    best: list[tuple[int, NumberLine]] = []
    best_groups: dict[int, str] = {}
    pending: list[tuple[int, str]] = []
    used: dict[int, list[int]] = {}
    odd: list[tuple[int, NumberLine]] = []
    for idx, plain, found, extra in _logical_lines(lines, limit):
        used[idx] = extra
        if found is None and plain.endswith(":") and _group_like(plain.rstrip(":")):
            pending = [(idx, plain.rstrip(":").strip())]  # "Punkter på åben dagsorden:"
            continue
        flat = _split_flat_list(plain) if len(plain) > 100 and not run else []
        if len(flat) >= 3:
            found = None
        if found is not None and found.rest and not found.prefixed:
            in_order = bool(run) and (
                _counts_up(run[-1][1].num, found.num) or _closed_block(lines, run[-1], (idx, found))
            )
            if odd and in_order:
                run.append(odd.pop())  # "6, 17, 7": an item listed out of order
            elif odd:
                odd.clear()
                if len(run) > len(best):
                    best, best_groups = run, groups
                run, groups = [], {}
            if run and not in_order:
                if len(run) >= 2 and not odd:
                    odd.append((idx, found))
                    continue
                if len(run) > len(best):
                    best, best_groups = run, groups
                run, groups = [], {}
            if pending and len(pending) <= 2 and (run or len(pending) == 1):
                groups[idx] = pending[-1][1]
            run.append((idx, found))
            pending = []
            continue
        if len(flat) >= 3:
            run = [(idx, entry) for entry in flat]
            continue
        if run and not pending and plain[:1].islower() and len(plain) <= 100:
            # An entry wrapped onto a second line: "3. Forslag til ny plan for" / "havnen".
            last_idx, last = run[-1]
            run[-1] = (last_idx, NumberLine(last.num, last.dot, f"{last.rest} {plain}"))
            used.setdefault(last_idx, []).append(idx)
            continue
        if run and _group_like(plain):
            pending.append((idx, plain))
            if len(pending) > 2:
                if len(run) > len(best):
                    best, best_groups = run, groups
                run, groups, pending = [], {}, []
            continue
        if not run and _group_like(plain):
            pending = [(idx, plain)]  # maybe a group heading above the first entry
            continue
        if len(run) > len(best):
            best, best_groups = run, groups
        run, groups, pending = [], {}, []
    if len(run) > len(best):
        best, best_groups = run, groups
    if len(best) < 2:
        return
    last = max([best[-1][0], *used.get(best[-1][0], [])])
    # "14. Eventuelt ... 20138. Godkendelse ...": the first heading glued onto the last entry
    glued_on = best[-1][1].rest.find(f"{best[0][1].num}. {best[0][1].rest[:30]}") > 0
    if not _printed_again(lines, best[-1][0] + 1, best[0][1]) and (
        len(best) < 3
        or not _cue_above(lines, best[0][0])
        or _numbering_goes_on(lines, best)
        or (_case_text_follows(lines, last + 1) and not glued_on)
    ):
        # a list with nothing to agree with: maybe a list inside an item; or the items'
        # own headings under "Indholdsfortegnelse" (an agenda whose first items have no
        # text), the last one's case text right below it
        return
    first_num, first_title = best[0][1].num, best[0][1].rest
    group = None
    pages = [_TRAILING_PAGE_RE.search(entry.rest) for _, entry in best]
    numbered_pages = [int(m.group(1)) for m in pages if m]
    strip_pages = len(numbered_pages) >= max(2, len(best) - 1) and numbered_pages == sorted(
        numbered_pages
    )
    for idx, entry in best:
        title = entry.rest
        if strip_pages:
            title = _TRAILING_PAGE_RE.sub("", title)
        # The first heading of the body glued onto the last entry ("... 2016143. Titel").
        glued = title.find(f"{first_num}. {first_title[:30]}")
        if glued > 0 and entry is best[-1][1]:
            title = title[:glued]
            toc.glued_first = idx
        title = _PAGE_TAIL_RE.sub("", title).strip()
        if entry is best[-1][1]:
            # An unnumbered last item glued on in flattened text ("... praksis Eventuelt").
            title = re.sub(r"(?<=[a-zæøå])[ \t]+(?:Eventuelt|Evt\.)$", "", title)
        group = best_groups.get(idx, group)
        toc.entries.setdefault(entry.num, title)
        if group:
            toc.groups[entry.num] = group
        access = _ACCESS_LEAD_RE.match(_plain(lines[idx]).strip())
        if access:
            toc.access[entry.num] = "lukket" if access.group(1).lower() == "lukket" else "åben"
        toc.lines.add(idx)
        toc.lines.update(used.get(idx, []))
    toc.listed = True


_NUMBER_ALONE_RE = re.compile(r"^(\d{1,3})\.?$")
_PAGE_ALONE_RE = re.compile(r"^\d{1,3}$")
_TRAILING_PAGE_RE = re.compile(r"(?<=\S)[ \t]+(\d{1,3})[ \t]*$")
# "Punkter på åben dagsorden: 124. Titel ....": a list label before the first entry.
_LABEL_ENTRY_RE = re.compile(
    r"^(?P<label>[^.:\d][^.:]{2,60}):[ \t]*(?P<entry>\d{1,3}\.[ \t]+\S.*)$"
)


def _logical_lines(lines: list[str], limit: int):
    """(index, text, number line or None, other indices used) for the list search.

    Joins a table of contents printed one cell per line ("1." / "Titel" / "4") into
    one entry, and splits a list label from the first entry on its line.
    """
    idx = 0
    while idx < limit:
        line = lines[idx]
        if not line:
            idx += 1
            continue
        plain = _plain(line).strip()
        alone = _NUMBER_ALONE_RE.match(plain)
        if alone:
            nxt = _next_nonblank(lines, idx + 1, limit)
            if nxt is not None:
                title = _plain(lines[nxt]).strip()
                if title and number_line(title) is None and not _PAGE_ALONE_RE.match(title):
                    extra = [nxt]
                    page = _next_nonblank(lines, nxt + 1, limit)
                    if page is not None and _PAGE_ALONE_RE.match(_plain(lines[page]).strip()):
                        extra.append(page)
                    found = NumberLine(alone.group(1), ".", title)
                    yield idx, plain, found, extra
                    idx = extra[-1] + 1
                    continue
        label = _LABEL_ENTRY_RE.match(plain)
        if label and number_line(plain) is None:
            yield idx, label.group("label").strip() + ":", None, []
            plain = label.group("entry")
        yield idx, plain, number_line(plain), []
        idx += 1


def _case_text_follows(lines: list[str], start: int) -> bool:
    """Does a case section ("Beslutningstema", "Indstilling") open right below ``start``?"""
    nxt = _next_nonblank(lines, start, len(lines))
    return nxt is not None and is_section_heading(lines[nxt]) is not None


def _next_nonblank(lines: list[str], start: int, limit: int) -> int | None:
    for j in range(start, min(limit, start + 4)):
        if lines[j]:
            return j
    return None


def _list_limit(lines: list[str]) -> int:
    """The first section heading after the first numbered line that no numbered line follows."""
    seen_number = False
    for idx, line in enumerate(lines):
        if not line:
            continue
        if number_line(_plain(line)) is not None:
            seen_number = True
            continue
        if seen_number and is_section_heading(line):
            nxt = next((ln for ln in lines[idx + 1 : idx + 4] if ln), "")
            if number_line(_plain(nxt)) is None:
                return idx
    return len(lines)


def _group_like(plain: str) -> bool:
    """A short line that may head a group of listed items ("Åbne", "Orientering")."""
    if len(plain) > _MAX_GROUP_CHARS or "\t" in plain or plain.endswith((".", ":")):
        return False
    return not _page_label(plain) and plain[:1].isupper()


def _page_label(plain: str) -> bool:
    """'Dagsordenpunkter', 'PUNKTER', 'Indholdsfortegnelse åbent møde': labels of the list."""
    words = re.findall(r"\w+", plain.lower())
    return not words or " ".join(words) in _LIST_CUES or words[0] in _PAGE_LABELS


def _cue_above(lines: list[str], start: int) -> bool:
    """Is the list introduced by 'Indholdsfortegnelse', 'PUNKTER', 'Dagsordenspunkter' ...?"""
    seen = 0
    for idx in range(start - 1, -1, -1):
        if not lines[idx]:
            continue
        words = re.findall(r"\w+", _plain(lines[idx]).lower())
        if words and words[0] in _LIST_CUES:
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


def _numbering_goes_on(lines: list[str], run: list[tuple[int, NumberLine]]) -> bool:
    """Do numbered lines just before or after the run count on into it or out of it?

    Minutes under a "Dagsorden:" label print their items with short texts between
    them ("1. Kassen: godkendt." / "2. ..." / "- a bullet" / "4. Nyt om stien:"): a run
    of them is the items themselves, not a list at the top that the body prints again.
    """
    first, last = run[0], run[-1]
    before = next(
        (found for found in map(_body_number, reversed(lines[: first[0]])) if found), None
    )
    if before is not None and _counts_up(before.num, first[1].num):
        return True
    after = next((found for found in map(_body_number, lines[last[0] + 1 :]) if found), None)
    return after is not None and after.num != first[1].num and _counts_up(last[1].num, after.num)


def _body_number(line: str) -> NumberLine | None:
    """A numbered line with a title that may be an item heading, else None."""
    if not line:
        return None
    found = number_line(_plain(line).strip())
    if found is None or found.prefixed or not found.rest[:1].isupper():
        return None
    return found


def _closed_block(
    lines: list[str], prev: tuple[int, NumberLine], cur: tuple[int, NumberLine]
) -> bool:
    """'åbent 14 Titel', then 'lukket 101 Lukket punkt': closed items in a block of their own."""
    before = _ACCESS_LEAD_RE.match(_plain(lines[prev[0]]).strip())
    this = _ACCESS_LEAD_RE.match(_plain(lines[cur[0]]).strip())
    if not before or not this or this.group(1).lower() != "lukket":
        return False
    a, b = _parse_number(prev[1].num), _parse_number(cur[1].num)
    return len(a) == len(b) == 1 and b[0] > a[0]


def _counts_up(prev: str, num: str) -> bool:
    a, b = _parse_number(prev), _parse_number(num)
    if b[: len(a)] == a and len(b) == len(a) + 1:
        return b[-1] in (0, 1)
    for p in range(min(len(a), len(b))):
        if a[:p] == b[:p] and 0 < b[p] - a[p] <= 2:
            return all(t == 1 for t in b[p + 1 :])
    return False


def _split_flat_list(plain: str) -> list[NumberLine]:
    """'INDHOLDSLISTE 1. A 2. B 3. C' -> entries 1, 2, 3 (numbers must count 1, 2, 3 ...)."""
    if len(plain) < 40:
        return []
    entries: list[tuple[int, int, str]] = []  # (start, end of number, num)
    want = None
    for match in _FLAT_ENTRY_RE.finditer(plain):
        num = int(match.group(1))
        if want is None or num == want:
            entries.append((match.start(), match.end(), match.group(1)))
            want = num + 1
    if len(entries) < 3:
        return []
    out = []
    for i, (_, end, num) in enumerate(entries):
        stop = entries[i + 1][0] if i + 1 < len(entries) else len(plain)
        title = plain[end:stop].strip()
        if i + 1 == len(entries):
            title = _PAGE_TAIL_RE.sub("", title)
            title = re.sub(r"[ \t]+(?:Eventuelt|Evt\.)$", "", title)
        out.append(NumberLine(num, ".", title))
    return out


def _printed_again(lines: list[str], start: int, first: NumberLine) -> bool:
    """Is the list's first item printed again below it (as a heading or its title)?"""
    key = _norm(first.rest)[:25]
    if not key:
        return False
    for line in lines[start:]:
        if not line:
            continue
        found = number_line(_plain(line))
        text = found.rest if found is not None and found.num == first.num else _plain(line)
        text = split_markers(text).title  # "1 Åbent Titel" prints the same title
        if _norm(text).startswith(key):
            return True
    return False


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
