"""``train``, ``train-summarizer`` and ``evaluate``: make a model, and judge one on gold items."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkrnlp.cli.files import (
    _all_failed,
    _check_summarizer,
    _check_tagger,
    _inputs,
    _meetings,
    _out,
)
from kkrnlp.cli.guard import _guard
from kkrnlp.cli.options import _MODEL_OUT_HELP, Head, ModelOption, Paths, SummarizerOption
from kkrnlp.errors import KkrnlpError


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


def evaluate(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", "-g", help="Hand-labelled items: JSONL as `labels import` writes it."
        ),
    ],
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
        files, empty_folders = _inputs(paths, out)
        target = _out(
            out, gold, model, summarizer, agendas=files, kind="dir", dir_kind="evaluation"
        )
        _check_tagger(model)
        _check_summarizer(summarizer)
        meetings, failures = _meetings(files)
        failures += empty_folders
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


def train_summarizer(
    data: Annotated[Path, typer.Option("--data", "-d", help="Labelled items with `summary`.")],
    model: Annotated[
        str,
        typer.Option(
            "--base-model",
            "--model",
            "-m",
            help="The T5-family model to fine-tune: a Hugging Face id or a local folder.",
        ),
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
