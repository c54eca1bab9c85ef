"""Score the default summarizer, the rule-based selection and the lead baseline on the dev gold.

Parses each gold document in ``../shared/seeds`` with ``kkrnlp.parse``, matches
items to gold rows by document name and item number, and prints ROUGE-1/2/L
(mean F1), the share of faithful and of fluent summaries, and the longest
summary. ``--real`` also summarizes every real page in ``../shared/real/docs``
and checks the hard limits (1-3 sentences, at most 80 words), faithfulness and
fluency of every summary of every item (the ROUGE of those pages comes from
``../shared/tools/score.py``).

    python scripts/eval_summaries.py [--shared ../shared] [--show] [--real] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import kkrnlp
from kkrnlp.errors import KkrnlpError
from kkrnlp.evaluate.rouge import rouge_l, rouge_n
from kkrnlp.evaluate.summaries import lead_baseline, score_summaries
from kkrnlp.io import read_jsonl, write_json_atomic
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer, source_text
from kkrnlp.summarize.sentences import split_sentences


def limits_report(shared: Path) -> dict:
    """Every summary of every real page: within the limits, faithful and fluent?"""
    summarizer = ExtractiveSummarizer()
    n = within = faithful = fluent = longest = 0
    bad = []
    for path in sorted((shared / "real" / "docs").glob("*")):
        try:
            meeting = kkrnlp.parse(path)
        except KkrnlpError:
            continue
        for item in meeting.items:
            s = summarizer.summarize(item, kind=meeting.kind, body=meeting.body)
            if s.method == "empty":
                continue
            n += 1
            ok = s.n_words <= 80 and 1 <= len(split_sentences(s.text)) <= 3
            within += ok
            faithful += s.faithful
            fluent += s.fluent
            longest = max(longest, s.n_words)
            if not (ok and s.faithful and s.fluent):
                bad.append(f"{path.name} {item.number}: {s.unsupported + s.fluency} {s.text}")
    return {"n": n, "within_limits": within, "faithful": faithful, "fluent": fluent,
            "max_words": longest, "failures": bad}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--show", action="store_true", help="print every summary next to gold")
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--real", action="store_true", help="check limits on every real page")
    args = parser.parse_args(argv)

    gold_file = args.shared / "gold" / "dev.jsonl"
    if not gold_file.is_file():
        print(f"no gold at {gold_file}", file=sys.stderr)
        return 2
    rows = read_jsonl(gold_file)
    meetings = {doc: kkrnlp.parse(args.shared / "seeds" / doc) for doc in {r["doc"] for r in rows}}
    summarizer = ExtractiveSummarizer()
    rules = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    systems: dict[str, list[tuple[str, str, str]]] = {"extractive": [], "rules": [], "lead": []}
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
        ruled = rules.summarize(item, kind=meeting.kind, body=meeting.body)
        systems["extractive"].append((summary.text, row["summary"], src))
        systems["rules"].append((ruled.text, row["summary"], src))
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
    print(
        f"{'system':<12}{'n':>4}{'R-1':>8}{'R-2':>8}{'R-L':>8}{'faithful':>10}{'fluent':>8}"
        f"{'words':>8}{'max':>5}"
    )
    for name, s in scores.items():
        fl = f"{s['fluent']:>8.2f}"
        print(
            f"{name:<12}{s['n']:>4}{s['rouge1']:>8.3f}{s['rouge2']:>8.3f}{s['rougeL']:>8.3f}"
            f"{s['faithful']:>10.2f}{fl}{s['mean_words']:>8.1f}{s['max_words']:>5}"
        )
    real = None
    if args.real:
        real = limits_report(args.shared)
        print(
            f"real pages: {real['n']} summaries, {real['within_limits']} within limits, "
            f"{real['faithful']} faithful, {real['fluent']} fluent, "
            f"longest {real['max_words']} words"
        )
        for line in real["failures"]:
            print(f"  {line}")
    if missing:
        print(f"not parsed: {', '.join(missing)}", file=sys.stderr)
    if args.json:
        write_json_atomic(args.json, {"scores": scores, "missing": missing, "real": real})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
