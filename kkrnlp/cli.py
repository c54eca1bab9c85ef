"""The ``kkrnlp`` command line: a thin layer over the Python API.

Every command takes several files; a bad file gets a one-line ``error:`` on
stderr and a non-zero exit status, and the good files' output is still written.
"""

from __future__ import annotations

import logging
import os
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
    if not verbose:
        # transformers and huggingface_hub draw progress bars and load reports on
        # stderr, where a user expects only our one-line errors; they read these on import.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
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
    except typer.Exit:
        raise
    except Exception as exc:
        if log.isEnabledFor(logging.INFO):
            raise  # --verbose: the developer wants the traceback
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        _fail(f"unexpected failure ({reason}); rerun with --verbose for details", 2)
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


class TagFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def tag(
    paths: Paths,
    model: ModelOption = None,
    labels: LabelsOption = None,
    fmt: Annotated[
        TagFormat,
        typer.Option(
            "--format", "-f", help="jsonl; csv (';' and BOM, for Danish Excel); xlsx (needs --out)."
        ),
    ] = TagFormat.jsonl,
    out: OutOption = None,
) -> None:
    """Tag every item with policy area, CAP major topic and recommendation type, with scores.

    AGENDA files are parsed; an item table (ITEMS.csv, ITEMS.xlsx, ITEMS.jsonl with a
    `title` column, optional `text`) is tagged one row per item, its other columns
    (such as `id`) carried through.
    """
    from kkrnlp.io import format_records, write_bytes_atomic
    from kkrnlp.tables import is_item_table, read_item_table, records_to_csv, records_to_xlsx
    from kkrnlp.tagging import load_tagger, tag_items, tag_meeting

    def run() -> int:
        if fmt is TagFormat.xlsx and out is None:
            raise KkrnlpError("--format xlsx writes a workbook: give --out FILE.xlsx")
        tagger = load_tagger(model, labels)
        tables = [p for p in paths if is_item_table(p)]
        meetings, failures = _meetings([p for p in paths if not is_item_table(p)])
        records = [r for m in meetings for r in tag_meeting(m, tagger)]
        for path in tables:
            try:
                rows = read_item_table(path)
            except KkrnlpError as exc:
                failures += 1
                _error(str(exc))
                continue
            tags = tag_items([item for item, _ in rows], tagger)
            for (_, row), tag_row in zip(rows, tags, strict=True):
                records.append({**{k: v for k, v in row.items() if k}, **tag_row})
        if fmt is TagFormat.xlsx:
            write_bytes_atomic(out, records_to_xlsx(records))
            typer.echo(f"wrote {out}", err=True)
        elif fmt is TagFormat.csv:
            _emit(records_to_csv(records), out)
        else:
            _emit(format_records(records, "jsonl"), out)
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
    only_user_data: Annotated[
        bool,
        typer.Option(
            "--only-user-data",
            help="Train on --data alone (default: the shipped training items plus --data).",
        ),
    ] = False,
    cap_data: Annotated[
        Path | None,
        typer.Option(
            "--cap-data",
            help="CSV of CAP-coded titles (text, coding) for the CAP head; "
            "default: keep the shipped model's CAP head.",
        ),
    ] = None,
) -> None:
    """Train a tagging model from labelled items and write it atomically to --out.

    The rows of --data also outrank the rules and heads on items with
    (near-)identical wording, so a corrected label takes effect on that item.
    """
    from kkrnlp.classify.training import train as train_tagger

    def run() -> int:
        path = train_tagger(
            data, out, head=head.value, encoder=encoder, labels_path=labels, seed=seed,
            docs_dir=docs, shipped=not only_user_data, cap_data=cap_data,
        )  # fmt: skip
        typer.echo(f"wrote {path}", err=True)
        return 0

    _guard(run)


SummarizerOption = Annotated[
    Path | None,
    typer.Option(
        "--summarizer",
        help="A fine-tuned T5-family model directory; default: the extractive summarizer.",
    ),
]


@app.command()
def summarize(
    paths: Paths,
    summarizer: Annotated[
        Path | None,
        typer.Option(
            "--model",
            "--summarizer",
            "-m",
            help="A fine-tuned T5-family model directory; default: the extractive summarizer.",
        ),
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.jsonl,
    out: OutOption = None,
) -> None:
    """Write 1-3 Danish sentences per item, checked against the item's own text."""
    from kkrnlp.io import format_records
    from kkrnlp.summarizing import load_summarizer, summarize_meeting

    def run() -> int:
        model = load_summarizer(summarizer)
        meetings, failures = _meetings(paths)
        records = [r for m in meetings for r in summarize_meeting(m, model)]
        _emit(format_records(records, fmt.value), out)
        return failures

    _guard(run)


def _parse_date(value: str | None, option: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KkrnlpError(f"{option} {value!r} is not a date like 2026-06-15") from None


@app.command()
def digest(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", help="The digest file to write.")],
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2021-W16 (default: this week).")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", help="Only these policy areas, comma-separated: social,sundhed."),
    ] = None,
    fmt: Annotated[DigestFormat, typer.Option("--format", "-f")] = DigestFormat.md,
    model: ModelOption = None,
    summarizer: SummarizerOption = None,
) -> None:
    """The weekly digest for politicians: decisions first, then discussion, then orientation."""
    from kkrnlp.digest import build_digest, write_digest
    from kkrnlp.summarizing import load_summarizer, summary_fields
    from kkrnlp.tagging import load_tagger, tag_items

    def run() -> int:
        start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
        areas = [a.strip() for a in area.split(",") if a.strip()] if area else None
        tagger = load_tagger(model)
        summary_model = load_summarizer(summarizer)
        meetings, failures = _meetings(paths)
        records = []
        for meeting in meetings:
            rows = meeting.item_records()
            tags = tag_items(meeting.items, tagger)
            summaries = summary_fields(meeting, summary_model)
            for row, tag_row, summary_row in zip(rows, tags, summaries, strict=True):
                records.append({**row, **tag_row, **summary_row})
        result = build_digest(
            records, week=week, date_from=start, date_to=end, areas=areas,
            valid_areas=tagger.taxonomy.policy_area_names,
        )  # fmt: skip
        for reason in result.skipped:
            typer.echo(f"warning: not in the digest: {reason}", err=True)
        write_digest(result, out, fmt.value)
        typer.echo(f"wrote {out}", err=True)
        return failures

    _guard(run)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold JSONL (format of dev.jsonl).")],
    paths: Paths,
    model: ModelOption = None,
    summarizer: SummarizerOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Report folder (md, json, PNGs).")
    ] = None,
) -> None:
    """Score tags and summaries against hand-labelled items, next to the baselines."""
    from kkrnlp.evaluate.report import evaluate as run_evaluation

    def run() -> int:
        meetings, failures = _meetings(paths)
        result = run_evaluation(
            gold, meetings, model=model, summarizer_model=summarizer, out_dir=out
        )
        typer.echo(result.markdown())
        if out:
            typer.echo(f"wrote {out}/report.md, report.json and the confusion matrices", err=True)
        return failures

    _guard(run)


@app.command("train-summarizer")
def train_summarizer(
    data: Annotated[Path, typer.Option("--data", "-d", help="Labelled items with `summary`.")],
    model: Annotated[
        str, typer.Option("--model", "-m", help="T5-family model: Hugging Face id or local dir.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write.")],
    docs: Annotated[
        Path | None, typer.Option("--docs", help="Folder of the agendas named in `doc`.")
    ] = None,
    epochs: Annotated[float, typer.Option("--epochs")] = 3.0,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Fine-tune a seq2seq (T5-family) summarizer on labelled items' reference summaries."""
    from kkrnlp.classify.data import load_labelled
    from kkrnlp.summarize import Seq2SeqSettings, item_source_text, train_seq2seq

    def run() -> int:
        rows = [r for r in load_labelled(data, docs_dir=docs) if r.summary and not r.empty]
        if not rows:
            raise KkrnlpError(f"{data} has no items with a reference summary")
        pairs = [(item_source_text(r.item), r.summary) for r in rows]
        settings = Seq2SeqSettings(epochs=epochs, seed=seed)
        path = train_seq2seq(pairs, model, out, settings)
        typer.echo(f"wrote {path}", err=True)
        return 0

    _guard(run)


@labels_app.command("export")
def labels_export(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV to write (';'-separated).")],
    model: ModelOption = None,
    least_confident_first: Annotated[
        bool,
        typer.Option("--least-confident-first", help="Order rows by confidence, lowest first."),
    ] = False,
) -> None:
    """Items with predicted labels and their confidence, for correction in a spreadsheet."""
    from kkrnlp.labelling import export_labels
    from kkrnlp.tagging import load_tagger, tag_meeting

    def run() -> int:
        tagger = load_tagger(model)
        meetings, failures = _meetings(paths)
        records = [r for m in meetings for r in tag_meeting(m, tagger)]
        export_labels(records, out, least_confident_first=least_confident_first)
        typer.echo(f"wrote {out} ({len(records)} items)", err=True)
        return failures

    _guard(run)


@labels_app.command("import")
def labels_import(
    csv_file: Annotated[Path, typer.Argument(help="The corrected CSV.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Labelled JSONL to write.")],
    labels: Annotated[
        Path | None, typer.Option("--labels", help="labels.toml to check against.")
    ] = None,
    expected: Annotated[
        Path | None,
        typer.Option("--expected", help="Items JSONL that was exported, to find missing rows."),
    ] = None,
) -> None:
    """Check a corrected CSV (unknown labels, duplicates, missing items) and write JSONL."""
    from kkrnlp.io import read_jsonl
    from kkrnlp.labelling import import_labels, write_labelled_jsonl
    from kkrnlp.taxonomy import load_taxonomy

    def run() -> int:
        expected_rows = read_jsonl(expected) if expected else None
        rows = import_labels(csv_file, load_taxonomy(labels), expected=expected_rows)
        write_labelled_jsonl(rows, out)
        skipped = f", {rows.skipped} unlabelled rows skipped" if rows.skipped else ""
        typer.echo(f"wrote {out} ({len(rows)} labelled items{skipped})", err=True)
        return 0

    _guard(run)


if __name__ == "__main__":  # pragma: no cover
    app()
