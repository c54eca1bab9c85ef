"""Does extra CAP-coded Danish text, added as training data only, raise the CAP head's CV accuracy?

Same grouped 5-fold CV as scripts/eval_cap.py (kkrnlp.classify.cap.grouped_folds on
the coded titles). In every fold the CAP head is fitted on the fold's training
titles plus *all* extra rows (each with weight ``w``); it is scored on the fold's
held-out titles only, so no extra row is ever test data. ``w = 0`` is the baseline
(the head alone, as shipped). The extra rows are read from TSV files (``major<TAB>text``,
one row a line); majors that the taxonomy does not know (e.g. national defence 16
or foreign trade 18) are dropped and counted. The data stays outside the repository.

Embeddings (default encoder, the head's "query: " prefix) are computed once and
cached under ``--cache`` keyed by a hash of the texts, so a second run takes seconds.

    python scripts/eval_cap_extra_data.py ../shared/cap/lpa_items.csv \\
        --extra '/work/capdata/raw/dk_q_*.tsv' --weights 0 0.3 0.5 1.0 \\
        --cache /work/capdata/cache --out /work/capdata/cap_extra_cv.json
    python scripts/eval_cap_extra_data.py ../shared/cap/lpa_items.csv \\
        --extra '/work/capdata/raw/dk_q_*.tsv' --weights 0 0.5 1.0 --layers \\
        --cache /work/capdata/cache --out /work/capdata/cap_extra_cv_layers.json
    python scripts/eval_cap_extra_data.py ../shared/cap/lpa_items.csv \\
        --extra '/work/capdata/raw/dk_q_*.tsv' --only-majors 4 12 17 19 --weights 0.5 1.0 \\
        --cache /work/capdata/cache
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import CapHead, CapSettings, clean_title, grouped_folds, read_cap_csv
from kkrnlp.io import write_json_atomic
from kkrnlp.taxonomy import load_taxonomy


def read_extra(pattern: str, known: set[int]) -> tuple[list[str], list[int], dict]:
    """Rows ``major<TAB>text`` from every file matching ``pattern``; unknown majors dropped."""
    texts, codes, dropped, files = [], [], {}, sorted(glob.glob(pattern))
    if not files:
        raise FileNotFoundError(f"no file matches {pattern}")
    for path in files:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            code, _, text = line.partition("\t")
            if not text.strip() or not code.strip().isdigit():
                raise ValueError(f"{path}:{n}: expected 'major<TAB>text'")
            major = int(code)
            if major not in known:
                dropped[major] = dropped.get(major, 0) + 1
                continue
            texts.append(text.strip())
            codes.append(major)
    return texts, codes, {"files": len(files), "dropped_by_major": dropped}


def cached_embeddings(encoder_name: str, texts: list[str], prefix: str, cache: Path | None):
    """Embeddings of the cleaned texts, read from / written to ``cache`` when given."""
    key = hashlib.sha1("\n".join([encoder_name, prefix, *texts]).encode()).hexdigest()[:16]
    path = cache / f"emb_{key}.npy" if cache else None
    if path is not None and path.exists():
        return np.load(path)
    from kkrnlp.encoder import Encoder

    emb = Encoder.from_pretrained(encoder_name).embed(texts, prefix=prefix)
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, emb)
    return emb


def fit_weighted(
    settings: CapSettings, titles, codes, majors, emb, weights: np.ndarray, seed: int = 0
) -> CapHead:
    """CapHead.fit with a per-row sample weight (the library head has none)."""
    from sklearn.linear_model import LogisticRegression

    head = CapHead(settings, seed=seed)
    titles = [clean_title(t) for t in titles]
    head.majors_ = tuple(majors)
    head.codes_ = [m.code for m in head.majors_]
    head.uses_embeddings_ = emb is not None and settings.embed_weight > 0
    X = head._features(titles, emb if head.uses_embeddings_ else None, fit=True)
    index = {c: i for i, c in enumerate(head.codes_)}
    y = np.array([index[c] for c in codes], dtype=np.int64)
    model = LogisticRegression(C=settings.C, max_iter=3000, random_state=seed)
    model.fit(X, y, sample_weight=weights)
    head.coef_ = np.zeros((len(head.codes_), X.shape[1]), dtype=np.float32)
    head.intercept_ = np.full(len(head.codes_), -1e4, dtype=np.float32)
    head.coef_[model.classes_] = model.coef_
    head.intercept_[model.classes_] = model.intercept_
    return head


def cv_with_extra(titles, codes, emb, extra, extra_codes, extra_emb, majors, settings, w):
    """Out-of-fold predictions on the coded titles; extra rows join every training fold."""
    y = np.asarray(codes)
    proba = np.zeros((len(y), len(majors)), dtype=np.float64)
    for train, test in grouped_folds(titles, codes):
        tr_titles = [titles[i] for i in train]
        tr_codes = y[train].tolist()
        tr_emb = emb[train] if emb is not None else None
        weights = np.ones(len(train))
        if w > 0 and extra:
            tr_titles = tr_titles + extra
            tr_codes = tr_codes + list(extra_codes)
            if tr_emb is not None:
                tr_emb = np.vstack([tr_emb, extra_emb])
            weights = np.concatenate([weights, np.full(len(extra), w)])
        head = fit_weighted(settings, tr_titles, tr_codes, majors, tr_emb, weights)
        proba[test] = head.predict_proba(
            [titles[i] for i in test], emb[test] if emb is not None else None
        )
    return proba


def scores(proba: np.ndarray, codes, majors) -> dict:
    """Accuracy and per-major recall of out-of-fold probabilities (columns in ``majors`` order)."""
    y = np.asarray(codes)
    pred = np.asarray([m.code for m in majors])[proba.argmax(1)]
    per_major = {int(c): round(float(np.mean(pred[y == c] == c)), 3) for c in sorted(set(codes))}
    return {"accuracy": round(float(np.mean(pred == y)), 4), "per_major": per_major}


def layers_oof(encoder_name: str, titles, codes, codings, majors, prefix: str, cache: Path | None):
    """Out-of-fold probabilities of the fine-tuned top layers (as shipped; titles only, cached)."""
    from kkrnlp.classify.cap_layers import CapLayerSettings, CapTopLayers
    from kkrnlp.classify.cap_model import state_layer
    from kkrnlp.encoder import Encoder

    settings = CapLayerSettings()
    key = hashlib.sha1(
        "\n".join([encoder_name, prefix, repr(settings.__dict__), *titles]).encode()
    ).hexdigest()[:16]
    path = cache / f"layers_oof_{key}.npy" if cache else None
    if path is not None and path.exists():
        return np.load(path)
    encoder = Encoder.from_pretrained(encoder_name)
    cleaned = [clean_title(t) for t in titles]
    _, states = encoder.embed_with_states(cleaned, state_layer(encoder, settings), prefix)
    init, config = encoder.top_layers(settings.layers)
    out = np.zeros((len(titles), len(majors)), dtype=np.float64)
    for train, test in grouped_folds(titles, codes):
        layers = CapTopLayers(settings).fit(
            [states[i] for i in train], [codings[i] for i in train], init, config
        )
        out[test] = layers.predict_proba([states[i] for i in test], [m.code for m in majors])
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the coded titles (CSV: text, coding)")
    parser.add_argument("--extra", required=True, help="glob of 'major<TAB>text' TSV files")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, 0.3, 0.5, 1.0])
    parser.add_argument(
        "--only-majors",
        type=int,
        nargs="+",
        default=None,
        help="keep only extra rows of these majors (e.g. the rare ones: 4 12 17 19)",
    )
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache folder")
    parser.add_argument(
        "--layers",
        action="store_true",
        help="also the shipped mix: this head with the fold's fine-tuned layers (slow once)",
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    majors = load_taxonomy().cap_majors
    try:
        titles, codes = read_cap_csv(args.data)
        known = {m.code for m in majors}
        if args.only_majors:
            known &= set(args.only_majors)
        extra, extra_codes, extra_info = read_extra(args.extra, known)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = CapSettings()
    t0 = time.perf_counter()
    emb = extra_emb = None
    if not args.no_embeddings:
        emb = cached_embeddings(
            args.encoder, [clean_title(t) for t in titles], settings.prefix, args.cache
        )
        extra_emb = cached_embeddings(
            args.encoder, [clean_title(t) for t in extra], settings.prefix, args.cache
        )
    t_embed = time.perf_counter() - t0
    counts = {int(c): extra_codes.count(c) for c in sorted(set(extra_codes))}
    print(f"{len(titles)} titles, {len(extra)} extra rows {counts} ({t_embed:.0f} s embedding)")
    p_layers = bare = None
    if args.layers:
        from kkrnlp.classify.cap_model import LAYERS_WEIGHT, NOT_CODABLE
        from kkrnlp.danish import names_no_matter

        codings = read_cap_csv(args.data, subtopics=True)[1]
        t1 = time.perf_counter()
        p_layers = layers_oof(
            args.encoder, titles, codes, codings, majors, settings.prefix, args.cache
        )
        print(f"fine-tuned layers out of fold ({time.perf_counter() - t1:.0f} s)")
        bare = np.array([names_no_matter(t) for t in titles], dtype=bool)
    results = {}
    for w in args.weights:
        t1 = time.perf_counter()
        p_head = cv_with_extra(
            titles, codes, emb, extra, extra_codes, extra_emb, majors, settings, w
        )
        res = {"head": scores(p_head, codes, majors)}
        line = f"extra weight {w}: head {res['head']['accuracy']:.4f}"
        if p_layers is not None:
            mix = (1 - LAYERS_WEIGHT) * p_head + LAYERS_WEIGHT * p_layers
            res["mix"] = scores(mix, codes, majors)
            # tagging: the mix, and "not codable" for a title that names no matter
            mix[bare] = 0.0
            mix[bare, [m.code for m in majors].index(NOT_CODABLE)] = 1.0
            res["tagging"] = scores(mix, codes, majors)
            line += f", mix {res['mix']['accuracy']:.4f}, tagging {res['tagging']['accuracy']:.4f}"
        res["seconds"] = round(time.perf_counter() - t1, 1)
        results[str(w)] = res
        print(f"{line} ({res['seconds']} s)")
    report = {
        "date": dt.date.today().isoformat(),
        "data": str(args.data),
        "extra": {
            "pattern": args.extra,
            "only_majors": args.only_majors,
            "rows": len(extra),
            "per_major": counts,
            **extra_info,
        },
        "embeddings": not args.no_embeddings,
        "layers": args.layers,
        "embed_seconds": round(t_embed, 1),
        "settings": settings.__dict__,
        "results_by_extra_weight": results,
    }
    if args.out:
        write_json_atomic(args.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
