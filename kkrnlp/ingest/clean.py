"""Clean extracted agenda text into tidy lines for the segmenter.

Readers hand over text with pages separated by form feeds (``\\f``) and
Markdown-style emphasis (``**bold**``, ``*italic*``) where the source had it;
the emphasis is kept because the segmenter reads it as evidence (a bold
numbered line is likely an item heading). :func:`clean_text` then, in order:

1. normalizes unicode: NFC, no-break and odd spaces, soft hyphens, ligatures,
   control characters; PDFium's end-of-line hyphen marks become hyphen joins;
   Markdown pipe tables become tab-separated rows like other extracted tables;
2. collapses "double spaced" extractions (every printed line followed by an
   empty line, a common PDF-to-text artefact): there one empty line means
   nothing, a longer run or a whitespace-only line a paragraph break;
3. removes page furniture: running headers and footers ("KKR Syddanmark |
   14-03-2024 SIDE | 5", "Side 3 af 12", a line repeated at the edge of most
   pages) and page breaks, joining the text on both sides when a sentence runs
   on; the removed lines are kept in :attr:`CleanText.footers`;
4. turns bullets ("•", "–", "*", symbol-font private-use glyphs) into ``"- "``;
5. mends line-break hyphens ("Sund-" + "hedsaftalen" -> "Sundhedsaftalen",
   "KKR-" + "mødet" -> "KKR-mødet", "2024-" + "27" -> "2024-27", while
   "erhvervs-" + "og ..." keeps its hyphen), keeping the line structure;
6. strips lines, collapses runs of spaces (tabs are kept: they separate table
   cells such as a table of contents) and keeps at most one empty line in a row.

Lines stay lines on purpose: headings such as ``Baggrund`` or ``3.2. Titel``
are found line by line. :func:`reflow` joins wrapped lines into paragraphs once
the segmenter knows where a section's text is, and :attr:`CleanText.wrap_width`
tells it how wide the source wrapped its lines.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

PAGE_BREAK = "\f"

# PDFium marks a hyphen it removed at a line end with U+FFFE (get_text_range)
# or U+0002 (get_text_bounded) and puts both halves of the word on one line.
_PDFIUM_HYPHEN = re.compile(r"(\w+)[\ufffe\x02](\S*)")

_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)

# Bullet glyphs seen in extracted agendas, incl. the Symbol/Wingdings
# private-use code points that PDF and Word extraction leave behind.
_BULLET_CHARS = "•●◦▪■□▫➢➤►▶✓✔·∙\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071"
_BULLET = re.compile(rf"^(?:[{_BULLET_CHARS}]\s*|[-–—*+]\s+)(?=\S)")
_LONE_BULLET = re.compile(rf"^[{_BULLET_CHARS}\-–—*+]$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")

# After these words a hyphen at the line end marks a suspended compound
# ("erhvervs- og ferieturisme"), not a broken word.
_SUSPENSION_WORDS = {"og", "eller", "samt", "til", "el", "som", "men", "and", "or"}

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:side|page)\s*\|?\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?
      | .{0,80}\|.{0,40}?\b(?:side|page)\s*\|?\s*\d{1,4}
      | [-–]\s*\d{1,4}\s*[-–]
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that repeat at page tops for a reason: item headings, case numbers,
# section headings. Never page furniture, however often they recur.
_STRUCTURE = re.compile(
    r"^(?:\**\d{1,3}(?:\.\d{1,2})*\.?\s|sag-|sags?nr|j\.?\s?nr|[A-Za-zÆØÅæøå]+:?$)", re.IGNORECASE
)
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
_TERMINAL = re.compile(r"[.!?:;]['\"”’)*]*$")
_LIST_START = re.compile(r"^(?:- |\*\*|\./\.|\d{1,2}[.)]\s|[a-zæøå][.)]\s|\(\w{1,3}\)\s)")
_DATE_START = re.compile(
    r"^\d{1,2}\.\s+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)", re.IGNORECASE
)


@dataclass
class CleanSettings:
    """Which cleaning steps run. All on by default."""

    collapse_double_spacing: bool = True
    remove_page_furniture: bool = True
    normalize_bullets: bool = True
    dehyphenate: bool = True


@dataclass
class CleanText:
    """Clean agenda text as lines, plus what cleaning learned on the way.

    ``lines``: one printed line each, ``""`` for a paragraph break, emphasis
    markup kept. ``wrap_width``: the width the source wrapped its lines at (PDF
    text), or None when a line is a whole paragraph (DOCX, HTML, Markdown).
    ``footers``: the header and footer lines removed, in order.
    """

    lines: list[str]
    wrap_width: int | None = None
    footers: list[str] = field(default_factory=list)
    pages: int = 1

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def footer_dates(self) -> list[str]:
        """Removed header/footer lines that print a date (the meeting date, as a rule)."""
        return [m.group(0) for line in self.footers if (m := _DATE.search(line))]

    def __str__(self) -> str:
        return self.text


def clean_text(text: str, settings: CleanSettings | None = None) -> CleanText:
    """Clean extracted agenda text; see the module docstring for the steps.

    >>> clean_text("Møde i Sund-\\nhedsudvalget\\n\\n•  Punkt et").lines
    ['Møde i Sundhedsudvalget', '', '- Punkt et']
    """
    settings = settings or CleanSettings()
    pages = text.count(PAGE_BREAK) + 1
    lines = [_pipe_row(line) for line in _normalize_unicode(text).split("\n")]
    if settings.collapse_double_spacing and _is_double_spaced(lines):
        lines = _collapse_double_spacing(lines)
    footers: list[str] = []
    flags = _furniture_flags(lines) if settings.remove_page_furniture else None
    lines = _remove_furniture(lines, flags, footers)
    lines = [line.strip() for line in lines]
    if settings.normalize_bullets:
        lines = [_BULLET.sub("- ", line) for line in lines]
    lines = [line for line in lines if not _LONE_BULLET.match(line) and not _RULE.match(line)]
    if settings.dehyphenate:
        lines = dehyphenate(lines)
    lines = _tidy(lines)
    return CleanText(
        lines=lines, wrap_width=estimate_wrap_width(lines), footers=footers, pages=pages
    )


# ----------------------------------------------------------------- unicode


def _normalize_unicode(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x0b", "\n")
    # Page breaks become lines of their own so the line logic can see them.
    text = re.sub(r"[ \t]*\f[ \t]*", "\n\f\n", text)
    text = _PDFIUM_HYPHEN.sub(
        lambda m: _hyphen_join(m.group(1), m.group(2)) or f"{m.group(1)}-{m.group(2)}", text
    )
    text = _INVISIBLE.sub("", text).translate(_LIGATURES)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text)


def _pipe_row(line: str) -> str:
    """A Markdown table row ``| a | b |`` -> ``a\\tb``; its ``|---|`` rule -> empty."""
    stripped = line.strip()
    if len(stripped) < 3 or not (stripped.startswith("|") and stripped.endswith("|")):
        return line
    cells = [cell.strip() for cell in stripped[1:-1].split("|")]
    if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells):
        return ""
    return "\t".join(cells)


# ----------------------------------------------------------- double spacing


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_double_spaced(lines: list[str]) -> bool:
    """True when text lines come one per paragraph *and* sentences run across the gaps.

    The second test keeps Markdown (one paragraph per line, empty lines between)
    out: its gaps fall between sentences, a double-spaced extraction's inside them.
    """
    text_idx = [i for i, line in enumerate(lines) if not _is_blank(line) and line != PAGE_BREAK]
    if len(text_idx) < 10:
        return False
    adjacent = sum(1 for i in text_idx if i + 1 < len(lines) and not _is_blank(lines[i + 1]))
    if adjacent / len(text_idx) >= 0.15:
        return False
    gaps = mid_sentence = 0
    for i in text_idx:
        if i + 2 < len(lines) and lines[i + 1] == "" and not _is_blank(lines[i + 2]):
            gaps += 1
            nxt = lines[i + 2].strip()
            if not _TERMINAL.search(lines[i].rstrip()) and nxt[:1].islower():
                mid_sentence += 1
    return gaps > 0 and mid_sentence / gaps >= 0.2


def _collapse_double_spacing(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _is_blank(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and _is_blank(lines[j]):
            j += 1
        if j - i > 1 or lines[i] != "":
            out.append("")
        i = j
    return out


# --------------------------------------------------------------- furniture


def _normalize_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _furniture_flags(lines: list[str]) -> list[bool]:
    """Mark running headers, footers and page numbers."""
    flags = [bool(_PAGE_NUMBER.match(line.strip())) for line in lines]
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE_BREAK:
            pages.append([])
        elif not _is_blank(line):
            pages[-1].append(i)
    pages = [page for page in pages if page]
    if len(pages) >= 3:
        # Running heads sit at the very top or bottom of most pages, the same
        # line each time but for a page number or date.
        for side in (0, -1):
            edge = [page[side] for page in pages]
            seen = Counter(_normalize_furniture(lines[i]) for i in edge)
            for i in edge:
                count = seen[_normalize_furniture(lines[i])]
                if count >= max(2, 0.5 * len(pages)) and not _STRUCTURE.match(lines[i].strip()):
                    flags[i] = True
    for k, page in enumerate(pages):
        # A bare page number as a page's first or last line (not the document's
        # first line, which may be a year).
        for i in {page[0], page[-1]} - ({page[0]} if k == 0 else set()):
            if re.fullmatch(r"\d{1,4}", lines[i].strip()):
                flags[i] = True
    # Without page breaks: a short "Body | date" line repeated verbatim is a footer.
    repeated = Counter(line.strip() for line in lines if "|" in line and _DATE.search(line))
    for i, line in enumerate(lines):
        if repeated[line.strip()] >= 2 and len(line.strip()) <= 80:
            flags[i] = True
    # A "Body | date" line just above a page-number line belongs to the same footer.
    for i, line in enumerate(lines):
        if flags[i] and _PAGE_NUMBER.match(line.strip()):
            j = i - 1
            while j >= 0 and _is_blank(lines[j]):
                j -= 1
            if j >= 0 and "|" in lines[j] and len(lines[j].strip()) <= 80:
                flags[j] = True
    return flags


def _continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` carries on the sentence of ``prev`` across a removed page edge."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt:
        return False
    return not _TERMINAL.search(prev)


def _remove_furniture(lines: list[str], flags: list[bool] | None, footers: list[str]) -> list[str]:
    """Drop flagged lines and page breaks; join across them where a sentence runs on."""
    flags = flags or [False] * len(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (flags[i] or lines[i] == PAGE_BREAK or _is_blank(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        j, cut = i, False
        while j < len(lines) and (flags[j] or lines[j] == PAGE_BREAK or _is_blank(lines[j])):
            if flags[j]:
                footers.append(lines[j].strip())
            cut = cut or flags[j] or lines[j] == PAGE_BREAK
            j += 1
        nxt = lines[j] if j < len(lines) else ""
        joins = cut and out and not _is_blank(out[-1]) and _continues(out[-1], nxt)
        if not joins:
            out.append("")
        i = j
    return out


# ------------------------------------------------------------- hyphenation


def _hyphen_join(left: str, right: str) -> str | None:
    """How to join a word broken as ``left-`` + ``right``; None to leave it broken."""
    if not left or not right:
        return None
    if right.lower().rstrip(".,") in _SUSPENSION_WORDS:
        return None
    if left[-1].isdigit() or right[0].isdigit() or (left.isupper() and len(left) <= 6):
        return f"{left}-{right}"  # "2024-27", "KKR-mødet", "CO2-udledning"
    if right[0].islower():
        return left + right
    return None


_SPACED_HYPHEN = re.compile(r"(?<=[a-zæøåéü])- (?=([a-zæøåéü]+))")


def _join_spaced_hyphen(match: re.Match) -> str:
    # "uddan- nelse" is a line break the extractor turned into a space;
    # "social- og sundhed" is a real suspended compound.
    return "- " if match.group(1) in _SUSPENSION_WORDS else ""


def dehyphenate(lines: list[str]) -> list[str]:
    """Mend words broken by a hyphen at a line end, keeping the line structure.

    The second half of the word moves up; the rest of the next line stays put,
    so headings and paragraph breaks are not disturbed.

    >>> dehyphenate(["møde i KKR Ho-", "vedstaden den 3. maj."])
    ['møde i KKR Hovedstaden', 'den 3. maj.']
    >>> dehyphenate(["erhvervs-", "og ferieturisme", "en uddan- nelse"])
    ['erhvervs-', 'og ferieturisme', 'en uddannelse']
    """
    out = [_SPACED_HYPHEN.sub(_join_spaced_hyphen, line) for line in lines]
    i = 0
    while i < len(out) - 1:
        match = re.search(r"(?<![\s\-–])(\w+)-$", out[i])
        nxt = out[i + 1]
        if match and nxt and not _BULLET.match(nxt):
            first, _, rest = nxt.partition(" ")
            word = re.match(r"\w[\w-]*", first)
            joined = _hyphen_join(match.group(1), word.group(0)) if word else None
            if word is not None and joined is not None:
                out[i] = out[i][: match.start()] + joined + first[word.end() :]
                if rest.strip():
                    out[i + 1] = rest.strip()
                else:
                    del out[i + 1]
                    continue  # the joined line may end in another broken word
        i += 1
    return out


# ------------------------------------------------------------------- tidy


def _tidy(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        line = re.sub(r" *\t *", "\t", line).strip(" ")
        line = re.sub(r" {2,}", " ", line)
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


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


# ------------------------------------------------------------------ reflow


def reflow(lines: list[str], wrap: int | None = None) -> list[str]:
    """Join wrapped lines into paragraphs, one paragraph per returned line.

    Empty lines end a paragraph and are dropped; bullets (``"- "``) and numbered
    list entries start a new one. A line joins the one before when it starts in
    lower case, when the one before ends mid-sentence (a comma, or no full stop
    with ``wrap`` known and the line before nearly full).

    >>> reflow(["Det indstilles, at KKR godkender", "aftalen.", "", "- punkt", "to"])
    ['Det indstilles, at KKR godkender aftalen.', '- punkt to']
    """
    out: list[str] = []
    prev = ""  # the last raw line, to judge whether it was wrapped
    for raw in lines:
        line = raw.strip()
        if not line:
            prev = ""
            continue
        if prev and _joins(prev, line, wrap):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        prev = line
    return out


def _joins(prev: str, line: str, wrap: int | None) -> bool:
    if _LIST_START.match(line) and not _DATE_START.match(line):
        return False
    first = line[0]
    if first.islower():
        return True
    if _TERMINAL.search(prev):
        return False
    if prev.endswith((",", "-", "–", "(", "og", "eller")) or first.isdigit():
        return True
    return bool(wrap and len(prev) >= 0.7 * wrap)


# ------------------------------------------------------------------ markup

_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),  # ATX heading marks
    (re.compile(r"^\s*>\s?"), ""),  # block quote
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> their text
    (re.compile(r"\s*\(link\)", re.I), ""),  # "(link)" left where a hyperlink was
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    # Emphasis opened on one line and closed on the next ("**3. Titel over" +
    # "to linjer**") leaves lone markers behind.
    (re.compile(r"\*\*"), ""),
    (re.compile(r"^\*(?=\S)|(?<=[^\s\\])\*$"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
]


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
    return re.sub(r"[ ]{2,}", " ", line).strip()
