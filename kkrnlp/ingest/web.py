"""HTML -> text with BeautifulSoup (lxml), one block element per paragraph.

Navigation, scripts, styles and forms are dropped, and so are elements a
page marks as chrome by their role, id or class (cookie banners, breadcrumbs,
share buttons, skip links, search) and the site's own ``<footer>`` outside the
main content; the page's ``<header>`` is kept because council case pages
print the meeting date and place there. What a page does not mark is left to
the furniture step of :mod:`kkrnlp.ingest.clean`.
Headings and ``<strong>``/``<b>`` come out as ``**bold**``, ``<em>``/``<i>``
as ``*italic*``, list entries as ``"- "`` or ``"1. "`` (an ``<ol>`` keeps its
numbers, as the reader sees them), table rows as tab-separated cells.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_DROP = {
    "script", "style", "noscript", "template", "nav", "form", "button", "select",
    "svg", "iframe", "object", "head", "aside",
}  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "body", "html",
    "blockquote", "pre", "address", "figure", "figcaption", "details", "summary",
    "dl", "dt", "dd", "ul", "ol", "table", "caption", "thead", "tbody", "tfoot", "center",
}  # fmt: skip
_CHROME_ROLES = {"navigation", "search", "contentinfo", "dialog", "alertdialog"}
# Words in an element's id or class that mark page chrome, not content.
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:cookie\w*|consent|gdpr|breadcrumbs?|brødkrumme\w*|skip-?link\w*|"
    r"share|sharing|some-?links|del-?links|print-?link|back-?to-top|to-?top|"
    r"site-?footer|searchbox|search-?form)(?:$|[-_\s])",
    re.IGNORECASE,
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# A failed download saved under the agenda's name: the server's error page. Only a short
# page is judged, and only by an error phrase (a bare "404" may be an item's number).
_ERROR_PAGE_CHARS = 2000
_ERROR_PAGE_RE = re.compile(
    r"\b(?:(?:fejl|error|http)\s*(?:kode\s*)?[45]\d\d\b|"
    r"[45]\d\d\s*[-:–]?\s*(?:not found|forbidden|internal server error|bad gateway|"
    r"service unavailable|ikke fundet)|page not found|"
    r"siden (?:blev ikke fundet|findes ikke|kunne ikke findes)|"
    r"adgang nægtet|access denied)",
    re.IGNORECASE,
)
_BOLD = {"strong", "b"}
_ITALIC = {"em", "i"}


def error_page_line(text: str) -> str | None:
    """The line of a short web page that says it is a server's error page, else None.

    >>> error_page_line("Fejl\\n404 Siden findes ikke\\nGå til forsiden")
    '404 Siden findes ikke'
    """
    if len(text) > _ERROR_PAGE_CHARS:
        return None
    for line in text.splitlines():
        if _ERROR_PAGE_RE.search(line):
            return " ".join(line.replace("*", " ").split())[:80]
    return None


def read_html(path: Path) -> str:
    """Text of an HTML page; see the module docstring for what is kept."""
    data = path.read_bytes()
    return html_to_text(data)


def html_to_text(markup: str | bytes) -> str:
    """Convert HTML to text lines with Markdown-style emphasis.

    >>> html_to_text("<h2>Indstilling</h2><p>At <b>følgende</b> besluttes:</p><ul><li>A</li></ul>")
    '**Indstilling**\\n\\nAt **følgende** besluttes:\\n\\n- A\\n'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in [tag for tag in soup.find_all(True) if _is_chrome(tag)]:
        if not tag.decomposed:
            tag.decompose()
    writer = _Writer()
    writer.walk(soup.body or soup)
    text = writer.result()
    logger.debug("converted %d characters of HTML to %d of text", len(markup), len(text))
    return text


_BARE_NUMBER = re.compile(r"(?:\*\*)?\d{1,3}(?:\.\d{1,2})*\.?(?:\*\*)?")


def layout_row_line(firsts: list[str]) -> str:
    """The first lines of a layout row's cells; an item number cell joins its title cell.

    >>> layout_row_line(["13.", "**Eventuelt**", "Bilag 2"])
    '13. **Eventuelt**\\tBilag 2'
    """
    cells = [cell.strip() for cell in firsts]
    if len(cells) > 1 and _BARE_NUMBER.fullmatch(cells[0]):
        cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
    return "\t".join(cells)


def _is_chrome(tag: Any) -> bool:
    """Whether an element is page chrome by its role, id, class or place (a site footer)."""
    if tag.attrs is None:
        return False
    if str(tag.get("role", "")).lower() in _CHROME_ROLES:
        return True
    marks = " ".join([str(tag.get("id", "")), *tag.get("class", [])])
    if marks.strip() and _CHROME_WORDS.search(marks):
        return True
    return tag.name == "footer" and tag.find_parent(["main", "article"]) is None


class _Writer:
    """Walk the tree once, collecting finished lines and the line being built."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.list_index: dict[int, int] = {}

    def result(self) -> str:
        self.flush()
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip("\n") + "\n"

    def flush(self, gap: bool = False) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.current)).strip()
        text = text.replace("\x01", "\n")
        text = "\n".join(part.strip() for part in text.split("\n"))
        self.current = []
        if text:
            self.lines.append(text)
        if gap and self.lines and self.lines[-1]:
            self.lines.append("")

    def table_row(self, cells: list[list[str]]) -> None:
        """A data row as one tab-separated line; a layout row's paragraphs as paragraphs.

        A page laid out in a table (an item's heading and its text as blocks of
        one cell) must give the same lines as the text and PDF forms.
        """
        if all(len(lines) <= 1 for lines in cells):
            texts = [lines[0].strip() if lines else "" for lines in cells]
            if any(texts):
                self.lines.append("\t".join(texts))
            return
        filled = [lines for lines in cells if lines]
        if len(filled) > 1:
            self.lines.append(layout_row_line([lines[0] for lines in filled]))
            filled = [lines[1:] for lines in filled]
        for lines in filled:
            for line in lines:
                self.lines += [line.strip(), ""]

    def inline(self, node: Any, marker: str) -> None:
        """Wrap an inline element's text in ``marker`` unless it is empty."""
        before = len(self.current)
        self.walk_children(node)
        inner = "".join(self.current[before:])
        del self.current[before:]
        core = re.sub(r"\s+", " ", inner).strip()
        if not core:
            self.current.append(inner)
            return
        lead = " " if inner[:1].isspace() else ""
        tail = " " if inner[-1:].isspace() else ""
        self.current.append(f"{lead}{marker}{core}{marker[::-1]}{tail}")

    def walk_children(self, node: Any) -> None:
        for child in node.children:
            self.walk(child)

    def walk(self, node: Any) -> None:
        from bs4 import Comment, NavigableString, Tag

        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            self.current.append(str(node))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "br":
            self.current.append("\x01")
        elif name in _HEADINGS:
            self.flush(gap=True)
            self.inline(node, "**")
            self.flush(gap=True)
        elif name in _BOLD:
            self.inline(node, "**")
        elif name in _ITALIC:
            self.inline(node, "*")
        elif name == "li":
            self.flush()
            parent = node.parent
            if parent is not None and parent.name == "ol":
                start = (
                    int(parent.get("start", 1)) if str(parent.get("start", "1")).isdigit() else 1
                )
                index = self.list_index.get(id(node))
                if index is None:
                    # Number every entry of the list once: linear, however long the list.
                    items = parent.find_all("li", recursive=False)
                    self.list_index.update((id(item), k) for k, item in enumerate(items))
                    index = self.list_index.get(id(node), 0)
                self.current.append(f"{start + index}. ")
            else:
                self.current.append("- ")
            self.walk_children(node)
            self.flush()
        elif name == "tr":
            self.flush()
            cells = []
            for cell in node.find_all(["td", "th"], recursive=False):
                sub = _Writer()
                sub.walk_children(cell)
                cells.append([line for line in sub.result().split("\n") if line.strip()])
            self.table_row(cells)
        elif name == "hr":
            self.flush(gap=True)
        elif name in _BLOCK:
            self.flush(gap=name not in ("ul", "ol", "dl", "table", "tbody", "thead"))
            self.walk_children(node)
            self.flush(gap=True)
        else:
            self.walk_children(node)
