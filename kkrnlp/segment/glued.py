"""A listed item's heading glued onto the end of the previous item's last line.

Saved web pages can lose the line break between an item's last paragraph and the next
heading: "Fraværende: Ida Holm (V) deltog i stedet.12. Budgetdialog med MED". When the
list at the top names item 12 with that title and the body never prints it on a line
of its own, the line is split before the number so the heading search finds it.
"""

from __future__ import annotations

import re

from kkrnlp.segment.patterns import _plain, _Toc, number_line

# A number right after a sentence's end (". ", ")" or "." glued on), then a capital.
_GLUED_RE = re.compile(r"(?<=[.)!?])[ \t]*(?P<num>\d{1,3})\.[ \t]+(?=[A-ZÆØÅ\"“”«])")
_KEY_CHARS = 25  # the title's first characters that must follow the number


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _printed_as_heading(lines: list[str], num: str, key: str, skip: set[int]) -> bool:
    for idx, line in enumerate(lines):
        if idx in skip or not line:
            continue
        found = number_line(_plain(line))
        if found is not None and found.num == num and _norm(found.rest).startswith(key):
            return True
    return False


def split_glued_headings(lines: list[str], toc: _Toc) -> list[str]:
    """``lines`` with each glued heading of a listed item moved onto a line of its own.

    Returns ``lines`` itself when nothing is glued, so callers can test identity.

    >>> toc = _Toc(entries={"12": "Budgetdialog med MED"}, lines={0})
    >>> split_glued_headings(["12 Budgetdialog med MED", "Godkendt.12. Budgetdialog med MED"], toc)
    ['12 Budgetdialog med MED', 'Godkendt.', '12. Budgetdialog med MED']
    """
    if not toc.entries:
        return lines
    out: list[str] = []
    changed = False
    for idx, line in enumerate(lines):
        match = None
        if idx not in toc.lines and line:
            for found in _GLUED_RE.finditer(line):
                title = toc.entries.get(found.group("num"))
                key = _norm(title or "")[:_KEY_CHARS]
                after = line[found.start("num") :]
                if (
                    key
                    and found.start() > 0
                    and _norm(after.split(".", 1)[1]).startswith(key)
                    and not _printed_as_heading(lines, found.group("num"), key, toc.lines)
                ):
                    match = found
                    break
        if match is None:
            out.append(line)
            continue
        out.extend([line[: match.start()].rstrip(), line[match.start("num") :]])
        changed = True
    return out if changed else lines
