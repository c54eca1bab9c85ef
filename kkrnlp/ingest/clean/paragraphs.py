"""From clean lines to paragraphs and plain text: wrap width, reflow, markup removal.

The emphasis and link patterns stop at the next marker of their kind (or
look at most a few hundred characters ahead), so a line full of unclosed
markers costs linear time; bold markers are removed paired or not.
"""

from __future__ import annotations

import html
import re

from kkrnlp.danish import MONTH_STEMS
from kkrnlp.ingest.clean.pages import TERMINAL

_LIST_START = re.compile(r"^(?:- |\*\*|\./\.|\d{1,2}[.)]\s|[a-zæøå][.)]\s|\(\w{1,3}\)\s)")
_DATE_START = re.compile(rf"^\d{{1,2}}\.\s+(?:{'|'.join(MONTH_STEMS)})", re.IGNORECASE)


def estimate_wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped source broke its lines at, or None if it did not.

    A wrapped text has many lines just under one width, and those lines are
    followed by more text rather than a paragraph break.
    """
    idx = [i for i, line in enumerate(lines) if line]
    if len(idx) < 20:
        return None
    lengths = sorted(len(lines[i]) for i in idx)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 160:
        return None
    full = [i for i in idx if 0.75 * width <= len(lines[i]) <= 1.1 * width]
    over = sum(1 for i in idx if len(lines[i]) > 1.3 * width)
    if len(full) < 0.3 * len(idx) or over > 0.03 * len(idx):
        return None
    runs_on = sum(1 for i in full if i + 1 < len(lines) and lines[i + 1])
    return width if runs_on >= 0.6 * len(full) else None


def reflow(lines: list[str], wrap: int | None = None) -> list[str]:
    """Join wrapped lines into paragraphs, one paragraph per returned line.

    Empty lines end a paragraph and are dropped; bullets (``"- "``) and numbered
    list entries start a new one. A line joins the one before when it starts in
    lower case, when the one before ends mid-sentence (a comma, or no full stop
    with ``wrap`` known and the line before nearly full).

    >>> reflow(["Det indstilles, at KKR godkender", "aftalen.", "", "- punkt", "to"])
    ['Det indstilles, at KKR godkender aftalen.', '- punkt to']
    """
    paragraphs: list[list[str]] = []  # joined once at the end: linear, not quadratic
    prev = ""  # the last raw line, to judge whether it was wrapped
    for raw in lines:
        line = raw.strip()
        if not line:
            prev = ""
            continue
        if prev and _joins(prev, line, wrap):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        prev = line
    return [" ".join(parts) for parts in paragraphs]


def _joins(prev: str, line: str, wrap: int | None) -> bool:
    if _LIST_START.match(line) and not _DATE_START.match(line):
        return False
    first = line[0]
    if first.islower():
        return True
    if TERMINAL.search(prev):
        return False
    if prev.endswith((",", "-", "–", "(", "og", "eller")) or first.isdigit():
        return True
    return bool(wrap and len(prev) >= 0.7 * wrap)


_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),  # ATX heading marks
    (re.compile(r"^\s*>\s?"), ""),  # block quote
    (re.compile(r"!\[([^\[\]]{0,500})\]\([^()\s]{0,2000}\)"), ""),  # images
    (re.compile(r"\[([^\[\]]{1,500})\]\([^()\s]{0,2000}\)"), r"\1"),  # links -> their text
    (re.compile(r"\s{0,3}\(link\)", re.I), ""),  # "(link)" left where a hyperlink was
    (re.compile(r"<(https?://[^<>\s]{1,2000})>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^<>]{0,1000}>"), ""),  # inline HTML tags
    # Bold: every "**" goes, paired or not (also emphasis opened on one line
    # and closed on the next, "**3. Titel over" + "to linjer**").
    (re.compile(r"\*\*"), ""),
    (re.compile(r"(?<![\w\\])__(?=\S)(.{1,300}?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]{1,1000}?)(?<=[^\s*\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]{1,1000}?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^\*(?=\S)|(?<=[^\s\\])\*$"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
]
_SPACE_RUN = re.compile(r"[ ]{2,}")


def strip_markup(line: str) -> str:
    """Plain text of one line: Markdown emphasis, links, escapes and tags removed.

    >>> strip_markup("**4. Fælles indsats** v. Mette Holm *Det indstilles, at ...*")
    '4. Fælles indsats v. Mette Holm Det indstilles, at ...'
    >>> strip_markup("[Referater kan læses her](https://example.org/r)")
    'Referater kan læses her'
    """
    for pattern, repl in _MD_RULES:
        line = pattern.sub(repl, line)
    if "&" in line and ";" in line:
        line = html.unescape(line)
    return _SPACE_RUN.sub(" ", line).strip()
