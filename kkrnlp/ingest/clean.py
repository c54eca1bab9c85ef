"""Clean extracted agenda text so the segmenter sees one tidy line per printed line.

The readers hand over text in which pages are separated by form feeds
(``\\f``). Cleaning, in this order:

1. unicode: NFC, no-break and odd spaces, soft hyphens, ligatures, control
   characters; PDFium's end-of-line hyphen marks become real line-break hyphens;
2. "double spaced" extractions (every printed line followed by an empty line,
   a common PDF-to-text artefact) are collapsed: one empty line means nothing,
   two or more mean a paragraph break;
3. page furniture: running headers and footers ("KKR Syddanmark | 14-03-2024
   SIDE | 5", "Side 3 af 12", a line repeated at the edge of most pages) are
   removed, and the text on both sides is joined when a sentence runs on;
4. the table of contents is removed (its entries are returned, see
   :mod:`kkrnlp.ingest.toc`);
5. bullets ("•", "–", private-use symbol-font bullets) become ``"- "``;
6. line-break hyphens are mended ("Sund-" + "hedsaftalen" -> "Sundhedsaftalen",
   "KKR-" + "mødet" -> "KKR-mødet", "2024-" + "27" -> "2024-27"; "erhvervs-"
   + "og ..." keeps its hyphen), keeping the line structure;
7. whitespace: lines stripped, runs of spaces collapsed (tabs kept), at most one
   empty line in a row.

Line structure is kept on purpose: headings such as ``Baggrund`` or
``3.2. Titel`` are lines, and the segmenter finds them by line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kkrnlp.ingest.toc import TocEntry, strip_toc

PAGE_BREAK = "\f"

# PDFium marks a hyphen it removed at a line end with U+FFFE (get_text_range)
# or U+0002 (get_text_bounded) and joins the two halves on one line.
_PDFIUM_HYPHEN = "\ufffe\x02"
_HYPHEN_MARK = "\x00"

_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x01\x03-\x08\x0b\x0e-\x1f\x7f]")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)

# Bullet glyphs seen in extracted agendas, incl. Symbol/Wingdings private-use
# code points that PDF and Word extraction leave behind.
_BULLET_CHARS = "•●◦▪■□▫➢➤►▶✓✔·∙\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071"
_BULLET = re.compile(rf"^\s*(?:[{_BULLET_CHARS}]\s*|[-–—*+](?=\s))\s*(?=\S)")

# Words after which a hyphen at the line end is a suspended compound
# ("erhvervs- og ferieturisme"), not a broken word.
_SUSPENSION_WORDS = {"og", "eller", "samt", "til", "el", "som", "men", "and", "or"}

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:side|page|s\.)\s*\|?\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?
      | .{0,80}?\|\s*(?:side|page)\s*\|?\s*\d{1,4}
      | [-–]\s*\d{1,4}\s*[-–]
      | \d{1,4}\s*/\s*\d{1,4}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
_TERMINAL = re.compile(r"[.!?:;]['\"”’)]*$")


@dataclass
class CleanSettings:
    """Which cleaning steps run. All on by default."""

    collapse_double_spacing: bool = True
    remove_page_furniture: bool = True
    remove_toc: bool = True
    normalize_bullets: bool = True
    dehyphenate: bool = True


@dataclass
class CleanResult:
    """Clean text plus what was taken out of it."""

    text: str
    toc: list[TocEntry] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)
    pages: int = 1


def clean_text(text: str, settings: CleanSettings | None = None) -> str:
    """Clean extracted agenda text; see the module docstring for the steps.

    >>> clean_text("Sund-\\nhedsaftalen er klar.\\n\\n•  Punkt et")
    'Sundhedsaftalen\\ner klar.\\n\\n- Punkt et'
    """
    return clean(text, settings).text


def clean(text: str, settings: CleanSettings | None = None) -> CleanResult:
    """Like :func:`clean_text`, and also return the TOC entries and removed lines."""
    settings = settings or CleanSettings()
    pages = text.count(PAGE_BREAK) + 1
    lines = _normalize_unicode(text).split("\n")
    if settings.collapse_double_spacing and _is_double_spaced(lines):
        lines = _collapse_double_spacing(lines)
    removed: list[str] = []
    lines = _remove_furniture(lines, removed, enabled=settings.remove_page_furniture)
    toc: list[TocEntry] = []
    if settings.remove_toc:
        lines, toc = strip_toc(lines)
    if settings.normalize_bullets:
        lines = [_BULLET.sub("- ", line) for line in lines]
    if settings.dehyphenate:
        lines = dehyphenate(lines)
    lines = [line.replace(_HYPHEN_MARK, "-") for line in lines]
    return CleanResult(text=_tidy(lines), toc=toc, removed_lines=removed, pages=pages)


def _normalize_unicode(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    # Keep page breaks as lines of their own so the line logic can see them.
    text = re.sub(r"[ \t]*\f[ \t]*", "\n\f\n", text)
    text = re.sub(rf"[{_PDFIUM_HYPHEN}]", _HYPHEN_MARK, text)
    text = _INVISIBLE.sub("", text).translate(_LIGATURES)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text)


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_double_spaced(lines: list[str]) -> bool:
    """True when nearly every text line is followed by exactly one empty line."""
    text_lines = [i for i, line in enumerate(lines) if not _is_blank(line) and line != PAGE_BREAK]
    if len(text_lines) < 10:
        return False
    adjacent = sum(
        1 for i in text_lines if i + 1 < len(lines) and not _is_blank(lines[i + 1])
    )
    return adjacent / len(text_lines) < 0.15


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
        run = lines[i:j]
        # In these extractions a paragraph break shows as a whitespace-only
        # line or a longer run; a single truly empty line is just the spacing.
        if len(run) > 1 or run[0] != "":
            out.append("")
        i = j
    return out


def _normalize_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _furniture_flags(lines: list[str]) -> list[bool]:
    """Mark running headers, footers and page numbers."""
    flags = [bool(_PAGE_NUMBER.match(line.strip())) for line in lines]
    # Page edges: the first and last few text lines of each page.
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE_BREAK:
            pages.append([])
        elif not _is_blank(line):
            pages[-1].append(i)
    edges = [page[:3] + page[-3:] for page in pages if page]
    n_pages = len(edges)
    if n_pages >= 2:
        seen: Counter[str] = Counter()
        for edge in edges:
            seen.update({_normalize_furniture(lines[i]) for i in edge})
        for edge in edges:
            for i in edge:
                key = _normalize_furniture(lines[i])
                count = seen[key]
                marked = "#" in key or "|" in key
                if count >= 2 and (
                    (marked and count >= max(2, 0.4 * n_pages))
                    or (n_pages >= 4 and count >= 0.6 * n_pages)
                ):
                    flags[i] = True
                # A bare page number at a page edge.
                if re.fullmatch(r"\d{1,4}", lines[i].strip()) and i in (edge[0], edge[-1]):
                    flags[i] = True
    # Without page breaks: a short "Body | date" line repeated verbatim is a footer.
    exact = Counter(line.strip() for line in lines if "|" in line and _DATE.search(line))
    for i, line in enumerate(lines):
        stripped = line.strip()
        if exact.get(stripped, 0) >= 2 and len(stripped) <= 80:
            flags[i] = True
    # A "Body | date" line right above a page-number line belongs to the footer.
    for i, flagged in enumerate(flags):
        if flagged and _PAGE_NUMBER.match(lines[i].strip()):
            j = i - 1
            while j >= 0 and _is_blank(lines[j]):
                j -= 1
            if j >= 0 and "|" in lines[j] and len(lines[j].strip()) <= 80:
                flags[j] = True
    return flags


def _continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` continues the sentence of ``prev`` across a page break."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt:
        return False
    if re.search(r"\w[-\x00]$", prev) and (nxt[0].islower() or nxt[0].isdigit()):
        return True
    return not _TERMINAL.search(prev) and nxt[0].islower()


def _remove_furniture(lines: list[str], removed: list[str], *, enabled: bool) -> list[str]:
    flags = _furniture_flags(lines) if enabled else [False] * len(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (flags[i] or lines[i] == PAGE_BREAK or _is_blank(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        # A gap: blank lines, page breaks and furniture between two text lines.
        j = i
        cut = False
        while j < len(lines) and (flags[j] or lines[j] == PAGE_BREAK or _is_blank(lines[j])):
            if flags[j]:
                removed.append(lines[j].strip())
                cut = True
            cut = cut or lines[j] == PAGE_BREAK
            j += 1
        prev = next((line for line in reversed(out) if not _is_blank(line)), "")
        nxt = lines[j] if j < len(lines) else ""
        if not (cut and out and not _is_blank(out[-1]) and _continues(prev, nxt)):
            out.append("")
        i = j
    return out


def _hyphen_join(left: str, right: str) -> str | None:
    """How to join a word broken as ``left-`` / ``right``; None to leave it."""
    if not right or not left:
        return None
    if right.lower().strip(".,") in _SUSPENSION_WORDS:
        return None
    if left[-1].isdigit() or (left.isupper() and len(left) <= 6) or right[0].isdigit():
        return left + "-" + right
    if right[0].islower():
        return left + right
    return None


def dehyphenate(lines: list[str]) -> list[str]:
    """Mend words broken by a hyphen at a line end, keeping the line structure.

    The second half of the word moves up; the rest of the next line stays where
    it was, so headings and paragraph breaks are not disturbed.

    >>> dehyphenate(["møde i KKR Ho-", "vedstaden den 3. maj."])
    ['møde i KKR Hovedstaden', 'den 3. maj.']
    """
    out = list(lines)
    i = 0
    while i < len(out):
        # PDFium already joined the halves and left a mark in between.
        if _HYPHEN_MARK in out[i]:
            out[i] = re.sub(
                rf"(\w+){_HYPHEN_MARK}(\S+)",
                lambda m: _hyphen_join(m.group(1), m.group(2))
                or f"{m.group(1)}{_HYPHEN_MARK}{m.group(2)}",
                out[i],
            )
        m = re.search(r"(?<![\s-])(\w+)-$", out[i].rstrip())
        if m and i + 1 < len(out) and out[i + 1].strip() and not out[i + 1].startswith("- "):
            nxt = out[i + 1].strip()
            first, _, rest = nxt.partition(" ")
            word = re.match(r"[\w\-]+", first)
            joined = _hyphen_join(m.group(1), word.group(0)) if word else None
            if joined is not None and word is not None:
                tail = first[word.end() :]
                out[i] = out[i].rstrip()[: m.start()] + joined + tail
                if rest.strip():
                    out[i + 1] = rest.strip()
                else:
                    del out[i + 1]
                    continue
        i += 1
    return out


def _tidy(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        line = re.sub(r" *\t *", "\t", line.strip(" \t")).strip()
        line = re.sub(r" {2,}", " ", line)
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
