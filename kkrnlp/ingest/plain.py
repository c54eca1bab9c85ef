"""Plain text and Markdown files -> text, whatever their encoding."""

from __future__ import annotations

import logging
from pathlib import Path

from kkrnlp.errors import InputError

logger = logging.getLogger(__name__)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Danish files saved by older Windows programs are often Windows-1252, where
    æøå are single bytes that are not valid UTF-8.

    >>> decode_bytes("Århus".encode("cp1252"))
    'Århus'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        logger.warning("%s is not UTF-8; reading it as Windows-1252", name)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"cannot decode {name}: neither UTF-8 nor Windows-1252") from None


def read_plain(path: Path) -> str:
    """Text of a .txt or .md file; form feeds mark page breaks and are kept."""
    return decode_bytes(path.read_bytes(), path.name)
