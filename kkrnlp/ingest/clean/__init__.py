"""Clean extracted agenda text into tidy lines for the segmenter.

Readers hand over text with pages separated by form feeds (``\\f``) and
Markdown-style emphasis (``**bold**``, ``*italic*``) where the source had it;
the emphasis is kept because the segmenter reads it as evidence (a bold
numbered line is likely an item heading). :func:`clean_text` then, in order:

1. normalizes unicode: NFC, no-break and odd spaces, soft hyphens, ligatures,
   control characters; PDFium's end-of-line hyphen marks become hyphen joins,
   and a page footer PDFium glued onto a word broken at the page's end is set
   apart again; Markdown pipe tables become tab-separated rows
   (:mod:`.normalize`, :mod:`.hyphens`);
2. re-lines PDF text flattened into very long lines: pages of a transcript
   become pages again, headings start new lines (:mod:`.reline`);
3. removes web-page furniture: UI labels, menus, breadcrumbs, cookie banners,
   download viewers, the site footer (:mod:`.furniture`);
   Item numbers glued to the text before them or printed on a line of their
   own are set at the start of their title's line (:mod:`.numbers`);
4. collapses "double spaced" extractions (every printed line followed by an
   empty line): there one empty line means nothing (:mod:`.pages`);
5. removes page furniture: running headers and footers ("KKR Syddanmark |
   14-03-2024 SIDE | 5", "Side 3 af 12", a line repeated at the edge of most
   pages) and page breaks, joining the text on both sides when a sentence runs
   on; the removed lines are kept in :attr:`CleanText.footers` (:mod:`.pages`);
6. turns bullets ("•", "–", "*", symbol-font private-use glyphs) into ``"- "``;
7. mends line-break hyphens ("Sund-" + "hedsaftalen" -> "Sundhedsaftalen",
   "KKR-" + "mødet" -> "KKR-mødet", "2024-" + "27" -> "2024-27", while
   "erhvervs-" + "og ..." keeps its hyphen), keeping the line structure;
8. strips lines, collapses runs of spaces (tabs are kept: they separate table
   cells such as a table of contents) and keeps at most one empty line in a row.

Lines stay lines on purpose: headings such as ``Baggrund`` or ``3.2. Titel``
are found line by line. :func:`reflow` joins wrapped lines into paragraphs once
the segmenter knows where a section's text is, and :attr:`CleanText.wrap_width`
tells it how wide the source wrapped its lines.

Every step is linear in the size of the text: each pass visits every line a
fixed number of times, and every pattern is anchored, bounded or free of
overlapping quantifiers (``tests/ingest/test_clean_bounded.py`` runs the big cases,
``scripts/bench_scaling.py`` measures the growth).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kkrnlp.ingest.clean.furniture import remove_web_furniture
from kkrnlp.ingest.clean.hyphens import (
    BULLET,
    LONE_BULLET,
    RULE,
    dehyphenate,
    mend_pdfium_marks,
    split_page_end_marks,
)
from kkrnlp.ingest.clean.lists import join_wrapped_list_entries, unwrap_flowed_lists
from kkrnlp.ingest.clean.normalize import PAGE_BREAK, normalize_unicode, pipe_row, tidy
from kkrnlp.ingest.clean.numbers import (
    join_bare_number_runs,
    join_lone_numbers,
    split_glued_numbers,
    split_list_restart,
    split_point_minutes,
    zip_number_columns,
)
from kkrnlp.ingest.clean.pages import (
    DATE,
    collapse_double_spacing,
    furniture_flags,
    is_double_spaced,
    remove_furniture,
)
from kkrnlp.ingest.clean.paragraphs import estimate_wrap_width, reflow, strip_markup
from kkrnlp.ingest.clean.reline import (
    join_wrapped_toc_entries,
    reline_long_lines,
    split_glued_labels,
)
from kkrnlp.ingest.clean.transcript import unflatten_transcript

__all__ = [
    "PAGE_BREAK",
    "CleanSettings",
    "CleanText",
    "clean_text",
    "dehyphenate",
    "estimate_wrap_width",
    "reflow",
    "strip_markup",
]


@dataclass
class CleanSettings:
    """Which cleaning steps run. All on by default."""

    collapse_double_spacing: bool = True
    remove_page_furniture: bool = True
    normalize_bullets: bool = True
    dehyphenate: bool = True
    reline_flattened: bool = True
    remove_web_furniture: bool = True


@dataclass
class CleanText:
    """Clean agenda text as lines, plus what cleaning learned on the way.

    ``lines``: one printed line each, ``""`` for a paragraph break, emphasis
    markup kept. ``wrap_width``: the width the source wrapped its lines at (PDF
    text), or None when a line is a whole paragraph (DOCX, HTML, Markdown).
    ``footers``: the page header and footer lines removed, in order.
    ``furniture``: the web-page furniture lines removed (buttons, banners ...).
    ``flattened``: the text came as very long lines and was re-lined, so a
    heading line may still carry the start of the text under it.
    """

    lines: list[str]
    wrap_width: int | None = None
    footers: list[str] = field(default_factory=list)
    pages: int = 1
    furniture: list[str] = field(default_factory=list)
    flattened: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def footer_dates(self) -> list[str]:
        """Removed header/footer lines that print a date (the meeting date, as a rule)."""
        return [m.group(0) for line in self.footers if (m := DATE.search(line))]

    def __str__(self) -> str:
        return self.text


def clean_text(text: str, settings: CleanSettings | None = None) -> CleanText:
    """Clean extracted agenda text; see the module docstring for the steps.

    >>> clean_text("Møde i Sund-\\nhedsudvalget\\n\\n•  Punkt et").lines
    ['Møde i Sundhedsudvalget', '', '- Punkt et']
    """
    settings = settings or CleanSettings()
    text = normalize_unicode(text)
    pages = text.count(PAGE_BREAK) + 1
    if pages > 1:
        text = PAGE_BREAK.join(split_page_end_marks(text.split(PAGE_BREAK)))
    text = mend_pdfium_marks(text)
    # Trailing spaces of web text would hide a line's end from the patterns anchored there.
    lines = [pipe_row(line).rstrip(" ") for line in text.split("\n")]
    flattened = False
    if settings.reline_flattened:
        lines, from_pages = unflatten_transcript(lines)
        lines, from_long = reline_long_lines(unwrap_flowed_lists(lines))
        flattened = from_pages or from_long
        pages = max(pages, lines.count(PAGE_BREAK) + 1)
    furniture: list[str] = []
    if settings.remove_web_furniture:
        lines = split_glued_labels(remove_web_furniture(lines, furniture))
    lines = join_wrapped_toc_entries(
        join_lone_numbers(
            join_bare_number_runs(
                zip_number_columns(
                    split_list_restart(split_glued_numbers(split_point_minutes(lines)))
                )
            )
        )
    )
    lines = join_wrapped_list_entries(lines)
    if settings.collapse_double_spacing and is_double_spaced(lines):
        lines = collapse_double_spacing(lines)
    footers: list[str] = []
    flags = furniture_flags(lines) if settings.remove_page_furniture else None
    lines = remove_furniture(lines, flags, footers)
    lines = [line.strip() for line in lines]
    if settings.normalize_bullets:
        lines = [BULLET.sub("- ", line) for line in lines]
    lines = [line for line in lines if not LONE_BULLET.match(line) and not RULE.match(line)]
    if settings.dehyphenate:
        lines = dehyphenate(lines)
    lines = tidy(lines)
    return CleanText(
        lines=lines,
        wrap_width=estimate_wrap_width(lines),
        footers=footers,
        pages=pages,
        furniture=furniture,
        flattened=flattened,
    )
