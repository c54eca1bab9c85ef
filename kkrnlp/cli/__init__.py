"""The ``kkrnlp`` command line: a thin layer over the Python API.

Every command takes several files; a bad file gets a one-line ``error:`` on
stderr and a non-zero exit status, and the good files' output is still written.

This module builds the app and lists its commands in one place; the commands
live by what they do: ``records`` (parse, tag, summarize), ``weekly_digest``
(digest), ``models`` (train, train-summarizer, evaluate) and ``labels`` (the
labels sub-app). ``options`` declares the shared flags, ``files`` checks and
reads the files, ``guard`` turns failures into one-line errors.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from kkrnlp.cli import labels, models, records, weekly_digest

_VERBOSE = ("-v", "--verbose")


class _Group(TyperGroup):
    """The root command; ``-v`` is taken wherever it stands (``kkrnlp digest a.pdf -v``).

    ``--verbose`` belongs to the root, so click would refuse it after a command's name,
    where a user naturally adds it to a command that went wrong.
    """

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in _VERBOSE]
        rest = [a for a in args[:end] if a not in _VERBOSE]
        return super().parse_args(ctx, [*flags, *rest, *args[end:]])


app = typer.Typer(
    cls=_Group,
    help="Læs, tag og opsummér dagsordener fra KKR, KD-Net og kommunalbestyrelser.\n\n"
    "Read, tag and summarize Danish municipal agendas (PDF, DOCX, HTML, TXT/MD).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(labels.labels_app, name="labels")


def _setup_logging(verbose: bool) -> None:
    if not verbose:
        # transformers and huggingface_hub draw progress bars and load reports on
        # stderr, where a user expects only our one-line errors; they read these on import.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    # without -v a warning reads like the CLI's own lines ("warning: ..."); with -v the
    # module that logged is named too
    fmt = "%(levelname)s %(name)s: %(message)s" if verbose else "%(levelname)s: %(message)s"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LowerLevelFormatter(fmt))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


class _LowerLevelFormatter(logging.Formatter):
    """``warning: ...`` rather than ``WARNING ...``, as the CLI's ``error:`` lines read."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        record.levelname = record.levelname.lower()
        return super().format(record)


def _print_version(value: bool) -> None:
    if value:
        from kkrnlp import __version__

        typer.echo(f"kkrnlp {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    _setup_logging(verbose)


app.command()(records.parse)
app.command()(records.tag)
app.command()(models.train)
app.command()(records.summarize)
app.command()(weekly_digest.digest)
app.command()(models.evaluate)
app.command("train-summarizer")(models.train_summarizer)

__all__ = ["app"]
