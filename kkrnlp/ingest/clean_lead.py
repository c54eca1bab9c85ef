"""Clean extracted agenda text into lines the segmenter can trust.

Readers return text as it comes out of PDF, Word or HTML. This module removes
what the page layout added and the reader of the agenda never sees as content:
page headers and footers ("KKR Hovedstaden | 08-02-2023 SIDE | 11"), lone page
numbers, line-break hyphens ("Ho-\\nvedstaden"), bullet glyphs, link markup and
Markdown escapes. Bold and italic markers (``**``/``*``) are kept: the
segmenter uses them as evidence for titles and title-line recommendations.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Bullet glyphs seen in Word/PDF exports; private-use ones come from Symbol/Wingdings fonts.
_BULLET_RE = re.compile(
    r"^(?:[•●◦▪▫■□►▶➢➤✓✔·∙\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\u2043]|[-–—](?!-)|\*(?!\*))\s+"
)
_BULLET_ONLY_RE = re.compile(r"^[•●◦▪▫■□►▶➢➤✓✔·∙\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2043–—-]$")
_FOOTER_RES = [
    # "KKR Hovedstaden | 08-02-2023" and the "SIDE | 11" line that follows it.
    re.compile(
        r"^[^|]{0,80}\|\s*\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s*(?:\|?\s*side\s*\|?\s*\d+)?$", re.I
    ),
    re.compile(r"^side\s*\|?\s*\d+(?:\s*(?:af|/|of)\s*\d+)?$", re.I),
    re.compile(r"^[^|]{0,80}\|\s*side\s*\|?\s*\d+(?:\s*(?:af|/)\s*\d+)?$", re.I),
    re.compile(r"^(?:page|s\.)\s*\d+(?:\s*(?:of|af|/)\s*\d+)?$", re.I),
    re.compile(r"^\d{1,3}$"),
    re.compile(r"^-\s*\d{1,3}\s*-$"),
]
_FOOTER_DATE_RE = re.compile(r"\|\s*(\d{1,2}[-./]\d{1,2}[-./]\d{2,4})")
_LINK_RE = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)")
_ANGLE_URL_RE = re.compile(r"\(?<(https?://[^>\s]+)>\)?")
_MD_ESCAPE_RE = re.compile(r"\\([\\.\-*_#()\[\]!+>|`])")
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# PDFium marks a hyphen it removed at a line end with U+FFFE or U+0002.
_PDFIUM_HYPHEN_RE = re.compile(r"(\w)[\ufffe\x02](\w)")
# Words after "xxx-" that show the hyphen is a real one ("Arbejds- og Borgerservice").
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "til", "som", "end", "men", "&", "/", "and", "or"}
_SPACED_HYPHEN_RE = re.compile(r"(?<=[a-zæøåéü])- (?=([a-zæøåéü]+))")


@dataclass
class CleanText:
    """Cleaned lines (blank lines kept as ``""``) plus what was stripped off the pages."""

    lines: list[str]
    footers: list[str] = field(default_factory=list)
    wrap_width: int | None = None

    @property
    def footer_dates(self) -> list[str]:
        return [m.group(1) for f in self.footers if (m := _FOOTER_DATE_RE.search(f))]


def normalize(text: str) -> str:
    """Unicode NFC, unified newlines and spaces, no zero-width or soft hyphens."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _PDFIUM_HYPHEN_RE.sub(r"\1\2", text)
    text = text.replace("\ufffe", "").replace("\x02", "")
    text = text.translate(_INVISIBLE)
    text = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a\u2000-\u2006]", " ", text)
    return re.sub(r"[\x00\x01\x03-\x08\x0b\x0e-\x1f\x7f]", " ", text)


def _is_footer(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(rx.match(stripped) for rx in _FOOTER_RES)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _repeated_page_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines at the top or bottom of at least half of the pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        content = [ln for ln in page if ln.strip()]
        counts.update({_shape(ln) for ln in content[:2] + content[-2:]})
    threshold = max(2, len(pages) // 2)
    return {shape for shape, n in counts.items() if n >= threshold and len(shape) < 100}


def _join_spaced_hyphen(match: re.Match) -> str:
    # "uddan- nelse" is a join left by text extraction; "social- og sundhed" is real.
    return "- " if match.group(1) in _KEEP_HYPHEN_BEFORE else ""


def _clean_line(line: str) -> str:
    line = line.replace("\t", "\x00")  # protect tabs (table cells) from space folding
    line = _LINK_RE.sub(r"\1", line)
    line = _ANGLE_URL_RE.sub(r"\1", line)
    line = _MD_ESCAPE_RE.sub(r"\1", line)
    line = re.sub(r"\s+", " ", line).strip()
    line = line.replace("\x00", "\t")
    line = re.sub(r" *\t *", "\t", line).strip("\t ")
    heading = _MD_HEADING_RE.match(line)
    if heading:
        # A Markdown heading is as much a title signal as bold text.
        inner = heading.group(1).strip()
        line = inner if inner.startswith("**") or not inner else f"**{inner}**"
    bullet = _BULLET_RE.match(line)
    if bullet:
        line = "- " + line[bullet.end() :]
    line = line.replace("(link)", "").rstrip()
    return _SPACED_HYPHEN_RE.sub(_join_spaced_hyphen, line)


def _undouble(lines: list[str]) -> list[str]:
    """Drop the blank line some PDF extractors put after every line.

    In such text a single blank line means nothing and a run of two or more
    marks a paragraph break, which is kept as one blank line.
    """
    runs: list[int] = []
    run = 0
    for line in lines:
        if line:
            if run:
                runs.append(run)
            run = 0
        else:
            run += 1
    content = sum(1 for line in lines if line)
    if content < 10 or sum(1 for r in runs if r == 1) < 0.5 * content:
        return lines
    out: list[str] = []
    run = 0
    for line in lines:
        if line:
            if run >= 2 and out:
                out.append("")
            out.append(line)
            run = 0
        else:
            run += 1
    return out


def _dehyphenate(lines: list[str]) -> list[str]:
    """Join words split over lines: 'Ho-' + 'vedstaden den' -> 'Hovedstaden' + 'den'.

    Only the split word moves up, so line lengths (and the wrap width estimated
    from them) stay as printed.
    """
    lines = list(lines)
    for i, line in enumerate(lines):
        if not re.search(r"[A-Za-zÆØÅæøåéü0-9]-$", line) or line.startswith("**"):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip() and j - i <= 2:
            j += 1
        if j >= len(lines) or not lines[j] or lines[j].startswith("- "):
            continue
        nxt = lines[j]
        first, _, rest = nxt.partition(" ")
        if nxt[:1].islower() and first.rstrip(".,;:") not in _KEEP_HYPHEN_BEFORE:
            lines[i] = line[:-1] + first
        elif nxt[:1].islower():
            lines[i] = f"{line} {first}"  # "Arbejds-" + "og": a real hyphen
        elif nxt[:1].isdigit() and line[-2:-1].isdigit():
            lines[i] = line + first  # "2024-" + "27": a range
        else:
            continue
        lines[j] = rest
    return lines


def estimate_wrap_width(lines: list[str]) -> int | None:
    """The column width of hard-wrapped text (PDF), or None for one-line paragraphs."""
    lengths = sorted(len(ln) for ln in lines if len(ln) > 20 and "\t" not in ln)
    if len(lengths) < 20:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 130:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * p90)
    return p90 if near >= 0.3 * len(lengths) else None


def clean_text(raw: str) -> CleanText:
    """Clean raw extracted text into lines.

    >>> clean_text("Baggrund\\nKKR Ho-\\nvedstaden mødes.\\n").lines
    ['Baggrund', 'KKR Hovedstaden', 'mødes.']
    """
    text = normalize(raw)
    pages = [page.split("\n") for page in text.split("\f")]
    repeated = _repeated_page_lines(pages)
    footers: list[str] = []
    lines: list[str] = []
    for page in pages:
        for line in page:
            stripped = line.strip()
            if _is_footer(stripped) or (repeated and _shape(stripped) in repeated):
                footers.append(stripped)
                continue
            if _BULLET_ONLY_RE.match(stripped):
                continue  # a stray bullet glyph on its own line carries nothing
            lines.append(_clean_line(line))
    lines = _dehyphenate(_undouble(lines))
    collapsed: list[str] = []
    for line in lines:
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    while collapsed and not collapsed[-1]:
        collapsed.pop()
    return CleanText(collapsed, footers, estimate_wrap_width(collapsed))


def reflow(lines: list[str], wrap_width: int | None) -> list[str]:
    """Join hard-wrapped lines back into paragraphs; bullets and headings stay apart.

    With ``wrap_width`` None (Word, HTML, one paragraph per line) lines are kept.
    """
    if not wrap_width:
        return [ln for ln in lines if ln]
    out: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        starts_block = line.startswith(("- ", "**", "./.")) or re.match(r"^\d{1,2}[.)]\s", line)
        if out and joinable and not starts_block:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        # A wrapped line runs close to the column edge; a short line ends its paragraph.
        joinable = len(line) >= 0.7 * wrap_width
    return out


_MARKUP_RE = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|__|`")


def strip_markup(text: str) -> str:
    """Remove bold/italic markers: '**3. Titel** *tekst*' -> '3. Titel tekst'."""
    return re.sub(r"\s+", " ", _MARKUP_RE.sub("", text)).strip()
