"""The digest as a Word document with real heading styles (Heading 1-3)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kkrnlp.digest.danish import recommendation_label
from kkrnlp.digest.model import Digest
from kkrnlp.digest.render import _areas_text, _flag_text, _glance_rows, skipped_da
from kkrnlp.io import atomic_path

# characters an XML 1.0 document cannot hold (python-docx raises on them)
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """``text`` without the characters XML cannot hold (U+FFFF, control characters).

    >>> xml_safe("Budget\uffff 2024\x0b")
    'Budget 2024'
    """
    return _XML_ILLEGAL_RE.sub("", text or "")


def _set_danish(document: Any) -> None:
    """Mark the document as Danish so Word spell-checks it in Danish."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "da-DK")


def render_docx(digest: Digest, path: str | Path) -> None:
    """Write the digest as a Word document with real heading styles (Heading 1-3)."""
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    _set_danish(document)
    s = xml_safe
    document.core_properties.title = s(digest.title)
    document.core_properties.language = "da-DK"
    document.add_heading(s(digest.title), level=1)
    if digest.filter_text:
        document.add_paragraph(s(digest.filter_text)).runs[0].italic = True
    if not digest.meetings:
        document.add_paragraph(s(digest.empty_text))
    else:
        document.add_heading(digest.glance_heading, level=2)
        document.add_paragraph(s(digest.glance_text))
        rows = _glance_rows(digest)
        table = document.add_table(rows=1 + len(rows), cols=4)
        table.style = "Table Grid"
        for j, name in enumerate(("Hvornår", "Møde", "Sted", "Beslutninger")):
            table.cell(0, j).text = name
        for i, row in enumerate(rows, start=1):
            for j, cell in enumerate(row):
                table.cell(i, j).text = s(cell)
    for meeting in digest.meetings:
        document.add_heading(s(meeting.heading), level=2)
        facts = [f"Sted: {meeting.place}"] if meeting.place else []
        facts.append(f"Kilde: {meeting.source}")
        document.add_paragraph(s(" · ".join(facts)))
        for heading, items in meeting.sections:
            document.add_heading(heading, level=3)
            for item in items:
                para = document.add_paragraph(style="List Bullet")
                para.add_run(s(item.label)).bold = True
                tags = _areas_text(item)
                if item.recommendation:
                    tags = f"{tags}; {recommendation_label(item.recommendation)}".lstrip("; ")
                if tags:
                    para.add_run(s(f" ({tags})"))
                if item.summary:
                    para.add_run("\n" + s(item.summary))
                if item.flagged:
                    flag = para.add_run("\n" + s(_flag_text(item)))
                    flag.bold = True
                    flag.font.color.rgb = RGBColor(0xB0, 0x30, 0x00)
        if meeting.formalia_line:
            document.add_paragraph(s(meeting.formalia_line))
    if digest.skipped:
        document.add_heading("Ikke medtaget", level=2)
        for reason in digest.skipped:
            document.add_paragraph(s(skipped_da(reason)), style="List Bullet")
    with atomic_path(path) as tmp:
        document.save(str(tmp))
