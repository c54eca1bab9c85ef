"""The built wheel works on its own: installed into a fresh venv, tagging from another folder.

Slow (about a minute: the runtime dependencies come from the package index,
usually from pip's cache). Runs in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import kkrnlp

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"


def _setuptools_version() -> tuple[int, ...]:
    try:
        from importlib.metadata import version

        return tuple(int(p) for p in version("setuptools").split(".")[:2])
    except Exception:  # not installed, or an unusual version string
        return (0,)


def _clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would point Python at the checkout."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    return {k: v for k, v in os.environ.items() if k not in drop} | extra


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 900):
    env = env if env is not None else _clean_env()
    proc = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"{' '.join(args)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.mark.slow
def test_wheel_installs_and_tags_outside_the_repository(tmp_path):
    # build from a copy: setuptools leaves build/ and *.egg-info/ beside the sources
    src = tmp_path / "src"
    junk = (".venv", ".git", "build", "*.egg-info", "out", "__pycache__", ".*_cache", "notebooks")
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(*junk))
    wheels = tmp_path / "wheels"
    # the build backend is taken from this environment when recent enough (no download)
    isolation = ["--no-build-isolation"] if _setuptools_version() >= (77,) else []
    _run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", *isolation,
         "-w", str(wheels), "-q"],
        cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = wheels.glob("kkrnlp-*.whl")
    assert wheel.name.startswith(f"kkrnlp-{kkrnlp.__version__}-")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
         cwd=tmp_path)  # fmt: skip
    installed = _run([str(python), "-m", "pip", "list", "--format=json"], cwd=tmp_path)
    names = {p["name"].lower() for p in json.loads(installed.stdout)}
    # tagging needs none of the training stack
    assert not names & {"torch", "transformers", "scikit-learn", "datasets", "matplotlib"}

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} | {
        "KKRNLP_CACHE": str(tmp_path / "cache")
    }
    version = _run([str(python), "-m", "kkrnlp", "--version"], cwd=work, env=env)
    assert version.stdout.strip() == f"kkrnlp {kkrnlp.__version__}"
    agenda = work / EXAMPLE.name
    agenda.write_bytes(EXAMPLE.read_bytes())
    _run([str(env_dir / "bin" / "kkrnlp"), "tag", agenda.name, "--out", "tags.jsonl"],
         cwd=work, env=env)  # fmt: skip
    records = [json.loads(x) for x in (work / "tags.jsonl").read_text("utf-8").splitlines()]
    assert len(records) >= 8
    tagged = [r for r in records if not r["empty"]]
    assert tagged and all(r["policy_area"] and r["policy_area_scores"] for r in tagged)
    assert all(r["recommendation"] for r in tagged)
    # the package ran from the venv, not from this checkout
    where = _run([str(python), "-c", "import kkrnlp; print(kkrnlp.__file__)"], cwd=work, env=env)
    assert str(env_dir) in where.stdout


def _module(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = _clean_env(PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "kkrnlp", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_python_dash_m_kkrnlp_exits_with_the_commands_status(tmp_path):
    version = _module("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, f"kkrnlp {kkrnlp.__version__}")
    missing = _module("parse", str(tmp_path / "nope.pdf"), cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error:") and "Traceback" not in missing.stderr
    # everything written to a pipe arrives although the process leaves with os._exit
    parsed = _module("parse", str(EXAMPLE), cwd=tmp_path)
    assert parsed.returncode == 0
    records = [json.loads(line) for line in parsed.stdout.splitlines()]
    assert len(records) >= 8 and records[-1]["number"]
    usage = _module("no-such-command", cwd=tmp_path)
    assert usage.returncode == 2
