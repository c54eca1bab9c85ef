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
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 carries its own copy of click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older typer on click itself
    from click.exceptions import ClickException

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

    def main(self, args: Any = None, prog_name: Any = None, *rest: Any, **kwargs: Any) -> Any:
        """A usage mistake (a missing --out, an unknown option) is one ``error:`` line too."""
        if not kwargs.get("standalone_mode", True):
            return super().main(args, prog_name, *rest, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(args, prog_name, *rest, **kwargs)
        except ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help, as the framework prints it
                kwargs["standalone_mode"] = True
                return super().main(args, prog_name, *rest, **kwargs)
            ctx = getattr(exc, "ctx", None)
            where = f" (see {ctx.command_path} --help)" if ctx is not None else ""
            message = " ".join(exc.format_message().split())
            typer.echo(f"error: {message}{where}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


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
