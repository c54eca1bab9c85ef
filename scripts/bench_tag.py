"""Benchmark: items/s and peak memory for tagging N items with the real default encoder.

Goes through the pipeline object, as a user does: ``kkrnlp.load(tag=True,
summarize=False)`` once, then the tagging step (policy area, CAP major topic,
recommendation type) over one meeting of N items taken from the project's
training items (each text varied a little so that no embedding is served from a
cache), in one process on this machine's CPUs.

    python scripts/bench_tag.py --n 200 --out bench_tag.json
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
from pathlib import Path

import kkrnlp
from kkrnlp.config import DATA_DIR, DEFAULT_MODEL_DIR
from kkrnlp.io import read_jsonl, write_json_atomic
from kkrnlp.schema import AgendaItem, Meeting


def make_items(n: int, seed: int) -> list[AgendaItem]:
    rows = [r for r in read_jsonl(DATA_DIR / "train_items.jsonl") if not r.get("empty")]
    rng = random.Random(seed)
    items = []
    for i in range(n):
        row = rng.choice(rows)
        sentences = (row.get("text") or "").split(". ")
        rng.shuffle(sentences)
        items.append(
            AgendaItem(
                number=str(i + 1),
                title=row["title"],
                group=row.get("group"),
                recommendation_text=row.get("recommendation_text"),
                text=". ".join(sentences) + f" (punkt {i + 1})",
            )
        )
    return items


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="items to tag")
    parser.add_argument("--model", type=Path, default=None, help="default: the shipped model")
    parser.add_argument("--batch-size", type=int, default=None, help="transformers path only")
    parser.add_argument("--max-length", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON")
    args = parser.parse_args()

    meeting = Meeting(source="bench_tag", items=make_items(args.n, args.seed))
    t0 = time.perf_counter()
    nlp = kkrnlp.load(model=args.model, summarize=False)
    tagger = nlp.tagger
    if args.batch_size:
        tagger.encoder_settings.batch_size = args.batch_size
    if args.max_length:
        tagger.encoder_settings.max_length = args.max_length
    tagger.load_encoder()  # the encoder loads lazily; time it with the model, not the tags
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()

    t1 = time.perf_counter()
    nlp.annotate(meeting)
    tag_s = time.perf_counter() - t1
    by_rules = sum(item.tags.policy_area_source == "rules" for item in meeting.items)

    result = {
        "n_items": args.n,
        "items_by_rules": by_rules,
        "model": str(args.model or DEFAULT_MODEL_DIR),
        "encoder": tagger.encoder,
        "encoder_backend": type(tagger.load_encoder().backend).__name__,
        "max_length": tagger.encoder_settings.max_length,
        "batch_size": tagger.encoder_settings.batch_size,
        "load_s": round(load_s, 2),
        "tag_s": round(tag_s, 2),
        "items_per_s": round(args.n / tag_s, 2),
        "peak_rss_mb_after_load": round(rss_loaded, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "cpus": os.cpu_count(),
        "threads": os.environ.get("KKRNLP_THREADS") or "one per core",
        "machine": platform.machine(),
        "python": platform.python_version(),
    }
    print("| measure | value |\n|---|---:|")
    for key in ("n_items", "items_by_rules", "load_s", "tag_s", "items_per_s", "peak_rss_mb"):
        print(f"| {key} | {result[key]} |")
    print(
        f"\n{result['cpus']} CPUs, {result['encoder_backend']}, threads: {result['threads']}, "
        f"max_length {result['max_length']}"
    )
    if args.out:
        write_json_atomic(args.out, result)


if __name__ == "__main__":
    main()
