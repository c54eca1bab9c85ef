"""Lists of item titles without a body: bullets at the top, closed items under their group.

Meeting notices and web pages of some publishing systems print the agenda as
bullet points ("- Godkendelse af dagsorden"), maybe under group lines ("Åbent
møde", "Lukket møde"), introduced by a line that names the agenda ("... med
følgende dagsorden.", "Referat", "Dagsorden"). Such a list is the item list:

- on a page with no item headings, each entry is an item (number None);
- on a page whose body prints some of the items (an excerpt cut off early),
  the entries the body never reaches are added after them.

Bullets under "Deltagere" or inside an item's text are not the agenda: the
list needs the cue above it and at least :data:`MIN_ENTRIES` title-like entries.

A meeting notice may print the titles as plain lines under a label
("Dagsorden:"), without bullets or numbers and without any text under them:
when no other heading is found, such a block is the item list
(:func:`plain_title_list`).

Web pages print the closed items by number and title only, under a group line
("Lukkede sager", "Lukkede punkter"), often above or below the open items with
their own numbers: each such line is an item (access "lukket"), see
:func:`with_closed_list`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kkrnlp.danish import names_item_group
from kkrnlp.segment.patterns import NumberLine, _Heading, _plain, is_section_heading, number_line

MIN_ENTRIES = 3
_MAX_TITLE = 200
_MAX_GROUP = 40
_BULLET = re.compile(r"^[-•·▪◦*–][ \t]+(?P<title>\S.*)$")
_CUE = re.compile(r"\b(?:dagsorden\w*|referat\w*|punkter|indholdsfortegnelse)\b", re.I)
# Header keys above a list of people, not of items.
_PEOPLE = re.compile(r"^(?:deltagere|til stede|fremmødte|afbud|fraværende|medlemmer|bilag)\b", re.I)


@dataclass
class BulletEntry:
    line: int
    title: str
    group: str | None


def bulleted_items(lines: list[str], limit: int | None = None) -> list[BulletEntry]:
    """The first bulleted list of item titles after an agenda cue, before ``limit``."""
    stop = len(lines) if limit is None else min(limit, len(lines))
    idx = 0
    while idx < stop:
        entries = _run_at(lines, idx, stop)
        if entries:
            return entries
        idx += 1
    return []


def _run_at(lines: list[str], start: int, stop: int) -> list[BulletEntry]:
    """The list that starts at ``start`` (a cue line), or [] if none starts there."""
    cue = _plain(lines[start]).strip()
    if not cue or not _CUE.search(cue) or _PEOPLE.match(cue) or _BULLET.match(cue):
        return []
    entries: list[BulletEntry] = []
    group: str | None = None
    idx = start + 1
    while idx < stop:
        plain = _plain(lines[idx]).strip()
        idx += 1
        if not plain:
            continue
        bullet = _BULLET.match(plain)
        if bullet:
            title = bullet.group("title").strip()
            if not _title_like(title):
                break
            entries.append(BulletEntry(idx - 1, title, group))
        elif _group_line(plain) and (entries or group is None):
            group = plain.rstrip(":").strip()
        else:
            break
    return entries if len(entries) >= MIN_ENTRIES else []


def _title_like(title: str) -> bool:
    return len(title) <= _MAX_TITLE and title[:1].isupper() and not title.endswith((":", ";"))


def _group_line(plain: str) -> bool:
    """'Åbent møde', 'Lukket møde', 'Sager til beslutning': short, capitalised, no full stop."""
    return (
        len(plain) <= _MAX_GROUP
        and plain[:1].isupper()
        and not plain.endswith((".", ","))
        and not _PEOPLE.match(plain)
        and is_section_heading(plain) is None
    )


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def with_bulleted_items(headings: list[_Heading], lines: list[str]) -> list[_Heading]:
    """Headings plus the bulleted list's entries that no heading prints (see module docstring)."""
    limit = headings[0].line if headings else None
    entries = bulleted_items(lines, limit)
    if not entries:
        return headings
    have = {_norm(h.rest) for h in headings}
    if headings and not any(_norm(e.title) in have for e in entries):
        return headings  # the list does not name the body's items: not the agenda's list
    out = list(headings)
    end = len(lines)
    for entry in entries:
        if _norm(entry.title) in have:
            continue
        line = end if headings else entry.line
        out.append(
            _Heading(line, None, "", entry.title, end=line, listed_only=True, group=entry.group)
        )
    return out


_CLOSED_CUE = re.compile(
    r"^(?:lukkede|lukket)\s+(?:sager|punkter|dagsordenspunkter|møde)\s*:?$", re.I
)


def with_closed_list(headings: list[_Heading], lines: list[str]) -> list[_Heading]:
    """Add the numbered title lines under a group line that no heading covers.

    The group line is 'Lukkede sager' (closed items after the open ones) or, on a page
    that prints titles only, any line naming a group of items ('Til efterretning (åbne
    punkter)'). A group may number its items from 1 again: then the numbers the open
    items already use are the new group's own.
    """
    have = {h.number for h in headings if h.number}
    titles_only = bool(headings) and all(_title_only(h, lines) for h in headings)
    last = headings[-1].line if headings else len(lines)
    added: list[_Heading] = []
    idx = 0
    while idx < len(lines):
        plain = _plain(lines[idx]).strip()
        idx += 1
        closed = bool(_CLOSED_CUE.match(plain))
        if not closed and not (titles_only and idx > last and _group_cue(plain)):
            continue
        group = plain.rstrip(":").strip()
        entries = _numbered_titles(lines, idx)
        # Counting from 1 again only after the last heading: a list at the top that does
        # so is a contents list whose items the body prints with their own headings.
        restart = bool(entries) and entries[0][1].num == "1" and "1" in have and idx > last
        if restart:
            entries = _counting(entries)
        if not closed and not restart:
            continue  # an open group that goes on counting is the chain's own business
        cue = idx - 1
        for line, found in entries:
            if found.num in have and not restart:
                break
            for heading in headings:
                if heading.line < cue < heading.end:
                    heading.end = cue  # the group line and its list are not this item's text
            added.append(
                _Heading(
                    line, found.num, "", found.rest, end=line, listed_only=True, group=group,
                    access="lukket" if closed else None,
                )
            )  # fmt: skip
            have.add(found.num)
        idx = entries[-1][0] + 1 if entries else idx
    if not added:
        return headings
    return sorted([*headings, *added], key=lambda h: h.line)


def _group_cue(plain: str) -> bool:
    return names_item_group(plain) and number_line(plain) is None and not is_section_heading(plain)


def _numbered_titles(lines: list[str], idx: int) -> list[tuple[int, NumberLine]]:
    """The numbered title lines from ``idx`` on (blank lines between them allowed)."""
    out: list[tuple[int, NumberLine]] = []
    while idx < len(lines):
        entry = _plain(lines[idx]).strip()
        if entry:
            found = number_line(entry)
            if found is None or found.prefixed or not found.rest:
                break
            out.append((idx, found))
        idx += 1
    return out


def _counting(entries: list[tuple[int, NumberLine]]) -> list[tuple[int, NumberLine]]:
    """The entries up to the first that does not count on by one (1, 2, 3, ...)."""
    out = entries[:1]
    for entry in entries[1:]:
        if not (entry[1].num.isdigit() and int(entry[1].num) == len(out) + 1):
            break  # a group's list counts 1, 2, 3: anything else is text, not its items
        out.append(entry)
    return out


def _title_only(heading: _Heading, lines: list[str]) -> bool:
    """Does the heading have no text under it (a page that lists titles only)?"""
    if heading.listed_only:
        return True
    start = heading.line + heading.title_lines
    stop = heading.end or len(lines)
    return all(
        not lines[k].strip()
        or number_line(_plain(lines[k]).strip())
        or names_item_group(_plain(lines[k]))
        for k in range(start, min(stop, len(lines)))
    )


_LIST_LABELS = frozenset(
    {
        "dagsorden", "dagsordenen", "dagsordenspunkter", "punkter", "punkter på dagsordenen",
        "forslag til dagsorden", "dagsorden for mødet", "program",
    }
)  # fmt: skip


def plain_title_list(lines: list[str]) -> list[_Heading]:
    """Items of a notice that lists its titles as plain lines under 'Dagsorden:'.

    The block is the lines right under the label, up to the first empty line;
    every one must be title-like (capitalised, short, no colon, no full stop
    after a sentence) and there must be at least :data:`MIN_ENTRIES`.
    """
    for idx, line in enumerate(lines):
        label = _plain(line).strip().rstrip(":").strip().lower()
        if label not in _LIST_LABELS:
            continue
        j = idx + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        block: list[int] = []
        while j < len(lines) and lines[j].strip():
            block.append(j)
            j += 1
        titles = [_plain(lines[k]).strip() for k in block]
        if len(titles) >= MIN_ENTRIES and all(_plain_title(t) for t in titles):
            return [
                _Heading(k, None, "", title, end=k, listed_only=True)
                for k, title in zip(block, titles, strict=True)
            ]
    return []


def _plain_title(title: str) -> bool:
    return (
        _title_like(title)
        and len(title) <= 120
        and ":" not in title
        and not title.endswith(".")
        and is_section_heading(title) is None
    )
