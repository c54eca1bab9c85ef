"""Sub-items lettered 'a)', 'b)' ... under a numbered heading -> candidates 'N.a', 'N.b'.

Minutes and committee agendas split a point into lettered parts:

    3. Opfølgning på opgaver

    a) Velkomstfolder: er i gang ...
    b) Flytning af pumpen: Ole har ...

("a." as well as "a)").

The numbered line is then a group heading and each letter an item (numbered
"3.a", "3.b" as the labelling guidelines number sub-items). Only a run that starts
with "a)" right under the numbered line (nothing but blank lines between) and goes
on in alphabetical order is read so; lettered points inside an item's text ("Det
indstilles, at a) ...") follow text, not the heading, and stay text.
"""

from __future__ import annotations

import re

from kkrnlp.segment.patterns import _Candidate, _plain, _Toc
from kkrnlp.segment.runon import cut_run_on
from kkrnlp.segment.titles import cut_inline_value

_LETTER_RE = re.compile(r"^[ \t]*(?P<letter>[a-z])[).][ \t]+(?P<rest>[A-ZÆØÅ].*)$")
_MIN_LETTERS = 2


def letter_sub_items(cands: list[_Candidate], lines: list[str], toc: _Toc) -> list[_Candidate]:
    """Candidates for the lettered sub-items right under the numbered candidates."""
    ordered = sorted(cands, key=lambda c: c.line)
    out: list[_Candidate] = []
    for i, parent in enumerate(ordered):
        stop = ordered[i + 1].line if i + 1 < len(ordered) else len(lines)
        first = parent.line + 1
        while first < stop and not lines[first].strip():
            first += 1
        if parent.tail or first >= stop:
            continue  # the heading ran on into text: its letters are the text's
        found = _run(parent, lines, first, stop, toc)
        if len(found) >= _MIN_LETTERS:
            out.extend(found)
    return out


def _run(
    parent: _Candidate, lines: list[str], first: int, stop: int, toc: _Toc
) -> list[_Candidate]:
    found: list[_Candidate] = []
    expected = "a"
    for k in range(first, stop):
        match = _LETTER_RE.match(_plain(lines[k]))
        if k == first and (match is None or match.group("letter") != "a"):
            return []
        if match is None or k in toc.lines:
            continue
        if match.group("letter") != expected:
            break
        rest = match.group("rest").strip()
        title, tail = cut_run_on(rest)
        if not tail:
            title, tail = cut_inline_value(rest)
        number = (*parent.number, ord(expected) - ord("a") + 1)
        raw = f"{parent.raw_number.rstrip('.')}.{expected}"
        found.append(_Candidate(k, number, raw, title, tail=tail, lettered=True))
        expected = chr(ord(expected) + 1)
    return found
