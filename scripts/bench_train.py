"""Benchmark: time to train the default (embedding) head and the TF-IDF head on 500 items.

The 500 items are sampled from the project's training items with their
sentences shuffled and numbered, so no two texts are identical.

    python scripts/bench_train.py --n 500 --out bench_train.json
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from kkrnlp.classify.tagger import Tagger
from kkrnlp.config import DATA_DIR
from kkrnlp.io import read_jsonl, write_json_atomic
from kkrnlp.schema import AgendaItem


def make_data(n: int, seed: int) -> tuple[list[AgendaItem], list[dict]]:
    rows = [r for r in read_jsonl(DATA_DIR / "train_items.jsonl") if r.get("policy_area")]
    rng = random.Random(seed)
    items, labels = [], []
    for i in range(n):
        row = rng.choice(rows)
        sentences = (row.get("text") or "").split(". ")
        rng.shuffle(sentences)
        if len(sentences) > 2:
            sentences.pop(rng.randrange(len(sentences)))
        items.append(
            AgendaItem(
                number=str(i + 1),
                title=row["title"],
                group=row.get("group"),
                recommendation_text=row.get("recommendation_text"),
                text=". ".join(sentences) + f" (punkt {i + 1})",
            )
        )
        labels.append(
            {"policy_area": row["policy_area"], "recommendation": row.get("recommendation")}
        )
    return items, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--heads", default="embedding,tfidf")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    items, labels = make_data(args.n, args.seed)
    results = {"n_items": args.n, "cpus": os.cpu_count(), "heads": {}}
    for head in args.heads.split(","):
        tagger = Tagger(encoder=args.encoder, head=head, seed=args.seed)
        if head == "embedding":
            t = time.perf_counter()
            tagger.load_encoder()
            results["encoder_load_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        tagger.fit(items, labels)
        fit_s = time.perf_counter() - t
        entry = {"fit_s": round(fit_s, 2)}
        if head == "embedding":
            # the head alone, on embeddings already computed during fit
            t = time.perf_counter()
            tagger.fit(items, labels)
            entry["refit_cached_embeddings_s"] = round(time.perf_counter() - t, 2)
        with tempfile.TemporaryDirectory() as tmp:
            out = tagger.save_pretrained(Path(tmp) / "m")
            entry["model_dir_kb"] = round(
                sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1024, 1
            )
        cv = tagger.metrics_["policy_area"].get(f"cv_{head}", {}).get("with_rules", {})
        entry["cv_accuracy"] = cv.get("accuracy")
        results["heads"][head] = entry
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    print(
        "| head | fit s (incl. embedding + CV) | refit on cached embeddings s | "
        "model dir KB | CV accuracy |"
    )
    print("|---|---:|---:|---:|---:|")
    for head, e in results["heads"].items():
        print(
            f"| {head} | {e['fit_s']} | {e.get('refit_cached_embeddings_s', '-')} | "
            f"{e['model_dir_kb']} | {e['cv_accuracy']} |"
        )
    print(f"\n{args.n} items, {results['cpus']} CPUs, peak RSS {results['peak_rss_mb']} MB")
    if args.out:
        write_json_atomic(args.out, results)


if __name__ == "__main__":
    main()
