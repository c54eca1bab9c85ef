"""Safe paths: an output is checked before any work starts, an input before it is read.

Every ``--out`` goes through :func:`check_output`, so a careless path (``.``,
``/``, the home folder, an input file, a device, a folder someone else filled)
is refused with one line instead of being replaced.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from kkrnlp.errors import InputError, KkrnlpError

logger = logging.getLogger(__name__)

STDIO = "-"

# What a folder written by kkrnlp holds, by kind: recognised before it is replaced.
TAGGER_FORMAT = "kkrnlp-tagger"
SUMMARIZER_MARKER = "kkrnlp_seq2seq.json"
REPORT_FORMAT = "kkrnlp-evaluation"
REPORT_FILES = frozenset(
    {
        "report.md",
        "report.json",
        "predictions.jsonl",
        "confusion_policy_area.png",
        "confusion_recommendation.png",
    }
)
DirKind = Literal["tagger", "summarizer", "evaluation"]


class OutputError(KkrnlpError):
    """An output path that kkrnlp refuses to write (it would destroy or misplace data)."""


def is_stdio(path: str | Path | None) -> bool:
    """True for ``-``, the command-line name of standard input or output."""
    return path is not None and str(path) == STDIO


def kkrnlp_dir_kind(path: str | Path) -> DirKind | None:
    """The kind of kkrnlp output a folder holds (tagger, summarizer, evaluation), or None.

    A tagger has ``config.json`` with ``"format": "kkrnlp-tagger"``; a summarizer
    has ``kkrnlp_seq2seq.json``; an evaluation report has ``report.json`` with
    ``"format": "kkrnlp-evaluation"`` or holds nothing but report files.
    """
    path = Path(path)
    if _json_format(path / "config.json") == TAGGER_FORMAT:
        return "tagger"
    if (path / SUMMARIZER_MARKER).is_file():
        return "summarizer"
    if _json_format(path / "report.json") == REPORT_FORMAT:
        return "evaluation"
    with contextlib.suppress(OSError):
        names = {p.name for p in path.iterdir()}
        if names and names <= REPORT_FILES and "report.json" in names:
            return "evaluation"  # written before reports carried their format
    return None


def _json_format(path: Path) -> str | None:
    try:
        if path.is_file() and path.stat().st_size < 1_000_000:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data.get("format") if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None
    return None


def _special_kind(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
        return "a special file"
    return None


def check_output(
    out: str | Path | None,
    *,
    kind: Literal["file", "dir"] = "file",
    dir_kind: DirKind | None = None,
    inputs: Iterable[str | Path | None] = (),
    option: str = "--out",
) -> Path | None:
    """Validate an output path before any work; return it (``~`` expanded), None for stdout.

    ``kind="file"``: a new file or an existing regular file is written; ``-``
    means standard output. ``kind="dir"``: a new folder, an empty one, or one
    kkrnlp wrote earlier as ``dir_kind`` (it is then replaced, or for an
    evaluation written into). Refused with :class:`OutputError`: ``.``, ``..``,
    ``/``, the home folder, any folder that holds an input of the run, an input
    file itself, a device, FIFO or socket, a symbolic link (name its target
    instead; kkrnlp never replaces a link with a file), a file where a folder is
    wanted and the other way round, and a folder kkrnlp did not write.

    >>> check_output("-") is None
    True
    """
    if out is None:
        return None
    raw = str(out)
    if raw == STDIO:
        if kind == "dir":
            raise OutputError(f"{option} - (standard output) cannot take a folder; name a folder")
        return None
    if not raw.strip():
        raise OutputError(f"{option} is empty; name a file")
    what = "folder" if kind == "dir" else "file"
    whole = raw in ("~", "~/") or raw.rstrip("/") in (".", "..", "")
    if whole or Path(raw).name in ("", ".", ".."):
        raise OutputError(
            f"{option} {raw} names a whole folder (., .., / or ~); name a new {what} inside it"
        )
    path = Path(raw).expanduser()
    resolved = path.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        which = "the root" if resolved.parent == resolved else "your home"
        raise OutputError(f"{option} {raw} is {which} folder; name a new {what} inside it")
    _check_not_an_input(path, resolved, inputs, option, raw)
    try:
        st = path.lstat()
    except FileNotFoundError:
        # 'new/../sub' cannot be looked up through the missing 'new', yet the write
        # would land on whatever 'sub' is: judge 'sub' itself (a link stays a link),
        # else the resolved path
        lexical = os.path.normpath(os.path.abspath(path))
        landing = lexical if os.path.lexists(lexical) else resolved
        st = os.lstat(landing) if os.path.lexists(landing) else None
    except NotADirectoryError:
        raise OutputError(f"{option} {raw}: a file stands where a folder should be") from None
    except OSError as exc:
        raise OutputError(f"{option} {raw}: {exc.strerror}") from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            target = os.path.realpath(path)
            raise OutputError(
                f"{option} {raw} is a symbolic link (to {target}); kkrnlp does not replace links, "
                f"give the {what} it points to"
            )
        special = _special_kind(st.st_mode)
        if special:
            raise OutputError(f"{option} {raw} is {special}, not a {what}; use - for stdout")
        if kind == "file" and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{option} {raw} is a folder; name a file to write")
        if kind == "dir" and not stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{option} {raw} is an existing file; name a folder to write")
        if kind == "dir":
            _check_dir_replaceable(path, raw, dir_kind, option)
    _check_parent_writable(path, raw, option)
    return path


def check_readable(path: str | Path) -> None:
    """Refuse an input that is a FIFO, device or socket (reading it would wait or never end).

    A missing path is left to the reader, which says what it expected there.
    """
    if is_stdio(path):
        return
    try:
        st = os.stat(Path(path).expanduser())
    except OSError:
        return
    special = _special_kind(st.st_mode)
    if special:
        raise InputError(f"{path} is {special}, not a file kkrnlp can read")


def _check_not_an_input(
    path: Path, resolved: Path, inputs: Iterable[str | Path | None], option: str, raw: str
) -> None:
    for item in inputs:
        if item is None or is_stdio(item):
            continue
        source = Path(item).expanduser()
        try:
            same = source.exists() and path.exists() and os.path.samefile(source, path)
        except OSError:
            same = False
        src = source.resolve()
        if same or src == resolved:
            raise OutputError(f"{option} {raw} is also an input ({item}); write somewhere else")
        if src.is_relative_to(resolved):
            raise OutputError(f"{option} {raw} holds the input {item}; write somewhere else")


def _check_dir_replaceable(path: Path, raw: str, dir_kind: DirKind | None, option: str) -> None:
    try:
        entries = list(path.iterdir())
    except OSError as exc:
        raise OutputError(f"{option} {raw}: cannot list the folder ({exc.strerror})") from None
    if not entries:
        return
    found = kkrnlp_dir_kind(path)
    if found is None:
        raise OutputError(
            f"{option} {raw} is a folder with {len(entries)} entries that kkrnlp did not write; "
            "name a new or empty folder"
        )
    if dir_kind is not None and found != dir_kind:
        raise OutputError(
            f"{option} {raw} holds a kkrnlp {found}, not a {dir_kind}; name another folder"
        )
    logger.info("%s holds a kkrnlp %s written earlier; it will be replaced", raw, found)


def _check_parent_writable(path: Path, raw: str, option: str) -> None:
    # both the path as written and as resolved: 'new/../a.md/x' passes through the
    # missing 'new' as written, yet the write lands under the file a.md
    for start in dict.fromkeys((path.absolute().parent, path.resolve().parent)):
        parent = start
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            raise OutputError(f"{option} {raw}: {parent} is not a folder")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"{option} {raw}: no permission to write in {parent}")
