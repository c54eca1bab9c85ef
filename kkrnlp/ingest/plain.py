"""Plain text and Markdown files -> text, whatever their encoding."""

from __future__ import annotations

import logging
from pathlib import Path

from kkrnlp.errors import InputError

logger = logging.getLogger(__name__)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _zero_share(sample: bytes, offset: int, step: int) -> float:
    part = sample[offset::step]
    return part.count(0) / len(part) if part else 0.0


def sniff_wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 (LE or BE) of text without a byte-order mark, judged by where its NUL bytes fall.

    Text in these encodings has a zero byte in fixed places of every character
    (Latin letters, æøå included, fit in one byte of two or four).

    >>> sniff_wide_encoding("Dagsorden".encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_wide_encoding(b"Dagsorden") is None
    True
    """
    sample = data[:8192]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    z = [_zero_share(sample, i, 4) for i in range(4)]
    if len(data) % 4 == 0:
        if z[2] > 0.95 and z[3] > 0.95 and z[0] < 0.5:
            return "utf-32-le"
        if z[0] > 0.95 and z[1] > 0.95 and z[3] < 0.5:
            return "utf-32-be"
    if len(data) % 2 == 0:
        odd, even = _zero_share(sample, 1, 2), _zero_share(sample, 0, 2)
        if odd > 0.6 and even < 0.2:
            return "utf-16-le"
        if even > 0.6 and odd < 0.2:
            return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode text: UTF-8 (with or without BOM), UTF-16/32 with or without BOM, else Windows-1252.

    Danish files saved by older Windows programs are often Windows-1252, where
    æøå are single bytes that are not valid UTF-8. Text with NUL bytes in no
    known pattern is refused rather than read as letter-spaced garbage.

    >>> decode_bytes("Århus".encode("cp1252"))
    'Århus'
    >>> decode_bytes("Århus".encode("utf-16-be"))
    'Århus'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec, name)
    wide = sniff_wide_encoding(data)
    if wide:
        logger.info("%s has no byte-order mark; reading it as %s", name, wide.upper())
        return _decode(data, wide, name)
    sample = data[:8192]
    if sample.count(0) > len(sample) // 100:  # a stray NUL is dropped later; many mean binary
        raise InputError(
            f"cannot read {name}: it holds NUL bytes, so it is not text in a known encoding "
            "(save it as UTF-8)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        logger.warning("%s is not UTF-8; reading it as Windows-1252", name)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"cannot decode {name}: neither UTF-8 nor Windows-1252") from None


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        label = codec.upper().replace("-LE", "").replace("-BE", "")
        raise InputError(f"cannot decode {name}: it looks like {label} but is damaged") from None


def read_plain(path: Path) -> str:
    """Text of a .txt or .md file; form feeds mark page breaks and are kept."""
    return decode_bytes(path.read_bytes(), path.name)
