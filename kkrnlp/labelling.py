"""Labels out to a spreadsheet and back: export predictions, let a person correct them, import.

``export_labels`` writes one CSV row per item with the predicted labels filled
in; ``import_labels`` reads the corrected sheet, checks it against the label
set and returns rows in the labelled-JSONL format of the gold data (``doc``,
``number``, ``title``, ``policy_area``, ``policy_areas``, ``recommendation``,
``recommendations``, ``summary``, ``empty``) plus ``text``, ready for
``write_labelled_jsonl`` and training.

The CSV is written for Danish Excel: UTF-8 with a byte-order mark (without it
Excel shows æøå as mojibake) and ``;`` as the delimiter (Danish Excel uses the
comma as decimal separator and splits on ``;``). List cells (``policy_areas``,
``recommendations``) are joined with ``|``. The last column, ``id``
(``doc#number``), guards the item number: Excel turns ``3.4`` into a date, so
on import a filled-in ``id`` wins over the ``doc`` and ``number`` cells.

A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, say ``=HYPERLINK(...)`` quoted in an
agenda, or ``-5``) gets a leading ``'`` on export, so Excel shows it as text;
import takes that quote off again (:func:`kkrnlp.io.restore_cell`).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError, InputError
from kkrnlp.io import (
    decode_sheet,
    neutralise_cell,
    read_xlsx_rows,
    restore_cell,
    sheet_delimiter,
    write_bytes_atomic,
    write_text_atomic,
)
from kkrnlp.taxonomy import Taxonomy

log = logging.getLogger(__name__)

COLUMNS = (
    "doc",
    "number",
    "title",
    "policy_area",
    "policy_areas",
    "recommendation",
    "recommendations",
    "summary",
    "empty",
    "text",
    "id",
    "confidence",
)
REQUIRED_COLUMNS = ("doc", "number", "title", "policy_area", "recommendation")
DELIMITER = ";"
LIST_SEPARATOR = "|"
# Excel keeps at most 32,767 characters in a cell and silently cuts the rest.
MAX_CELL = 32_000
_TRUNCATED = " […]"
_LIST_SPLIT = re.compile(r"[|;,]")
_TRUE = {"true", "1", "ja", "j", "yes", "y", "x", "sand"}
_FALSE = {"false", "0", "nej", "n", "no", "falsk", ""}
# How many problems one error message spells out before it says "and N more".
_MAX_PROBLEMS = 30


class LabelRows(list):
    """The imported rows (a plain list) plus the CSV row numbers skipped as unlabelled."""

    def __init__(self, rows: Iterable[dict[str, Any]] = (), skipped_rows: Iterable[int] = ()):
        super().__init__(rows)
        self.skipped_rows: list[int] = list(skipped_rows)

    @property
    def skipped(self) -> int:
        return len(self.skipped_rows)


def _item_id(doc: str, number: str) -> str:
    return f"{doc}#{number}"


def _cell_text(value: Any) -> str:
    text = "" if value is None else str(value)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - len(_TRUNCATED)] + _TRUNCATED
    return neutralise_cell(text)


def _record_areas(record: dict[str, Any]) -> list[str]:
    areas = [a for a in record.get("policy_areas") or [] if a]
    if record.get("policy_area") and record["policy_area"] not in areas:
        areas.insert(0, record["policy_area"])
    return areas


def _record_recommendations(record: dict[str, Any]) -> list[str]:
    recs = [r for r in record.get("recommendations") or [] if r]
    if record.get("recommendation") and record["recommendation"] not in recs:
        recs.insert(0, record["recommendation"])
    return recs


def record_confidence(record: dict[str, Any]) -> float | None:
    """The lower of the main area's and main recommendation type's score (None: no labels)."""
    values = []
    for label_key, scores_key in (
        ("policy_area", "policy_area_scores"),
        ("recommendation", "recommendation_scores"),
    ):
        label, scores = record.get(label_key), record.get(scores_key) or {}
        if label and label in scores:
            values.append(float(scores[label]))
    return round(min(values), 4) if values else None


def export_labels(
    records: list[dict[str, Any]], path: str | Path, least_confident_first: bool = False
) -> Path:
    """Write item records as a sheet for label correction: CSV (UTF-8 BOM, ``;``) or,
    for a ``.xlsx`` path, an Excel workbook.

    ``confidence`` is the lower of the predicted area's and recommendation type's
    scores; ``least_confident_first`` orders the sheet so the items worth labelling
    next come first (empty items last).

    Accepts tagged item records (``source`` names the document) or labelled rows
    (``doc``). Texts longer than Excel's cell limit are cut; ``import_labels``
    with ``expected`` restores the full text. Formula-like cells are neutralised.

    >>> export_labels(records, Path("labels.csv"))  # doctest: +SKIP
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        data = labels_xlsx_bytes(records, least_confident_first)
    else:
        data = labels_csv_bytes(records, least_confident_first)
    write_bytes_atomic(path, data)
    log.info("wrote %d rows to %s", len(records), path)
    return path


def _label_rows(records: list[dict[str, Any]], least_confident_first: bool) -> list[dict[str, Any]]:
    """One sheet row per record, with the columns of :data:`COLUMNS`."""
    cut = 0
    if least_confident_first:
        records = sorted(
            records,
            key=lambda r: c if (c := record_confidence(r)) is not None else 2.0,
        )
    rows = []
    for record in records:
        doc = str(record.get("doc") or record.get("source") or "")
        number = str(record.get("number") or "")
        empty = bool(record.get("empty"))
        text = record.get("text") or ""
        cut += len(text) > MAX_CELL
        rows.append(
            {
                "doc": doc,
                "number": number,
                "title": record.get("title") or "",
                "policy_area": "" if empty else record.get("policy_area") or "",
                "policy_areas": "" if empty else LIST_SEPARATOR.join(_record_areas(record)),
                "recommendation": "" if empty else record.get("recommendation") or "",
                "recommendations": (
                    "" if empty else LIST_SEPARATOR.join(_record_recommendations(record))
                ),
                "summary": record.get("summary") or "",
                "empty": "true" if empty else "false",
                "text": text,
                "id": _item_id(doc, number),
                "confidence": "" if empty else record_confidence(record),
            }
        )
    if cut:
        log.warning("%d item text(s) cut to %d characters for Excel", cut, MAX_CELL)
    return rows


def labels_csv_bytes(records: list[dict[str, Any]], least_confident_first: bool = False) -> bytes:
    """The bytes :func:`export_labels` writes for a CSV sheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in _label_rows(records, least_confident_first):
        writer.writerow([_cell_text(row[c]) for c in COLUMNS])
    # utf-8-sig adds the byte-order mark Excel needs to read the file as UTF-8.
    return buf.getvalue().encode("utf-8-sig", errors="replace")


def labels_xlsx_bytes(records: list[dict[str, Any]], least_confident_first: bool = False) -> bytes:
    """The sheet as an Excel workbook: text cells stay text (an item number ``2.1`` is
    never turned into a date), ``confidence`` is a number."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "labels"
    ws.append(list(COLUMNS))
    for row in _label_rows(records, least_confident_first):
        ws.append([row[c] if c == "confidence" else _cell_text(row[c]) for c in COLUMNS])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _read_table(path: Path) -> list[list[str]]:
    """The sheet's rows of cells: an Excel workbook (``.xlsx``) or CSV text."""
    if path.suffix.lower() == ".xlsx" and path.is_file():
        table = read_xlsx_rows(path)
        if not table:
            raise DataError(f"{path.name} is empty")
        return [[restore_cell(c) for c in row] for row in table]
    text = _read_text(path)
    if not text.strip():
        raise DataError(f"{path.name} is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [[restore_cell(c) for c in row] for row in reader]
    except csv.Error as exc:
        raise DataError(f"{path.name} is not a readable CSV file: {exc}") from exc


def _read_text(path: Path) -> str:
    """The file as text: UTF-8 with or without BOM, UTF-16 or Windows-1252.

    Danish Excel saves "CSV (semikolonsepareret)" in Windows-1252 and "Unicode
    text" in UTF-16; only "CSV UTF-8" keeps UTF-8.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"sheet {path} does not exist") from exc
    except IsADirectoryError as exc:
        raise InputError(f"sheet {path} is a folder, not a CSV or .xlsx file") from exc
    except OSError as exc:
        raise InputError(f"cannot read the sheet {path}: {exc.strerror}") from exc
    return decode_sheet(data, path.name)


def _delimiter(text: str) -> str:
    """``;``, ``,`` or tab, judged from the header line (cells below may hold any of them)."""
    return sheet_delimiter(text, DELIMITER)


def _norm_label(name: str) -> str:
    """``Børn og unge``, ``børn unge`` and ``børn_unge`` all match ``børn_unge``."""
    return re.sub(r"[\s_]+(?:og[\s_]+)?", "_", name.strip().lower())


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)


def _parse_labels(
    main_cell: str, list_cell: str, known: dict[str, str]
) -> tuple[str | None, list[str], list[str]]:
    """Main label, all labels (main first) and the unknown values of one label pair."""
    raw = [main_cell, *_LIST_SPLIT.split(list_cell)]
    found: list[str | None] = []
    unknown: list[str] = []
    for value in (v.strip() for v in raw):
        name = known.get(_norm_label(value)) if value else None
        if value and name is None:
            unknown.append(value)
        found.append(name)
    main, listed = found[0], [n for n in found[1:] if n]
    if main is None and listed and not main_cell.strip():
        main = listed[0]
    if main is not None:
        listed = [main, *listed]
    return main, _unique(listed), unknown


def _expected_key(record: dict[str, Any]) -> tuple[str, str]:
    return str(record.get("doc") or record.get("source") or ""), str(record.get("number") or "")


def import_labels(
    path: str | Path,
    taxonomy: Taxonomy | None = None,
    *,
    expected: list[dict[str, Any]] | None = None,
) -> LabelRows:
    """Read a corrected label sheet and return validated labelled-JSONL rows.

    Reads ``;``, ``,`` or tab delimited CSV, with or without BOM, UTF-8 or the
    Windows-1252 of Danish Excel. Labels are matched without regard to case, and
    readable names work (``Børn og unge`` is ``børn_unge``). List cells may be
    separated by ``|``, ``;`` or ``,``. Silently fixed: a main label missing from
    its list is put first (a label listed but not first is moved first); a list
    without a main label makes its first entry the main one. Rows with no label at
    all (and ``empty`` false) are skipped and counted in ``result.skipped_rows``.

    Every problem is collected and raised as one ``DataError`` naming the
    spreadsheet rows (the header is row 1): missing columns, empty doc, number or
    title, unknown labels, duplicate (doc, number), labels on an empty item, a
    labelled row without a policy area, and, when ``expected`` (the exported
    records) is given, rows not among them and items missing from the file.
    With ``expected`` the item text is taken from it, uncut.

    >>> rows = import_labels(Path("labels.csv"), load_taxonomy())  # doctest: +SKIP
    >>> write_labelled_jsonl(rows, Path("labelled.jsonl"))  # doctest: +SKIP
    """
    if taxonomy is None:
        from kkrnlp.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    path = Path(path)
    table = _read_table(path)
    header = [h.strip().lstrip("\ufeff").lower() for h in table[0]]
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        raise DataError(
            f"{path.name}: missing column(s) {', '.join(missing)}; "
            f"found {', '.join(h for h in header if h) or 'none'}"
        )

    areas_by_norm = {_norm_label(n): n for n in taxonomy.policy_area_names}
    recs_by_norm = {_norm_label(n): n for n in taxonomy.recommendation_names}
    expected_text: dict[tuple[str, str], str] = {}
    if expected is not None:
        expected_text = {_expected_key(r): r.get("text") or "" for r in expected}

    problems: list[str] = []
    unknown_seen = False
    rows: list[dict[str, Any]] = []
    skipped: list[int] = []
    first_row: dict[tuple[str, str], int] = {}

    for offset, cells in enumerate(table[1:]):
        rowno = offset + 2
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = index.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        doc, number = cell("doc"), cell("number").rstrip(".")
        item_id = cell("id")
        if "#" in item_id:
            doc, number = item_id.rsplit("#", 1)
        if not doc:
            problems.append(f"row {rowno}: empty doc")
        if not number:
            problems.append(f"row {rowno}: empty number")
        title = " ".join(cell("title").split())
        if not title:
            problems.append(f"row {rowno}: empty title")
        key = (doc, number)
        if doc and number:
            if key in first_row:
                problems.append(
                    f"row {rowno}: duplicate item {doc} {number} (also row {first_row[key]})"
                )
            else:
                first_row[key] = rowno
            if expected is not None and key not in expected_text:
                problems.append(f"row {rowno}: item {doc} {number} is not among the exported items")

        empty_cell = cell("empty").lower()
        if empty_cell in _TRUE:
            empty = True
        elif empty_cell in _FALSE:
            empty = False
        else:
            empty = False
            problems.append(f"row {rowno}: empty must be true or false, not {cell('empty')!r}")

        area, areas, bad_areas = _parse_labels(
            cell("policy_area"), cell("policy_areas"), areas_by_norm
        )
        rec, recs, bad_recs = _parse_labels(
            cell("recommendation"), cell("recommendations"), recs_by_norm
        )
        problems += [f"row {rowno}: unknown policy area {v!r}" for v in bad_areas]
        problems += [f"row {rowno}: unknown recommendation {v!r}" for v in bad_recs]
        unknown_seen = unknown_seen or bool(bad_areas or bad_recs)
        has_labels = any(cell(c) for c in ("policy_area", "policy_areas"))
        has_labels = has_labels or any(cell(c) for c in ("recommendation", "recommendations"))
        if empty and has_labels:
            problems.append(f"row {rowno}: empty item has labels; clear them or set empty to false")
        if not empty and not has_labels:
            skipped.append(rowno)
            continue
        if not empty and not cell("policy_area") and not cell("policy_areas"):
            problems.append(f"row {rowno}: recommendation given but no policy area")

        summary = cell("summary") or None
        item_text = expected_text.get(key) if expected is not None else None
        if item_text is None:
            i = index.get("text")
            item_text = cells[i] if i is not None and i < len(cells) else ""
        rows.append(
            {
                "doc": doc,
                "number": number,
                "title": title,
                "policy_area": None if empty else area,
                "policy_areas": [] if empty else areas,
                "recommendation": None if empty else rec,
                "recommendations": [] if empty else recs,
                "summary": summary,
                "empty": empty,
                "text": item_text,
            }
        )

    if expected is not None:
        absent = [f"{d} {n}" for d, n in expected_text if (d, n) not in first_row]
        if absent:
            shown = ", ".join(absent[:10]) + (
                f" and {len(absent) - 10} more" if len(absent) > 10 else ""
            )
            problems.append(f"{len(absent)} exported item(s) missing from the file: {shown}")
    if problems:
        message = f"{path.name}: {len(problems)} problem(s): " + "; ".join(problems[:_MAX_PROBLEMS])
        if len(problems) > _MAX_PROBLEMS:
            message += f"; and {len(problems) - _MAX_PROBLEMS} more"
        if unknown_seen:
            message += (
                f" (valid policy areas: {', '.join(taxonomy.policy_area_names)};"
                f" valid recommendations: {', '.join(taxonomy.recommendation_names)})"
            )
        raise DataError(message)
    if skipped:
        log.warning(
            "%s: skipped %d unlabelled row(s): %s",
            path.name,
            len(skipped),
            ", ".join(map(str, skipped[:20])),
        )
    return LabelRows(rows, skipped)


def labelled_jsonl_text(rows: Iterable[dict[str, Any]]) -> str:
    """Labelled rows as JSONL text, one object a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def write_labelled_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> Path:
    """Write labelled rows as JSONL (UTF-8, one object a line), atomically."""
    path = Path(path)
    rows = list(rows)
    write_text_atomic(path, labelled_jsonl_text(rows))
    log.info("wrote %d labelled rows to %s", len(rows), path)
    return path
