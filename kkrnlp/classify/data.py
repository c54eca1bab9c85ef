"""Read labelled items (JSONL or CSV) for training and evaluation.

One row per agenda item, in the format of the project's gold files: ``doc``,
``number``, ``title``, ``policy_area``, ``policy_areas``, ``recommendation``,
``recommendations``, ``summary``, ``empty``, plus optional ``text`` (the item's
text), ``recommendation_text`` and ``group``. A row without ``text`` is resolved by
parsing ``doc`` (looked up in ``docs_dir``) and taking the item with the same number.
In CSV, list columns hold their values separated by ``;``. ``doc`` may only name
a file under ``docs_dir`` (default: the data file's folder); ``empty`` is a
boolean or one of ``true``/``false``, ``1``/``0``, ``ja``/``nej``, ``yes``/``no``.

>>> rows = load_labelled(Path("train.jsonl"))  # doctest: +SKIP
>>> items, labels = training_pairs(rows, "policy_area")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError, KkrnlpError
from kkrnlp.io import decode_sheet, read_xlsx_rows, restore_cell, sheet_delimiter
from kkrnlp.schema import AgendaItem, item_key
from kkrnlp.taxonomy import Taxonomy

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("number", "title")
_LIST_COLUMNS = ("policy_areas", "recommendations")
_MAX_LISTED = 5  # offending rows named in one error message


@dataclass
class LabelledItem:
    """An agenda item with its labels; ``line`` is the row's line in the data file."""

    item: AgendaItem
    doc: str | None = None
    policy_area: str | None = None
    policy_areas: list[str] = field(default_factory=list)
    recommendation: str | None = None
    recommendations: list[str] = field(default_factory=list)
    summary: str | None = None
    empty: bool = False
    line: int = 0

    def labels(self) -> dict[str, Any]:
        """The label dict ``Tagger.fit`` takes."""
        return {
            "policy_area": self.policy_area,
            "policy_areas": list(self.policy_areas),
            "recommendation": self.recommendation,
            "recommendations": list(self.recommendations),
        }


def _listing(entries: list[str]) -> str:
    shown = "; ".join(entries[:_MAX_LISTED])
    more = len(entries) - _MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


# Danish Excel shows and saves a boolean cell as SAND / FALSK
_TRUE = {"true", "1", "ja", "yes", "j", "y", "sand"}
_FALSE = {"false", "0", "nej", "no", "n", "", "falsk"}
_LIST_SPLIT = re.compile(r"[|;]")


def _as_bool(value: Any, where: str) -> bool:
    """``empty`` as a boolean: JSON booleans, 0/1 and the usual words; anything else is an error."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise DataError(f"{where}: empty must be true or false, not {value!r}")


def _read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, raw row) pairs from a JSONL or CSV file."""
    from kkrnlp.io import check_readable

    if not path.exists():
        raise DataError(f"labelled data file {path} does not exist")
    check_readable(path)
    if not path.is_file():
        raise DataError(f"labelled data file {path} is not a file")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _sheet_rows(path, _xlsx_lines(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    if suffix == ".csv":
        # a sheet as Danish Excel saves it: ';' or ',', UTF-8 with a BOM or Windows-1252
        text = decode_sheet(data, path.name)
        delimiter = sheet_delimiter(text, ",")
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _sheet_rows(path, reader)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text") from None
    rows: list[tuple[int, dict[str, Any]]] = []
    bad = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(f"line {i} ({exc.msg})")
            continue
        if not isinstance(row, dict):
            bad.append(f"line {i} (not a JSON object)")
            continue
        rows.append((i, row))
    if bad:
        raise DataError(f"{path}: bad JSON on {_listing(bad)}")
    missing_rows = [
        f"line {i} lacks {', '.join(c for c in REQUIRED_COLUMNS if c not in row)}"
        for i, row in rows
        if any(c not in row for c in REQUIRED_COLUMNS)
    ]
    if missing_rows:
        raise DataError(f"{path}: missing column(s): {_listing(missing_rows)}")
    return rows


def _xlsx_lines(path: Path) -> csv.DictReader:
    """A workbook's first sheet, read like a CSV file with a header row."""
    buf = io.StringIO()
    csv.writer(buf).writerows(read_xlsx_rows(path))
    return csv.DictReader(io.StringIO(buf.getvalue()))


def _sheet_rows(path: Path, reader: csv.DictReader) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, row) pairs; list cells split on ``|`` (as exported) or ``;``."""
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        fields = [f.strip().lstrip("\ufeff").lower() for f in reader.fieldnames or []]
        reader.fieldnames = fields
        missing = [c for c in REQUIRED_COLUMNS if c not in fields]
        if missing:
            raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
        for i, raw in enumerate(reader, start=2):
            row: dict[str, Any] = {
                k: (restore_cell(v.strip()) if v.strip() != "" else None)
                for k, v in raw.items()
                if k and isinstance(v, str)
            }
            if not any(row.values()):
                continue
            for col in _LIST_COLUMNS:
                value = row.get(col)
                row[col] = (
                    [v.strip() for v in _LIST_SPLIT.split(value) if v.strip()] if value else []
                )
            rows.append((i, row))
    except csv.Error as exc:
        raise DataError(f"{path} is not a readable CSV file: {exc}") from None
    return rows


def _check_empty(path: Path, rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Turn every row's ``empty`` into a boolean; unknown values are errors naming the rows."""
    bad = []
    for i, row in rows:
        try:
            row["empty"] = _as_bool(row.get("empty"), f"line {i}")
        except DataError as exc:
            bad.append(str(exc))
    if bad:
        raise DataError(f"{path}: {_listing(bad)}")


def _doc_path(docs_dir: Path, doc: str, where: str) -> Path:
    """``docs_dir / doc``, refused when it leads outside ``docs_dir`` (``../``, absolute paths)."""
    root = docs_dir.resolve()
    candidate = (docs_dir / doc).resolve()
    if not candidate.is_relative_to(root):
        raise DataError(
            f"{where}: doc {doc!r} is outside {docs_dir}; name a file in that folder "
            "(or give --docs DIR)"
        )
    return candidate


def _check_labels(path: Path, rows: list[tuple[int, dict[str, Any]]], taxonomy: Taxonomy) -> None:
    areas = set(taxonomy.policy_area_names)
    recs = set(taxonomy.recommendation_names)
    bad = []
    for i, row in rows:
        wrong = [
            a
            for a in [row.get("policy_area"), *(row.get("policy_areas") or [])]
            if a and a not in areas
        ]
        wrong += [
            r
            for r in [row.get("recommendation"), *(row.get("recommendations") or [])]
            if r and r not in recs
        ]
        if wrong:
            bad.append(f"line {i}: {', '.join(sorted(set(wrong)))}")
    if bad:
        raise DataError(
            f"{path}: unknown label(s) not in {taxonomy.source or 'the label set'}: {_listing(bad)}"
        )


def _parse_doc(doc_path: Path) -> dict[str, AgendaItem]:
    import kkrnlp

    meeting = kkrnlp.parse(doc_path)
    return {item_key(item.number, item.title): item for item in meeting.items}


def load_labelled(
    path: str | Path, docs_dir: str | Path | None = None, taxonomy: Taxonomy | None = None
) -> list[LabelledItem]:
    """Read every row of a labelled JSONL or CSV file (empty and unlabelled rows included).

    Raises DataError for bad JSON, missing columns, labels unknown to ``taxonomy``
    (default: the shipped labels.toml), and documents or items that cannot be found.
    """
    from kkrnlp.taxonomy import load_taxonomy

    path = Path(path)
    taxonomy = taxonomy or load_taxonomy()
    rows = _read_rows(path)
    _check_empty(path, rows)
    _check_labels(path, rows, taxonomy)
    docs_dir = Path(docs_dir) if docs_dir is not None else path.parent
    parsed: dict[str, dict[str, AgendaItem]] = {}
    missing_docs: list[str] = []
    missing_items: list[str] = []
    out = []
    for i, row in rows:
        number = str(row.get("number") or "").strip().rstrip(".")
        empty = bool(row.get("empty") or False)
        if row.get("text") is not None or empty:
            item = AgendaItem(
                number=number,
                title=str(row.get("title") or ""),
                group=row.get("group"),
                recommendation_text=row.get("recommendation_text"),
                empty=empty,
                text=str(row.get("text") or ""),
            )
        else:
            doc = row.get("doc")
            if not doc:
                missing_docs.append(f"line {i} has neither text nor doc")
                continue
            if not isinstance(doc, str):
                raise DataError(f"{path} line {i}: doc must be a file name, not {doc!r}")
            if doc not in parsed:
                doc_path = _doc_path(docs_dir, doc, f"{path} line {i}")
                if not doc_path.is_file():
                    parsed[doc] = {}
                    missing_docs.append(f"line {i}: {doc} not in {docs_dir}")
                    continue
                try:
                    parsed[doc] = _parse_doc(doc_path)
                except KkrnlpError as exc:
                    raise DataError(f"{path} line {i}: cannot parse {doc}: {exc}") from exc
            if not parsed[doc]:
                missing_docs.append(f"line {i}: {doc} not in {docs_dir}")
                continue
            found = parsed[doc].get(item_key(number, row.get("title")))
            if found is None:
                missing_items.append(f"line {i}: no item {number} in {doc}")
                continue
            item = found
            if row.get("recommendation_text") and not item.recommendation_text:
                item.recommendation_text = row["recommendation_text"]
        area = row.get("policy_area")
        areas = list(row.get("policy_areas") or ([area] if area else []))
        rec = row.get("recommendation")
        recs = list(row.get("recommendations") or ([rec] if rec else []))
        out.append(
            LabelledItem(
                item=item,
                doc=row.get("doc"),
                policy_area=area,
                policy_areas=areas,
                recommendation=rec,
                recommendations=recs,
                summary=row.get("summary"),
                empty=empty,
                line=i,
            )
        )
    if missing_docs or missing_items:
        raise DataError(f"{path}: {_listing(missing_docs + missing_items)}")
    return out


def training_pairs(
    rows: list[LabelledItem], task: str = "policy_area"
) -> tuple[list[AgendaItem], list[str]]:
    """Items and labels for one task (``policy_area`` or ``recommendation``).

    Empty items and rows without a label for the task are skipped.
    """
    if task not in ("policy_area", "recommendation"):
        raise ValueError(f"unknown task {task!r}")
    items, labels = [], []
    for row in rows:
        label = getattr(row, task)
        if row.empty or not label:
            continue
        items.append(row.item)
        labels.append(label)
    return items, labels
