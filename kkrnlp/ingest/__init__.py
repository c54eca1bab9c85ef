"""Read agenda files (PDF, DOCX, HTML, TXT, Markdown) into text; clean that text.

One reader per format; :func:`read_document` picks the reader from the file's
first bytes (a ``.pdf`` that is really an HTML error page is read as HTML) and
falls back to the suffix. What the readers return is raw: pages separated by
``"\\f"``, emphasis as Markdown markers. :func:`kkrnlp.ingest.clean.clean_text`
turns it into the lines the segmenter reads.

>>> from kkrnlp.ingest import read_document  # doctest: +SKIP
>>> text = read_document("dagsorden.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
import zipfile
import zlib
from pathlib import Path

from kkrnlp.errors import InputError
from kkrnlp.ingest.limits import Limits, check_chars, check_docx, check_file, check_size

logger = logging.getLogger(__name__)

__all__ = ["SUPPORTED_SUFFIXES", "Limits", "detect_format", "read_document", "read_text_bytes"]

SUPPORTED_SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
_CONVERT_FIRST = {
    ".doc": "an old Word .doc file",
    ".rtf": "an RTF file",
    ".odt": "an OpenDocument file",
    ".pages": "a Pages file",
}


def detect_format(path: str | Path, limits: Limits | None = None) -> str:
    """``"pdf"``, ``"docx"``, ``"html"``, ``"markdown"`` or ``"text"`` for ``path``.

    Raises InputError for a missing, empty, special (FIFO, device), oversized or
    unsupported file.
    """
    path = Path(path)
    check_file(path, limits or Limits.from_env())
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head.strip():
        raise InputError(f"{path.name} is empty")
    suffix = path.suffix.lower()
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise InputError(f"{path.name} is a damaged ZIP/DOCX file") from None
        raise InputError(f"{path.name} is a ZIP file but not a Word document; use {supported}")
    if (
        head.startswith(b"\xd0\xcf\x11\xe0")
        or head.startswith(b"{\\rtf")
        or suffix in _CONVERT_FIRST
    ):
        what = _CONVERT_FIRST.get(suffix, "an old Office or RTF file")
        raise InputError(f"{path.name} is {what}; save it as .docx or PDF first")
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        sniff.startswith(b"<") and b"<body" in sniff
    ):
        return "html"
    if suffix in SUPPORTED_SUFFIXES and SUPPORTED_SUFFIXES[suffix] != "pdf":
        if SUPPORTED_SUFFIXES[suffix] == "docx":
            raise InputError(f"{path.name} is not a valid DOCX file")
        return SUPPORTED_SUFFIXES[suffix]
    if suffix == ".pdf":  # named a PDF, yet no PDF header: damaged, or something renamed
        raise InputError(f"{path.name} is not a valid PDF file (no PDF header)")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path.name} is not a supported file type; use {supported}")
    # Guessing would turn a spreadsheet or an image into nonsense items; say what works.
    raise InputError(
        f"unsupported format {suffix or '(no suffix)'!r} for {path.name} "
        "(expected .pdf, .docx, .html, .txt or .md)"
    )


def read_document(path: str | Path, limits: Limits | None = None) -> str:
    """Extract the text of one agenda file, pages separated by ``"\\f"``.

    Raises InputError for a missing, empty, damaged, special, oversized or
    unsupported file, or one with no text in it (a scanned PDF). ``limits``
    defaults to :meth:`Limits.from_env`.
    """
    path = Path(path)
    limits = limits or Limits.from_env()
    fmt = detect_format(path, limits)
    try:
        text = _read(path, fmt, limits)
    except RecursionError:
        raise InputError(
            f"{path.name} is nested too deeply to read (a damaged or odd file)"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = _sanitize(text)
    if not text.strip():
        raise InputError(f"{path.name} contains no text")
    if fmt == "html":
        _check_error_page(path, text)
    check_chars(path.name, len(text), limits)
    logger.info("read %s (%s, %d characters)", path.name, fmt, len(text))
    return text


def _check_error_page(path: Path, text: str) -> None:
    """A server's error page saved under the agenda's name (a failed download) is refused."""
    from kkrnlp.ingest.web import error_page_line

    line = error_page_line(text)
    if line is None:
        return
    suffix = path.suffix.lower()
    named = SUPPORTED_SUFFIXES.get(suffix, "")
    what = "a web page" if named == "html" else f"a web page, not a {suffix.lstrip('.').upper()},"
    raise InputError(
        f"{path.name} is {what} and reads like a server's error page ({line!r}), "
        "not an agenda; download it again"
    )


def _read(path: Path, fmt: str, limits: Limits) -> str:
    if fmt == "pdf":
        from kkrnlp.ingest.pdf import read_pdf

        return read_pdf(path, limits)
    if fmt == "docx":
        from lxml.etree import XMLSyntaxError

        from kkrnlp.ingest.word import read_docx

        check_docx(path, limits)
        try:
            return read_docx(path)
        except XMLSyntaxError as exc:
            raise InputError(f"cannot read DOCX {path.name}: damaged XML ({exc.msg})") from None
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error, OSError) as exc:
            logger.debug("reading %s failed", path, exc_info=True)
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(
                f"cannot read DOCX {path.name}: the ZIP is damaged ({reason})"
            ) from None
    if fmt == "html":
        from kkrnlp.ingest.web import read_html

        try:
            return read_html(path)
        except (ValueError, LookupError) as exc:
            # lxml refuses e.g. a damaged charset name in <meta>; say which file, not a traceback
            logger.debug("reading %s failed", path, exc_info=True)
            raise InputError(f"cannot read HTML {path.name}: damaged markup ({exc})") from None
    from kkrnlp.ingest.plain import read_plain

    return read_plain(path)


# NUL and lone surrogates (from damaged files) cannot be written as UTF-8 or XML.
_UNWRITABLE = re.compile(r"[\x00\ud800-\udfff]")


def _sanitize(text: str) -> str:
    return _UNWRITABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def read_text_bytes(data: bytes, name: str = "<stdin>", limits: Limits | None = None) -> str:
    """Text of a plain-text or Markdown agenda given as bytes (e.g. standard input).

    Same encodings and limits as a .txt file.
    """
    from kkrnlp.ingest.plain import decode_bytes

    limits = limits or Limits.from_env()
    check_size(name, len(data), limits)
    text = _sanitize(decode_bytes(data, name))
    if not text.strip():
        raise InputError(f"{name} contains no text")
    check_chars(name, len(text), limits)
    return text
