"""Items as table rows: read CSV / XLSX / JSONL item tables, write Danish-Excel CSV and XLSX.

A researcher holds coded titles as a table: one item per row, a ``title`` column,
optionally ``text`` (and ``recommendation_text``, ``group``, and ``body`` or
``udvalg``: the committee, for the committee's own items); every other column
(``id``, codes, ...) is carried through to the output unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError
from kkrnlp.io import (
    decode_sheet,
    flat_records,
    neutralise_cell,
    read_jsonl,
    sheet_delimiter,
    table_columns,
)
from kkrnlp.io import records_to_csv as records_to_csv
from kkrnlp.schema import AgendaItem

TABLE_SUFFIXES = (".csv", ".xlsx", ".jsonl")
_ITEM_COLUMNS = ("title", "text", "recommendation_text", "group", "number")


def is_item_table(path: Path) -> bool:
    """True for a file ``kkrnlp tag`` reads as a table of items rather than a document."""
    return Path(path).suffix.lower() in TABLE_SUFFIXES


def _read_csv(path: Path) -> list[dict[str, Any]]:
    # as Danish Excel saves it: ';' or ',', UTF-8 with a BOM or Windows-1252
    text = decode_sheet(path.read_bytes(), path.name)
    delimiter = sheet_delimiter(text, ",")
    return [dict(row) for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(path: Path) -> list[dict[str, Any]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from exc
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return [
        {h: v for h, v in zip(header, row, strict=False) if h}
        for row in rows[1:]
        if any(v not in (None, "") for v in row)
    ]


def read_item_table(path: str | Path) -> list[tuple[AgendaItem, dict[str, Any]]]:
    """(item, the row as read) per row of a CSV (``,`` or ``;``), XLSX or JSONL table."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path} does not exist")
    suffix = path.suffix.lower()
    reader = {".csv": _read_csv, ".xlsx": _read_xlsx, ".jsonl": read_jsonl}.get(suffix)
    if reader is None:
        raise DataError(f"{path}: item tables are .csv, .xlsx or .jsonl")
    try:
        rows = reader(path)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text") from exc
    if not rows:
        raise DataError(f"{path}: no rows")
    if not any("title" in r for r in rows):
        raise DataError(f"{path}: needs a 'title' column")
    out = []
    for n, row in enumerate(rows, start=1):
        title = str(row.get("title") or "").strip()
        if not title:
            raise DataError(f"{path}: row {n} has no title")

        def get(key: str, row: dict = row) -> str | None:
            value = row.get(key)
            return str(value) if value not in (None, "") else None

        item = AgendaItem(
            number=get("number") or str(n),
            title=title,
            group=get("group"),
            recommendation_text=get("recommendation_text"),
            text=get("text"),
        )
        out.append((item, row))
    return out


# The column naming the body that met ("Børne- og Skoleudvalget"), English or Danish.
BODY_COLUMNS = ("body", "udvalg")


def table_body(row: dict[str, Any]) -> str | None:
    """The body named by a table row (``body`` or ``udvalg`` column), or None.

    >>> table_body({"title": "Valg af næstformand", "udvalg": "Kulturudvalget"})
    'Kulturudvalget'
    >>> table_body({"title": "Valg af næstformand"}) is None
    True
    """
    for key in BODY_COLUMNS:
        value = row.get(key)
        if value not in (None, "") and str(value).strip():
            return str(value).strip()
    return None


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    # a spreadsheet must not run a cell as a formula; numbers stay numbers in xlsx
    return neutralise_cell(value) if isinstance(value, str) else value


def records_to_xlsx(records: list[dict[str, Any]]) -> bytes:
    """A real .xlsx workbook: one sheet, a header row, one row per record."""
    import openpyxl

    rows = flat_records(records)
    columns = table_columns(rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "items"
    ws.append(columns)
    for row in rows:
        ws.append([_cell(row.get(c)) for c in columns])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
