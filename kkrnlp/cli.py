"""The ``kkrnlp`` command line: a thin layer over the Python API.

Every command takes several files; a bad file gets a one-line ``error:`` on
stderr and a non-zero exit status, and the good files' output is still written.
"""

from __future__ import annotations

import contextlib
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


Paths = Annotated[
    list[Path],
    typer.Argument(help="Agenda files: .pdf, .docx, .html, .txt or .md; - reads text from stdin."),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write this file (atomically); default or -: stdout."),
]
_MODEL_OUT_HELP = (
    "Model folder to write: new, empty, or one kkrnlp wrote before (replaced atomically)."
)
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


def _one_line(message: str) -> str:
    # A file name may hold a line break; the error must still be one line.
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)
    raise typer.Exit(code)


def _error(message: str) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)


def _emit(text: str, out: Path | None) -> None:
    """Write ``text`` to ``out`` (already checked by :func:`_out`), or stdout for None."""
    from kkrnlp.io import write_stdout, write_text_atomic

    if out is None:
        write_stdout(text)
    else:
        write_text_atomic(out, text)
        typer.echo(f"wrote {out}", err=True)


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


def _check_inputs(paths: Iterable[Path]) -> None:
    """At most one ``-`` (standard input) among the input files."""
    if sum(str(p) == "-" for p in paths) > 1:
        raise KkrnlpError("- (standard input) can be given only once")


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


def _guard(func: Callable[[], int]) -> None:
    """Run a command body; user errors become one line and exit status 1."""
    try:
        failures = func()
    except KkrnlpError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop quietly as other Unix tools do.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except MemoryError:
        _fail("out of memory; split the input or lower KKRNLP_MAX_CHARS", 1)
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
        _check_inputs(paths)
        target = _out(out, agendas=paths)
        meetings, failures = _meetings(paths)
        if _all_failed(meetings, failures, target):
            return failures
        if fmt is RecordFormat.json:
            import json

            text = json.dumps([m.to_dict() for m in meetings], ensure_ascii=False, indent=2)
            _emit(text + "\n", target)
        else:
            records = [r for m in meetings for r in m.item_records()]
            _emit(format_records(records, fmt.value), target)
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
    from kkrnlp.classify.predict import tag_items
    from kkrnlp.io import format_records, write_bytes_atomic, write_stdout
    from kkrnlp.pipeline import load
    from kkrnlp.tables import is_item_table, read_item_table, records_to_csv, records_to_xlsx

    def run() -> int:
        _check_inputs(paths)
        target = _out(out, model, labels, agendas=paths)
        if fmt is TagFormat.xlsx and out is None:
            raise KkrnlpError("--format xlsx writes a workbook: give --out FILE.xlsx or - ")
        nlp = load(model, labels=labels, summarize=False)
        tables = [p for p in paths if is_item_table(p)]
        meetings, failures = _meetings([p for p in paths if not is_item_table(p)])
        records = [r for m in meetings for r in nlp.annotate(m).item_records()]
        for path in tables:
            try:
                rows = read_item_table(path)
            except KkrnlpError as exc:
                failures += 1
                _error(str(exc))
                continue
            tags = tag_items([item for item, _ in rows], nlp.tagger)
            for (_, row), tag_row in zip(rows, tags, strict=True):
                records.append({**{k: v for k, v in row.items() if k}, **tag_row})
        if failures and not records and target is not None:
            typer.echo(f"nothing written to {target}: none of the files could be read", err=True)
            return failures
        if fmt is TagFormat.xlsx:
            if target is None:
                write_stdout(records_to_xlsx(records))
            else:
                write_bytes_atomic(target, records_to_xlsx(records))
                typer.echo(f"wrote {target}", err=True)
        elif fmt is TagFormat.csv:
            _emit(records_to_csv(records), target)
        else:
            _emit(format_records(records, "jsonl"), target)
        return failures

    _guard(run)


@app.command()
def train(
    data: Annotated[
        Path, typer.Option("--data", "-d", help="Labelled items: JSONL as in dev.jsonl, or CSV.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help=_MODEL_OUT_HELP)],
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
        local_encoder = Path(encoder) if encoder != "default" and Path(encoder).exists() else None
        target = _out(
            out, data, labels, docs, local_encoder, cap_data, kind="dir", dir_kind="tagger"
        )
        path = train_tagger(
            data, target, head=head.value, encoder=encoder, labels_path=labels, seed=seed,
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
    from kkrnlp.pipeline import load

    def run() -> int:
        _check_inputs(paths)
        target = _out(out, summarizer, agendas=paths)
        nlp = load(summarizer=summarizer, tag=False)
        meetings, failures = _meetings(paths)
        if _all_failed(meetings, failures, target):
            return failures
        records = [r for m in meetings for r in nlp.annotate(m).item_records()]
        _emit(format_records(records, fmt.value), target)
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


def _check_period(week: str | None, date_from: str | None, date_to: str | None):
    """--week, --from and --to checked before any model loads; returns (start, end)."""
    from kkrnlp.digest import parse_week

    start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
    if week is not None:
        if start is not None or end is not None:
            raise KkrnlpError("give either --week or --from/--to, not both")
        parse_week(week)
    if start is not None and end is not None and start > end:
        raise KkrnlpError(f"--from {start} is after --to {end}")
    return start, end


def _digest_to_stdout(result: Any, fmt: str) -> None:
    import tempfile

    from kkrnlp.digest import write_digest
    from kkrnlp.io import write_stdout

    with tempfile.TemporaryDirectory() as scratch:
        path = write_digest(result, Path(scratch) / f"digest.{fmt}", fmt)
        write_stdout(path.read_bytes())


@app.command()
def digest(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", help="The digest file; - is stdout.")],
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2021-W16 (default: this week).")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            help="Only these policy areas, comma-separated, any case: social,sundhed or Social.",
        ),
    ] = None,
    fmt: Annotated[DigestFormat, typer.Option("--format", "-f")] = DigestFormat.md,
    model: ModelOption = None,
    summarizer: SummarizerOption = None,
) -> None:
    """The weekly digest for politicians: the week at a glance, then each meeting's items."""
    from kkrnlp.digest import build_digest, resolve_areas, write_digest
    from kkrnlp.pipeline import load
    from kkrnlp.taxonomy import load_taxonomy

    def run() -> int:
        from tqdm.auto import tqdm

        _check_inputs(paths)
        target = _out(out, model, summarizer, agendas=paths)
        start, end = _check_period(week, date_from, date_to)
        areas = [a.strip() for a in area.split(",") if a.strip()] if area else None
        if areas:
            # checked against the label file alone, before any model is loaded
            labels = Path(model) / "labels.toml" if model is not None else None
            taxonomy = load_taxonomy(labels if labels and labels.is_file() else None)
            areas = resolve_areas(areas, taxonomy.policy_area_names)
        nlp = load(model, summarizer)
        meetings, failures = _meetings(paths)
        if _all_failed(meetings, failures, target):
            return failures
        records = []
        progress = tqdm(meetings, desc="tagging and summarizing", unit="file", file=sys.stderr,
                        disable=len(meetings) < 2 and not sys.stderr.isatty())  # fmt: skip
        for meeting in progress:
            records.extend(nlp.annotate(meeting).item_records())
        result = build_digest(
            records, week=week, date_from=start, date_to=end, areas=areas,
            valid_areas=nlp.tagger.taxonomy.policy_area_names,
        )  # fmt: skip
        for reason in result.skipped:
            typer.echo(f"warning: not in the digest: {reason}", err=True)
        if target is None:
            _digest_to_stdout(result, fmt.value)
        else:
            write_digest(result, target, fmt.value)
            typer.echo(f"wrote {target}", err=True)
        return failures

    _guard(run)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold JSONL (format of dev.jsonl).")],
    paths: Paths,
    model: ModelOption = None,
    summarizer: SummarizerOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Report folder (md, json, PNGs): new, empty or an earlier report; "
            "other files in it are kept.",
        ),
    ] = None,
) -> None:
    """Score tags and summaries against hand-labelled items, next to the baselines."""
    from kkrnlp.evaluate.report import evaluate as run_evaluation

    def run() -> int:
        _check_inputs(paths)
        target = _out(
            out, gold, model, summarizer, agendas=paths, kind="dir", dir_kind="evaluation"
        )
        meetings, failures = _meetings(paths)
        if _all_failed(meetings, failures, target):
            return failures
        result = run_evaluation(
            gold, meetings, model=model, summarizer_model=summarizer, out_dir=target
        )
        typer.echo(result.markdown())
        if target:
            typer.echo(f"wrote {target}/report.md, report.json and confusion matrices", err=True)
        return failures

    _guard(run)


@app.command("train-summarizer")
def train_summarizer(
    data: Annotated[Path, typer.Option("--data", "-d", help="Labelled items with `summary`.")],
    model: Annotated[
        str, typer.Option("--model", "-m", help="T5-family model: Hugging Face id or local dir.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help=_MODEL_OUT_HELP)],
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
        local_model = Path(model) if Path(model).exists() else None
        target = _out(out, data, docs, local_model, kind="dir", dir_kind="summarizer")
        rows = [r for r in load_labelled(data, docs_dir=docs) if r.summary and not r.empty]
        if not rows:
            raise KkrnlpError(f"{data} has no items with a reference summary")
        pairs = [(item_source_text(r.item), r.summary) for r in rows]
        settings = Seq2SeqSettings(epochs=epochs, seed=seed)
        path = train_seq2seq(pairs, model, target, settings)
        typer.echo(f"wrote {path}", err=True)
        return 0

    _guard(run)


@labels_app.command("export")
def labels_export(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV to write (';'); - is stdout.")],
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
        _check_inputs(paths)
        target = _out(out, model, agendas=paths)
        nlp = load(model, summarize=False)
        meetings, failures = _meetings(paths)
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
    csv_file: Annotated[Path, typer.Argument(help="The corrected CSV.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Labelled JSONL to write; - is stdout.")],
    labels: Annotated[
        Path | None, typer.Option("--labels", help="labels.toml to check against.")
    ] = None,
    expected: Annotated[
        Path | None,
        typer.Option("--expected", help="Items JSONL that was exported, to find missing rows."),
    ] = None,
) -> None:
    """Check a corrected CSV (unknown labels, duplicates, missing items) and write JSONL."""
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


if __name__ == "__main__":  # pragma: no cover
    app()
