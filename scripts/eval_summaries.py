"""Score the default extractive summarizer and the lead baseline on the dev gold.

Parses each gold document in ``../shared/seeds`` with ``kkrnlp.parse``, matches
items to gold rows by document name and item number, and prints ROUGE-1/2/L
(mean F1) and the share of faithful summaries for both systems.

    python scripts/eval_summaries.py [--shared ../shared] [--show] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import kkrnlp
from kkrnlp.evaluate.rouge import rouge_l, rouge_n
from kkrnlp.evaluate.summaries import lead_baseline, score_summaries
from kkrnlp.io import read_jsonl, write_json_atomic
from kkrnlp.summarize import ExtractiveSummarizer, source_text


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--show", action="store_true", help="print every summary next to gold")
    parser.add_argument("--json", type=Path, help="write the scores here")
    args = parser.parse_args(argv)

    gold_file = args.shared / "gold" / "dev.jsonl"
    if not gold_file.is_file():
        print(f"no gold at {gold_file}", file=sys.stderr)
        return 2
    rows = read_jsonl(gold_file)
    meetings = {doc: kkrnlp.parse(args.shared / "seeds" / doc) for doc in {r["doc"] for r in rows}}
    summarizer = ExtractiveSummarizer()
    systems: dict[str, list[tuple[str, str, str]]] = {"extractive": [], "lead": []}
    missing = []
    for row in rows:
        if row.get("empty") or not row.get("summary"):
            continue
        meeting = meetings[row["doc"]]
        item = next((i for i in meeting.items if i.number == row["number"]), None)
        if item is None:
            missing.append(f"{row['doc']} {row['number']}")
            continue
        src = source_text(item, meeting.body)
        summary = summarizer.summarize(item, kind=meeting.kind, body=meeting.body)
        lead = lead_baseline(item, meeting.kind, meeting.body)
        systems["extractive"].append((summary.text, row["summary"], src))
        systems["lead"].append((lead, row["summary"], src))
        if args.show:
            print(f"== {row['doc'][:3]} {row['number']} {row['title'][:60]}")
            print(
                f"   R2={rouge_n(summary.text, row['summary'], 2).f1:.2f} "
                f"RL={rouge_l(summary.text, row['summary']).f1:.2f} "
                f"faithful={summary.faithful} {summary.unsupported or ''}"
            )
            print(f"   SYS: {summary.text}\n   REF: {row['summary']}")
    scores = {name: score_summaries(triples) for name, triples in systems.items()}
    print(f"{'system':<12}{'n':>4}{'R-1':>8}{'R-2':>8}{'R-L':>8}{'faithful':>10}{'words':>8}")
    for name, s in scores.items():
        print(
            f"{name:<12}{s['n']:>4}{s['rouge1']:>8.3f}{s['rouge2']:>8.3f}{s['rougeL']:>8.3f}"
            f"{s['faithful']:>10.2f}{s['mean_words']:>8.1f}"
        )
    if missing:
        print(f"not parsed: {', '.join(missing)}", file=sys.stderr)
    if args.json:
        write_json_atomic(args.json, {"scores": scores, "missing": missing})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
