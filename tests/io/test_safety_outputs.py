"""--out as a careless or hostile user gives it: refused with one line, nothing destroyed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch) -> Path:
    """A folder like a secretariat's: an agenda, a sub-folder with a file, notes."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.md").write_bytes(EXAMPLE.read_bytes())
    (folder / "sub").mkdir()
    (folder / "sub" / "noter.txt").write_text("Mine noter om mødet.\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with a hash of its content (or its kind)."""
    state = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            state[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            state[rel] = "dir"
        else:
            state[rel] = "special"
    return state


@pytest.fixture
def no_models(monkeypatch):
    """Fail the test if any command loads a model or trains one."""
    import kkrnlp.classify.predict
    import kkrnlp.classify.training
    import kkrnlp.summarize.load

    def boom(*args, **kwargs):
        raise AssertionError("a model was loaded or trained before the options were checked")

    monkeypatch.setattr(kkrnlp.classify.predict, "load_tagger", boom)
    monkeypatch.setattr(kkrnlp.summarize.load, "load_summarizer", boom)
    monkeypatch.setattr(kkrnlp.classify.training, "train", boom)


def _refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "--out . names a whole folder"),
        ("./", "--out . names a whole folder"),
        ("..", "--out .. names a whole folder"),
        ("/", "--out / names a whole folder"),
        ("~", "--out ~ names a whole folder"),
        ("sub", "--out sub is a folder; name a file to write"),
        ("a.md", "--out a.md is also an input (a.md)"),
        ("./sub/../a.md", "is also an input"),
        # through a folder that does not exist, back out, and under a file
        ("new.jsonl/../a.md/sub", "a.md is not a folder"),
        ("/dev/null", "--out /dev/null is a device"),
        ("/dev/full", "--out /dev/full is a device"),
    ],
)
def test_parse_refuses_outputs_that_would_destroy_data(runner, sandbox, out, message):
    before = snapshot(sandbox.parent)
    result = runner.invoke(app, ["parse", "a.md", "--out", out])
    _refused(result, message)
    assert snapshot(sandbox.parent) == before


def test_the_home_folder_is_refused(runner, sandbox, monkeypatch):
    monkeypatch.setenv("HOME", str(sandbox))
    before = snapshot(sandbox.parent)
    _refused(runner.invoke(app, ["parse", "a.md", "--out", str(sandbox)]), "your home folder")
    assert snapshot(sandbox.parent) == before


def test_a_fifo_socket_and_symlink_as_out_are_refused(runner, sandbox):
    os.mkfifo("pipe")
    os.symlink("sub/noter.txt", "link.jsonl")
    before = snapshot(sandbox.parent)
    _refused(runner.invoke(app, ["parse", "a.md", "--out", "pipe"]), "named pipe (FIFO)")
    result = runner.invoke(app, ["parse", "a.md", "--out", "link.jsonl"])
    _refused(result, "is a symbolic link", "does not replace links")
    assert os.path.islink("link.jsonl")
    assert snapshot(sandbox.parent) == before


def test_a_symlink_to_an_input_is_refused_as_the_input(runner, sandbox):
    os.symlink("a.md", "same.jsonl")
    _refused(runner.invoke(app, ["parse", "a.md", "--out", "same.jsonl"]), "also an input")
    assert Path("a.md").read_bytes() == EXAMPLE.read_bytes()


def test_out_dash_is_stdout_and_a_file_is_written_atomically(runner, sandbox):
    result = runner.invoke(app, ["parse", "a.md", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["source"] == "a.md"
    result = runner.invoke(app, ["parse", "a.md", "--format", "csv", "--out", "ud/items.csv"])
    assert result.exit_code == 0, result.output
    assert Path("ud/items.csv").read_text(encoding="utf-8").startswith("\ufeffsource;number")
    assert sorted(p.name for p in Path("ud").iterdir()) == ["items.csv"]  # no temporaries


def test_dash_as_input_reads_stdin(runner, sandbox):
    result = runner.invoke(app, ["parse", "-"], input=EXAMPLE.read_bytes())
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 8 and records[0]["source"] == "stdin"
    _refused(runner.invoke(app, ["parse", "-", "-"], input=b"x"), "only once")


def test_train_refuses_a_folder_it_did_not_write_before_training(runner, sandbox, no_models):
    data = REPO / "kkrnlp" / "data" / "train_items.jsonl"
    before = snapshot(sandbox.parent)
    for out, message in [
        (".", "names a whole folder"),
        ("/", "names a whole folder"),
        ("sub", "--out sub is a folder with 1 entries that kkrnlp did not write"),
        ("a.md", "--out a.md is an existing file; name a folder"),
    ]:
        result = runner.invoke(app, ["train", "--data", str(data), "--out", out])
        _refused(result, message)
    # the folder that holds the training data cannot be replaced by the model
    Path("data").mkdir()
    (Path("data") / "train.jsonl").write_bytes(data.read_bytes())
    before = snapshot(sandbox.parent)
    result = runner.invoke(app, ["train", "--data", "data/train.jsonl", "--out", "data"])
    _refused(result, "holds the input data/train.jsonl")
    assert snapshot(sandbox.parent) == before


def test_evaluate_refuses_foreign_folders_and_keeps_other_files(runner, sandbox, no_models):
    gold = sandbox / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    before = snapshot(sandbox.parent)
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "a.md", "--out", "sub"])
    _refused(result, "kkrnlp did not write")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "a.md", "--out", "-"])
    _refused(result, "cannot take a folder")
    assert snapshot(sandbox.parent) == before


def test_evaluate_writes_only_its_own_files_into_an_earlier_report(sandbox):
    from kkrnlp.io import check_output, kkrnlp_dir_kind

    report = sandbox / "eval"
    report.mkdir()
    (report / "report.json").write_text(json.dumps({"format": "kkrnlp-evaluation"}), "utf-8")
    (report / "mine.txt").write_text("keep me", encoding="utf-8")
    assert kkrnlp_dir_kind(report) == "evaluation"
    assert check_output(report, kind="dir", dir_kind="evaluation") == report
    from kkrnlp.io import OutputError

    with pytest.raises(OutputError, match="holds a kkrnlp evaluation, not a tagger"):
        check_output(report, kind="dir", dir_kind="tagger")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-W99"], "week '2026-W99' does not exist"),
        (["--week", "uge 12"], "is not an ISO week"),
        (["--from", "2026-13-01"], "--from '2026-13-01' is not a date"),
        (["--to", "i morgen"], "--to 'i morgen' is not a date"),
        (["--from", "2026-06-30", "--to", "2026-06-01"], "--from 2026-06-30 is after --to"),
        (["--week", "2026-W10", "--from", "2026-03-02"], "either --week or --from/--to"),
    ],
)
def test_digest_options_are_checked_before_any_model_loads(
    runner, sandbox, no_models, args, message
):
    result = runner.invoke(app, ["digest", "a.md", *args, "--out", "d.md"])
    _refused(result, message)
    assert not Path("d.md").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["tag", "a.md"],
        ["summarize", "a.md"],
        ["digest", "a.md", "--week", "2026-W10"],
        ["labels", "export", "a.md"],
    ],
)
def test_every_command_checks_out_before_loading_a_model(runner, sandbox, no_models, command):
    before = snapshot(sandbox.parent)
    _refused(runner.invoke(app, [*command, "--out", "."]), "names a whole folder")
    _refused(runner.invoke(app, [*command, "--out", "a.md"]), "also an input")
    assert snapshot(sandbox.parent) == before


def test_labels_import_refuses_its_own_csv_as_out(runner, sandbox):
    Path("l.csv").write_text("doc;number;title;policy_area;recommendation\n", encoding="utf-8")
    before = snapshot(sandbox.parent)
    _refused(runner.invoke(app, ["labels", "import", "l.csv", "--out", "l.csv"]), "also an input")
    assert snapshot(sandbox.parent) == before


def test_special_files_as_data_inputs_are_refused_not_waited_on(runner, sandbox):
    os.mkfifo("labels.csv")
    result = runner.invoke(app, ["labels", "import", "labels.csv", "--out", "x.jsonl"])
    _refused(result, "labels.csv is a named pipe (FIFO)")
    result = runner.invoke(app, ["train", "--data", "labels.csv", "--out", "m"])
    _refused(result, "named pipe")


def test_a_fifo_among_agendas_fails_alone(runner, sandbox):
    os.mkfifo("pipe.md")
    result = runner.invoke(app, ["parse", "pipe.md", "a.md", "--out", "items.jsonl"])
    assert result.exit_code == 1
    assert "error: pipe.md is a named pipe (FIFO)" in result.stderr
    assert Path("items.jsonl").read_text(encoding="utf-8").count("\n") >= 8


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    from tests.io.test_safety_atomic import _tagger

    return _tagger(1).save_pretrained(tmp_path_factory.mktemp("m") / "model")


def test_dash_writes_digest_and_label_sheet_to_stdout(runner, sandbox, tiny_model):
    args = ["digest", "a.md", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "docx",
            "--model", str(tiny_model), "--out", "-"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    result = runner.invoke(app, ["labels", "export", "a.md", "--model", str(tiny_model), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith("\ufeffdoc;number;title".encode())
    assert sorted(p.name for p in sandbox.iterdir()) == ["a.md", "sub"]


def test_train_replaces_a_model_it_wrote_and_says_so(runner, sandbox, tiny_model):
    import shutil

    shutil.copytree(tiny_model, "model")
    rows = [("Busser og stier", "trafik"), ("Veje og broer", "trafik"),
            ("Sygehus og læger", "sundhed"), ("Ældre og pleje", "sundhed")]  # fmt: skip
    lines = [
        json.dumps({"number": str(i), "title": t, "text": t, "policy_area": a}, ensure_ascii=False)
        for i, (t, a) in enumerate(rows)
    ]
    (sandbox / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["train", "--data", "train.jsonl", "--head", "tfidf", "--out", "model", "--seed", "5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(Path("model/config.json").read_text(encoding="utf-8"))["seed"] == 5
    assert sorted(p.name for p in sandbox.iterdir()) == ["a.md", "model", "sub", "train.jsonl"]


def test_an_error_about_a_file_name_with_a_line_break_stays_one_line(runner, sandbox):
    Path("to\nlinjer.md").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["parse", "to\nlinjer.md", "--out", "x.jsonl"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "error: to\\nlinjer.md is empty"


def test_when_every_input_fails_an_earlier_output_is_kept(runner, sandbox):
    Path("items.jsonl").write_text('{"gammelt": true}\n', encoding="utf-8")
    Path("tom.md").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["parse", "tom.md", "mangler.md", "--out", "items.jsonl"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: tom.md is empty",
        "error: file not found: mangler.md",
        "nothing written to items.jsonl: none of the files could be read",
    ]
    assert Path("items.jsonl").read_text(encoding="utf-8") == '{"gammelt": true}\n'
