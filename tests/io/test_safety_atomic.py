"""Replacing a model folder: the old one stays readable; after a crash, old or new is there."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kkrnlp.io.atomic as kio
from kkrnlp.classify.tagger import Tagger
from kkrnlp.io import OutputError, atomic_path, recover
from kkrnlp.schema import AgendaItem
from tests.conftest import REPO

_ROWS = [
    ("Flere busser på landet", "trafik", "godkendelse"),
    ("Ny cykelsti langs vejen", "trafik", "godkendelse"),
    ("Plan for ældrepleje", "sundhed", "orientering"),
    ("Sygehusets ventetider", "sundhed", "drøftelse"),
    ("Skolernes trivsel", "børn_unge", "drøftelse"),
    ("Daginstitutioner og pladser", "børn_unge", "orientering"),
]


def _tagger(seed: int) -> Tagger:
    items = [AgendaItem(str(i + 1), title, text=title) for i, (title, _, _) in enumerate(_ROWS)]
    labels = [{"policy_area": a, "recommendation": r} for _, a, r in _ROWS]
    return Tagger(encoder="/nonexistent", head="tfidf", seed=seed).fit(items, labels)


@pytest.fixture(scope="module")
def taggers() -> tuple[Tagger, Tagger]:
    return _tagger(1), _tagger(2)


def _readable_seed(path: Path) -> int:
    """The seed of the tagger at ``path``: proves a whole, loadable model is there."""
    return Tagger.from_pretrained(path).seed


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_replacing_a_model_keeps_nothing_behind(taggers, tmp_path):
    old, new = taggers
    target = tmp_path / "model"
    old.save_pretrained(target)
    new.save_pretrained(target)
    assert _readable_seed(target) == 2
    assert _siblings(target) == ["model"]


@pytest.mark.parametrize("swap", [True, False], ids=["exchange", "two-renames"])
def test_a_failure_between_the_renames_keeps_the_old_model(taggers, tmp_path, monkeypatch, swap):
    old, new = taggers
    target = tmp_path / "model"
    old.save_pretrained(target)
    if not swap:
        monkeypatch.setattr(kio, "_exchange", lambda a, b: False)
    real_rename, real_exchange = os.rename, kio._exchange
    calls = []

    def failing_rename(src, dst, *args, **kwargs):
        calls.append((Path(src).name, Path(dst).name))
        if Path(src).name == "model" and Path(dst).name == "model" and "tmp" in str(src):
            raise OSError(5, "Input/output error")  # the second rename: new into place
        return real_rename(src, dst, *args, **kwargs)

    def failing_exchange(a, b):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "rename", failing_rename)
    if swap:
        monkeypatch.setattr(kio, "_exchange", failing_exchange)
    with pytest.raises(OutputError, match="cannot write"):
        new.save_pretrained(target)
    monkeypatch.setattr(os, "rename", real_rename)
    monkeypatch.setattr(kio, "_exchange", real_exchange)
    assert _readable_seed(target) == 1
    assert _siblings(target) == ["model"]
    if not swap:
        assert ("model", ".model.kkrnlp-old") in calls  # the old one was set aside first


_KILL_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    import kkrnlp.io.atomic as kio
    from tests.io.test_safety_atomic import _tagger

    target, point = Path(sys.argv[1]), sys.argv[2]
    real_rename = os.rename
    if point == "between-renames":
        kio._exchange = lambda a, b: False
        def rename(src, dst):
            if Path(dst).name.endswith(".kkrnlp-old"):
                real_rename(src, dst)
                os._exit(9)  # killed after the old model was set aside
            real_rename(src, dst)
        os.rename = rename
    elif point == "while-writing":
        kio._fsync_tree = lambda path: os._exit(9)
    elif point == "after-swap":
        real_exchange = kio._exchange
        def exchange(a, b):
            if real_exchange(a, b):
                os._exit(9)  # killed right after the swap, before the old one is removed
            return False
        kio._exchange = exchange
    _tagger(2).save_pretrained(target)
    """
)


def _can_exchange(folder: Path) -> bool:
    (folder / "x").mkdir()
    (folder / "y").mkdir()
    return kio._exchange(folder / "x", folder / "y")


@pytest.mark.parametrize("point", ["while-writing", "between-renames", "after-swap"])
def test_a_kill_at_any_point_leaves_a_readable_model(taggers, tmp_path, point):
    if point == "after-swap" and not _can_exchange(tmp_path):
        pytest.skip("this filesystem cannot swap two names atomically")
    old, _ = taggers
    target = tmp_path / "models" / "model"
    old.save_pretrained(target)
    script = tmp_path / "kill.py"
    script.write_text(_KILL_SCRIPT.format(repo=str(REPO)), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(target), point], cwd=REPO, capture_output=True
    )
    assert proc.returncode == 9, proc.stderr.decode()
    if point != "between-renames":
        # the folder at the path is whole: the old one, or after the swap the new one
        assert _readable_seed(target) == (2 if point == "after-swap" else 1)
    recover(target)  # what the next write does first
    assert _readable_seed(target) in (1, 2)
    if point == "between-renames":
        assert _readable_seed(target) == 1
    assert _siblings(target) == ["model"]  # leftovers of the dead process are gone


def test_recover_never_touches_other_names(tmp_path):
    (tmp_path / ".model.old").mkdir()
    (tmp_path / ".model.backup").write_text("mine", encoding="utf-8")
    (tmp_path / "model").mkdir()
    live = tmp_path / f".model.kkrnlp-tmp-{os.getpid()}-abc"
    live.mkdir()  # a write in progress in this (living) process
    recover(tmp_path / "model")
    assert set(_siblings(tmp_path / "model")) == {
        ".model.backup",
        ".model.old",
        f".model.kkrnlp-tmp-{os.getpid()}-abc",
        "model",
    }


@pytest.mark.parametrize("bad", ["/", ".", "..", "", "sub/.."])
def test_atomic_path_never_writes_over_a_whole_folder(tmp_path, monkeypatch, bad):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="names a whole folder"), atomic_path(bad) as tmp:
        tmp.mkdir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "sub"]


def test_atomic_path_refuses_to_replace_a_link(tmp_path):
    (tmp_path / "real.txt").write_text("original", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    with pytest.raises(OutputError, match="symbolic link"):
        kio.write_text_atomic(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "original"


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "items.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    kio.write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_save_pretrained_refuses_a_folder_it_did_not_write(taggers, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"PK")
    with pytest.raises(OutputError, match="kkrnlp did not write"):
        taggers[0].save_pretrained(folder)
    assert (folder / "budget.xlsx").read_bytes() == b"PK"
