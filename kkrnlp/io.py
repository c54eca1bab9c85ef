"""Atomic file writes and the record formats the CLI prints (JSONL, JSON, CSV)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` on success.

    Works for files and directories: whatever the caller creates at the yielded
    path replaces ``target`` in one rename, so readers never see half a file.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent)) / target.name
    try:
        yield tmp
        if target.is_dir() and tmp.is_dir():
            backup = target.with_name(f".{target.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            os.replace(target, backup)
            os.replace(tmp, target)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp.parent, ignore_errors=True)


def write_text_atomic(target: str | Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_json_atomic(target: str | Path, data: Any) -> None:
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Columns a spreadsheet user wants first; the rest follow in record order.
_CSV_FIRST = ["source", "number", "title", "group", "empty"]


def format_records(records: Iterable[dict[str, Any]], fmt: str) -> str:
    """Render item records as ``jsonl``, ``json`` or ``csv`` text."""
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
