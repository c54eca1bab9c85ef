"""Tell a digest kkrnlp wrote from an agenda, so a folder run never reads last week's digest.

A user who keeps the weekly digest beside the agendas it was made from
(``kkrnlp digest dagsordener/ --out dagsordener/uge48.md``) must not get
``uge48.md`` read as an agenda the week after. The digest's title is the sign:
``Ugeoversigt uge 48, 2026 (...)`` or ``Mødeoversigt 1.–30. juni 2026``, in the
Markdown heading, the HTML ``<title>`` or the Word document's title property.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# the titles build._period writes; "Mødeoversigt" alone could head a council's calendar
_TITLE_RE = re.compile(r"(?:Ugeoversigt uge \d{1,2}, \d{4} \(|Mødeoversigt \d{1,2}\.)")
_MD_RE = re.compile(r"\A\ufeff?# " + _TITLE_RE.pattern)
_HTML_RE = re.compile(r"<title>\s*" + _TITLE_RE.pattern, re.I)
_DOCX_RE = re.compile(r"<dc:title>\s*" + _TITLE_RE.pattern)
_HEAD_BYTES = 4096


def is_digest_file(path: str | Path) -> bool:
    """True for a Markdown, HTML or Word digest written by kkrnlp; False when unsure or unreadable.

    >>> is_digest_file("mangler.md")
    False
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                core = archive.read("docProps/core.xml")[:_HEAD_BYTES]
            return bool(_DOCX_RE.search(core.decode("utf-8", "replace")))
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    if suffix in (".md", ".markdown"):
        return bool(_MD_RE.match(head))
    if suffix in (".html", ".htm"):
        return bool(_HTML_RE.search(head))
    return False
