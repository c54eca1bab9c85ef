"""Put item numbers back at the start of their lines.

Two shapes of text copied from web pages and flattened PDFs keep an item's
number away from its title:

- the number glued to the end of the text before it: ``... godkendt.2. `` at
  the end of a line, or ``... regionen2. Placering af ...`` in a list printed
  without line breaks (``Akutpakken 20237. Godkendelse``: a year with the next
  number glued on). Such numbers are split off only when they continue a run
  of item numbers 1, 2, 3 ... through the document, so a stray ``2.`` in a
  sentence stays;
- the number on a line of its own (``1.`` then ``Godkendelse af dagsorden``),
  as a PDF with the numbers in a column of their own is extracted: the number
  is joined to the title line that follows it.

- a column of numbers printed apart from the column of titles (a table of
  contents read column by column): paired when the counts agree.

The passes visit every line once with anchored or bounded patterns: linear.
"""

from __future__ import annotations

import itertools
import re

# A number glued to a letter or a full stop before it (not to markup: "**1. Titel**"),
# followed by a capitalised title or the line's end.
# "3.3." is a sub-number, not item 3 glued on; "2026.1." is a year's full stop, then item 1.
_GLUED = re.compile(
    r"(?<=[^\W\d_]|[.)!?])(?:(?<!\d\.)|(?<=(?:19|20)\d\d\.))(\d{1,7})\.(?= +[A-ZÆØÅ]| *$)"
    r"|(?<= )(\d{5,7})\.(?= +[A-ZÆØÅ])"
)
# A title glued to the text under it: "regionenÆndringsforslag".
_GLUED_WORDS = re.compile(r"(?<=[a-zæøå]{3})(?=[A-ZÆØÅ][a-zæøå])")
# A number at the start of a line (after spaces), followed by a title or nothing.
_LEADING = re.compile(r"^\s*(\d{1,3})\.(?= +[A-ZÆØÅ]| *$)")
# A year with an item number glued on: "20237." is 2023 and item 7.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "3." or "3)" alone, or "• 3" / "• 121." as a web list prints a number above its title.
_LONE_NUMBER = re.compile(
    r"^\s*(?:[-•·▪◦*–][ \t]+(?P<b>\d{1,3}(?:\.\d{1,2})?)\.?|(?P<n>\d{1,3}(?:\.\d{1,2})?)[.)])\s*$"
)
_TITLE_START = re.compile(r"^\s*(?:\*\*)?[A-ZÆØÅ]")
# Minutes' "ad 1." ("regarding point 1") alone above the point's title; "Ad. 1" above a
# paragraph of text is the text of a point listed earlier, so only a short title is joined.
_AD_NUMBER = re.compile(r"^\s*[Aa]d\.?[ \t]+(?P<n>\d{1,2})\.\s*$")
_AD_TITLE_MAX = 60
# A run of glued numbers shorter than this is left alone: two could be chance.
MIN_RUN = 3


def _values(digits: str) -> list[tuple[int, int]]:
    """Readings of a glued digit run as (item number, offset of its first digit in the run)."""
    if len(digits) <= 3:
        return [(int(digits), 0)]
    for size in (1, 2, 3):
        if len(digits) == 4 + size and _YEAR.match(digits[:4]):
            return [(int(digits[4:]), 4)]
    return []


def split_glued_numbers(lines: list[str]) -> list[str]:
    """Break lines before item numbers glued to the text before them (see module docstring)."""
    cuts: dict[int, list[int]] = {}  # line index -> offsets where a new line starts
    pending: list[tuple[int, int]] = []  # glued numbers of the run being read
    expected, run = 1, 0

    def commit() -> None:
        if run >= MIN_RUN:
            for index, offset in pending:
                cuts.setdefault(index, []).append(offset)

    for index, line in enumerate(lines):
        events: list[tuple[int, int, bool]] = []
        leading = _LEADING.match(line)
        if leading:
            events.append((leading.start(1), int(leading.group(1)), False))
        for match in _GLUED.finditer(line):
            for value, offset in _values(match.group(1) or match.group(2)):
                events.append((match.start() + offset, value, True))
        for offset, value, glued in events:
            if value == 1 and expected != 1:
                commit()  # a new list starts (the list at the top, then the items)
                pending, expected, run = [], 1, 0
            if value != expected:
                continue
            expected, run = expected + 1, run + 1
            if glued:
                pending.append((index, offset))
    commit()
    if not cuts:
        return lines
    out: list[str] = []
    for index, line in enumerate(lines):
        offsets = cuts.get(index)
        if not offsets:
            out.append(line)
            continue
        bounds = [0, *offsets, len(line)]
        parts = [line[a:b].strip() for a, b in itertools.pairwise(bounds)]
        # Where numbers were glued on, the text under a title may be glued on too.
        out += [piece for part in parts for piece in _GLUED_WORDS.sub("\n", part).split("\n")]
    return out


# "10. Underskriftsark1. Godkendelse af dagsorden": the first item's heading glued to the
# last entry of the list at the top (a web page that lost the break between them).
# Also after an abbreviation's full stop: "8. Evt.1. Godkendelse af dagsorden".
_GLUED_AFTER_WORD = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_]\.))(\d{1,3})\.(?= +[A-ZÆØÅ])")


def split_list_restart(lines: list[str]) -> list[str]:
    """Break the last entry of a list before a number glued on that starts the list again.

    Only a run of at least :data:`MIN_RUN` line-leading numbers counts as a list, and only
    its own first number, glued to a word of its last entry, is split off: "1. A / 2. B /
    3. CUnderskrift1. A ..." -> "3. CUnderskrift" and "1. A ...".
    """
    out: list[str] = []
    first = last = None
    count = 0
    for line in lines:
        leading = _LEADING.match(line)
        if not leading:
            if line.strip():
                first = last = None  # prose ends the list
            out.append(line)
            continue
        value = int(leading.group(1))
        if last is not None and value == last + 1:
            last, count = value, count + 1
        else:
            first = last = value
            count = 1
        # The last one: the list's entry ends where the next heading starts.
        glued = next(reversed(list(_GLUED_AFTER_WORD.finditer(line, leading.end()))), None)
        if glued and count >= MIN_RUN and int(glued.group(1)) == first:
            out += [line[: glued.start()].rstrip(), line[glued.start() :]]
            first = last = None
            continue
        out.append(line)
    return out


_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


def join_bare_number_runs(lines: list[str]) -> list[str]:
    """'1', 'Titel', '2', 'Titel', '3', 'Titel': table cells read one per line, no dots.

    A bare number is also a page cell, so only a run of at least three numbers that
    count on by one, each followed by a title line (blank lines between allowed),
    is joined; a number next to another number ends the run.
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        pairs: list[tuple[str, str]] = []
        j = k
        while j < len(lines):
            match = _BARE_NUMBER.match(lines[j])
            if match is None or (pairs and int(match.group(1)) != int(pairs[-1][0]) + 1):
                break
            t = j + 1
            while t < len(lines) and t - j <= 2 and not lines[t].strip():
                t += 1
            if t >= len(lines) or not _TITLE_START.match(lines[t]) or _BARE_NUMBER.match(lines[t]):
                break
            pairs.append((match.group(1), lines[t].strip()))
            j = t + 1
            while j < len(lines) and j - t <= 2 and not lines[j].strip():
                j += 1
        previous = next((line for line in reversed(out[-3:]) if line.strip()), "")
        # "Titel", "3", "Titel", "4": page cells after titles count on by one too; a run
        # that does not start at 1 must not follow a title line.
        pages = bool(pairs) and pairs[0][0] != "1" and bool(_TITLE_START.match(previous))
        if len(pairs) >= MIN_RUN and not pages:
            out += [f"{n}. {title}" for n, title in pairs]
            k = j
            continue
        out.append(lines[k])
        k += 1
    return out


def join_lone_numbers(lines: list[str]) -> list[str]:
    """Join a line holding only an item number (``3.``) to the title line after it.

    Empty lines between them are dropped; a column of numbers printed apart
    from the titles (a number next to another number) and a table of contents
    read cell by cell (number, title, page) are left alone.
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        match = _LONE_NUMBER.match(lines[k])
        previous = next((line for line in reversed(out[-3:]) if line.strip()), "")
        ad = _AD_NUMBER.match(lines[k])
        if ad:
            j = k + 1
            while j < len(lines) and j - k <= 2 and not lines[j].strip():
                j += 1
            title = lines[j].strip() if j < len(lines) else ""
            if _TITLE_START.match(title) and len(title) <= _AD_TITLE_MAX and title[-1] != ".":
                out.append(f"{lines[k].strip()} {title}")
                k = j + 1
                continue
        if match and not _LONE_NUMBER.match(previous):
            j = k + 1
            while j < len(lines) and j - k <= 2 and not lines[j].strip():
                j += 1
            if j < len(lines) and _TITLE_START.match(lines[j]) and not _page_after(lines, j):
                out.append(f"{match.group('b') or match.group('n')}. {lines[j].strip()}")
                k = j + 1
                continue
        out.append(lines[k])
        k += 1
    return out


_PAGE_CELL = re.compile(r"^\s*\d{1,3}\s*$")


def _page_after(lines: list[str], j: int) -> bool:
    """A page number cell after the title: a table of contents read cell by cell, kept as is."""
    k = j + 1
    while k < len(lines) and k - j <= 2 and not lines[k].strip():
        k += 1
    return k < len(lines) and bool(_PAGE_CELL.match(lines[k]))


_TRAILING_PAGE = re.compile(r"(?<!\d)\d{1,4}$")


def _leader_page(line: str) -> int | None:
    """The page number after dot leaders at the end of a line ('Titel ...... 12'), else None.

    Read from the end with string methods, so a long run of dots costs one pass.
    """
    text = line.rstrip()
    page = _TRAILING_PAGE.search(text[-5:])
    if page is None:
        return None
    before = text[: len(text) - len(page.group(0))].rstrip()
    if before.endswith("....") or before.endswith("……"):
        return int(page.group(0))
    return None


def _leader_title(line: str) -> int | None:
    """The page of a title line with leaders ('Ny sti ...... 4'), else None."""
    return _leader_page(line) if _TITLE_START.match(line) else None


def zip_number_columns(lines: list[str]) -> list[str]:
    """Pair a column of lone numbers with the column of titles printed right after it.

    A table of contents extracted column by column comes out as ``3.1.``,
    ``3.2.``, ``3.3.`` and then three titles with dot leaders: when the counts
    agree and the titles' page numbers do not go back, the k-th number goes
    before the k-th title.
    """
    out: list[str] = []
    page = 0  # the last page number a leader line printed
    k = 0
    while k < len(lines):
        leader = _leader_page(lines[k])
        if leader is not None:
            page = leader
        numbers: list[str] = []
        j = k
        while j < len(lines) and (match := _LONE_NUMBER.match(lines[j])) and not match.group("b"):
            numbers.append(match.group("n"))
            j += 1
        titles = lines[j : j + len(numbers)]
        if len(numbers) >= 2 and len(titles) == len(numbers):
            found = [_leader_title(title) for title in titles]
            pages = [page] + [p for p in found if p is not None]
            if None not in found and all(a <= b for a, b in itertools.pairwise(pages)):
                out += [f"{n}. {t.strip()}" for n, t in zip(numbers, titles, strict=True)]
                page = pages[-1]
                k = j + len(numbers)
                continue
        out += lines[k : max(j, k + 1)]
        k = max(j, k + 1)
    return out


# "Punkt 15 minVelkomst og sang": a table of point, minutes and title flattened
# into one cell, so the point's number runs into the minutes set aside for it.
_POINT_MINUTES = re.compile(
    r"^(?P<lead>\s*(?:[Pp]unkt|[Pp]kt\.?)[ \t]*)(?P<digits>\d{2,5})[ \t]*min\.?[ \t]*"
    r"(?P<title>[A-ZÆØÅ].*)$"
)
# Minutes a point may be given: more would be a misreading of the digits.
_MAX_POINT_MINUTES = 240


def split_point_minutes(lines: list[str]) -> list[str]:
    """'Punkt 15 minTitel', 'Punkt 210 minTitel' -> 'Punkt 1 Titel', 'Punkt 2 Titel'.

    The digits are read as the next point number in turn (1, 2, 3 ...) followed by
    the minutes; the minutes are dropped (a time slot is not part of a title). Lines
    whose digits do not start with the expected number are left alone.
    """
    out: list[str] = []
    expected = 1
    for line in lines:
        match = _POINT_MINUTES.match(line)
        if match:
            digits, want = match.group("digits"), str(expected)
            minutes = digits[len(want) :]
            if digits.startswith(want) and minutes and 0 < int(minutes) <= _MAX_POINT_MINUTES:
                out.append(f"{match.group('lead')}{want} {match.group('title')}")
                expected += 1
                continue
        out.append(line)
    return out
