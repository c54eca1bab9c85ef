"""kkrnlp tag on item tables (CSV, XLSX, JSONL) and its CSV / XLSX output."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from kkrnlp.errors import DataError
from kkrnlp.tables import read_item_table, records_to_csv, records_to_xlsx

# Invented coded titles, the way a researcher keeps them.
ROWS = [
    {"id": "a1", "title": "Lokalplan for boliger ved Engvej", "kode": "1403"},
    {
        "id": "a2",
        "title": "Takster for SFO",
        "text": "Forvaltningen indstiller, at taksterne for SFO godkendes.",
        "kode": "602",
    },
    {"id": "a3", "title": "Ny busrute til havnen", "kode": "1002"},
]


def _csv(path, delimiter=";"):
    cols = ["id", "title", "text", "kode"]
    lines = [delimiter.join(cols)]
    for r in ROWS:
        lines.append(delimiter.join(f'"{r.get(c, "")}"' for c in cols))
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "title", "text", "kode"])
    for r in ROWS:
        ws.append([r.get(c) for c in ("id", "title", "text", "kode")])
    wb.save(path)
    return path


def _jsonl(path):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), "utf-8")
    return path


@pytest.mark.parametrize("make", [_csv, _xlsx, _jsonl])
def test_read_item_table(tmp_path, make):
    suffix = {"_csv": ".csv", "_xlsx": ".xlsx", "_jsonl": ".jsonl"}[make.__name__]
    rows = read_item_table(make(tmp_path / f"items{suffix}"))
    assert [item.title for item, _ in rows] == [r["title"] for r in ROWS]
    assert rows[1][0].text.startswith("Forvaltningen indstiller")
    assert [str(extra["id"]) for _, extra in rows] == ["a1", "a2", "a3"]


def test_comma_csv_and_errors(tmp_path):
    assert len(read_item_table(_csv(tmp_path / "c.csv", delimiter=","))) == 3
    no_title = tmp_path / "x.csv"
    no_title.write_text("id;navn\n1;Noget\n", encoding="utf-8")
    with pytest.raises(DataError, match="title"):
        read_item_table(no_title)
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(DataError, match="xlsx"):
        read_item_table(broken)


def test_csv_and_xlsx_writers(tmp_path):
    records = [{"id": "a3", "title": "=Ny busrute", "policy_areas": ["trafik", "klima"],
                "cap_major_scores": {"10": 0.9}}]  # fmt: skip
    text = records_to_csv(records)
    assert text.startswith("\ufeffid;title;policy_areas;cap_major_scores\r\n")
    assert "'=Ny busrute" in text and "trafik; klima" in text
    path = tmp_path / "out.xlsx"
    path.write_bytes(records_to_xlsx(records))
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["id", "title", "policy_areas", "cap_major_scores"]
    assert ws["B2"].value == "'=Ny busrute"


@pytest.mark.slow
def test_tag_a_table_end_to_end(tmp_path):
    runner = CliRunner()
    src = _xlsx(tmp_path / "items.xlsx")
    out = tmp_path / "tagged.xlsx"
    res = runner.invoke(app, ["tag", str(src), "--format", "xlsx", "--out", str(out)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["id", "title", "text", "kode"]
    assert {"policy_area", "cap_major", "cap_major_name", "recommendation"} <= set(header)
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[col["id"]] for r in rows] == ["a1", "a2", "a3"]
    assert rows[1][col["recommendation"]] == "godkendelse"
    csv_out = tmp_path / "tagged.csv"
    res = runner.invoke(app, ["tag", str(src), "--format", "csv", "--out", str(csv_out)])
    assert res.exit_code == 0, res.output
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbfid;title;text;kode;")
    res = runner.invoke(app, ["tag", str(src), "--format", "xlsx"])
    assert res.exit_code != 0 and "error:" in res.output
