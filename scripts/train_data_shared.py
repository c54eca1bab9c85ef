"""Labelled items from ../shared for training and evaluating the tagger (scripts only).

Nothing here is copied into the repository: the rows are read at run time.

- ``real_gold_items``: the complete items of ../shared/real/gold.jsonl. ``mode="parsed"``
  takes the item the parser finds with the same number (title only when it finds
  none); ``mode="oracle"`` takes the gold title and the text between it and the next
  gold title in the page, with the recommendation sentence found by its wording.
- ``dev_gold_items``: ../shared/gold/dev.jsonl with its seed documents parsed.
- ``parsed_body``: the body (committee) the parser reads from a real page.
- each item's group is its publishing site (url host in SOURCES.tsv) or document.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
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


def _parsed(doc_path: Path) -> list[AgendaItem]:
    try:
        return list(parse(doc_path).items)
    except KkrnlpError:
        return []


@cache
def parsed_body(doc: str) -> str | None:
    """The body the parser reads from a real page (what `kkrnlp tag` passes the tagger)."""
    try:
        return parse(SHARED / "real" / "docs" / doc).body
    except KkrnlpError:
        return None


def _norm_title(title: str | None) -> str:
    return _SPACE.sub(" ", title or "").strip().lower().rstrip(".")


def _match_parsed(parsed: list[AgendaItem], row: dict[str, Any]) -> AgendaItem | None:
    """The parsed item for a gold row, as the official scorer matches them: by number;
    an unnumbered row by the same title, or the only item of a single-item page."""
    if row["number"]:
        return next((item for item in parsed if item.number == row["number"]), None)
    same = [item for item in parsed if _norm_title(item.title) == _norm_title(row["title"])]
    if same:
        return same[0]
    return parsed[0] if row.get("single") and len(parsed) == 1 else None


def _find_all(text_norm: str, title: str, start: int) -> list[int]:
    """Positions of the title (or its first 40 / 20 characters) from ``start`` on."""
    words = _SPACE.sub(" ", title).strip().lower()
    for probe in (words, words[:40], words[:20]):
        if not probe:
            continue
        found, pos = [], text_norm.find(probe, start)
        while pos >= 0:
            found.append(pos)
            pos = text_norm.find(probe, pos + 1)
        if found:
            return found
    return []


_MIN_BODY = 80  # characters: a title followed by less than this is a table-of-contents line


def _oracle_items(doc_path: Path, rows: list[dict[str, Any]]) -> list[AgendaItem]:
    """Gold titles with the page text between one gold title and the next.

    Pages that open with a list of the items print each title twice; the occurrence
    kept is the first one followed by a body (the next title not within
    ``_MIN_BODY`` characters), so an item is not cut to its line in the list.
    """
    text = _SPACE.sub(" ", doc_path.read_text(encoding="utf-8", errors="replace"))
    low = text.lower()
    starts, pos = [], 0
    for k, row in enumerate(rows):
        found = -1
        for cand in _find_all(low, row["title"], pos):
            following = _find_all(low, rows[k + 1]["title"], cand + 1) if k + 1 < len(rows) else []
            if found < 0:
                found = cand  # the first occurrence, when none has a body
            if not following or following[0] - cand - len(row["title"]) >= _MIN_BODY:
                found = cand
                break
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
            items = [_match_parsed(parsed, r) or AgendaItem(r["number"], r["title"]) for r in rows]
        for item, row in zip(items, rows, strict=True):
            if not row.get("partial") and not row.get("empty") and row.get("policy_area"):
                out.append((item, row, site.get(Path(doc).stem, Path(doc).stem)))
    return out


def dev_gold_items() -> list[tuple[AgendaItem, dict[str, Any], str]]:
    """(item, gold row, doc) for the labelled seed-document items."""
    out = []
    rows = read_jsonl(SHARED / "gold" / "dev.jsonl")
    parsed_docs: dict[str, list[AgendaItem]] = {}
    for row in rows:
        if row.get("empty") or not row.get("policy_area"):
            continue
        doc = row["doc"]
        if doc not in parsed_docs:
            parsed_docs[doc] = _parsed(SHARED / "seeds" / doc)
        item = _match_parsed(parsed_docs[doc], row) or AgendaItem(row["number"], row["title"])
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
