"""What a new user ran into: file formats that follow --out, spreadsheets in and out,
a user's own labels kept whole, a filtered digest that says what it left out."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from kkrnlp.digest import build_digest, render_markdown
from tests.classify.stub_tagger import StubTagger
from tests.conftest import AGENDAS, PAGES

REFERAT = AGENDAS / "kkr_nordjylland_referat.md"

# An invented committee page, dated in the same week as the fixture referat.
_MOSE = (PAGES / "naturudvalg_2024-03-14.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff"), "Danish Excel needs the byte-order mark"
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_out_suffix_chooses_the_format_and_a_file_name_never_lies(runner, tmp_path):
    csv_out, html_out = tmp_path / "punkter.csv", tmp_path / "oversigt.html"
    result = runner.invoke(app, ["parse", str(REFERAT), "--out", str(csv_out)])
    assert result.exit_code == 0, result.output
    rows = _csv_rows(csv_out.read_text(encoding="utf-8"))
    assert rows and rows[0]["meeting_date"] == "2024-03-12"

    args = ["digest", str(REFERAT), "--week", "2024-W11", "--out", str(html_out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert html_out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")

    # a suffix no command writes, or one that contradicts --format: one error, no file
    for args, name in (
        (["digest", str(REFERAT), "--week", "2024-W11"], "oversigt.pdf"),
        (["tag", str(REFERAT), "--format", "csv"], "mærker.xlsx"),
        (["summarize", str(REFERAT)], "resume.docx"),
    ):
        target = tmp_path / name
        result = runner.invoke(app, [*args, "--out", str(target)])
        assert result.exit_code == 1, result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and name in errors[0], result.stderr
        assert "Traceback" not in result.output
        assert not target.exists()


def test_tag_and_summarize_write_workbooks_with_the_meeting(runner, tmp_path):
    import openpyxl

    for command in ("tag", "summarize"):
        out = tmp_path / f"{command}.xlsx"
        result = runner.invoke(app, [command, str(REFERAT), "--out", str(out)])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(out).active
        header = [c.value for c in sheet[1]]
        assert header[:3] == ["source", "number", "title"]
        assert "meeting_body" in header and "meeting" not in header
        body = [row[header.index("meeting_body")] for row in sheet.iter_rows(2, values_only=True)]
        assert set(body) == {"KKR Nordjylland"}

    result = runner.invoke(app, ["tag", str(REFERAT), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = _csv_rows(result.stdout)
    assert {r["meeting_date"] for r in rows} == {"2024-03-12"}
    assert {r["empty"] for r in rows} <= {"true", "false"}
    assert all(r["policy_area"] or r["empty"] == "true" for r in rows)


def test_labels_round_trip_through_an_excel_workbook(runner, tmp_path):
    import openpyxl

    page = tmp_path / "naturudvalget.md"
    page.write_text(_MOSE, encoding="utf-8")
    sheet_path = tmp_path / "ark.xlsx"
    result = runner.invoke(app, ["labels", "export", str(page), "--out", str(sheet_path)])
    assert result.exit_code == 0, result.output

    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, col["number"]).value == "2":
            sheet.cell(r, col["policy_area"]).value = "trafik"
            sheet.cell(r, col["policy_areas"]).value = "trafik"
            sheet.cell(r, col["empty"]).value = False  # Excel's own FALSK, not text
    book.save(sheet_path)

    out = tmp_path / "rettet.jsonl"
    result = runner.invoke(app, ["labels", "import", str(sheet_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["number"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["2"]["policy_area"] == "trafik" and rows["2"]["policy_areas"] == ["trafik"]
    assert rows["2"]["empty"] is False and "Engbækken" in rows["2"]["text"]


def test_labels_import_of_a_binary_file_names_both_sheet_kinds(runner, tmp_path):
    bad = tmp_path / "ark.csv"
    bad.write_bytes(bytes(range(128, 256)) * 8)
    result = runner.invoke(app, ["labels", "import", str(bad), "--out", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and ".xlsx" in result.stderr
    assert "Traceback" not in result.output


class _UserTagger(StubTagger):
    """The stub's heads (kultur first), with one user example that matches every item."""

    def __init__(self, taxonomy, example):
        super().__init__(taxonomy)
        self.example = example

    def user_label(self, item):
        return self.example


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        ({"policy_area": "sundhed", "policy_areas": ["sundhed"]}, ["sundhed"]),
        ({"policy_area": "sundhed", "policy_areas": ["sundhed", "social"]}, ["sundhed", "social"]),
        # an example saved before the list was kept: the heads' other areas follow
        ({"policy_area": "sundhed"}, ["sundhed", "kultur"]),
    ],
)
def test_a_users_area_list_is_taken_whole(example, expected):
    from kkrnlp.classify.predict import predict_tags
    from kkrnlp.schema import AgendaItem
    from kkrnlp.taxonomy import load_taxonomy

    tagger = _UserTagger(load_taxonomy(), example)
    item = AgendaItem(number="4", title="Besøg på plejehjemmet", text="Rådet fortalte om besøget.")
    (tags,) = predict_tags([item], tagger)
    assert tags.policy_area == "sundhed" and tags.policy_area_source == "bruger"
    assert tags.policy_areas == expected


def _record(number: str, area: str, day: str, title: str) -> dict:
    return {
        "source": "mose.md",
        "number": number,
        "title": title,
        "policy_area": area,
        "policy_areas": [area],
        "recommendation": "godkendelse",
        "summary": "Udvalget skal godkende sagen.",
        "meeting": {"body": "Naturudvalget", "kind": "dagsorden", "date": day},
    }


def test_a_digest_filtered_by_area_says_so_and_why_it_is_empty():
    records = [_record("2", "klima", "2024-03-14", "Ny sti langs Engbækken")]
    digest = build_digest(records, week="2024-W11", areas=["Social"])
    text = render_markdown(digest)
    assert "Kun punkter inden for Social." in text
    assert "Ingen møder i perioden" not in text
    assert "Ingen punkter inden for de valgte områder i perioden (1 møde" in text

    kept = render_markdown(build_digest(records, week="2024-W11", areas=["klima", "social"]))
    assert "Kun punkter inden for Klima og Social." in kept and "Engbækken" in kept


def test_the_glance_heading_fits_the_period():
    records = [_record("2", "klima", "2024-03-14", "Ny sti langs Engbækken")]
    week = render_markdown(build_digest(records, week="2024-W11"))
    month = render_markdown(
        build_digest(records, date_from=date(2024, 3, 1), date_to=date(2024, 3, 31))
    )
    assert "## Ugen kort" in week and "Overblik" not in week
    assert "## Overblik" in month and "Ugen kort" not in month


def test_a_digest_of_several_files_prints_no_progress_bar_into_a_log(runner, tmp_path):
    page = tmp_path / "naturudvalget.md"
    page.write_text(_MOSE, encoding="utf-8")
    out = tmp_path / "uge.md"
    args = ["digest", str(REFERAT), str(page), "--week", "2024-W11", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "tagging and summarizing" not in result.stderr
    assert "WARNING" not in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Naturudvalget" in text and "KKR Nordjylland" in text


def test_a_mistyped_path_in_the_api_is_not_found_rather_than_parsed_as_text(tmp_path):
    from kkrnlp.errors import InputError
    from kkrnlp.pipeline import parse_source

    with pytest.raises(InputError, match="not found"):
        parse_source(str(tmp_path / "dagsorden-mangler.pdf"))
    page = tmp_path / "naturudvalget.md"
    page.write_text(_MOSE, encoding="utf-8")
    assert len(parse_source(str(page)).items) == 2
    assert len(parse_source(_MOSE).items) == 2


def test_tag_reads_an_item_table_as_danish_excel_saves_it(runner, tmp_path):
    # "CSV (semikolonsepareret)": Windows-1252, no BOM, ';'
    ansi = tmp_path / "punkter.csv"
    ansi.write_bytes(
        "id;titel-kode;title;udvalg\r\n7;K-9;Valg af næstformand;Ældrerådet\r\n".encode("cp1252")
    )
    # a ',' table whose texts hold more ';' than the header holds ','
    comma = tmp_path / "sager.csv"
    comma.write_text(
        'id,title,text\n8,Ny bålhytte,"Pladsen; stien; hytten; bænkene; skiltet"\n', "utf-8"
    )
    result = runner.invoke(app, ["tag", str(ansi), str(comma)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["title"] == "Valg af næstformand" and rows[0]["udvalg"] == "Ældrerådet"
    assert rows[0]["titel-kode"] == "K-9" and rows[0]["policy_area"]
    assert rows[1]["id"] == "8" and rows[1]["text"].startswith("Pladsen; stien")


def test_train_data_may_be_the_corrected_sheet_itself(tmp_path):
    import openpyxl

    from kkrnlp.classify.data import load_labelled

    header = (
        "doc;number;title;policy_area;policy_areas;recommendation;recommendations;"
        "empty;text;id;confidence"
    )
    line = (
        "mose.md;2;Ny sti;trafik;trafik|klima;godkendelse;godkendelse;FALSK;"
        "Stien går langs åen.;mose.md#2;0,41"
    )
    sheet = tmp_path / "ark.csv"
    sheet.write_bytes(f"{header}\r\n{line}\r\n".encode("cp1252"))
    book = openpyxl.Workbook()
    for row in (header.split(";"), line.split(";")):
        book.active.append(row)
    book.save(tmp_path / "ark.xlsx")
    for path in (sheet, tmp_path / "ark.xlsx"):
        (row,) = load_labelled(path)
        assert row.item.number == "2" and row.item.text == "Stien går langs åen."
        assert row.policy_areas == ["trafik", "klima"] and row.empty is False


def test_a_logged_warning_reads_like_the_clis_own_lines():
    import logging

    from kkrnlp.cli import _LowerLevelFormatter

    record = logging.LogRecord(
        "kkrnlp.io", logging.WARNING, __file__, 1, "ark.csv er ANSI", (), None
    )
    assert _LowerLevelFormatter("%(levelname)s: %(message)s").format(record) == (
        "warning: ark.csv er ANSI"
    )
    assert record.levelname == "WARNING"  # other handlers still see the record as it was


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", str(REFERAT), "--summarizer", "min-resume-model"],
        ["digest", str(REFERAT), "--summarizer", "min-resume-model", "--out", "uge.md"],
    ],
)
def test_a_mistyped_summarizer_folder_is_refused_at_once(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: summarizer folder min-resume-model does not exist")
    assert not (tmp_path / "uge.md").exists()
