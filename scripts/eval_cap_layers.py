"""CapTopLayers (torch fit, numpy predict) in the grouped CV folds of eval_cap_finetune.py.

Checks that the shipped module reproduces the experiment: it reads the lower-layer
states cached by ``scripts/eval_cap_finetune.py --subtopics --layers 2`` (``--out``
directory, ``states_L10_48.npz``), fine-tunes the top layers of the default encoder
per fold with ``CapTopLayers.fit`` and predicts the test fold in numpy; if that
directory holds the CAP head's ``base_fold{k}.npy``, the 0.5/0.5 mix is scored too.

    python scripts/eval_cap_layers.py ../shared/cap/lpa_items.csv out/cap_ft --folds 0
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import time
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import grouped_folds, read_cap_csv
from kkrnlp.classify.cap_layers import CONFIG_KEYS, CapLayerSettings, CapTopLayers
from kkrnlp.taxonomy import load_taxonomy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("cache", type=Path, help="--out directory of eval_cap_finetune.py")
    parser.add_argument("--folds", default="0,1,2,3,4")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--mix", type=float, default=0.5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    import torch
    from transformers import BertModel

    from kkrnlp.encoder import resolve_encoder

    torch.set_num_threads(args.threads)
    titles, codes = read_cap_csv(args.data)
    with open(args.data, encoding="utf-8-sig", newline="") as fh:
        subs = [int(row["coding"]) for row in csv.DictReader(fh)]
    majors = [m.code for m in load_taxonomy().cap_majors]
    cached = np.load(args.cache / f"states_L{12 - args.layers}_48.npz")
    states = [h[m.astype(bool)] for h, m in zip(cached["h"], cached["mask"], strict=True)]
    bert = BertModel.from_pretrained(resolve_encoder("default"), add_pooling_layer=False)
    config = {k: getattr(bert.config, k) for k in CONFIG_KEYS}
    sd = {k: v.numpy() for k, v in bert.state_dict().items()}
    n_layers = bert.config.num_hidden_layers
    init = []
    for i in range(n_layers - args.layers, n_layers):
        pre = f"encoder.layer.{i}."
        init.append({k[len(pre) :]: v for k, v in sd.items() if k.startswith(pre)})
    yi = np.array([majors.index(c) for c in codes])
    report: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "folds": {}}
    for k, (train, test) in enumerate(grouped_folds(titles, codes)):
        if str(k) not in args.folds.split(","):
            continue
        t0 = time.perf_counter()
        model = CapTopLayers(CapLayerSettings(layers=args.layers, epochs=args.epochs)).fit(
            [states[i] for i in train], [subs[i] for i in train], init, config
        )
        fit_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        proba = model.predict_proba([states[i] for i in test], majors)
        row = {
            "accuracy": round(float(np.mean(proba.argmax(1) == yi[test])), 4),
            "fit_s": round(fit_s, 1),
            "predict_ms_per_title": round((time.perf_counter() - t0) / len(test) * 1000, 2),
            "loss_history": [round(x, 3) for x in model.loss_history_],
        }
        base_file = args.cache / f"base_fold{k}.npy"
        if base_file.is_file():
            mix = args.mix * proba + (1 - args.mix) * np.load(base_file)
            row[f"mix_{args.mix}"] = round(float(np.mean(mix.argmax(1) == yi[test])), 4)
        report["folds"][k] = row
        logging.info("fold %d: %s", k, row)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
