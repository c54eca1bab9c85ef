"""A command's files: paths checked before any work, agendas read one by one, output written.

One bad agenda is reported and skipped; the good ones' output is still written
(atomically, or to stdout).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from kkrnlp.cli.guard import _error
from kkrnlp.errors import KkrnlpError


def _emit(text: str, out: Path | None) -> None:
    """Write ``text`` to ``out`` (already checked by :func:`_out`), or stdout for None."""
    from kkrnlp.io import write_stdout, write_text_atomic

    if out is None:
        write_stdout(text)
    else:
        write_text_atomic(out, text)
        typer.echo(f"wrote {out}", err=True)


def _emit_records(records: list[dict[str, Any]], fmt: str, out: Path | None) -> None:
    """Item records as ``jsonl``, ``json``, ``csv`` (Danish Excel) or an ``xlsx`` workbook."""
    from kkrnlp.io import format_records, write_bytes_atomic, write_stdout

    if fmt != "xlsx":
        _emit(format_records(records, fmt), out)
        return
    from kkrnlp.tables import records_to_xlsx

    if out is None:
        write_stdout(records_to_xlsx(records))
    else:
        write_bytes_atomic(out, records_to_xlsx(records))
        typer.echo(f"wrote {out}", err=True)


def _check_xlsx_target(fmt: str, out: Path | None) -> None:
    """A workbook is binary: it goes to a file or to an explicit ``-``, never to a terminal."""
    if fmt == "xlsx" and out is None:
        raise KkrnlpError("--format xlsx writes a workbook: give --out FILE.xlsx or - ")


def _out(
    out: Path | None,
    *inputs: Any,
    agendas: Iterable[Path] = (),
    kind: str = "file",
    dir_kind: str | None = None,
) -> Path | None:
    """Check the run's paths before any work: None is stdout.

    ``inputs`` (data, model, labels files) must not be FIFOs or devices, which
    would be waited on; ``--out`` must pass :func:`kkrnlp.io.check_output`
    against them and the ``agendas`` (each agenda's own problems are reported
    per file later, so one bad agenda does not stop the others).
    """
    from kkrnlp.io import check_output, check_readable

    flat = [item for item in inputs if item is not None]
    for item in flat:
        check_readable(item)
    return check_output(
        out,
        kind=kind,
        dir_kind=dir_kind,
        inputs=[*flat, *agendas],  # type: ignore[arg-type]
    )


def _check_summarizer(summarizer: Path | None) -> None:
    """A summarizer folder must exist: a mistyped name is not sent to a model hub,
    which would retry for most of a minute before failing. A tagger is named as such."""
    from kkrnlp.io import kkrnlp_dir_kind

    if summarizer is None:
        return
    path = Path(summarizer).expanduser()
    if not path.exists():
        raise KkrnlpError(
            f"summarizer folder {summarizer} does not exist "
            "(give a folder that train-summarizer wrote, or leave it out for the default)"
        )
    if path.is_dir() and kkrnlp_dir_kind(path) == "tagger":
        raise KkrnlpError(
            f"{summarizer} is a tagging model, not a summarizer: give it as --model "
            "(tag, digest); --summarizer takes a folder that train-summarizer wrote"
        )


def _check_tagger(model: Path | None) -> None:
    """A summarizer folder given as the tagger (``--model``) is named as such."""
    from kkrnlp.io import kkrnlp_dir_kind

    if model is None:
        return
    path = Path(model).expanduser()
    if path.is_dir() and kkrnlp_dir_kind(path) == "summarizer":
        raise KkrnlpError(
            f"{model} is a summarizer, not a tagging model: give it as --summarizer "
            "(summarize, digest); --model takes a folder that train wrote"
        )


def _check_inputs(paths: Iterable[Path]) -> None:
    """At most one ``-`` (standard input) among the input files."""
    if sum(str(p) == "-" for p in paths) > 1:
        raise KkrnlpError("- (standard input) can be given only once")


def _inputs(paths: Iterable[Path], out: Path | None = None) -> tuple[list[Path], int]:
    """The command's input files, each folder expanded to the agendas in it, and the number
    of folders that hold none (reported here, one ``error:`` line each).

    ``out``, the command's own output, is never read. When nothing is left to read the
    run ends here, before any model loads. At most one ``-`` (standard input).
    """
    from kkrnlp.cli.folders import expand_folders

    files, errors = expand_folders(paths, out)
    for message in errors:
        _error(message)
    if errors and not files:
        raise typer.Exit(1)
    _check_inputs(files)
    return files, len(errors)


def _meetings(paths: Iterable[Path]) -> tuple[list[Any], int]:
    """Parse every file (``-`` is text on stdin); report the bad ones and keep going."""
    from kkrnlp.pipeline import parse_many

    meetings, failures = [], 0
    for path in paths:
        result = _parse_stdin() if str(path) == "-" else next(iter(parse_many([path])))
        if result.error:
            failures += 1
            _error(result.error)
        else:
            meetings.append(result.meeting)
    return meetings, failures


def _all_failed(meetings: list[Any], failures: int, target: Path | None) -> bool:
    """True when every input failed: an earlier --out file is then kept, not emptied."""
    if failures and not meetings and target is not None:
        typer.echo(f"nothing written to {target}: none of the files could be read", err=True)
        return True
    return False


def _parse_stdin() -> Any:
    from kkrnlp.ingest import read_text_bytes
    from kkrnlp.pipeline import ParseResult, parse_text

    try:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        text = read_text_bytes(data, "<stdin>")
        return ParseResult(Path("-"), meeting=parse_text(text, source="stdin"))
    except KkrnlpError as exc:
        return ParseResult(Path("-"), error=str(exc))
