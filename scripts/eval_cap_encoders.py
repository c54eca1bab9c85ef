"""CAP major-topic CV with another encoder's vectors beside the default e5-small's.

For the default encoder and each ``--candidate`` directory (any BERT-family model
in transformers' layout: config.json, weights, tokenizer), the cleaned titles are
embedded once, and on the SAME grouped 5-fold folds as eval_cap.py this scores

- ``logreg``: a logistic regression on the pooled vectors alone;
- ``cap_head``: the project's CapHead (TF-IDF + keywords + vectors) with those vectors;
- ``cap_head_concat``: CapHead with [e5 vectors, candidate vectors] side by side;

per fold and overall, with the embedding speed (titles/s, ``--threads`` threads, warm;
the default runs int8 ONNX one title per call, a candidate fp32 transformers in
batches of 16) and the load time. CapHead's embedding weight was tuned for e5-small's
normalized 384-d vectors; a candidate is scored with the same weight (in the concat,
the two unit vectors together weigh more than e5's alone did).

    python scripts/eval_cap_encoders.py ../shared/cap/lpa_items.csv \\
        --candidate MODEL_DIR --out out/cap_encoders.json
    python scripts/eval_cap_encoders.py ../shared/cap/lpa_items.csv \\
        --candidate DIR --candidate-prefix "query: " --candidate-pooling mean
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import CapHead, CapSettings, clean_title, grouped_folds, read_cap_csv
from kkrnlp.errors import KkrnlpError
from kkrnlp.io import write_json_atomic
from kkrnlp.taxonomy import load_taxonomy


def embed_timed(name: str, titles: list[str], prefix: str, pooling: str) -> tuple[np.ndarray, dict]:
    """Vectors of ``titles`` and how long loading and (warm) embedding took."""
    from kkrnlp.encoder import Encoder, EncoderSettings

    t0 = time.perf_counter()
    enc = Encoder.from_pretrained(name, EncoderSettings(prefix=prefix, pooling=pooling))
    enc.embed(titles[:8])  # warm-up: first calls allocate
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    emb = enc.embed(titles)
    t_embed = time.perf_counter() - t1
    info = {
        "path": enc.path,
        "dim": enc.dim,
        "prefix": prefix,
        "pooling": pooling,
        "load_and_warmup_s": round(t_load, 2),
        "embed_s": round(t_embed, 2),
        "titles_per_s": round(len(titles) / t_embed, 1),
    }
    return emb, info


def fold_scores(
    titles: list[str], y: np.ndarray, emb: np.ndarray, folds, C: float
) -> dict[str, list[float]]:
    """Per-fold accuracy of a logistic regression on ``emb`` alone and of CapHead with it."""
    from sklearn.linear_model import LogisticRegression

    majors = load_taxonomy().cap_majors
    out: dict[str, list[float]] = {"logreg": [], "cap_head": []}
    for train, test in folds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence notes on rare majors
            lr = LogisticRegression(C=C, max_iter=3000).fit(emb[train], y[train])
        out["logreg"].append(float(np.mean(lr.predict(emb[test]) == y[test])))
        head = CapHead(CapSettings()).fit(
            [titles[i] for i in train], y[train].tolist(), majors, emb[train]
        )
        pred = head.predict([titles[i] for i in test], emb[test])
        out["cap_head"].append(float(np.mean(np.asarray(pred) == y[test])))
    return out


def summarise(scores: dict[str, list[float]], y_sizes: list[int]) -> dict:
    """Per-fold figures and the accuracy over all titles (folds weighted by size)."""
    total = sum(y_sizes)
    return {
        name: {
            "folds": [round(a, 4) for a in accs],
            "accuracy": round(sum(a * n for a, n in zip(accs, y_sizes, strict=True)) / total, 4),
        }
        for name, accs in scores.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--candidate", action="append", default=[], help="model directory")
    parser.add_argument("--candidate-prefix", default="", help="e.g. 'query: ' for e5 models")
    parser.add_argument("--candidate-pooling", default="mean", choices=("mean", "cls"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lr-C", type=float, default=10.0, help="logreg on vectors alone")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    # both backends read their thread count before their first session is made
    os.environ["KKRNLP_THREADS"] = str(args.threads)
    try:
        import torch

        torch.set_num_threads(args.threads)
    except ImportError:
        pass
    try:
        titles, codes = read_cap_csv(args.data)
        cleaned = [clean_title(t) for t in titles]
        y = np.asarray(codes)
        folds = grouped_folds(titles, codes)
        sizes = [len(test) for _, test in folds]
        prefix = CapSettings().prefix
        e5, e5_info = embed_timed("default", cleaned, prefix, "mean")
        e5_scores = summarise(fold_scores(titles, y, e5, folds, args.lr_C), sizes)
        encoders = {"default": {"encoder": e5_info, **e5_scores}}
        print(f"default: {e5_info['titles_per_s']} titles/s")
        for path in args.candidate:
            emb, info = embed_timed(path, cleaned, args.candidate_prefix, args.candidate_pooling)
            scores = fold_scores(titles, y, emb, folds, args.lr_C)
            both = np.hstack([e5, emb])
            scores["cap_head_concat"] = fold_scores(titles, y, both, folds, args.lr_C)["cap_head"]
            encoders[path] = {"encoder": info, **summarise(scores, sizes)}
            print(f"{path}: {info['titles_per_s']} titles/s")
    except (KkrnlpError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    for name, res in encoders.items():
        for kind in ("logreg", "cap_head", "cap_head_concat"):
            if kind in res:
                folds_txt = " / ".join(f"{a:.3f}" for a in res[kind]["folds"])
                print(f"{name} {kind}: {res[kind]['accuracy']:.3f} ({folds_txt})")
    report = {
        "date": dt.date.today().isoformat(),
        "data": str(args.data),
        "n": len(titles),
        "fold_sizes": sizes,
        "threads": args.threads,
        "lr_C": args.lr_C,
        "encoders": encoders,
    }
    if args.out:
        write_json_atomic(args.out, report)


if __name__ == "__main__":
    main()
