"""Benchmark the whole pipeline: parse, tag, summarize and digest a 25-item agenda.

"Warm" means the models are loaded and the default encoder is already converted
into the cache (as on a secretariat's machine after the first run); the load is
timed separately. Runs on all cores the machine gives (2 here).

    python scripts/bench_pipeline.py [--runs 3] [--out out/bench_pipeline.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_parse import agenda_text  # noqa: E402

from kkrnlp.digest import build_digest, write_digest  # noqa: E402
from kkrnlp.pipeline import parse  # noqa: E402
from kkrnlp.summarizing import load_summarizer, summary_fields  # noqa: E402
from kkrnlp.tagging import load_tagger, tag_items  # noqa: E402
from tests.docgen import make_pdf  # noqa: E402


def run_once(pdf: Path, tagger, summarizer, out: Path) -> int:
    # The tagger remembers embeddings of texts it has seen; a new agenda has new texts.
    getattr(tagger, "_embed_cache", {}).clear()
    meeting = parse(pdf)
    records = []
    tags = tag_items(meeting.items, tagger)
    summaries = summary_fields(meeting, summarizer)
    for row, tag, summary in zip(meeting.item_records(), tags, summaries, strict=True):
        records.append({**row, **tag, **summary})
    digest = build_digest(records, week="2024-W11")
    write_digest(digest, out, "html")
    return len(meeting.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    tagger = load_tagger()
    tagger.load_encoder()
    summarizer = load_summarizer()
    load_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(agenda_text(25), Path(tmp) / "dagsorden.pdf")
        out = Path(tmp) / "digest.html"
        items = run_once(pdf, tagger, summarizer, out)  # warm-up
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            run_once(pdf, tagger, summarizer, out)
            times.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "items": items,
        "warm_pipeline_seconds": round(statistics.median(times), 2),
        "model_load_seconds": round(load_s, 2),
        "peak_rss_mb": round(peak_mb),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "runs": args.runs,
        "python": platform.python_version(),
    }
    print("| measure | value |\n|---|---:|")
    print(f"| items in the agenda | {items} |")
    warm = result["warm_pipeline_seconds"]
    print(f"| parse + tag + summarize + digest, warm (target < 10 s) | {warm} s |")
    print(f"| loading the tagger and encoder (once) | {result['model_load_seconds']} s |")
    print(f"| peak memory (RSS) | {result['peak_rss_mb']} MB |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
