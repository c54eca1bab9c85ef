"""Tests for kkrnlp.labelling. All records and sheets below were written for this project."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kkrnlp.errors import DataError, InputError
from kkrnlp.io import read_jsonl
from kkrnlp.labelling import (
    COLUMNS,
    MAX_CELL,
    export_labels,
    import_labels,
    write_labelled_jsonl,
)
from kkrnlp.taxonomy import load_taxonomy

GOLD_KEYS = {
    "doc",
    "number",
    "title",
    "policy_area",
    "policy_areas",
    "recommendation",
    "recommendations",
    "summary",
    "empty",
}


def shared_dir() -> Path:
    path = Path(__file__).resolve().parents[1].parent / "shared"
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} not present")
    return path


@pytest.fixture()
def taxonomy():
    return load_taxonomy()


@pytest.fixture()
def custom_taxonomy(tmp_path):
    from kkrnlp.config import LABELS_FILE

    extra = (
        "\n[[policy_area]]\n"
        'name = "boliger"\n'
        'description = "Almene boliger, byfornyelse og boligsociale helhedsplaner."\n'
    )
    path = tmp_path / "labels.toml"
    path.write_text(LABELS_FILE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_taxonomy(path)


@pytest.fixture()
def records():
    doc = "møde_æøå.txt"
    return [
        {
            "source": doc,
            "number": "1.1",
            "title": "Godkendelse af dagsorden",
            "empty": False,
            "text": "Dagsordenen for mødet lægges frem til godkendelse.",
            "policy_area": "formalia",
            "policy_areas": ["formalia"],
            "recommendation": "godkendelse",
            "recommendations": ["godkendelse"],
            "summary": "Dagsordenen skal godkendes.",
            "meeting": {"source": doc, "date": "2021-04-19"},
        },
        {
            "source": doc,
            "number": "3.4",
            "title": "Nye almene boliger ved åen",
            "empty": False,
            "text": 'Kommunerne; ønsker, at "flere" boliger bygges.\nAnden linje med æ, ø og å.',
            "policy_area": "planlægning",
            "policy_areas": ["planlægning", "økonomi"],
            "recommendation": "drøftelse",
            "recommendations": ["drøftelse"],
            "summary": "Der lægges op til flere almene boliger i kommunerne.",
        },
        {
            "source": doc,
            "number": "3.10",
            "title": "Ældres trivsel",
            "empty": False,
            "text": "Status for arbejdet med ældres trivsel i plejeboliger.",
            "policy_area": "sundhed",
            "policy_areas": ["sundhed"],
            "recommendation": "orientering",
            "recommendations": ["orientering"],
            "summary": "Status for ældres trivsel.",
        },
        {
            "source": doc,
            "number": "5",
            "title": "Eventuelt",
            "empty": True,
            "text": "",
            "policy_area": None,
            "policy_areas": [],
            "recommendation": None,
            "recommendations": [],
        },
    ]


def read_sheet(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def write_sheet(path: Path, rows: list[dict[str, str]], *, delimiter=";", encoding="utf-8-sig"):
    buf = io.StringIO()
    columns = list(rows[0]) if rows else list(COLUMNS)
    writer = csv.DictWriter(buf, columns, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def test_export_is_excel_friendly(records, tmp_path):
    path = export_labels(records, tmp_path / "labels.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].decode("utf-8").split("\r\n", 1)[0]
    assert header.split(";") == list(COLUMNS)
    rows = read_sheet(path)
    assert [r["number"] for r in rows] == ["1.1", "3.4", "3.10", "5"]
    assert rows[1]["policy_areas"] == "planlægning|økonomi"
    assert rows[1]["doc"] == "møde_æøå.txt"
    assert rows[1]["text"] == records[1]["text"]
    assert rows[3]["empty"] == "true" and rows[3]["policy_area"] == ""
    assert rows[1]["id"] == "møde_æøå.txt#3.4"


def test_round_trip_with_edits(records, custom_taxonomy, tmp_path):
    path = export_labels(records, tmp_path / "labels.csv")
    rows = read_sheet(path)
    rows[1]["policy_area"] = "boliger"  # a label that exists only in the custom labels.toml
    rows[1]["policy_areas"] = "planlægning|økonomi"
    rows[2]["recommendation"] = "godkendelse"
    rows[2]["recommendations"] = "godkendelse|orientering"
    rows[2]["summary"] = "Rettet resumé om ældres trivsel på plejehjem."
    write_sheet(path, rows)

    imported = import_labels(path, custom_taxonomy, expected=records)
    by_number = {r["number"]: r for r in imported}
    assert set(by_number) == {"1.1", "3.4", "3.10", "5"}
    # The edited main label is put first in its list.
    assert by_number["3.4"]["policy_area"] == "boliger"
    assert by_number["3.4"]["policy_areas"] == ["boliger", "planlægning", "økonomi"]
    assert by_number["3.10"]["recommendation"] == "godkendelse"
    assert by_number["3.10"]["recommendations"] == ["godkendelse", "orientering"]
    assert by_number["3.10"]["summary"] == "Rettet resumé om ældres trivsel på plejehjem."
    assert by_number["1.1"]["policy_area"] == "formalia"
    assert by_number["5"]["empty"] is True and by_number["5"]["policy_area"] is None
    assert by_number["3.4"]["text"] == records[1]["text"]
    assert by_number["3.4"]["doc"] == "møde_æøå.txt"
    assert imported.skipped == 0
    for row in imported:
        assert GOLD_KEYS | {"text"} == set(row)


def test_custom_label_unknown_to_default_taxonomy(records, taxonomy, tmp_path):
    path = export_labels(records, tmp_path / "labels.csv")
    rows = read_sheet(path)
    rows[1]["policy_area"] = "boliger"
    write_sheet(path, rows)
    with pytest.raises(DataError, match=r"row 3: unknown policy area 'boliger'"):
        import_labels(path, taxonomy)


def test_excel_style_file_with_readable_labels(taxonomy, tmp_path):
    # What a person typing in Danish Excel might save: BOM, ";", CRLF, readable names,
    # a comma-separated list cell and yes/no in Danish.
    text = (
        "doc;number;title;policy_area;policy_areas;recommendation;recommendations;summary;empty\r\n"
        "byråd.txt;7;Legepladser i Ørsted;Børn og unge;børn_unge, Kultur;Godkendelse;;"
        '"Ny legeplads; ""ålegården""";nej\r\n'
        "byråd.txt;8;Eventuelt;;;;;;ja\r\n"
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    rows = import_labels(path, taxonomy)
    assert rows[0]["title"] == "Legepladser i Ørsted"
    assert rows[0]["policy_area"] == "børn_unge"
    assert rows[0]["policy_areas"] == ["børn_unge", "kultur"]
    assert rows[0]["recommendations"] == ["godkendelse"]
    assert rows[0]["summary"] == 'Ny legeplads; "ålegården"'
    assert rows[1]["empty"] is True


def test_windows_1252_and_comma_files(taxonomy, tmp_path):
    rows = [
        {
            "doc": "kommune.txt",
            "number": "2",
            "title": "Sø og å i Præstø",
            "policy_area": "klima",
            "recommendation": "orientering",
        }
    ]
    cp = tmp_path / "cp1252.csv"
    write_sheet(cp, rows, encoding="cp1252")
    assert import_labels(cp, taxonomy)[0]["title"] == "Sø og å i Præstø"
    comma = tmp_path / "comma.csv"
    write_sheet(comma, rows, delimiter=",", encoding="utf-8")
    imported = import_labels(comma, taxonomy)
    assert imported[0]["policy_areas"] == ["klima"]
    assert imported[0]["text"] == ""


def test_every_problem_is_reported_with_its_row(records, taxonomy, tmp_path):
    path = export_labels(records, tmp_path / "labels.csv")
    rows = read_sheet(path)
    base = dict(rows[2])
    rows[0]["policy_area"] = "sociale"  # row 2
    rows[1]["recommendations"] = "drøftelse|beslutning"  # row 3
    rows[3]["policy_area"] = "formalia"  # row 5: labels on an empty item
    rows.append({**base, "title": "Kopi"})  # row 6: duplicate of row 4
    rows.append({**base, "number": "9", "id": "", "title": " "})  # row 7: empty title + unknown
    rows.append({**base, "number": "10", "id": "", "empty": "måske"})  # row 8
    rows.append({**base, "number": "11", "id": "", "policy_area": "", "policy_areas": ""})  # 9
    del rows[1:2]  # 3.4 now missing from the file; rows shift up by one
    write_sheet(path, rows)

    with pytest.raises(DataError) as err:
        import_labels(path, taxonomy, expected=records)
    message = str(err.value)
    assert "\n" not in message
    assert "row 2: unknown policy area 'sociale'" in message
    assert "row 4: empty item has labels" in message
    assert "row 5: duplicate item møde_æøå.txt 3.10 (also row 3)" in message
    assert "row 6: empty title" in message
    assert "row 6: item møde_æøå.txt 9 is not among the exported items" in message
    assert "row 7: empty must be true or false, not 'måske'" in message
    assert "row 8: recommendation given but no policy area" in message
    assert "missing from the file: møde_æøå.txt 3.4" in message
    assert "valid policy areas: formalia, erhverv" in message
    assert "beslutning" not in message  # row 3 was removed with 3.4


def test_unknown_recommendation_reported(taxonomy, tmp_path):
    path = tmp_path / "x.csv"
    write_sheet(
        path,
        [
            {
                "doc": "a.txt",
                "number": "1",
                "title": "Punkt",
                "policy_area": "trafik",
                "recommendation": "vedtagelse",
            }
        ],
    )
    with pytest.raises(DataError, match=r"row 2: unknown recommendation 'vedtagelse'.*udpegning"):
        import_labels(path, taxonomy)


def test_missing_columns(taxonomy, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("doc;number;titel\na.txt;1;Punkt\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"missing column.*title, policy_area, recommendation"):
        import_labels(path, taxonomy)


def test_missing_file_and_empty_file(taxonomy, tmp_path):
    with pytest.raises(InputError):
        import_labels(tmp_path / "findes_ikke.csv", taxonomy)
    (tmp_path / "tom.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(DataError, match="empty"):
        import_labels(tmp_path / "tom.csv", taxonomy)


def test_unlabelled_rows_are_skipped_and_counted(records, taxonomy, tmp_path):
    untagged = [
        {k: v for k, v in r.items() if not k.startswith(("policy", "recommendation"))}
        for r in records
    ]
    path = export_labels(untagged, tmp_path / "labels.csv")
    rows = read_sheet(path)
    assert rows[0]["policy_area"] == ""
    rows[1]["policy_areas"] = "planlægning|økonomi"  # main left blank: the first one is main
    write_sheet(path, rows)
    imported = import_labels(path, taxonomy, expected=records)
    assert [r["number"] for r in imported] == ["3.4", "5"]
    assert imported[0]["policy_area"] == "planlægning"
    assert imported[0]["recommendation"] is None
    assert imported.skipped_rows == [2, 4]
    assert imported.skipped == 2


def test_id_column_restores_numbers_excel_turned_into_dates(records, taxonomy, tmp_path):
    path = export_labels(records, tmp_path / "labels.csv")
    rows = read_sheet(path)
    rows[1]["number"] = "03-apr"
    rows[2]["number"] = "3.1"
    write_sheet(path, rows)
    imported = import_labels(path, taxonomy, expected=records)
    assert [r["number"] for r in imported] == ["1.1", "3.4", "3.10", "5"]


def test_long_text_is_cut_for_excel_and_restored_from_expected(records, taxonomy, tmp_path):
    records[1]["text"] = "Lang tekst om boliger. " * 2000
    path = export_labels(records, tmp_path / "labels.csv")
    cell = read_sheet(path)[1]["text"]
    assert len(cell) <= MAX_CELL
    assert import_labels(path, taxonomy)[1]["text"] == cell
    assert import_labels(path, taxonomy, expected=records)[1]["text"] == records[1]["text"]


def test_write_labelled_jsonl(records, taxonomy, tmp_path):
    rows = import_labels(export_labels(records, tmp_path / "l.csv"), taxonomy)
    out = write_labelled_jsonl(rows, tmp_path / "ud" / "labelled.jsonl")
    assert read_jsonl(out) == list(rows)
    assert "æøå" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["labelled.jsonl"]


def test_rows_match_gold_format(records, taxonomy, tmp_path):
    gold = shared_dir() / "gold" / "dev.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    gold_rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    gold_keys = set().union(*(set(r) for r in gold_rows))
    rows = import_labels(export_labels(records, tmp_path / "l.csv"), taxonomy)
    assert gold_keys <= set(rows[0])
    # Gold rows themselves export and import unchanged (apart from the added text).
    back = import_labels(export_labels(gold_rows, tmp_path / "g.csv"), taxonomy)
    for original, imported in zip(gold_rows, back, strict=True):
        for key in original:
            assert imported[key] == original[key], (original["number"], key)


def test_export_writes_confidence_and_orders_least_confident_first(tmp_path):
    from kkrnlp.labelling import export_labels

    def rec(number, area_score, rec_score):
        return {
            "source": "udvalg.md", "number": number, "title": f"Punkt {number}",
            "policy_area": "klima", "policy_area_scores": {"klima": area_score},
            "recommendation": "godkendelse",
            "recommendation_scores": {"godkendelse": rec_score},
        }  # fmt: skip

    records = [rec("1", 0.9, 1.0), rec("2", 0.4, 1.0), rec("3", 0.8, 0.3)]
    records.append({"source": "udvalg.md", "number": "4", "title": "Tomt", "empty": True})
    path = export_labels(records, tmp_path / "ark.csv", least_confident_first=True)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    rows = [dict(zip(header, line.split(";"), strict=False)) for line in lines[1:]]
    assert [r["number"] for r in rows] == ["3", "2", "1", "4"]
    assert [r["confidence"] for r in rows] == ["0.3", "0.4", "0.9", ""]
    plain = export_labels(records, tmp_path / "plain.csv")
    assert [ln.split(";")[1] for ln in plain.read_text("utf-8-sig").splitlines()[1:]] == [
        "1", "2", "3", "4"
    ]  # fmt: skip
