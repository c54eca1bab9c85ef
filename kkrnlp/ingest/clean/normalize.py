"""Character-level normalisation and the final tidy of cleaned lines.

Every pattern here is a character class or an anchored match: linear in the
length of the text, whatever it holds (a 200 KB line of spaces included).
"""

from __future__ import annotations

import re
import unicodedata

PAGE_BREAK = "\f"

_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_TABLE_RULE = re.compile(r":?-{2,}:?")


def normalize_unicode(text: str) -> str:
    """NFC, one kind of line break and space, no invisible or control characters.

    Page breaks become lines of their own so the line logic can see them.
    PDFium's hyphen marks (U+FFFE, U+0002) are left for the hyphen step.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x0b", "\n")
    if PAGE_BREAK in text:
        # Split and strip rather than a regex with "[ \t]*" on both sides, which
        # would rescan long runs of spaces from every position.
        text = "\n\f\n".join(part.strip(" \t") for part in text.split(PAGE_BREAK))
    text = _INVISIBLE.sub("", text).translate(_LIGATURES)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text)


def pipe_row(line: str) -> str:
    """A Markdown table row ``| a | b |`` -> ``a\\tb``; its ``|---|`` rule -> empty."""
    stripped = line.strip()
    if len(stripped) < 3 or not (stripped.startswith("|") and stripped.endswith("|")):
        return line
    cells = [cell.strip() for cell in stripped[1:-1].split("|")]
    if all(_TABLE_RULE.fullmatch(cell) for cell in cells):
        return ""
    return "\t".join(cells)


def is_blank(line: str) -> bool:
    return not line.strip()


def tidy(lines: list[str]) -> list[str]:
    """Strip lines, one space between words, tabs kept, at most one empty line in a row."""
    out: list[str] = []
    for line in lines:
        if "\t" in line:
            line = "\t".join(cell.strip(" ") for cell in line.split("\t"))
        line = " ".join(part for part in line.strip(" ").split(" ") if part)
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
