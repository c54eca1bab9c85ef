"""Atomic writes: the new file or folder is built beside the target and renamed over it,
so a reader sees the old or the new, never half; a crash is undone on the next write.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import logging
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kkrnlp.io.paths import OutputError

logger = logging.getLogger(__name__)

# Names of the helpers atomic_path leaves beside a target; distinctive so that
# cleaning up after a crash can never touch a user's own files.
_TMP_TAG = ".kkrnlp-tmp-"
_OLD_TAG = ".kkrnlp-old"


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
