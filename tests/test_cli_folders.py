"""A new user's second pass: a folder of agendas as input, the same formats on parse, tag
and summarize, one meaning of --model, and a weekly digest that does not repeat old files.

Every page below is invented for these tests.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from kkrnlp.digest import build_digest, render_markdown, write_digest
from tests.conftest import PAGES

_DATED = (PAGES / "naturudvalg_2024-03-14.md").read_text(encoding="utf-8")

# no meeting date anywhere on the page
_UNDATED = """DAGSORDEN

Kulturudvalget i Mosekær Kommune

1. Godkendelse af dagsorden

2. Tilskud til byfesten
Sagsfremstilling:
Foreningen bag byfesten søger 40.000 kr. til telte og musik på torvet.
Indstilling:
Forvaltningen indstiller, at udvalget bevilger tilskuddet.
"""


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _age(path: Path, day: date) -> None:
    stamp = time.mktime(day.timetuple()) + 12 * 3600
    os.utime(path, (stamp, stamp))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A download folder: two agendas, Word's lock file, a Finder file, an attachment."""
    folder = tmp_path / "dagsordener"
    folder.mkdir()
    (folder / "b-naturudvalget.md").write_text(_DATED, encoding="utf-8")
    (folder / "a-kulturudvalget.txt").write_text(_UNDATED, encoding="utf-8")
    (folder / "~$lås.docx").write_bytes(b"\x00lock")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "bilag.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "ældre").mkdir()
    (folder / "ældre" / "gammel.md").write_text(_DATED, encoding="utf-8")
    return folder


def test_a_folder_is_read_as_the_agendas_in_it_sorted(runner, folder):
    result = runner.invoke(app, ["parse", str(folder)])
    assert result.exit_code == 0, result.output
    sources = [r["source"] for r in _jsonl(result.stdout)]
    # sorted by name, one level deep, lock and system files never read
    assert list(dict.fromkeys(sources)) == ["a-kulturudvalget.txt", "b-naturudvalget.md"]
    assert not _errors(result.stderr)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "bilag.xls" in warnings[0], result.stderr


def test_a_folder_never_reads_the_commands_own_output_nor_last_weeks_digest(runner, folder):
    out = folder / "uge11.md"
    args = ["digest", str(folder), "--week", "2024-W11", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert "Engbækken" in first
    # the same run again: the digest it wrote is its --out, not an agenda
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == first
    # the next week, under another name: last week's digest is recognised and left alone
    for suffix in ("html", "docx"):
        write_digest(build_digest([], week="2024-W11"), folder / f"uge11.{suffix}", suffix)
    result = runner.invoke(app, ["parse", str(folder)])
    assert result.exit_code == 0, result.output
    assert {r["source"] for r in _jsonl(result.stdout)} == {
        "a-kulturudvalget.txt",
        "b-naturudvalget.md",
    }


def test_a_folder_without_agendas_is_one_error_line_and_nothing_written(runner, tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    (empty / "referat.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (empty / "2023").mkdir()
    out = tmp_path / "uge.md"
    result = runner.invoke(app, ["digest", str(empty), "--week", "2024-W11", "--out", str(out)])
    assert result.exit_code == 1
    (error,) = _errors(result.stderr)
    assert str(empty) in error and "no agenda files" in error
    assert "referat.doc" in error and "subfolders" in error
    assert "Traceback" not in result.output and not out.exists()


def test_an_empty_folder_beside_a_good_file_is_reported_and_the_good_output_kept(runner, tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    page = tmp_path / "naturudvalget.md"
    page.write_text(_DATED, encoding="utf-8")
    out = tmp_path / "punkter.jsonl"
    result = runner.invoke(app, ["parse", str(empty), str(page), "--out", str(out)])
    assert result.exit_code == 1
    assert len(_errors(result.stderr)) == 1
    assert {r["source"] for r in _jsonl(out.read_text(encoding="utf-8"))} == {page.name}


@pytest.mark.parametrize("command", ["parse", "tag", "summarize"])
def test_json_is_one_document_and_jsonl_a_line_per_item_on_every_record_command(
    runner, tmp_path, command
):
    page = tmp_path / "naturudvalget.md"
    page.write_text(_DATED, encoding="utf-8")
    lines = runner.invoke(app, [command, str(page), "--format", "jsonl"])
    assert lines.exit_code == 0, lines.output
    records = _jsonl(lines.stdout)
    assert len(records) == 2
    # --out's suffix picks json just as --format json does
    out = tmp_path / f"{command}.json"
    result = runner.invoke(app, [command, str(page), "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(document, list)
    if command == "parse":  # the meetings, each with its items
        assert [i["title"] for i in document[0]["items"]] == [r["title"] for r in records]
    else:  # the same records as the lines
        assert document == records
    contradiction = runner.invoke(
        app, [command, str(page), "--format", "json", "--out", str(tmp_path / "x.csv")]
    )
    assert contradiction.exit_code == 1 and len(_errors(contradiction.stderr)) == 1
    assert not (tmp_path / "x.csv").exists()


def _fake_summarizer(path: Path) -> Path:
    path.mkdir()
    (path / "kkrnlp_seq2seq.json").write_text("{}", encoding="utf-8")
    return path


def _fake_tagger(path: Path) -> Path:
    path.mkdir()
    (path / "config.json").write_text('{"format": "kkrnlp-tagger"}', encoding="utf-8")
    return path


def test_model_means_the_tagger_and_a_swapped_folder_is_named(runner, tmp_path):
    page = tmp_path / "naturudvalget.md"
    page.write_text(_DATED, encoding="utf-8")
    summarizer = _fake_summarizer(tmp_path / "resume-model")
    tagger = _fake_tagger(tmp_path / "vores-tagger")
    for args, hint in (
        (["tag", str(page), "--model", str(summarizer)], "--summarizer"),
        (["summarize", str(page), "--summarizer", str(tagger)], "--model"),
        (["digest", str(page), "--summarizer", str(tagger), "--out", "-"], "--model"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        (error,) = _errors(result.stderr)
        assert hint in error and "Traceback" not in result.output


def test_summarize_model_is_the_old_name_of_summarizer(runner, tmp_path):
    page = tmp_path / "naturudvalget.md"
    page.write_text(_DATED, encoding="utf-8")
    missing = str(tmp_path / "mangler")
    result = runner.invoke(app, ["summarize", str(page), "--model", missing])
    # the old spelling still reaches the summarizer check, and says what to use now
    assert result.exit_code == 1
    assert "--summarizer" in result.stderr
    (error,) = _errors(result.stderr)
    assert error.startswith("error: summarizer folder") and "mangler" in error
    both = runner.invoke(app, ["summarize", str(page), "--model", missing, "--summarizer", missing])
    assert both.exit_code == 1 and "once" in _errors(both.stderr)[0]
    assert "--model" not in runner.invoke(app, ["summarize", "--help"]).stdout


def _undated_record(source: str) -> dict:
    return {
        "source": source,
        "number": "2",
        "title": "Tilskud til byfesten",
        "policy_area": "kultur",
        "recommendation": "godkendelse",
        "meeting": {"body": "Kulturudvalget", "kind": "dagsorden", "date": None},
    }


def test_ikke_medtaget_names_an_undated_file_only_while_it_may_be_the_periods():
    records = [_undated_record("gammel.md"), _undated_record("ny.md")]
    files = {"gammel.md": date(2024, 1, 2), "ny.md": date(2024, 3, 8)}
    week11 = render_markdown(build_digest(records, week="2024-W11", file_dates=files))
    assert "## Ikke medtaget" in week11
    assert "ny.md" in week11 and "gammel.md" not in week11
    # some weeks later the new file is old too, and the list is gone
    later = build_digest(records, week="2024-W16", file_dates=files)
    assert later.skipped == [] and later.n_old_undated == 2
    assert "Ikke medtaget" not in render_markdown(later)
    # without file dates (text from Python, stdin) nothing can be ruled out
    assert len(build_digest(records, week="2024-W16").skipped) == 2


def test_a_weekly_digest_over_a_folder_lists_no_old_undated_agenda(runner, folder):
    old, new = folder / "a-kulturudvalget.txt", folder / "c-kulturudvalget.md"
    new.write_text(_UNDATED.replace("byfesten", "sommerfesten"), encoding="utf-8")
    _age(old, date(2024, 1, 5))
    _age(new, date(2024, 3, 11))
    out = folder / "uge11.md"
    result = runner.invoke(app, ["digest", str(folder), "--week", "2024-W11", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    skipped = text.split("## Ikke medtaget", 1)[1]
    assert "c-kulturudvalget.md" in skipped and "a-kulturudvalget.txt" not in skipped
    warnings = [line for line in result.stderr.splitlines() if "not in the digest" in line]
    assert len(warnings) == 1 and "c-kulturudvalget.md" in warnings[0]


def test_verbose_may_follow_the_command(runner, tmp_path):
    page = tmp_path / "naturudvalget.md"
    page.write_text(_DATED, encoding="utf-8")
    for args in (["parse", str(page), "-v"], ["parse", "--verbose", str(page)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert len(_jsonl(result.stdout)) == 2
    # after "--" it is a file name again
    result = runner.invoke(app, ["parse", "--", "-v"])
    assert result.exit_code == 1 and "-v" in _errors(result.stderr)[0]


@pytest.mark.parametrize("name", ["dagsorden.pdf", "dagsorden.html"])
def test_a_saved_error_page_is_named_as_one(runner, tmp_path, name):
    page = tmp_path / name
    page.write_text(
        "<!DOCTYPE html><html><head><title>Fejl</title></head><body>"
        "<h1>404 - Siden findes ikke</h1><p>Gå til forsiden.</p></body></html>",
        encoding="utf-8",
    )
    good = tmp_path / "naturudvalget.md"
    good.write_text(_DATED, encoding="utf-8")
    out = tmp_path / "punkter.jsonl"
    result = runner.invoke(app, ["parse", str(page), str(good), "--out", str(out)])
    assert result.exit_code == 1
    (error,) = _errors(result.stderr)
    assert name in error and "error page" in error and "download it again" in error
    assert {r["source"] for r in _jsonl(out.read_text(encoding="utf-8"))} == {good.name}


def test_an_agenda_page_that_mentions_a_missing_thing_is_no_error_page(runner, tmp_path):
    page = tmp_path / "dagsorden.html"
    body = _DATED.replace("Forvaltningen har", "Stien findes ikke i dag; forvaltningen har")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line)
    page.write_text(f"<!DOCTYPE html><html><body>{paragraphs}</body></html>", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(page)])
    assert result.exit_code == 0, result.output
    assert len(_jsonl(result.stdout)) == 2


def test_digest_prints_to_stdout_by_default_and_says_where_the_meetings_are(
    runner, tmp_path, monkeypatch
):
    from kkrnlp.pipeline import Pipeline

    dated, undated = tmp_path / "naturudvalget.md", tmp_path / "kultur.md"
    dated.write_text(_DATED, encoding="utf-8")
    undated.write_text(_UNDATED, encoding="utf-8")
    annotated = []
    real = Pipeline.annotate

    def counting(self, meeting):
        annotated.append(meeting.source)
        return real(self, meeting)

    monkeypatch.setattr(Pipeline, "annotate", counting)
    result = runner.invoke(app, ["digest", str(dated), str(undated), "--week", "2024-W20"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Ugeoversigt uge 20, 2024")
    (hint,) = [line for line in result.stderr.splitlines() if "no meeting falls" in line]
    assert "2024-03-14" in hint and "--week" in hint
    # a meeting outside the period is neither tagged nor summarized
    assert annotated == []

    result = runner.invoke(app, ["digest", str(dated), "--week", "2024-W11"])
    assert result.exit_code == 0 and "Engbækken" in result.stdout
    assert annotated == [dated.name]

    word = runner.invoke(app, ["digest", str(dated), "--week", "2024-W11", "--format", "docx"])
    assert word.exit_code == 1 and "--out" in _errors(word.stderr)[0]


def test_a_file_named_beside_its_folder_is_read_once(runner, folder):
    page = folder / "b-naturudvalget.md"
    result = runner.invoke(app, ["parse", str(page), str(folder), str(folder)])
    assert result.exit_code == 0, result.output
    sources = [r["source"] for r in _jsonl(result.stdout)]
    assert sources.count(page.name) == 2  # its two items, once
    assert sources.count("a-kulturudvalget.txt") == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["parse"], "Missing argument"),
        (["digest", "x.md", "--nope"], "No such option: --nope"),
        (["tag", "x.md", "--format", "xml"], "xml"),
        (["labels", "export", "x.md"], "--out"),
    ],
)
def test_a_usage_mistake_is_one_error_line_naming_the_help(runner, args, words):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ") and words in result.stderr
    # the command's own help is named (the runner calls the program "root")
    command = " ".join(a for a in args[:2] if not a.endswith(".md"))
    assert f" {command} --help)" in result.stderr


def test_no_arguments_still_show_the_help(runner):
    result = runner.invoke(app, [])
    assert "Usage" in result.output and "digest" in result.output
