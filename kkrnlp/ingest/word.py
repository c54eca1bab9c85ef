"""DOCX -> text with python-docx, keeping what the segmenter needs to see.

Word keeps automatic numbering ("3.2.") out of the paragraph text, so it is
rebuilt from the numbering definitions; without it no item heading would have
its number. Bold and italic runs come out as ``**bold**`` and ``*italic*``
(heading styles count as bold), tables as tab-separated rows, bullets as
``"- "``. Page headers and footers live in separate parts and are not read.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kkrnlp.errors import InputError
from kkrnlp.ingest.web import layout_row_line

logger = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(heading|overskrift|title|titel)\b", re.IGNORECASE)


def read_docx(path: Path) -> str:
    """Text of a Word document, paragraphs separated by empty lines.

    Consecutive list paragraphs and table rows stay on adjacent lines, as a
    list or table reads. Raises InputError for a damaged file.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"cannot read DOCX {path.name}: {exc}") from None
    numbering = _Numbering(document)
    blocks: list[tuple[str, bool]] = []  # (text, tight: no empty line before the next)
    for kind, element in _body_elements(document.element.body):
        if kind == "p":
            blocks.append(_paragraph(element, document, numbering))
        else:
            blocks.extend(_table_blocks(element, document, numbering))
    out: list[str] = []
    for i, (text, tight) in enumerate(blocks):
        out.append(text)
        following_tight = i + 1 < len(blocks) and blocks[i + 1][1]
        if not (tight and following_tight):
            out.append("")
    logger.debug("read %d paragraphs and table rows from %s", len(blocks), path)
    return "\n".join(out).strip("\n") + "\n"


def _body_elements(parent: Any) -> Iterator[tuple[str, Any]]:
    """Paragraphs and tables in reading order, also inside content controls."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield "p", child
        elif child.tag == f"{_W}tbl":
            yield "tbl", child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _paragraph(element: Any, document: Any, numbering: _Numbering) -> tuple[str, bool]:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document._body)
    style = paragraph.style
    heading = bool(style is not None and _HEADING_STYLE.match(style.name or ""))
    style_bold = heading or bool(style is not None and style.font.bold)
    style_italic = bool(style is not None and style.font.italic)
    pieces: list[tuple[str, bool, bool]] = []
    for run in _runs(paragraph):
        bold = style_bold if run.bold is None else bool(run.bold)
        italic = style_italic if run.italic is None else bool(run.italic)
        pieces.append((run.text, bold, italic))
    text = _emphasize(pieces)
    label, is_bullet = numbering.label(paragraph)
    if label is not None and text.strip():
        text = f"- {text.lstrip()}" if is_bullet else f"{label} {text.lstrip()}"
    return text, label is not None


def _runs(paragraph: Any) -> Iterator[Any]:
    for item in paragraph.iter_inner_content():
        if hasattr(item, "runs") and not hasattr(item, "bold"):  # a hyperlink
            yield from item.runs
        else:
            yield item


def _emphasize(pieces: list[tuple[str, bool, bool]]) -> str:
    """Join run texts, wrapping bold and italic stretches in Markdown markers per line."""
    merged: list[list[Any]] = []
    for text, bold, italic in pieces:
        if not text:
            continue
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    parts: list[str] = []
    for text, bold, italic in merged:
        marker = ("**" if bold else "") + ("*" if italic else "")
        if not marker:
            parts.append(text)
            continue
        lines = []
        for line in text.split("\n"):
            core = line.strip()
            if not core:
                lines.append(line)
                continue
            lead = line[: len(line) - len(line.lstrip())]
            tail = line[len(line.rstrip()) :]
            lines.append(f"{lead}{marker}{core}{marker[::-1]}{tail}")
        parts.append("\n".join(lines))
    return "".join(parts)


def _table_blocks(table: Any, document: Any, numbering: _Numbering) -> Iterator[tuple[str, bool]]:
    """Rows of a data table as tab-separated lines; a layout table's paragraphs as paragraphs.

    Agendas laid out in a table (one row per item, the heading and its text as
    paragraphs of one cell) must read as the same lines as the text, PDF and
    web forms: gluing a cell's paragraphs into one line would hide the heading
    of an item with a single line of text under it.
    """
    for row in table.iter(f"{_W}tr"):
        cells = [
            [p for p in cell.iter(f"{_W}p") if _plain(p).strip()]
            for cell in row.iterchildren(f"{_W}tc")
        ]
        if all(len(paragraphs) <= 1 for paragraphs in cells):
            texts = [_plain(paragraphs[0]).strip() if paragraphs else "" for paragraphs in cells]
            if any(texts):
                yield "\t".join(texts), True
            continue
        filled = [paragraphs for paragraphs in cells if paragraphs]
        if len(filled) > 1:
            firsts = [_paragraph(paragraphs[0], document, numbering)[0] for paragraphs in filled]
            yield layout_row_line(firsts), False
            filled = [paragraphs[1:] for paragraphs in filled]
        for paragraphs in filled:
            for element in paragraphs:
                text, _ = _paragraph(element, document, numbering)
                if text.strip():
                    yield text, False


def _plain(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))


class _Numbering:
    """Rebuild Word's automatic list labels ("3.2.", "a)", bullets)."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}  # abstractNumId -> ilvl -> def
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, overrides)
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, dict[str, Any]] = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = {
                    "start": int(_val(lvl, "start") or 1),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                }
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.iterchildren(f"{_W}num"):
            overrides = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start)
            self.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, paragraph: Any) -> tuple[str | None, bool]:
        """The paragraph's list label and whether it is a bullet; (None, False) if unlisted."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id not in self.nums:
            return None, False
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return None, False
        if level["fmt"] == "bullet":
            return "-", True
        counters = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.started:
            # A list instance that restarts its numbering overrides the start value.
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        if counters[ilvl] == 0 and levels[ilvl]["start"] > 1:
            counters[ilvl] = levels[ilvl]["start"] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if level["fmt"] == "none":
            return "", False

        def fill(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            value = counters[k] or levels.get(k, {}).get("start", 1)
            return _format_number(value, levels.get(k, {}).get("fmt", "decimal"))

        return re.sub(r"%(\d)", fill, level["text"]).strip() or None, False

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        """numId and level from the paragraph, else from its style chain."""
        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        num_id, ilvl = None, None
        for ppr in candidates:
            if ppr is None or ppr.numPr is None:
                continue
            num_pr = ppr.numPr
            if num_id is None and num_pr.numId is not None:
                num_id = str(num_pr.numId.val)
            if ilvl is None and num_pr.ilvl is not None:
                ilvl = int(num_pr.ilvl.val)
        if num_id == "0":  # numbering explicitly switched off
            return None, 0
        return num_id, ilvl or 0


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ]  # fmt: skip
        out, n = "", value
        for size, numeral in numerals:
            while n >= size:
                out, n = out + numeral, n - size
        return out.upper() if fmt == "upperRoman" else out
    return str(value)
