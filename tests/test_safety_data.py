"""Spreadsheet formulas never run, labelled rows stay inside their folder, booleans are booleans."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kkrnlp.classify.data import load_labelled
from kkrnlp.errors import DataError
from kkrnlp.io import format_records, neutralise_cell, restore_cell
from kkrnlp.labelling import export_labels, import_labels
from kkrnlp.taxonomy import load_taxonomy

DANGEROUS = ['=HYPERLINK("http://x")', "+45 12 34", "-5", "@SUM(A1)", "\tfane", "\rretur"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_formula_cells_get_a_quote(cell):
    assert neutralise_cell(cell) == "'" + cell
    assert restore_cell(neutralise_cell(cell)) == cell


@pytest.mark.parametrize("cell", ["Budget 2025", "'citat'", "", "3.4", "'", "5-3"])
def test_harmless_cells_are_left_alone(cell):
    assert neutralise_cell(cell) == cell
    assert restore_cell(cell) == cell


@given(st.text(alphabet="'=+-@\t\rab5 ", max_size=8))
def test_neutralise_then_restore_is_the_identity(cell):
    safe = neutralise_cell(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(safe) == cell


def _records() -> list[dict]:
    return [
        {
            "source": "=cmd.txt",
            "number": "1",
            "title": '=HYPERLINK("http://x","klik")',
            "policy_area": "trafik",
            "recommendation": "godkendelse",
            "summary": "-5 mio. kr. i underskud",
            "empty": False,
            "text": "@SUM(A1) og mere",
        },
        {"source": "=cmd.txt", "number": "2", "title": "Almindelig titel", "empty": True},
    ]


def test_every_csv_format_neutralises_and_labels_import_undoes_it(tmp_path):
    text = format_records(_records(), "csv").removeprefix("\ufeff")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [c for row in table[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert '\'=HYPERLINK("http://x","klik")' in cells and "'-5 mio. kr. i underskud" in cells

    path = export_labels(_records(), tmp_path / "labels.csv")
    raw = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert not any(c.startswith(("=", "+", "-", "@")) for row in rows[1:] for c in row)
    back = import_labels(path, load_taxonomy())
    assert back[0]["doc"] == "=cmd.txt"
    assert back[0]["title"] == '=HYPERLINK("http://x","klik")'
    assert back[0]["summary"] == "-5 mio. kr. i underskud"
    assert back[0]["text"] == "@SUM(A1) og mere"


def _row(doc: str, **extra) -> dict:
    return {"doc": doc, "number": "1", "title": "Busser", "policy_area": "trafik",
            "recommendation": "godkendelse", **extra}  # fmt: skip


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.mark.parametrize("doc", ["../hemmelig.txt", "/etc/passwd", "sub/../../hemmelig.txt"])
def test_a_doc_outside_the_data_folder_is_refused(tmp_path, doc):
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "hemmelig.txt").write_text("1. Hemmeligt punkt\n", encoding="utf-8")
    path = _jsonl(data / "labels.jsonl", [_row("ok.txt", text="x"), _row(doc)])
    with pytest.raises(DataError, match=r"labels\.jsonl line 2: doc .* is outside .*--docs DIR"):
        load_labelled(path)


def test_a_doc_inside_the_docs_folder_is_found(tmp_path):
    docs = tmp_path / "docs" / "sub"
    docs.mkdir(parents=True)
    (docs / "d.txt").write_text(
        "Dagsorden\nKKR Prøveby\n\n1. Busser\n\nIndstilling\nDet indstilles, at KKR "
        "godkender planen.\n\n2. Eventuelt\n",
        encoding="utf-8",
    )
    path = _jsonl(tmp_path / "labels.jsonl", [_row("sub/d.txt")])
    assert load_labelled(path, docs_dir=tmp_path / "docs")[0].item.title == "Busser"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("false", False), ("true", True), ("0", False), ("1", True), ("ja", True), ("nej", False),
     (False, False), (True, True), (0, False), (1, True), (None, False), ("Nej", False)],
)  # fmt: skip
def test_string_booleans_are_read_as_booleans(tmp_path, value, expected):
    row = _row("d.txt", text="Tekst", empty=value)
    if expected:
        row.update(policy_area=None, recommendation=None)
    loaded = load_labelled(_jsonl(tmp_path / "l.jsonl", [row]))
    assert loaded[0].empty is expected


@pytest.mark.parametrize("value", ["måske", "2", [], {"x": 1}])
def test_other_empty_values_are_rejected_with_the_row(tmp_path, value):
    rows = [_row("d.txt", text="x"), _row("d.txt", text="y", empty=value)]
    with pytest.raises(DataError, match=r"line 2: empty must be true or false"):
        load_labelled(_jsonl(tmp_path / "l.jsonl", rows))


def test_csv_data_reads_booleans_and_neutralised_cells(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text(
        "doc,number,title,policy_area,recommendation,empty,text\n"
        "d.txt,1,'=Busser,trafik,godkendelse,nej,'-5 busser\n"
        "d.txt,2,Eventuelt,,,ja,\n",
        encoding="utf-8",
    )
    rows = load_labelled(path)
    assert rows[0].item.title == "=Busser" and rows[0].item.text == "-5 busser"
    assert [r.empty for r in rows] == [False, True]
    path.write_text("doc,number,title,empty,text\nd.txt,1,A,kanske,x\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2: empty must be true or false, not 'kanske'"):
        load_labelled(path)
