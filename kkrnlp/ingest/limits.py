"""Size limits on what one agenda file may cost, and the checks that enforce them.

A file over a limit is refused with a message that names the limit and the
environment variable that raises it, so work stays bounded on a shared drive
full of odd files. Defaults fit the largest real agenda packs (a few hundred
pages with appendices) with room to spare.

>>> Limits().max_pages
2000
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

from kkrnlp.errors import InputError, KkrnlpError

_MB = 1024 * 1024
# Setting -> (environment variable, multiplier from the variable's unit)
_ENV = {
    "max_file_bytes": ("KKRNLP_MAX_FILE_MB", _MB),
    "max_pages": ("KKRNLP_MAX_PAGES", 1),
    "max_chars": ("KKRNLP_MAX_CHARS", 1),
    "max_docx_uncompressed_bytes": ("KKRNLP_MAX_DOCX_MB", _MB),
    "max_docx_ratio": ("KKRNLP_MAX_DOCX_RATIO", 1),
}


@dataclass(frozen=True)
class Limits:
    """How large one input may be; each can be set by an environment variable.

    - ``max_file_bytes`` (``KKRNLP_MAX_FILE_MB``, default 250 MB): the file on disk.
    - ``max_pages`` (``KKRNLP_MAX_PAGES``, default 2,000): pages of a PDF.
    - ``max_chars`` (``KKRNLP_MAX_CHARS``, default 5,000,000): extracted text, about
      2,000 dense pages.
    - ``max_docx_uncompressed_bytes`` (``KKRNLP_MAX_DOCX_MB``, default 500 MB): a
      Word file unpacked.
    - ``max_docx_ratio`` (``KKRNLP_MAX_DOCX_RATIO``, default 300): a Word file that
      unpacks to more than this many times its packed size is a ZIP bomb, not a
      document (real ones unpack 2-20 times).
    """

    max_file_bytes: int = 250 * _MB
    max_pages: int = 2000
    max_chars: int = 5_000_000
    max_docx_uncompressed_bytes: int = 500 * _MB
    max_docx_ratio: int = 300

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Defaults overridden by ``KKRNLP_MAX_*`` environment variables."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            name, unit = _ENV[f.name]
            raw = environ.get(name)
            if raw is None or not raw.strip():
                continue
            try:
                value = float(raw)
            except ValueError:
                value = -1.0
            if not value > 0:
                raise KkrnlpError(f"{name}={raw!r} must be a positive number")
            values[f.name] = int(value * unit)
        return cls(**values)


def _mb(n: int) -> str:
    return f"{n / _MB:,.0f} MB" if n >= _MB else f"{n:,} bytes"


def check_file(path: Path, limits: Limits) -> os.stat_result:
    """Refuse a missing path, a folder, a FIFO, device or socket, and a file over the size limit.

    Uses ``stat`` before anything opens the file, so a named pipe is never waited on.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"{path} is a folder, not an agenda file")
    if stat.S_ISFIFO(mode):
        raise InputError(f"{path} is a named pipe (FIFO), not a file; use - to read standard input")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputError(f"{path} is a device, not an agenda file")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{path} is a socket, not an agenda file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{path} is a special file, not an agenda file")
    if st.st_size > limits.max_file_bytes:
        raise InputError(
            f"{path.name} is {_mb(st.st_size)}, over the limit of {_mb(limits.max_file_bytes)} "
            "(set KKRNLP_MAX_FILE_MB to raise it)"
        )
    return st


def check_size(name: str, size: int, limits: Limits) -> None:
    """Refuse input bytes (from standard input) over the file size limit."""
    if size > limits.max_file_bytes:
        raise InputError(
            f"{name} is over the limit of {_mb(limits.max_file_bytes)} "
            "(set KKRNLP_MAX_FILE_MB to raise it)"
        )


def check_chars(name: str, n_chars: int, limits: Limits) -> None:
    """Refuse extracted text longer than ``max_chars``."""
    if n_chars > limits.max_chars:
        raise InputError(
            f"{name} holds more than {limits.max_chars:,} characters of text, over the limit "
            "(set KKRNLP_MAX_CHARS to raise it)"
        )


def check_pages(name: str, n_pages: int, limits: Limits) -> None:
    """Refuse a PDF with more than ``max_pages`` pages."""
    if n_pages > limits.max_pages:
        raise InputError(
            f"{name} has {n_pages:,} pages, over the limit of {limits.max_pages:,} "
            "(set KKRNLP_MAX_PAGES to raise it)"
        )


def check_docx(path: Path, limits: Limits) -> None:
    """Refuse a Word file that unpacks beyond the size limit or by more than ``max_docx_ratio``.

    The sizes come from the ZIP directory; Python's zipfile never reads past a
    member's stated size, so a lying header cannot make the read larger.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path.name} is a damaged ZIP/DOCX file") from None
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > limits.max_docx_uncompressed_bytes:
        raise InputError(
            f"{path.name} unpacks to {_mb(unpacked)}, over the limit of "
            f"{_mb(limits.max_docx_uncompressed_bytes)} (set KKRNLP_MAX_DOCX_MB to raise it)"
        )
    if unpacked > limits.max_docx_ratio * max(packed, 1) and unpacked > _MB:
        raise InputError(
            f"{path.name} unpacks to {unpacked // max(packed, 1):,} times its size, over the "
            f"limit of {limits.max_docx_ratio} (a ZIP bomb?; set KKRNLP_MAX_DOCX_RATIO to raise it)"
        )
