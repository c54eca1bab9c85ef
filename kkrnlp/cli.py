"""The ``kkrnlp`` command line: a thin layer over the Python API.

Every command takes several files; a bad file gets a one-line ``error:`` on
stderr and a non-zero exit status, and the good files' output is still written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kkrnlp.errors import KkrnlpError

app = typer.Typer(
    help="Læs, tag og opsummér dagsordener fra KKR, KD-Net og kommunalbestyrelser.\n\n"
    "Read, tag and summarize Danish municipal agendas (PDF, DOCX, HTML, TXT/MD).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
labels_app = typer.Typer(
    help="Export items for label correction in a spreadsheet, and import them."
)
app.add_typer(labels_app, name="labels")

log = logging.getLogger("kkrnlp")


class RecordFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class TableFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class DigestFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"


class Head(StrEnum):
    embedding = "embedding"
    finetune = "finetune"
    tfidf = "tfidf"


Paths = Annotated[list[Path], typer.Argument(help="Agenda files: .pdf, .docx, .html, .txt or .md.")]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")
]
ModelOption = Annotated[
    Path | None,
    typer.Option("--model", "-m", help="Tagging model directory (default: the shipped model)."),
]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    _setup_logging(verbose)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _emit(text: str, out: Path | None) -> None:
    from kkrnlp.io import write_text_atomic

    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(out, text)
        typer.echo(f"wrote {out}", err=True)


def _meetings(paths: Iterable[Path]) -> tuple[list[Any], int]:
    """Parse every file; report the bad ones and keep going."""
    from kkrnlp.pipeline import parse_many

    meetings, failures = [], 0
    for result in parse_many(paths):
        if result.error:
            failures += 1
            _error(result.error)
        else:
            meetings.append(result.meeting)
    return meetings, failures


def _guard(func: Callable[[], int]) -> None:
    """Run a command body; user errors become one line and exit status 1."""
    try:
        failures = func()
    except KkrnlpError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    if failures:
        raise typer.Exit(1)


@app.command()
def parse(
    paths: Paths,
    fmt: Annotated[
        RecordFormat, typer.Option("--format", "-f", help="jsonl: one item per line.")
    ] = RecordFormat.jsonl,
    out: OutOption = None,
) -> None:
    """Parse agendas into meetings and items (one JSON object per item)."""
    from kkrnlp.io import format_records

    def run() -> int:
        meetings, failures = _meetings(paths)
        if fmt is RecordFormat.json:
            import json

            text = json.dumps([m.to_dict() for m in meetings], ensure_ascii=False, indent=2)
            _emit(text + "\n", out)
        else:
            records = [r for m in meetings for r in m.item_records()]
            _emit(format_records(records, fmt.value), out)
        return failures

    _guard(run)


LabelsOption = Annotated[
    Path | None,
    typer.Option("--labels", help="An edited labels.toml to tag with (default: the model's)."),
]


@app.command()
def tag(
    paths: Paths,
    model: ModelOption = None,
    labels: LabelsOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.jsonl,
    out: OutOption = None,
) -> None:
    """Tag every item with policy area and recommendation type, with scores."""
    from kkrnlp.io import format_records
    from kkrnlp.tagging import load_tagger, tag_meeting

    def run() -> int:
        tagger = load_tagger(model, labels)
        meetings, failures = _meetings(paths)
        records = [r for m in meetings for r in tag_meeting(m, tagger)]
        _emit(format_records(records, fmt.value), out)
        return failures

    _guard(run)


@app.command()
def train(
    data: Annotated[
        Path, typer.Option("--data", "-d", help="Labelled items: JSONL as in dev.jsonl, or CSV.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write.")],
    head: Annotated[Head, typer.Option("--head", help="Which head to train.")] = Head.embedding,
    encoder: Annotated[
        str, typer.Option("--encoder", help="'default', a local model dir or a Hugging Face id.")
    ] = "default",
    labels: Annotated[Path | None, typer.Option("--labels", help="labels.toml to use.")] = None,
    docs: Annotated[
        Path | None,
        typer.Option("--docs", help="Folder of the agenda files named in the data's `doc` column."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Train a tagging model from labelled items and write it atomically to --out."""
    from kkrnlp.classify.tagger import train as train_tagger

    def run() -> int:
        path = train_tagger(
            data, out, head=head.value, encoder=encoder, labels_path=labels, seed=seed,
            docs_dir=docs,
        )  # fmt: skip
        typer.echo(f"wrote {path}", err=True)
        return 0

    _guard(run)


if __name__ == "__main__":  # pragma: no cover
    app()
