"""Lists whose entries the page width or a flowed paragraph broke up, put back together.

Two shapes of list text lose their line structure on the way from the page:

- a list printed as one paragraph and then wrapped at the page width ("1. A 2. B
  3." / "C 4. D"): the paragraph is joined again, and relining splits it entry by
  entry like any list on one line;
- a list entry (numbered or bulleted) wrapped onto the line(s) under it: those
  lines are joined to the entry when the entry ends on a little word or when the
  next line's first word would not have fitted the list's width.

Every pass visits each line a bounded number of times with anchored or bounded
patterns: linear in the length of the text.
"""

from __future__ import annotations

import itertools
import re

from kkrnlp.danish import (
    ITEM_TYPE_LABELS,
    SECTION_NAMES,
    TITLE_OPEN_ENDINGS,
    VERDICT_STARTS,
)

_SECTION_LOWER = frozenset(name.lower() for name in SECTION_NAMES)


# "3. Titel" or "3 Titel" inside a line (not at its start): an entry of a list that runs on.
_MID_ENTRY = re.compile(r"(?<=\S) (\d{1,3})\.? (?=[A-ZÆØÅ])")
_START_ENTRY = re.compile(r"^(\d{1,3})\.? (?=[A-ZÆØÅ])")


def unwrap_flowed_lists(lines: list[str]) -> list[str]:
    """Join a paragraph that is a list run on and then wrapped ('1. A 2. B' / '3. C 4. D').

    A list printed on one line and wrapped at the page width keeps its numbers inside
    the lines; joined again, the paragraph is split entry by entry like any list on
    one line. Only paragraphs whose numbers count on by one, at least three of them
    inside lines, are joined.
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        if not lines[k].strip():
            out.append(lines[k])
            k += 1
            continue
        j = k
        while j < len(lines) and lines[j].strip() and lines[j] != "\f":
            j += 1
        para = lines[k:j]
        if len(para) >= 2 and _flowed_list(para):
            out.append(" ".join(line.strip() for line in para))
        else:
            out += para
        k = max(j, k + 1)
    return out


def _flowed_list(para: list[str]) -> bool:
    numbers: list[tuple[int, bool]] = []  # (value, inside a line)
    crowded = False  # a line that holds two entries: run on, not one entry a line
    for line in para:
        start = _START_ENTRY.match(line.strip())
        if start:
            numbers.append((int(start.group(1)), False))
        mids = [(int(m.group(1)), True) for m in _MID_ENTRY.finditer(line)]
        crowded = crowded or len(mids) + bool(start) >= 2
        numbers += mids
    if not crowded:
        return False  # "åbent 3 Titel" on every line: a list, one entry a line
    best = run_inside = 0
    prev = None
    for value, mid in numbers:
        run_inside = run_inside + mid if prev is not None and value == prev + 1 else int(mid)
        prev = value
        best = max(best, run_inside)
    return best >= 3


_ENTRY_NUMBER = re.compile(
    r"^[-•·▪◦*]?[ \t]*(?:(?i:åben|åbent|lukket)[ \t]+)?(\d{1,3})[.)]?[ \t]+\S"
)


def join_wrapped_list_entries(lines: list[str]) -> list[str]:
    """Join a list entry wrapped onto the line(s) under it.

    '5. Rapport om kvaliteten på fødestederne fra' + 'Aftale om finansloven' + '6. ...':
    the lines between two entries (numbers that count on by one, or bullets) are
    the rest of the first entry's title when the entry ends on a little word, or
    when it was wrapped: the next line's first word would not have fitted the
    width of the list. The last entry of a list may wrap too.
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        rest = _wrapped_rest(lines, k) if _entry(line) else []
        if rest:
            out.append(" ".join([line.rstrip(), *rest]))
            k += 1 + len(rest)
            continue
        out.append(line)
        k += 1
    return out


_BULLET_ENTRY = re.compile(r"^[-•·▪◦*–][ \t]+\S")


def _entry(line: str) -> tuple[str, int] | None:
    """('n', number) for a numbered list entry, ('b', 0) for a bulleted one, else None."""
    text = line.strip()
    found = _ENTRY_NUMBER.match(text)
    if found:
        return ("n", int(found.group(1)))
    return ("b", 0) if _BULLET_ENTRY.match(text) else None


def _follows(a: tuple[str, int], b: tuple[str, int] | None) -> bool:
    return b is not None and a[0] == b[0] and (a[0] == "b" or b[1] == a[1] + 1)


_KEY_START = re.compile(r"^[^\W\d][\w .-]{0,24}:(?:\s|$)")
_LABEL_ENDS = ("efterretning", "sager", "punkter", "dagsorden")


def _is_label(line: str) -> bool:
    word = line.strip("()[]: ").lower()
    # "Efterretningssager", "Lukkede punkter": a group heading between two entries;
    # "Beslutning: Vedtaget": a key and its value
    return (
        word in ITEM_TYPE_LABELS
        or word in _SECTION_LOWER
        or word.endswith(_LABEL_ENDS)
        or bool(_KEY_START.match(line))
    )


def _wrapped_rest(lines: list[str], k: int) -> list[str]:
    """The lines under entry ``k`` up to the next entry, if they are its title's rest."""
    here = _entry(lines[k])
    assert here is not None
    middle: list[str] = []
    j = k + 1
    while j < len(lines) and len(middle) < 3 and lines[j].strip():
        found = _entry(lines[j])
        # "... digitalisering" + "- fokus og indsatsområder": a dash the wrap put first
        if found and (found[0] == here[0] or lines[j].strip()[0] not in "-–"):
            break
        middle.append(lines[j].strip())
        j += 1
    if not middle:
        return []
    after = _entry(lines[j]) if j < len(lines) else None
    ended = j >= len(lines) or not lines[j].strip()
    # The last entry of a list: the entry before it (wrapped or not) is of its kind.
    before = next((e for m in range(k - 1, max(-1, k - 5), -1) if (e := _entry(lines[m]))), None)
    last = ended and before is not None and _follows(before, here)
    if not (_follows(here, after) or last):
        return []
    if any(len(m) > 80 or m.lower().startswith(VERDICT_STARTS) for m in middle):
        return []
    if any(_is_label(m) for m in middle):
        return []  # "Efterretning", "(Beslutning)", "Indstilling": a label under the entry
    if any(m.endswith(".") and len(m.split()) > 3 for m in middle):
        return []  # a sentence under the entry: its text, not its title
    if lines[k].split()[-1].lower() in TITLE_OPEN_ENDINGS and len(middle) == 1:
        return middle
    # Wrapped at the list's width: each line's next word would not have fitted.
    block = [ln.strip() for ln in lines[max(0, k - 12) : j + 12] if ln.strip()]
    width = max(len(ln) for ln in block)
    chain = [lines[k].strip(), *middle]
    if all(
        len(a) + 1 + len(b.split()[0]) > width and len(a) >= 0.5 * width
        for a, b in itertools.pairwise(chain)
    ):
        return middle
    return []
