"""The command line end to end, as a secretariat uses it: good files, bad files, every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from tests.conftest import AGENDAS, REPO

EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"
TRAIN_ITEMS = REPO / "kkrnlp" / "data" / "train_items.jsonl"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_every_command_has_help(runner):
    for args in (
        [], ["parse"], ["tag"], ["summarize"], ["digest"], ["evaluate"], ["train"],
        ["train-summarizer"], ["labels"], ["labels", "export"], ["labels", "import"],
    ):  # fmt: skip
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage" in result.output


def test_parse_jsonl_has_the_item_and_meeting_fields(runner):
    result = runner.invoke(app, ["parse", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert len(records) >= 8
    first = records[0]
    for key in ("schema_version", "source", "number", "title", "empty", "sections", "text"):
        assert key in first
    assert first["source"] == EXAMPLE.name
    assert first["meeting"]["body"] == "KKR Nordjylland"
    assert first["meeting"]["date"].startswith("2026-")


def test_bad_files_get_one_line_each_and_good_output_survives(runner, tmp_path: Path):
    empty = tmp_path / "tom.txt"
    empty.write_text("")
    letter = tmp_path / "brev.txt"
    letter.write_text("Kære kollega\nTak for sidst.\n", encoding="utf-8")
    unknown = tmp_path / "dagsorden.xyz"
    unknown.write_text("1. Punkt\n")
    corrupt = tmp_path / "ødelagt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    out = tmp_path / "items.jsonl"
    args = ["parse", str(tmp_path / "mangler.pdf"), str(empty), str(EXAMPLE), str(letter),
            str(unknown), str(corrupt), "--out", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert any("mangler.pdf" in e for e in errors)
    assert any("agenda" in e and "brev.txt" in e for e in errors)
    records = _jsonl(out.read_text(encoding="utf-8"))
    assert {r["source"] for r in records} == {EXAMPLE.name}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_parse_other_formats(runner, fmt):
    result = runner.invoke(app, ["parse", str(AGENDAS / "kkr_nordjylland_referat.md"), "-f", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        (meeting,) = json.loads(result.stdout)
        assert meeting["schema_version"] and meeting["kind"] == "referat"
        assert meeting["items"][0]["number"] == "1.1"
    else:
        # the same Danish-Excel CSV as every --format csv: ';', a BOM, the meeting flattened
        header = result.stdout.splitlines()[0]
        assert header.startswith("\ufeffsource;number;title")
        assert "meeting_date" in header.split(";")


@pytest.fixture(scope="module")
def tfidf_model(tmp_path_factory) -> Path:
    """A real model directory trained through the CLI (the TF-IDF head needs no encoder)."""
    out = tmp_path_factory.mktemp("model") / "tfidf"
    result = CliRunner().invoke(
        app, ["train", "--data", str(TRAIN_ITEMS), "--head", "tfidf", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_tag_adds_labels_with_scores(runner, tfidf_model):
    result = runner.invoke(app, ["tag", str(EXAMPLE), "--model", str(tfidf_model)])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    live = [r for r in records if not r["empty"]]
    assert live and all(r["policy_area"] in r["policy_area_scores"] for r in live)
    assert all(r["recommendation_source"] for r in live)
    assert {r["recommendation"] for r in live} <= {
        "orientering", "godkendelse", "drøftelse", "udpegning", None,
    }  # fmt: skip
    empty = [r for r in records if r["empty"]]
    assert all(r["policy_area"] is None and r["recommendation"] is None for r in empty)


def test_summarize_marks_method_and_faithfulness(runner):
    result = runner.invoke(app, ["summarize", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    live = [r for r in records if not r["empty"]]
    assert all(r["summary"] and r["summary_method"] == "extractive" for r in live)
    assert all(r["summary_faithful"] for r in live)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_digest_of_the_example(runner, tfidf_model, tmp_path, fmt):
    out = tmp_path / f"digest.{fmt}"
    args = ["digest", str(EXAMPLE), "--from", "2026-01-01", "--to", "2026-12-31",
            "--format", fmt, "--out", str(out), "--model", str(tfidf_model)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500
    if fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "KKR Nordjylland" in text and "Til beslutning" in text


def test_digest_rejects_a_bad_week(runner, tfidf_model, tmp_path):
    result = runner.invoke(
        app, ["digest", str(EXAMPLE), "--week", "2026-W99", "--out", str(tmp_path / "d.md"),
              "--model", str(tfidf_model)],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_labels_round_trip_through_a_spreadsheet(runner, tfidf_model, tmp_path):
    csv_path = tmp_path / "rettelser.csv"
    result = runner.invoke(
        app, ["labels", "export", str(EXAMPLE), "--out", str(csv_path), "--model", str(tfidf_model)]
    )
    assert result.exit_code == 0, result.output
    text = csv_path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    # A secretary corrects the first item's area in the spreadsheet.
    header = lines[0].split(";")
    col = header.index("policy_area")
    cells = lines[1].split(";")
    cells[col] = "klima"
    lines[1] = ";".join(cells)
    csv_path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "labelled.jsonl"
    result = runner.invoke(app, ["labels", "import", str(csv_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = _jsonl(out.read_text(encoding="utf-8"))
    assert rows[0]["policy_area"] == "klima"

    cells[col] = "rumfart"
    lines[1] = ";".join(cells)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["labels", "import", str(csv_path), "--out", str(out)])
    assert result.exit_code == 1
    assert "rumfart" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_writes_a_report(runner, tfidf_model, tmp_path, shared_dir):
    out = tmp_path / "eval"
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    result = runner.invoke(
        app, ["evaluate", "--gold", str(shared_dir / "gold" / "dev.jsonl"), *seeds,
              "--model", str(tfidf_model), "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert metrics["matched_rows"] == metrics["gold_rows"]
    assert metrics["recommendation"]["rules_then_model"]["accuracy"] >= 0.96
    assert 0 <= metrics["policy_area"]["tfidf_baseline"]["accuracy"] <= 1
    assert metrics["summaries"]["default"]["faithful"] == 1.0
    assert (out / "confusion_policy_area.png").stat().st_size > 1000
    assert "## Summaries" in (out / "report.md").read_text(encoding="utf-8")


def test_an_unforeseen_failure_on_one_file_keeps_the_others(runner, monkeypatch, tmp_path):
    import kkrnlp.pipeline

    real_parse = kkrnlp.pipeline.parse

    def flaky(path):
        if Path(path).name == "odd.md":
            raise IndexError("list index out of range")
        return real_parse(path)

    monkeypatch.setattr(kkrnlp.pipeline, "parse", flaky)
    odd = tmp_path / "odd.md"
    odd.write_text("1. Punkt\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(odd), str(EXAMPLE)])
    assert result.exit_code == 1
    assert "odd.md could not be parsed (IndexError" in result.stderr
    assert "Traceback" not in result.stderr
    assert {r["source"] for r in _jsonl(result.stdout)} == {EXAMPLE.name}


def test_evaluate_does_not_score_partial_gold_items(runner, tfidf_model, tmp_path):
    """A partial gold row (the page stops before its recommendation) is found, not scored."""
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"doc": EXAMPLE.name, "number": "1.1", "title": "Godkendelse af dagsorden",
         "policy_area": "formalia", "recommendation": "godkendelse", "empty": False,
         "partial": False, "summary": "Dagsordenen godkendes."},
        # deliberately wrong labels: scoring this row would pull the accuracy below 1
        {"doc": EXAMPLE.name, "number": "1.2", "title": "Siden sidst",
         "policy_area": "kultur", "recommendation": "udpegning", "empty": False,
         "partial": True, "summary": "Ingen tekst."},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = tmp_path / "eval"
    result = runner.invoke(
        app,
        ["evaluate", "--gold", str(gold), str(EXAMPLE), "--model", str(tfidf_model),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (metrics["matched_rows"], metrics["scored_items"]) == (2, 1)
    assert all(miss["item"] != "1.2" for miss in metrics["misses"])
    # the user's model is not called the shipped one
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "(shipped)" not in report and "tagger (rules, then heads)" in report
