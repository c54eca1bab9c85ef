"""Shared fixtures: where the real documents live, and small things built per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AGENDAS = FIXTURES / "agendas"
PAGES = FIXTURES / "pages"  # invented pages the command-line tests share
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (seed documents and dev gold); skip when absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "dev.jsonl").is_file():
        pytest.skip(f"../shared with seeds/ and gold/dev.jsonl not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def gold_rows(shared_dir: Path) -> list[dict]:
    lines = (shared_dir / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def gold_docs(shared_dir: Path, gold_rows: list[dict]) -> dict[str, Path]:
    """Gold document name -> seed file."""
    return {row["doc"]: shared_dir / "seeds" / row["doc"] for row in gold_rows}
