"""Property: whatever --out a user types, nothing but the intended target ever changes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kkrnlp.cli import app
from tests.conftest import REPO
from tests.io.test_safety_outputs import snapshot

EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"
_PARTS = [".", "..", "sub", "a.md", "new.jsonl", "noter.txt", "link", "nested", "d", "~", ""]


def _build(root: Path) -> Path:
    """root/o/p/q/d: the sandbox ``d`` sits deep enough that ``..`` never leaves ``root``."""
    sandbox = root / "o" / "p" / "q" / "d"
    (sandbox / "sub").mkdir(parents=True)
    (sandbox / "a.md").write_bytes(EXAMPLE.read_bytes())
    (sandbox / "sub" / "noter.txt").write_text("noter\n", encoding="utf-8")
    (sandbox / "sub" / "new.jsonl").write_text("gammel\n", encoding="utf-8")
    (sandbox / "home").mkdir()
    (root / "o" / "uden.txt").write_text("udenfor\n", encoding="utf-8")
    (sandbox / "link").symlink_to("sub/noter.txt")
    return sandbox


out_paths = st.one_of(
    # relative paths only (a leading "" would make "/x"); absolute ones come from the list below
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4)
    .filter(lambda parts: parts[0] != "")
    .map("/".join),
    st.sampled_from([".", "..", "/", "~", "-", "a.md", "./a.md", "sub", "sub/", "link", "~/x.jsonl",
                     "SANDBOX", "SANDBOX/a.md", "SANDBOX/sub/../new.jsonl", "/dev/null"]),
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(out=out_paths)
# a link reached through a missing folder: 'missing/..' is looked up as written
@example(out="new.jsonl/../link")
def test_no_file_but_the_target_changes(out):
    root = Path(tempfile.mkdtemp(prefix="kkrnlp-prop-"))
    cwd, home = os.getcwd(), os.environ.get("HOME")
    try:
        sandbox = _build(root)
        out = out.replace("SANDBOX", str(sandbox))
        os.chdir(sandbox)
        os.environ["HOME"] = str(sandbox / "home")
        # Never let a generated path point outside the scratch folder (the test must not
        # write elsewhere if kkrnlp accepted it); the absolute ones listed are all refused.
        aim = (sandbox / Path(out).expanduser()).resolve()
        assume(aim.is_relative_to(root) or out in ("/", "/dev/null", "-"))
        before = snapshot(root)
        result = CliRunner().invoke(app, ["parse", "a.md", "--out", out])
        after = snapshot(root)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        event("refused" if result.exit_code else "written")
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        if result.exit_code == 1:
            assert result.stderr.startswith("error: --out"), result.stderr
            assert changed == set()
            return
        if out == "-":
            assert changed == set() and result.stdout.startswith("{")
            return
        target = (sandbox / Path(out).expanduser()).resolve()
        assert target.is_file() and target != sandbox / "a.md"
        rel = str(target.relative_to(root))
        # only the target itself, and folders created on the way to it
        assert rel in changed
        assert all(k == rel or (after.get(k) == "dir" and k not in before) for k in changed)
        assert after["o/p/q/d/a.md"] == before["o/p/q/d/a.md"]
    finally:
        os.chdir(cwd)
        if home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = home
        shutil.rmtree(root, ignore_errors=True)
