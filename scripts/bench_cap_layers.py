"""Time the numpy CAP top layers per title at e5-small size (random weights, no encoder).

    PYTHONPATH=$PWD python scripts/bench_cap_layers.py --tokens 20 --layers 2 --titles 25

Prints the median time of one ``CapTopLayers.predict_proba`` call on ``--titles``
titles (an agenda's titles go in one call at tagging; each title still attends only
to its own tokens) and, when torch is installed, the largest difference from
transformers' BertLayer on the same weights.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import numpy as np

from kkrnlp.classify.cap_layers import PARAM_NAMES, CapLayerSettings, CapTopLayers, bert_layer

CONFIG = {
    "hidden_size": 384,
    "num_attention_heads": 12,
    "intermediate_size": 1536,
    "layer_norm_eps": 1e-12,
}


def random_layer(rng: np.random.Generator) -> dict[str, np.ndarray]:
    H, inner = CONFIG["hidden_size"], CONFIG["intermediate_size"]
    shapes = {"query": (H, H), "key": (H, H), "value": (H, H), "dense": (H, H)}
    out = {}
    for name in PARAM_NAMES:
        part, kind = name.rsplit(".", 1)
        if "LayerNorm" in part:
            shape = (H,)
            value = np.ones(H) if kind == "weight" else np.zeros(H)
        else:
            last = part.split(".")[-1]
            shape = (inner, H) if part.startswith("intermediate") else shapes[last]
            if part == "output.dense":
                shape = (H, inner)
            value = rng.normal(0, 0.05, shape if kind == "weight" else shape[0])
        out[name] = np.asarray(value, dtype=np.float32)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--titles", type=int, default=50)
    parser.add_argument("--subtopics", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7, help="calls timed (median)")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    model = CapTopLayers(CapLayerSettings(layers=args.layers))
    model.config_ = CONFIG
    model.layers_ = [random_layer(rng) for _ in range(args.layers)]
    model.subtopics_ = [100 * (i % 20 + 1) + i // 20 for i in range(args.subtopics)]
    model.coef_ = rng.normal(0, 0.1, (args.subtopics, 384)).astype(np.float32)
    model.intercept_ = np.zeros(args.subtopics, dtype=np.float32)
    model.loss_history_ = []
    majors = sorted({c // 100 for c in model.subtopics_})
    states = [rng.normal(0, 1, (args.tokens, 384)).astype(np.float32) for _ in range(args.titles)]
    model.predict_proba(states[:2], majors)
    runs = []
    for _ in range(args.repeat):  # all titles of an agenda in one call, as at tagging
        t0 = time.perf_counter()
        model.predict_proba(states, majors)
        runs.append(time.perf_counter() - t0)
    median = statistics.median(runs)
    report = {"seconds_per_call": round(median, 4),
              "ms_per_title": round(median / args.titles * 1000, 2)}  # fmt: skip
    try:
        import torch
        from transformers import BertConfig
        from transformers.models.bert.modeling_bert import BertLayer
    except ImportError:
        torch = None
    if torch is not None:
        config = BertConfig(**CONFIG, hidden_act="gelu")
        config._attn_implementation = "eager"
        layer = BertLayer(config).eval()
        layer.load_state_dict({n: torch.from_numpy(v) for n, v in model.layers_[0].items()})
        with torch.inference_mode():
            ref = layer(torch.from_numpy(states[0])[None])
        ref = (ref[0] if isinstance(ref, tuple) else ref)[0].numpy()
        ours = bert_layer(states[0], model.layers_[0], CONFIG)
        report["max_abs_diff_vs_torch"] = float(np.abs(ours - ref).max())
    print(json.dumps({**vars(args), **report}))


if __name__ == "__main__":
    main()
