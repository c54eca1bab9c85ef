"""Cross-validated CAP major-topic accuracy on human-coded titles (grouped 5-fold CV).

Near-duplicate titles (same letters after cleaning) stay in one fold. Embeddings
are computed once per run with the default encoder and the "query: " prefix.
``--layers`` also scores the shipped CAP model: per fold the CAP head and the
fine-tuned top encoder layers (kkrnlp.classify.cap_layers, trained on the fold's
subtopic codes from the encoder's own states), mixed with the fixed weight of
kkrnlp.classify.cap_model (about 1 minute per fold on 2 cores); ``tagging`` is that
mix with the rule tagging applies on top (a title naming no matter is 0).

    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --out out/cap_cv.json
    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --layers --out out/cap_cv.json
    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --layers --epochs 10 --seed 1
    python scripts/eval_cap.py ../shared/cap/lpa_items.csv --no-embeddings
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import (
    CapHead,
    CapSettings,
    clean_title,
    cross_validate,
    grouped_folds,
    read_cap_csv,
)
from kkrnlp.classify.cap_layers import CapLayerSettings, CapTopLayers
from kkrnlp.io import write_json_atomic
from kkrnlp.taxonomy import load_taxonomy


def mixed_cv(
    encoder, titles, codes, codings, settings: CapSettings, layer_settings=None
) -> tuple[dict, np.ndarray]:
    """Out-of-fold accuracy of the head, the fine-tuned layers and their mix (the shipped model)."""
    from kkrnlp.classify.cap_model import LAYERS_WEIGHT, NOT_CODABLE, state_layer
    from kkrnlp.danish import names_no_matter

    layer_settings = layer_settings or CapLayerSettings()
    cleaned = [clean_title(t) for t in titles]
    emb, states = encoder.embed_with_states(
        cleaned, state_layer(encoder, layer_settings), settings.prefix
    )
    init, config = encoder.top_layers(layer_settings.layers)
    majors = load_taxonomy().cap_majors
    y = np.asarray(codes)
    hits = {"head": np.zeros(len(y), bool), "layers": np.zeros(len(y), bool),
            "mix": np.zeros(len(y), bool)}  # fmt: skip
    for k, (train, test) in enumerate(grouped_folds(titles, codes)):
        t1 = time.perf_counter()
        head = CapHead(settings).fit(
            [titles[i] for i in train], y[train].tolist(), majors, emb[train]
        )
        p_head = head.predict_proba([titles[i] for i in test], emb[test])
        layers = CapTopLayers(layer_settings).fit(
            [states[i] for i in train], [codings[i] for i in train], init, config
        )
        p_layers = layers.predict_proba([states[i] for i in test], head.codes_)
        codes_arr = np.asarray(head.codes_)
        for name, p in (
            ("head", p_head),
            ("layers", p_layers),
            ("mix", (1 - LAYERS_WEIGHT) * p_head + LAYERS_WEIGHT * p_layers),
        ):
            hits[name][test] = codes_arr[p.argmax(1)] == y[test]  # fmt: skip
        print(f"fold {k}: mix {hits['mix'][test].mean():.3f} ({time.perf_counter() - t1:.0f} s)")
    # what tagging gives: the mix, and 0 for a title that names no matter ("Lukket punkt")
    bare = np.array([names_no_matter(t) for t in titles], dtype=bool)
    hits["tagging"] = np.where(bare, y == NOT_CODABLE, hits["mix"])
    result = {name: round(float(h.mean()), 4) for name, h in hits.items()}
    result["not_codable_by_rule"] = int(bare.sum())
    result.update(weight=LAYERS_WEIGHT, layer_settings=layer_settings.__dict__)
    return result, emb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--embed-weight", type=float, default=CapSettings.embed_weight)
    parser.add_argument("--keyword-weight", type=float, default=CapSettings.keyword_weight)
    parser.add_argument("--C", type=float, default=CapSettings.C)
    parser.add_argument("--layers", action="store_true", help="also the shipped mix (slow)")
    shipped = CapLayerSettings()
    parser.add_argument("--layer-count", type=int, default=shipped.layers, help="with --layers")
    parser.add_argument("--epochs", type=int, default=shipped.epochs, help="with --layers")
    parser.add_argument("--lr", type=float, default=shipped.lr, help="with --layers")
    parser.add_argument("--seed", type=int, default=shipped.seed, help="with --layers")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    taxonomy = load_taxonomy()
    titles, codes = read_cap_csv(args.data)
    settings = CapSettings(C=args.C, embed_weight=args.embed_weight,
                           keyword_weight=args.keyword_weight)  # fmt: skip
    embeddings = None
    t0 = time.perf_counter()
    results = {}
    if args.layers:
        from kkrnlp.encoder import Encoder

        encoder = Encoder.from_pretrained(args.encoder)
        codings = read_cap_csv(args.data, subtopics=True)[1]
        layer_settings = CapLayerSettings(
            layers=args.layer_count, epochs=args.epochs, lr=args.lr, seed=args.seed
        )
        results["shipped mix"], embeddings = mixed_cv(
            encoder, titles, codes, codings, settings, layer_settings
        )
        print(f"shipped mix: {results['shipped mix']}")
    elif not args.no_embeddings:
        from kkrnlp.encoder import Encoder

        encoder = Encoder.from_pretrained(args.encoder)
        embeddings = encoder.embed([clean_title(t) for t in titles], prefix=settings.prefix)
    t_embed = time.perf_counter() - t0
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
