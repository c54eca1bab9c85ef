"""Safe output paths, atomic writes and the record formats the CLI prints (JSONL, JSON, CSV).

Every ``--out`` goes through :func:`check_output` before any work starts, so a
careless path (``.``, ``/``, the home folder, an input file, a device, a folder
someone else filled) is refused with one line instead of being replaced.
Writes go through :func:`atomic_path`: the new file or folder is built beside
the target and renamed over it, so a reader sees the old or the new, never half.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import errno
import io
import json
import logging
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from kkrnlp.errors import DataError, InputError, KkrnlpError

logger = logging.getLogger(__name__)

STDIO = "-"
# Names of the helpers atomic_path leaves beside a target; distinctive so that
# cleaning up after a crash can never touch a user's own files.
_TMP_TAG = ".kkrnlp-tmp-"
_OLD_TAG = ".kkrnlp-old"

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


# ---------------------------------------------------------------------------
# Output paths


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
        # would land on whatever 'sub' is: judge the resolved path instead
        st = resolved.lstat() if os.path.lexists(resolved) else None
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
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{option} {raw}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{option} {raw}: no permission to write in {parent}")


# ---------------------------------------------------------------------------
# Atomic writes


def _safe_target(target: str | Path) -> Path:
    """The target as an absolute path with a real last component (never ``/``, ``.``, ``..``)."""
    target = Path(target).expanduser()
    if target.name in ("", ".", ".."):
        raise OutputError(f"cannot write to {target}: it names a whole folder")
    target = target.parent.resolve() / target.name
    if target.parent == target:
        raise OutputError(f"cannot write to {target}")
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def recover(target: str | Path) -> None:
    """Finish or undo a folder replacement a crash interrupted, and remove stale temporaries.

    If the target is missing but its backup ``.NAME.kkrnlp-old`` exists, the
    backup is renamed back; a backup beside a present target is removed; and
    ``.NAME.kkrnlp-tmp-PID-*`` folders of processes no longer running are removed.
    Only names kkrnlp itself made are ever touched.
    """
    target = _safe_target(target)
    old = target.with_name(f".{target.name}{_OLD_TAG}")
    if old.is_dir() and not old.is_symlink():
        if not os.path.lexists(target):
            os.rename(old, target)
            logger.warning("restored %s from an interrupted replacement", target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    prefix = f".{target.name}{_TMP_TAG}"
    with contextlib.suppress(OSError):
        for leftover in target.parent.iterdir():
            if not leftover.name.startswith(prefix) or leftover.is_symlink():
                continue
            pid = leftover.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and not _pid_alive(int(pid)) and leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
                logger.info("removed leftover temporary folder %s", leftover)


def _fsync_tree(path: Path) -> None:
    """Flush a file, or a folder and everything in it, to disk."""
    paths = [path]
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            paths += [Path(root, n) for n in (*dirs, *files)]
    for p in reversed(paths):
        with contextlib.suppress(OSError):
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` at ``target``; the old folder stays readable until then.

    Where the filesystem can swap two names atomically the swap is one step.
    Elsewhere the old folder is renamed aside to ``.NAME.kkrnlp-old`` only
    after ``new`` is complete and on disk, then ``new`` is renamed in; a failure
    between the two renames puts the old folder back, and a crash there is
    undone by :func:`recover` on the next write.
    """
    _fsync_tree(new)
    if not os.path.lexists(target):
        os.rename(new, target)
    elif _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old folder
    else:
        old = target.with_name(f".{target.name}{_OLD_TAG}")
        if os.path.lexists(old):
            shutil.rmtree(old)
        os.rename(target, old)
        try:
            os.rename(new, target)
        except BaseException:
            if not os.path.lexists(target):
                os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(target.parent)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it to ``target`` on success.

    Works for files and directories: whatever the caller creates at the yielded
    path replaces ``target`` in one rename (a folder through :func:`replace_dir`),
    so readers never see half a file. The temporary folder is the only thing
    removed on failure; a symbolic link at ``target`` is refused, never replaced.
    """
    target = _safe_target(target)
    if target.is_symlink():
        raise OutputError(f"{target} is a symbolic link; kkrnlp does not replace links")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        recover(target)
        tmp_dir = Path(
            tempfile.mkdtemp(prefix=f".{target.name}{_TMP_TAG}{os.getpid()}-", dir=target.parent)
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    tmp = tmp_dir / target.name
    try:
        yield tmp
        if tmp.is_dir():
            if target.exists() and not target.is_dir():
                raise OutputError(f"cannot write folder {target}: a file is in the way")
            replace_dir(tmp, target)
        elif tmp.exists():
            if target.is_dir():
                raise OutputError(f"cannot write file {target}: a folder is in the way")
            with contextlib.suppress(OSError):
                if target.is_file():
                    os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))  # keep its permissions
            _fsync_tree(tmp)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def write_text_atomic(target: str | Path, text: str) -> None:
    with atomic_path(target) as tmp:
        # A lone surrogate (from a damaged source) must not cost the whole file.
        tmp.write_bytes(text.encode("utf-8", errors="replace"))


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_json_atomic(target: str | Path, data: Any) -> None:
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_stdout(data: str | bytes) -> None:
    """Write text (as UTF-8, whatever the locale) or bytes to standard output."""
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(raw)
        buffer.flush()
    else:  # a text-only stream (some test harnesses)
        sys.stdout.write(raw.decode("utf-8", errors="replace"))
        sys.stdout.flush()


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; InputError if it cannot be read, DataError naming a bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a JSONL file") from None
    except UnicodeDecodeError:
        raise DataError(f"{path.name} is not UTF-8 JSONL") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path.name} line {number}: bad JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise DataError(f"{path.name} line {number}: not a JSON object")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# CSV

# A cell starting with one of these is run as a formula by Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (OWASP CSV injection).

    Cells already starting with quotes before such a character get one more, so
    that :func:`restore_cell` undoes exactly what was done.

    >>> neutralise_cell("=SUM(A1)"), neutralise_cell("-5"), neutralise_cell("Budget")
    ("'=SUM(A1)", "'-5", 'Budget')
    """
    if text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`neutralise_cell`.

    >>> restore_cell("'=SUM(A1)"), restore_cell("'-5"), restore_cell("'ok")
    ('=SUM(A1)', '-5', "'ok")
    """
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "; ".join(value)
        else:
            value = json.dumps(value, ensure_ascii=False)
    return neutralise_cell(str(value))


# Columns a spreadsheet user wants first; the rest follow in record order.
_CSV_FIRST = ["source", "number", "title", "group", "empty"]


def format_records(records: Iterable[dict[str, Any]], fmt: str) -> str:
    """Render item records as ``jsonl``, ``json`` or ``csv`` text.

    CSV cells that a spreadsheet would run as a formula are neutralised.
    """
    records = list(records)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        columns: list[str] = [c for c in _CSV_FIRST if any(c in r for r in records)]
        for r in records:
            for key in r:
                if key not in columns and key not in ("meeting", "sections"):
                    columns.append(key)
        meeting_cols = ["body", "kind", "date", "time", "place"]
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns + [f"meeting_{c}" for c in meeting_cols])
        for r in records:
            meeting = r.get("meeting") or {}
            writer.writerow(
                [_csv_cell(r.get(c)) for c in columns]
                + [_csv_cell(meeting.get(c)) for c in meeting_cols]
            )
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}")
