"""PDF -> text with PDFium (pypdfium2), one page per form-feed-separated chunk."""

from __future__ import annotations

import logging
from pathlib import Path

from kkrnlp.errors import InputError

logger = logging.getLogger(__name__)


def read_pdf(path: Path) -> str:
    """Text of every page, pages joined by ``"\\f"``.

    PDFium's marks for hyphens it joined at line ends (U+FFFE) are left in the
    text; :func:`kkrnlp.ingest.clean.clean_text` decides how to mend each word.
    Raises InputError for a damaged or password-protected PDF, and for one
    without a text layer (a scan), which needs OCR first.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"cannot read PDF {path.name}: {_reason(exc)}") from None
    pages: list[str] = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    if not any(text.strip() for text in pages):
        raise InputError(
            f"{path.name} has no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf"
        )
    logger.debug("read %d pages from %s", len(pages), path)
    return "\f".join(pages)


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "password" in text:
        return "it is password-protected"
    if "format" in text or "data" in text:
        return "the file is damaged or not a PDF"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
