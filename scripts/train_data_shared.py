"""Labelled items from ../shared for training and evaluating the tagger (scripts only).

Nothing here is copied into the repository: the rows are read at run time.

- ``real_gold_items``: the complete items of ../shared/real/gold.jsonl. ``mode="parsed"``
  takes the item the parser finds with the same number (title only when it finds
  none); ``mode="oracle"`` takes the gold title and the text between it and the next
  gold title in the page, with the recommendation sentence found by its wording.
- ``dev_gold_items``: ../shared/gold/dev.jsonl with its seed documents parsed.
- each item's group is its publishing site (url host in SOURCES.tsv) or document.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kkrnlp.errors import KkrnlpError
from kkrnlp.pipeline import parse
from kkrnlp.schema import AgendaItem

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
_REC = re.compile(
    r"(?:(?:forvaltningen|direktionen|borgmesteren|administrationen|det)\s+indstill\w*|"
    r"indstilling(?:\s*:)?|forslag\s+til\s+beslutning|sekretariatet\s+indstiller)",
    re.I,
)
_DECISION = re.compile(r"\bbeslutning\b\s*(?:i\s+\w+)?\s*(?:den\s+[\d.]+)?\s*:?", re.I)
_SPACE = re.compile(r"\s+")


def sites() -> dict[str, str]:
    """Document stem -> publishing site (url host without www.)."""
    out = {}
    with open(SHARED / "real" / "SOURCES.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            host = urlparse(row["url"]).netloc.lower().removeprefix("www.")
            out[Path(row["file"]).stem] = host
    return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _parsed(doc_path: Path) -> dict[str, AgendaItem]:
    try:
        meeting = parse(doc_path)
    except KkrnlpError:
        return {}
    return {item.number: item for item in meeting.items}


def _find(text_norm: str, title: str, start: int) -> int:
    words = _SPACE.sub(" ", title).strip().lower()
    for probe in (words, words[:40], words[:20]):
        if probe:
            pos = text_norm.find(probe, start)
            if pos >= 0:
                return pos
    return -1


def _oracle_items(doc_path: Path, rows: list[dict[str, Any]]) -> list[AgendaItem]:
    """Gold titles with the page text between one gold title and the next."""
    text = _SPACE.sub(" ", doc_path.read_text(encoding="utf-8", errors="replace"))
    low = text.lower()
    starts, pos = [], 0
    for row in rows:
        found = _find(low, row["title"], pos)
        starts.append(found)
        if found >= 0:
            pos = found + 1
    items = []
    for k, row in enumerate(rows):
        body = ""
        if starts[k] >= 0:
            later = [s for s in starts[k + 1 :] if s > starts[k]]
            body = text[starts[k] + len(row["title"]) : later[0] if later else len(text)]
        rec = None
        match = _REC.search(body)
        if match:
            rec = body[match.start() : match.start() + 500]
            decision = _DECISION.search(rec, 20)
            rec = rec[: decision.start()] if decision else rec
        items.append(
            AgendaItem(row["number"], row["title"], recommendation_text=rec, text=body.strip())
        )
    return items


def real_gold_items(mode: str = "parsed") -> list[tuple[AgendaItem, dict[str, Any], str]]:
    """(item, gold row, site) for every complete, non-empty item of the real gold."""
    gold = read_jsonl(SHARED / "real" / "gold.jsonl")
    site = sites()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in gold:
        by_doc.setdefault(row["doc"], []).append(row)
    out = []
    for doc, rows in by_doc.items():
        doc_path = SHARED / "real" / "docs" / doc
        if mode == "oracle":
            items = _oracle_items(doc_path, rows)
        else:
            parsed = _parsed(doc_path)
            items = [parsed.get(r["number"]) or AgendaItem(r["number"], r["title"]) for r in rows]
        for item, row in zip(items, rows, strict=True):
            if not row.get("partial") and not row.get("empty") and row.get("policy_area"):
                out.append((item, row, site.get(Path(doc).stem, Path(doc).stem)))
    return out


def dev_gold_items() -> list[tuple[AgendaItem, dict[str, Any], str]]:
    """(item, gold row, doc) for the labelled seed-document items."""
    out = []
    rows = read_jsonl(SHARED / "gold" / "dev.jsonl")
    parsed_docs: dict[str, dict[str, AgendaItem]] = {}
    for row in rows:
        if row.get("empty") or not row.get("policy_area"):
            continue
        doc = row["doc"]
        if doc not in parsed_docs:
            parsed_docs[doc] = _parsed(SHARED / "seeds" / doc)
        item = parsed_docs[doc].get(row["number"]) or AgendaItem(row["number"], row["title"])
        out.append((item, row, doc))
    return out


def labels_of(row: dict[str, Any], group: str) -> dict[str, Any]:
    return {
        "policy_area": row.get("policy_area"),
        "policy_areas": row.get("policy_areas") or [],
        "recommendation": row.get("recommendation"),
        "recommendations": row.get("recommendations") or [],
        "group": group,
    }
