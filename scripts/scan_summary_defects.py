"""Count generic summary defects in the output of ``kkrnlp summarize --format jsonl``.

A reading aid for a quality pass on pages nobody tuned on: every count is a
pattern a reader would object to (a heading left in the summary, a whole last
word dropped, a title echoed although a decision is printed, two sentences that
say the same, a pointer to an attachment or a list that is not there, ...).
The patterns over-count; read the listed examples (``--show``) before trusting
a number.

    kkrnlp summarize FILES --format jsonl --out sums.jsonl
    python scripts/scan_summary_defects.py sums.jsonl [--show]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from kkrnlp.summarize.sentences import split_sentences

_CHECKS = {
    "glued_words": re.compile(r"[a-zæøå]{3}[A-ZÆØÅ][a-zæøå]{2}"),
    "heading_word": re.compile(r"^(?:Sagsfremstilling|Sagsresum[eé]|Resum[eé]|Sagsnr)\b"),
    "url_email": re.compile(r"https?://|www\.|@\w+\.\w"),
    "phone": re.compile(r"\b(?:tlf|telefon)\.?\s*\d|\b\d{2} \d{2} \d{2} \d{2}\b", re.I),
    "points_to_omitted_list": re.compile(r"\bfølgende(?:\s+\w+){0,4}\s*[.:]\s*$"),
    "attachment_ref": re.compile(r"\b(?:bilag|vedlagte?|vedhæfte[dst])\b", re.I),
    "web_pointer": re.compile(r"\b(?:læs|klik)\b.{0,80}\bher\b", re.I),
    "signature_leftover": re.compile(r"\bReferent\.?$|\bSagsbehandler\b|\bSagsnr"),
    "first_person": re.compile(r"(?:^|[.!?]\s+)(?:Jeg|Mig)\b"),
    "list_marker_after_title": re.compile(r":\s*[-–•]\s"),
    "time_slot": re.compile(r"^\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}"),
    "glued_sentence": re.compile(r"[a-zæøå]{3}\.[A-ZÆØÅ][a-zæøå]{2}|\d[A-ZÆØÅ][a-zæøå]{2}"),
}
# an ask read from the title ("Referat skal godkendes.") where the minutes print the verdict
_VERDICT_RE = re.compile(r"^(?:\w+\s+){0,3}godkendt\b", re.IGNORECASE)
_WORD_AFTER_RE = re.compile(r" [A-Za-zÆØÅæøå]{3,}(?: [A-ZÆØÅ0-9]|$)")
_FUNCTION_RE = re.compile(r" (?:og|i|på|til|af|for|med|om|at|der|som|de|den|det|en|et|fra|ved)\b")


def _keys(sentence: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{4,}", sentence)}


def scan(rows: list[dict]) -> tuple[collections.Counter, dict[str, list[str]]]:
    """Defect counts and examples over summarize records."""
    counts: collections.Counter = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for row in rows:
        summary = row.get("summary") or ""
        tag = f"{row.get('source')} {row.get('number')}"

        def hit(kind: str, text: str = "", tag: str = tag, summary: str = summary) -> None:
            counts[kind] += 1
            examples[kind].append(f"{tag}: {text or summary[:150]}")

        if not summary:
            counts["empty_item" if row.get("empty") else "empty_summary_with_text"] += 1
            continue
        counts["summaries"] += 1
        for kind, regex in _CHECKS.items():
            if regex.search(summary):
                hit(kind)
        sentences = split_sentences(summary)
        for i, first in enumerate(sentences):
            for second in sentences[i + 1 :]:
                a, b = _keys(first), _keys(second)
                if a and b and len(a & b) / min(len(a), len(b)) >= 0.6:
                    hit("near_duplicate", f"{first[:70]} || {second[:70]}")
        body = (row.get("text") or "").split("\n", 1)[-1]
        if summary.endswith("skal godkendes.") and _VERDICT_RE.search(body.split("\n")[0]):
            hit("ask_where_minutes_print_the_verdict")
        title = (row.get("title") or "").rstrip(".").strip().lower()
        if summary.rstrip(".").strip().lower() == title:
            hit("title_echo_with_decision" if row.get("decision_text") else "title_echo")
        source = " ".join((row.get("text") or "").split())
        for sentence in sentences:
            core = sentence.rstrip(".").strip()
            at = source.find(core) if len(core.split()) >= 4 else -1
            rest = source[at + len(core) : at + len(core) + 40] if at >= 0 else ""
            if rest and _WORD_AFTER_RE.match(rest) and not _FUNCTION_RE.match(rest):
                hit("last_word_dropped?", f"{core[-40:]} || {rest[:25]}")
    return counts, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("--show", action="store_true", help="list the examples of every kind")
    args = ap.parse_args()
    with args.jsonl.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    counts, examples = scan(rows)
    for kind, n in sorted(counts.items()):
        print(f"{kind:28s} {n}")
    if args.show:
        for kind, lines in examples.items():
            print(f"## {kind}")
            for line in lines:
                print(f"   {line}")


if __name__ == "__main__":
    main()
