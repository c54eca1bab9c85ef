"""A folder given where agenda files are expected: the agendas in it, sorted by name.

A user points a command at the folder the agendas were downloaded to
(``kkrnlp digest dagsordener/ --out uge48.md``). The folder is read one level deep
(a subfolder may hold older years or attachments the user did not mean), and only
files whose suffix names an agenda format are read. Left out without a word:
hidden and temporary files (``.DS_Store``, Word's ``~$`` lock files, editors'
``name~`` backups), the command's own ``--out`` file and digests kkrnlp wrote, so a
digest saved beside the agendas is not read as an agenda the week after. Other
files (a ``.doc``, an attachment ``.xlsx``) are named in one warning line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import typer

from kkrnlp.errors import InputError

_SHOWN = 3  # file names a warning or error line shows before "..."


_KINDS = ".pdf, .docx, .html, .txt or .md"  # the main ones, for messages


def agenda_suffixes() -> set[str]:
    """The suffixes a folder's files are read by: ``.pdf``, ``.docx``, ``.html``, ..."""
    from kkrnlp.ingest import SUPPORTED_SUFFIXES

    return set(SUPPORTED_SUFFIXES)


def _hidden(name: str) -> bool:
    # '.DS_Store', '.~lock.x.docx#' (LibreOffice), '~$x.docx' (Word), 'x.md~' (editors),
    # 'x.tmp' and browsers' unfinished downloads ('x.pdf.crdownload' has another suffix)
    return name.startswith((".", "~$", "~")) or name.endswith(("~", ".tmp"))


def _same(path: Path, out: Path | None) -> bool:
    if out is None or str(out) == "-":
        return False
    target = Path(out).expanduser()
    try:
        return path.resolve() == target.resolve() or (
            target.exists() and os.path.samefile(path, target)
        )
    except OSError:
        return False


def _names(paths: list[Path]) -> str:
    names = [p.name for p in paths[:_SHOWN]]
    return ", ".join(names) + (", ..." if len(paths) > _SHOWN else "")


def agendas_in(folder: Path, out: Path | None = None) -> list[Path]:
    """The agenda files directly in ``folder``, sorted by name; InputError when there are none."""
    from kkrnlp.digest.sniff import is_digest_file

    suffixes = agenda_suffixes()
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (p.name.casefold(), p.name))
    except OSError as exc:
        raise InputError(f"cannot list the folder {folder}: {exc.strerror or exc}") from None
    found, others, subfolders = [], [], 0
    for entry in entries:
        if _hidden(entry.name) or _same(entry, out):
            continue
        if entry.is_dir():
            subfolders += 1
        elif not entry.is_file():
            continue  # a FIFO or a broken link is nothing the user downloaded
        elif entry.suffix.lower() not in suffixes:
            others.append(entry)
        elif not is_digest_file(entry):
            found.append(entry)
    if not found:
        extra = f"; only other files: {_names(others)}" if others else ""
        if subfolders:
            extra += "; subfolders are not searched, name them instead"
        raise InputError(f"the folder {folder} holds no agenda files ({_KINDS}){extra}")
    if others:
        typer.echo(
            f"warning: {folder}: left out {len(others)} file(s) that are not agendas "
            f"({_names(others)})",
            err=True,
        )
    return found


def expand_folders(paths: Iterable[Path], out: Path | None = None) -> tuple[list[Path], list[str]]:
    """``paths`` with every folder replaced by :func:`agendas_in`, and the folders' errors.

    Files are kept as given (their own problems are reported when they are read).
    """
    paths = list(paths)
    named = {_key(p) for p in paths if str(p) != "-" and not Path(p).expanduser().is_dir()}
    files: list[Path] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        if str(path) != "-" and Path(path).expanduser().is_dir():
            try:
                found = agendas_in(Path(path).expanduser(), out)
            except InputError as exc:
                errors.append(str(exc))
                continue
            # a file also named on the line, or a folder given twice, is read once
            fresh = [f for f in found if _key(f) not in named and _key(f) not in seen]
            seen.update(_key(f) for f in fresh)
            files.extend(fresh)
        else:
            files.append(path)
    return files, errors


def _key(path: Path) -> Path:
    return Path(path).expanduser().resolve()
