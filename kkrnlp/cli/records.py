"""``parse``, ``tag`` and ``summarize``: agendas in, one record per item out (JSONL, CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkrnlp.cli.files import (
    _all_failed,
    _check_summarizer,
    _check_tagger,
    _check_xlsx_target,
    _emit,
    _emit_records,
    _inputs,
    _meetings,
    _out,
)
from kkrnlp.cli.guard import _error, _guard
from kkrnlp.cli.options import (
    FORMAT_HELP,
    LabelsOption,
    ModelOption,
    OldSummarizerOption,
    OutOption,
    Paths,
    RecordFormat,
    SummarizerOption,
    output_format,
)
from kkrnlp.errors import KkrnlpError

_JSON_RECORDS = " json: the same records as one JSON list."


def parse(
    paths: Paths,
    fmt: Annotated[
        RecordFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=FORMAT_HELP + " json: a list of the meetings, each with its items.",
        ),
    ] = None,
    out: OutOption = None,
) -> None:
    """Parse agendas into meetings and items (one JSON object per item)."""

    def run() -> int:
        files, empty_folders = _inputs(paths, out)
        target = _out(out, agendas=files)
        form = output_format(fmt, out, [f.value for f in RecordFormat], "jsonl")
        _check_xlsx_target(form, out)
        meetings, failures = _meetings(files)
        failures += empty_folders
        if _all_failed(meetings, failures, target):
            return failures
        if form == "json":
            import json

            text = json.dumps([m.to_dict() for m in meetings], ensure_ascii=False, indent=2)
            _emit(text + "\n", target)
        else:
            records = [r for m in meetings for r in m.item_records()]
            _emit_records(records, form, target)
        return failures

    _guard(run)


def tag(
    paths: Paths,
    model: ModelOption = None,
    labels: LabelsOption = None,
    fmt: Annotated[
        RecordFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP + _JSON_RECORDS)
    ] = None,
    out: OutOption = None,
) -> None:
    """Tag every item with policy area, CAP major topic and recommendation type, with scores.

    AGENDA files are parsed; an item table (ITEMS.csv, ITEMS.xlsx, ITEMS.jsonl with a
    `title` column, optional `text` and `body` or `udvalg`, the committee) is tagged one
    row per item, its other columns (such as `id`) carried through. A folder gives its
    agendas; item tables are read only when named.
    """
    from kkrnlp.classify.predict import tag_items
    from kkrnlp.pipeline import load
    from kkrnlp.tables import is_item_table, read_item_table, table_body

    def run() -> int:
        files, empty_folders = _inputs(paths, out)
        target = _out(out, model, labels, agendas=files)
        _check_tagger(model)
        form = output_format(fmt, out, [f.value for f in RecordFormat], "jsonl")
        _check_xlsx_target(form, out)
        nlp = load(model, labels=labels, summarize=False)
        tables = [p for p in files if is_item_table(p)]
        meetings, failures = _meetings([p for p in files if not is_item_table(p)])
        failures += empty_folders
        records = [r for m in meetings for r in nlp.annotate(m).item_records()]
        for path in tables:
            try:
                rows = read_item_table(path)
            except KkrnlpError as exc:
                failures += 1
                _error(str(exc))
                continue
            bodies = [table_body(row) for _, row in rows]
            tags = tag_items([item for item, _ in rows], nlp.tagger, body=bodies)
            for (_, row), tag_row in zip(rows, tags, strict=True):
                records.append({**{k: v for k, v in row.items() if k}, **tag_row})
        if failures and not records and target is not None:
            typer.echo(f"nothing written to {target}: none of the files could be read", err=True)
            return failures
        _emit_records(records, form, target)
        return failures

    _guard(run)


def summarize(
    paths: Paths,
    summarizer: SummarizerOption = None,
    old_model: OldSummarizerOption = None,
    fmt: Annotated[
        RecordFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP + _JSON_RECORDS)
    ] = None,
    out: OutOption = None,
) -> None:
    """Write 1-3 Danish sentences per item, checked against the item's own text."""
    from kkrnlp.pipeline import load

    def run() -> int:
        chosen = _summarizer_of(summarizer, old_model)
        files, empty_folders = _inputs(paths, out)
        target = _out(out, chosen, agendas=files)
        _check_summarizer(chosen)
        form = output_format(fmt, out, [f.value for f in RecordFormat], "jsonl")
        _check_xlsx_target(form, out)
        nlp = load(summarizer=chosen, tag=False)
        meetings, failures = _meetings(files)
        failures += empty_folders
        if _all_failed(meetings, failures, target):
            return failures
        records = [r for m in meetings for r in nlp.annotate(m).item_records()]
        _emit_records(records, form, target)
        return failures

    _guard(run)


def _summarizer_of(summarizer: Path | None, old_model: Path | None) -> Path | None:
    """``summarize --model DIR``, the summarizer's old spelling, still works, with a warning."""
    if old_model is None:
        return summarizer
    if summarizer is not None:
        raise KkrnlpError(
            "give the summarizer once: --summarizer DIR (--model is its old name on summarize)"
        )
    typer.echo("warning: summarize --model is now --summarizer; the old name still works", err=True)
    return old_model
