"""PDF -> text with PDFium (pypdfium2), one page per form-feed-separated chunk."""

from __future__ import annotations

import logging
from pathlib import Path

from kkrnlp.errors import InputError
from kkrnlp.ingest.limits import Limits, check_chars, check_pages

logger = logging.getLogger(__name__)


def read_pdf(path: Path, limits: Limits | None = None) -> str:
    """Text of every page, pages joined by ``"\\f"``.

    PDFium's marks for hyphens it joined at line ends (U+FFFE) are left in the
    text; :func:`kkrnlp.ingest.clean.clean_text` decides how to mend each word.
    Raises InputError for a damaged or password-protected PDF, and for one
    without a text layer (a scan), which needs OCR first, and for one over the
    page or character ``limits``. A page PDFium cannot read is left out with a
    warning; the other pages are kept.
    """
    import pypdfium2 as pdfium

    limits = limits or Limits()
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"cannot read PDF {path.name}: {_reason(exc)}") from None
    pages: list[str] = []
    skipped: list[int] = []
    chars = 0
    try:
        check_pages(path.name, len(document), limits)
        for index in range(len(document)):
            text = _page_text(document, index, path.name)
            if text is None:
                skipped.append(index + 1)
                text = ""
            pages.append(text)
            chars += len(text)
            check_chars(path.name, chars, limits)  # stop early, not after reading it all
    finally:
        document.close()
    if not pages:
        raise InputError(f"{path.name} is a PDF without pages")
    if skipped and len(skipped) == len(pages):
        raise InputError(f"cannot read PDF {path.name}: none of its pages could be read")
    if skipped:
        logger.warning(
            "%s: page(s) %s could not be read and are left out",
            path.name,
            ", ".join(map(str, skipped[:20])) + (" ..." if len(skipped) > 20 else ""),
        )
    if not any(text.strip() for text in pages):
        raise InputError(
            f"{path.name} has no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf"
        )
    logger.debug("read %d pages from %s", len(pages), path)
    return "\f".join(pages)


def _page_text(document, index: int, name: str) -> str | None:
    """One page's text, or None when PDFium cannot read that page (damage in one object)."""
    import pypdfium2 as pdfium

    try:
        page = document[index]
    except (pdfium.PdfiumError, ValueError, IndexError, OSError) as exc:
        logger.debug("%s page %d: %s", name, index + 1, exc)
        return None
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range().replace("\r\n", "\n")
        finally:
            textpage.close()
    except (pdfium.PdfiumError, ValueError, OSError, UnicodeError) as exc:
        logger.debug("%s page %d: %s", name, index + 1, exc)
        return None
    finally:
        page.close()


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "password" in text:
        return "it is password-protected"
    if "format" in text or "data" in text:
        return "the file is damaged or not a PDF"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
