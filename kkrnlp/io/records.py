"""The record formats the CLI reads and prints (JSONL, JSON, CSV), with formula-safe cells."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError, InputError

log = logging.getLogger(__name__)


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
    if isinstance(value, bool):  # as in JSON and the label sheet, not Python's True
        return "true" if value else "false"
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "; ".join(value)
        else:
            value = json.dumps(value, ensure_ascii=False)
    return neutralise_cell(str(value))


# Columns a spreadsheet user wants first; the rest follow in record order.
_CSV_FIRST = ["source", "number", "title", "group", "empty"]
# The meeting's fields a table row carries, flattened to ``meeting_<field>`` columns.
_MEETING_COLUMNS = ("body", "kind", "date", "time", "place")


def flat_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records as table rows: the meeting flattened to ``meeting_body`` ... , no sections.

    A row of an item table (no ``meeting``) keeps its own columns, in their order.
    """
    rows = []
    for record in records:
        row = {k: v for k, v in record.items() if k not in ("meeting", "sections")}
        meeting = record.get("meeting")
        if isinstance(meeting, dict):
            row.update({f"meeting_{c}": meeting.get(c) for c in _MEETING_COLUMNS})
        rows.append(row)
    return rows


def table_columns(rows: list[dict[str, Any]]) -> list[str]:
    """The columns of flat rows in their order; an agenda's (with ``source``) lead with
    ``source, number, title, group, empty``, an item table's keep the user's order."""
    columns: list[str] = []
    if any("source" in r for r in rows):
        columns = [c for c in _CSV_FIRST if any(c in r for r in rows)]
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return columns


def records_to_csv(records: Iterable[dict[str, Any]]) -> str:
    """CSV that Danish Excel opens as columns: ``;`` separators, a UTF-8 BOM, CRLF lines.

    Lists of words become ``a; b``, other lists and dicts JSON; cells a spreadsheet
    would run as a formula are neutralised. The meeting is flattened (:func:`flat_records`).
    """
    rows = flat_records(records)
    columns = table_columns(rows)
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def format_records(records: Iterable[dict[str, Any]], fmt: str) -> str:
    """Render item records as ``jsonl``, ``json`` or ``csv`` text (:func:`records_to_csv`)."""
    records = list(records)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return records_to_csv(records)
    raise ValueError(f"unknown format {fmt!r}")


def decode_sheet(data: bytes, name: str) -> str:
    """A spreadsheet's CSV as text: UTF-16 (with its BOM), UTF-8 with or without BOM, or
    Windows-1252, which Danish Excel's "CSV (semikolonsepareret)" is saved in.

    DataError for bytes that are none of these (a workbook or a binary file).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{name} is neither a CSV file (UTF-8 or Windows-1252) nor an .xlsx workbook"
        ) from exc
    log.warning("%s is not UTF-8; read it as Windows-1252", name)
    return text


def sheet_delimiter(text: str, default: str = ";") -> str:
    """``;``, ``,`` or tab, judged from the header line (cells below may hold any of them)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
    except csv.Error:
        return default


def _xlsx_cell(value: Any) -> str:
    """A workbook cell as the text a CSV would hold: ``8`` not ``8.0``, ``true`` for TRUE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx_rows(path: Path) -> list[list[str]]:
    """The first sheet of a workbook as rows of text cells (blank rows left out)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataError(f"{path.name} is not a readable .xlsx workbook") from exc
    try:
        sheet = wb.worksheets[0]
        rows = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()
    return [row for row in rows if any(c.strip() for c in row)]
