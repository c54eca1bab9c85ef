"""The options and formats several commands share, declared once.

Typer reads a command's options from its signature; the ``Annotated`` aliases
here keep a flag's name and help text the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kkrnlp.errors import KkrnlpError


class RecordFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


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
    typer.Argument(
        metavar="AGENDA",
        help="Agenda files (.pdf, .docx, .html, .txt, .md) or folders of them "
        "(the agendas directly inside, by name); - reads text from stdin.",
    ),
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
    typer.Option(
        "--model",
        "-m",
        help="Tagging model folder that train wrote (default: the shipped tagger).",
    ),
]


LabelsOption = Annotated[
    Path | None,
    typer.Option("--labels", help="An edited labels.toml to tag with (default: the model's)."),
]


# --format for parse/tag/summarize; left out, --out's suffix decides (output_format).
FORMAT_HELP = (
    "jsonl (one item per line); json (one JSON document); csv (';' and BOM, for Danish "
    "Excel); xlsx (needs --out). Default: from --out's suffix, else jsonl."
)

SummarizerOption = Annotated[
    Path | None,
    typer.Option(
        "--summarizer",
        help="Summarizer folder that train-summarizer wrote (a fine-tuned T5-family model); "
        "default: the extractive summarizer.",
    ),
]
# `summarize --model DIR` named the summarizer before --model meant the tagger everywhere;
# hidden, and kept so that old scripts still run
OldSummarizerOption = Annotated[
    Path | None, typer.Option("--model", "-m", hidden=True, help="Old name of --summarizer.")
]


# What a file name's suffix says it holds; a suffix no command writes is still known,
# so that `--out digest.pdf` is refused rather than filled with Markdown.
_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "doc",
    ".xls": "xls",
    ".odt": "odt",
    ".ods": "ods",
}


def output_format(fmt: str | None, out: Path | None, allowed: Sequence[str], default: str) -> str:
    """The format to write: ``--format``, else what ``--out``'s suffix says, else ``default``.

    A suffix naming a format the command does not write, or another format than
    ``--format``, is an error, so that a file's name never lies about its contents.
    """
    suffix = "" if out is None or str(out) == "-" else Path(out).suffix.lower()
    named = _SUFFIX_FORMATS.get(suffix)
    if fmt is not None:
        if named is not None and named != fmt:
            raise KkrnlpError(
                f"--out {Path(out).name} does not fit --format {fmt}; "
                f"name the file *.{fmt} or leave --format out"
            )
        return str(fmt)
    if named is None:
        return default
    if named not in allowed:
        raise KkrnlpError(
            f"--out {Path(out).name}: this command does not write {suffix} files; "
            "name it " + ", ".join(f"*.{f}" for f in allowed)
        )
    return named
