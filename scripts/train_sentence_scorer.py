"""Fit the summarizer's sentence scorer to the reference summaries and cross-validate it.

Reads the hand-labelled dev items (``../shared/gold/dev.jsonl``, documents in
``../shared/seeds``) and the complete items of ``../shared/real/gold.jsonl``
(documents in ``../shared/real/docs``, parsed with ``kkrnlp.parse``; an item
the parser does not find is left out). Each candidate sentence of an item is
labelled by whether the reference summary draws on it (ROUGE-2 precision), a
logistic regression is fitted over the sentence features, and the whole
summarizer is scored by cross-validation that holds out whole documents,
beside the rule-based selection as a baseline. Finally the scorer is fitted on
all items and written to ``kkrnlp/models/sentence-scorer`` (JSON, with a card).

    python scripts/train_sentence_scorer.py [--shared ../shared] [--folds 5] [--out DIR]
        [--json report.json] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import kkrnlp
from kkrnlp.config import SENTENCE_SCORER_DIR
from kkrnlp.errors import KkrnlpError
from kkrnlp.evaluate.rouge import corpus_rouge
from kkrnlp.io import read_jsonl, write_json_atomic
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer, SentenceScorer
from kkrnlp.summarize.scorer import label_candidates
from kkrnlp.summarize.selection import FEATURES, candidates


def _norm(title: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in (title or "").lower()).split())


def load_examples(shared: Path) -> list[dict]:
    """(set, doc, item, kind, body, reference) for every gold item the parser finds."""
    sets = [
        ("dev", shared / "gold" / "dev.jsonl", shared / "seeds"),
        ("real", shared / "real" / "gold.jsonl", shared / "real" / "docs"),
    ]
    out = []
    for name, gold_file, doc_dir in sets:
        if not gold_file.is_file():
            print(f"skipping {name}: no {gold_file}", file=sys.stderr)
            continue
        meetings = {}
        for row in read_jsonl(gold_file):
            if row.get("empty") or row.get("partial") or not row.get("summary"):
                continue
            doc = row["doc"]
            if doc not in meetings:
                try:
                    meetings[doc] = kkrnlp.parse(doc_dir / doc)
                except KkrnlpError as exc:
                    print(f"{doc}: {exc}", file=sys.stderr)
                    meetings[doc] = None
            meeting = meetings[doc]
            if meeting is None:
                continue
            number = str(row.get("number") or "")
            item = next((i for i in meeting.items if number and i.number == number), None)
            if item is None and not number:
                same = [i for i in meeting.items if _norm(i.title) == _norm(row["title"])]
                item = same[0] if same else (meeting.items[0] if len(meeting.items) == 1 else None)
            if item is None or item.empty:
                continue
            out.append(
                {
                    "set": name,
                    "doc": doc,
                    "item": item,
                    "kind": meeting.kind,
                    "body": meeting.body,
                    "reference": row["summary"],
                }
            )
    return out


LABEL_THRESHOLD = 0.2  # ROUGE-2 precision of a sentence against its reference


def training_rows(examples: list[dict], summarizer: ExtractiveSummarizer):
    """Feature rows, labels and the document of each row."""
    X, y, groups = [], [], []
    for ex in examples:
        ask, _, _ = summarizer.ask_text(ex["item"], ex["kind"], ex["body"])
        cands = candidates(ex["item"], summarizer.settings.selection)
        if not cands:
            continue
        summarizer.score(cands, ex["item"], ask)
        labels = label_candidates([c.text for c in cands], ex["reference"], LABEL_THRESHOLD)
        for c, label in zip(cands, labels, strict=True):
            X.append([c.features[f] for f in FEATURES])
            y.append(label)
            groups.append(ex["doc"])
    return X, y, groups


def _folds(docs: list[str], k: int) -> list[set[str]]:
    ordered = sorted(set(docs))
    return [set(ordered[i::k]) for i in range(k)]


def cross_validate(examples: list[dict], k: int, C: float) -> dict:
    """Document-held-out ROUGE of the learned and the rule-based selection, per set."""
    rules = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    preds: dict[str, dict[str, list]] = {"learned": defaultdict(list), "rules": defaultdict(list)}
    for held in _folds([ex["doc"] for ex in examples], k):
        train = [ex for ex in examples if ex["doc"] not in held]
        test = [ex for ex in examples if ex["doc"] in held]
        X, y, _ = training_rows(train, rules)
        if not test or len(set(y)) < 2:
            continue
        learned = ExtractiveSummarizer(
            ExtractiveSettings(scorer=None), scorer=SentenceScorer.fit(X, y, FEATURES, C=C)
        )
        for name, summarizer in (("learned", learned), ("rules", rules)):
            for ex in test:
                text = summarizer.summarize(ex["item"], kind=ex["kind"], body=ex["body"]).text
                preds[name][ex["set"]].append((text, ex["reference"]))
                preds[name]["all"].append((text, ex["reference"]))
    return {
        name: {s: {"n": len(p), **corpus_rouge(p)} for s, p in by_set.items()}
        for name, by_set in preds.items()
    }


CARD = """# sentence-scorer

The sentence scorer of kkrnlp's extractive summarizer: a logistic regression
over {n_features} features of a candidate sentence ({features}), giving the
probability that a reference summary draws on the sentence. Weights are JSON
(`weights.json`, standardised features), no pickles. Rebuilt with
`python scripts/train_sentence_scorer.py` on {day}.

## Data

- the hand-labelled dev items (`gold/dev.jsonl`, {n_dev} items with a
  reference summary found by the parser), and
- the complete items of the real development pages (`real/gold.jsonl`,
  {n_real} items found by the parser; partial items are left out),

{n_rows} candidate sentences, {n_pos} labelled as drawn on (ROUGE-2 precision
of the sentence against the reference at least {label}).

## Cross-validation ({k} folds, whole documents held out)

| selection | set | n | ROUGE-1 | ROUGE-2 | ROUGE-L |
|---|---|---:|---:|---:|---:|
{table}

The rule-based selection is the baseline. Expect lower figures on documents
from publishers the parser reads worse.
"""


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=SENTENCE_SCORER_DIR)
    parser.add_argument("--json", type=Path, help="write the cross-validation figures here")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate, write nothing")
    args = parser.parse_args(argv)

    examples = load_examples(args.shared)
    if not examples:
        print(f"no labelled items found under {args.shared}", file=sys.stderr)
        return 2
    cv = cross_validate(examples, args.folds, args.C)
    rows = []
    print(f"{'selection':<10}{'set':<6}{'n':>5}{'R-1':>8}{'R-2':>8}{'R-L':>8}")
    for name, by_set in cv.items():
        for set_name, s in sorted(by_set.items()):
            print(
                f"{name:<10}{set_name:<6}{s['n']:>5}{s['rouge1']:>8.3f}"
                f"{s['rouge2']:>8.3f}{s['rougeL']:>8.3f}"
            )
            rows.append(
                f"| {name} | {set_name} | {s['n']} | {s['rouge1']:.3f} | {s['rouge2']:.3f}"
                f" | {s['rougeL']:.3f} |"
            )
    if args.json:
        write_json_atomic(args.json, cv)
    if args.dry_run:
        return 0
    rules = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    X, y, _ = training_rows(examples, rules)
    scorer = SentenceScorer.fit(X, y, FEATURES, C=args.C)
    scorer.meta = {
        "features": list(FEATURES),
        "C": args.C,
        "label": f"ROUGE-2 precision of the sentence against the reference >= {LABEL_THRESHOLD}",
        "data": ["gold/dev.jsonl", "real/gold.jsonl (complete items)"],
        "n_items": len(examples),
        "n_rows": len(y),
        "cv": cv,
        "trained": date.today().isoformat(),
    }
    card = CARD.format(
        n_features=len(FEATURES),
        features=", ".join(FEATURES),
        day=date.today().isoformat(),
        n_dev=sum(ex["set"] == "dev" for ex in examples),
        n_real=sum(ex["set"] == "real" for ex in examples),
        n_rows=len(y),
        n_pos=sum(y),
        label=LABEL_THRESHOLD,
        k=args.folds,
        table="\n".join(rows),
    )
    scorer.save_pretrained(args.out, card)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
