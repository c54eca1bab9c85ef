"""Cross-validated CAP major-topic accuracy on human-coded titles (grouped 5-fold CV).

Near-duplicate titles (same letters after cleaning) stay in one fold. Embeddings
are computed once per run with the default encoder and the "query: " prefix.

    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --out out/cap_cv.json
    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --no-embeddings
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from kkrnlp.classify.cap import CapSettings, clean_title, cross_validate, read_cap_csv
from kkrnlp.io import write_json_atomic
from kkrnlp.taxonomy import load_taxonomy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--embed-weight", type=float, default=CapSettings.embed_weight)
    parser.add_argument("--keyword-weight", type=float, default=CapSettings.keyword_weight)
    parser.add_argument("--C", type=float, default=CapSettings.C)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    taxonomy = load_taxonomy()
    titles, codes = read_cap_csv(args.data)
    settings = CapSettings(C=args.C, embed_weight=args.embed_weight,
                           keyword_weight=args.keyword_weight)  # fmt: skip
    embeddings = None
    t0 = time.perf_counter()
    if not args.no_embeddings:
        from kkrnlp.encoder import Encoder

        encoder = Encoder.from_pretrained(args.encoder)
        embeddings = encoder.embed([clean_title(t) for t in titles], prefix=settings.prefix)
    t_embed = time.perf_counter() - t0
    results = {}
    variants = {"full": settings}
    variants["no keywords"] = CapSettings(**{**settings.__dict__, "keyword_weight": 0.0})
    if embeddings is not None:
        variants["no embeddings"] = CapSettings(**{**settings.__dict__, "embed_weight": 0.0})
    for name, s in variants.items():
        t1 = time.perf_counter()
        res = cross_validate(titles, codes, taxonomy.cap_majors, embeddings, s)
        res.pop("predictions")
        res["seconds"] = round(time.perf_counter() - t1, 1)
        results[name] = res
        print(f"{name}: CAP major accuracy {res['accuracy']:.3f} ({res['seconds']} s)")
    report = {
        "date": dt.date.today().isoformat(),
        "data": str(args.data),
        "embed_seconds": round(t_embed, 1),
        "settings": settings.__dict__,
        "results": results,
    }
    if args.out:
        write_json_atomic(args.out, report)


if __name__ == "__main__":
    main()
