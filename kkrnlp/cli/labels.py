"""``labels export`` and ``labels import``: label correction in a spreadsheet, a sub-app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkrnlp.cli.files import _all_failed, _check_tagger, _inputs, _meetings, _out
from kkrnlp.cli.guard import _guard
from kkrnlp.cli.options import ModelOption, Paths

labels_app = typer.Typer(
    help="Export items for label correction in a spreadsheet, and import them."
)


@labels_app.command("export")
def labels_export(
    paths: Paths,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Sheet to write: CSV (';', BOM) or FILE.xlsx; - is CSV on stdout."
        ),
    ],
    model: ModelOption = None,
    least_confident_first: Annotated[
        bool,
        typer.Option("--least-confident-first", help="Order rows by confidence, lowest first."),
    ] = False,
) -> None:
    """Items with predicted labels and their confidence, for correction in a spreadsheet."""
    from kkrnlp.io import write_stdout
    from kkrnlp.labelling import export_labels, labels_csv_bytes
    from kkrnlp.pipeline import load

    def run() -> int:
        files, empty_folders = _inputs(paths, out)
        target = _out(out, model, agendas=files)
        _check_tagger(model)
        nlp = load(model, summarize=False)
        meetings, failures = _meetings(files)
        failures += empty_folders
        if _all_failed(meetings, failures, target):
            return failures
        records = [r for m in meetings for r in nlp.annotate(m).item_records()]
        if target is None:
            write_stdout(labels_csv_bytes(records, least_confident_first))
        else:
            export_labels(records, target, least_confident_first=least_confident_first)
            typer.echo(f"wrote {target} ({len(records)} items)", err=True)
        return failures

    _guard(run)


@labels_app.command("import")
def labels_import(
    csv_file: Annotated[
        Path, typer.Argument(help="The corrected sheet: CSV (';' or ',') or .xlsx.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Labelled JSONL to write; - is stdout.")],
    labels: Annotated[
        Path | None, typer.Option("--labels", help="labels.toml to check against.")
    ] = None,
    expected: Annotated[
        Path | None,
        typer.Option("--expected", help="Items JSONL that was exported, to find missing rows."),
    ] = None,
) -> None:
    """Check a corrected sheet (unknown labels, duplicates, missing items) and write JSONL."""
    from kkrnlp.io import read_jsonl, write_stdout
    from kkrnlp.labelling import import_labels, labelled_jsonl_text, write_labelled_jsonl
    from kkrnlp.taxonomy import load_taxonomy

    def run() -> int:
        target = _out(out, csv_file, labels, expected)
        expected_rows = read_jsonl(expected) if expected else None
        rows = import_labels(csv_file, load_taxonomy(labels), expected=expected_rows)
        skipped = f", {rows.skipped} unlabelled rows skipped" if rows.skipped else ""
        if target is None:
            write_stdout(labelled_jsonl_text(rows))
            typer.echo(f"{len(rows)} labelled items{skipped}", err=True)
            return 0
        write_labelled_jsonl(rows, target)
        typer.echo(f"wrote {target} ({len(rows)} labelled items{skipped})", err=True)
        return 0

    _guard(run)
