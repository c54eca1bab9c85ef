"""Build PDF, DOCX and HTML agendas from text inside the tests (no binary fixtures in git)."""

from __future__ import annotations

import html
import re
from pathlib import Path

_FONT_CANDIDATES = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]


def _font() -> str:
    for path in _FONT_CANDIDATES:
        if path.is_file():
            return str(path)
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def _plain(line: str) -> str:
    return line.replace("**", "").replace("\t", "    ")


def make_pdf(
    text: str, path: Path, *, font_size: int = 10, footer: str | None = None, password=None
) -> Path:
    """A text-layer A4 PDF; long lines wrap as a word processor would wrap them."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("dejavu", size=8)
                self.cell(0, 8, f"{footer} | side {self.page_no()}")

    pdf = _Pdf(format="A4")
    pdf.add_font("dejavu", fname=_font())
    pdf.set_auto_page_break(True, margin=20)
    if password:
        pdf.set_encryption(owner_password="ejer", user_password=password)
    pdf.add_page()
    pdf.set_font("dejavu", size=font_size)
    for line in text.splitlines():
        if not line.strip():
            pdf.ln(font_size * 0.35)
            continue
        pdf.multi_cell(0, font_size * 0.5, _plain(line.strip()), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a picture: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def make_docx(text: str, path: Path) -> Path:
    """One Word paragraph per line; ``**line**`` becomes a bold run."""
    from docx import Document

    document = Document()
    for line in text.splitlines():
        if not line.strip():
            continue
        paragraph = document.add_paragraph()
        bold = re.fullmatch(r"\*\*(.+)\*\*", line.strip())
        run = paragraph.add_run(bold.group(1) if bold else line.strip())
        run.bold = bool(bold)
    document.save(str(path))
    return path


def make_html(text: str, path: Path) -> Path:
    """A plain web page: one <p> per line, ``**line**`` as <strong>."""
    body = []
    for line in text.splitlines():
        if not line.strip():
            continue
        escaped = html.escape(line.strip())
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
        body.append(f"<p>{escaped}</p>")
    page = '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"></head><body>'
    path.write_text(page + "\n".join(body) + "</body></html>", encoding="utf-8")
    return path
