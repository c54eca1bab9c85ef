"""The record formats the CLI reads and prints (JSONL, JSON, CSV), with formula-safe cells."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError, InputError


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; InputError if it cannot be read, DataError naming a bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a JSONL file") from None
    except UnicodeDecodeError:
        raise DataError(f"{path.name} is not UTF-8 JSONL") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path.name} line {number}: bad JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise DataError(f"{path.name} line {number}: not a JSON object")
        rows.append(row)
    return rows


# A cell starting with one of these is run as a formula by Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (OWASP CSV injection).

    Cells already starting with quotes before such a character get one more, so
    that :func:`restore_cell` undoes exactly what was done.

    >>> neutralise_cell("=SUM(A1)"), neutralise_cell("-5"), neutralise_cell("Budget")
    ("'=SUM(A1)", "'-5", 'Budget')
    """
    if text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`neutralise_cell`.

    >>> restore_cell("'=SUM(A1)"), restore_cell("'-5"), restore_cell("'ok")
    ('=SUM(A1)', '-5', "'ok")
    """
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "; ".join(value)
        else:
            value = json.dumps(value, ensure_ascii=False)
    return neutralise_cell(str(value))


# Columns a spreadsheet user wants first; the rest follow in record order.
_CSV_FIRST = ["source", "number", "title", "group", "empty"]


def format_records(records: Iterable[dict[str, Any]], fmt: str) -> str:
    """Render item records as ``jsonl``, ``json`` or ``csv`` text.

    CSV cells that a spreadsheet would run as a formula are neutralised.
    """
    records = list(records)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        columns: list[str] = [c for c in _CSV_FIRST if any(c in r for r in records)]
        for r in records:
            for key in r:
                if key not in columns and key not in ("meeting", "sections"):
                    columns.append(key)
        meeting_cols = ["body", "kind", "date", "time", "place"]
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns + [f"meeting_{c}" for c in meeting_cols])
        for r in records:
            meeting = r.get("meeting") or {}
            writer.writerow(
                [_csv_cell(r.get(c)) for c in columns]
                + [_csv_cell(meeting.get(c)) for c in meeting_cols]
            )
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}")
