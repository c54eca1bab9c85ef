"""The options and formats several commands share, declared once.

Typer reads a command's options from its signature; the ``Annotated`` aliases
here keep a flag's name and help text the same wherever it appears.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


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


LabelsOption = Annotated[
    Path | None,
    typer.Option("--labels", help="An edited labels.toml to tag with (default: the model's)."),
]


class TagFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


SummarizerOption = Annotated[
    Path | None,
    typer.Option(
        "--summarizer",
        help="A fine-tuned T5-family model directory; default: the extractive summarizer.",
    ),
]
