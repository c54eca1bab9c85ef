"""Fine-tuned e5-small for CAP major topics, in the same grouped 5-fold CV as eval_cap.py.

Per fold: fine-tune the top ``--layers`` layers of the default encoder (mean
pooling + a linear layer; the lower layers stay frozen, so their output is
computed once for all folds) on the training titles, and save the test-fold
probabilities; the CAP head of ``kkrnlp.classify.cap`` (TF-IDF + embedding +
keywords) is run on the same folds, so the two can be mixed. Mixing weights are
either fixed beforehand (``--mix``) or chosen per outer fold by an inner grouped
CV of the CAP head (never on the test fold); the weight sweep printed at the end
is tuned on the test folds and says so.

    python scripts/eval_cap_finetune.py ../shared/cap/lpa_items.csv --out out/cap_ft
    python scripts/eval_cap_finetune.py ../shared/cap/lpa_items.csv --out out/cap_ft \\
        --epochs 5 --lr 5e-5 --tag e5lr5

Fold outputs are cached in ``--out`` (a rerun with the same ``--tag`` resumes).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import time
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import (
    CapHead,
    CapSettings,
    clean_title,
    grouped_folds,
    major_of,
    read_cap_csv,
)
from kkrnlp.taxonomy import load_taxonomy

logger = logging.getLogger("eval_cap_finetune")


def embeddings(titles: list[str], cache: Path, prefix: str) -> np.ndarray:
    if cache.is_file():
        return np.load(cache)
    from kkrnlp.encoder import Encoder

    emb = Encoder.from_pretrained("default").embed([clean_title(t) for t in titles], prefix=prefix)
    np.save(cache, emb)
    return emb


def subtopics(path: Path) -> list[int]:
    """The subtopic code of every row (read_cap_csv keeps only the major)."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [int(row["coding"]) for row in csv.DictReader(fh)]


def lower_states(titles: list[str], layer: int, args: argparse.Namespace, cache: Path):
    """Hidden states after ``layer`` frozen layers, per title (fold-independent, cached)."""
    import torch
    from transformers import AutoTokenizer, BertModel

    from kkrnlp.encoder import resolve_encoder

    if cache.is_file():
        z = np.load(cache)
        return z["h"], z["mask"]
    path = resolve_encoder("default")
    tok = AutoTokenizer.from_pretrained(path)
    bert = BertModel.from_pretrained(path, add_pooling_layer=False).eval()
    feats = tok(
        [args.prefix + clean_title(t) for t in titles],
        truncation=True,
        max_length=args.max_length,
        padding="max_length",
        return_tensors="pt",
    )
    width = int(feats["attention_mask"].sum(1).max())
    ids, mask = feats["input_ids"][:, :width], feats["attention_mask"][:, :width]
    out = np.zeros((len(titles), width, bert.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(titles), 64):
            sl = slice(start, start + 64)
            hs = bert(input_ids=ids[sl], attention_mask=mask[sl], output_hidden_states=True)
            out[sl] = hs.hidden_states[layer].numpy()
    np.savez(cache, h=out, mask=mask.numpy())
    return out, mask.numpy()


def finetune_fold(
    hidden: np.ndarray,
    mask: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    train_y: np.ndarray,
    n_classes: int,
    args: argparse.Namespace,
) -> np.ndarray:
    """Test-fold probabilities after training the top ``args.layers`` layers + a linear head.

    The lower layers are frozen, so their output (``hidden``) is computed once for
    all folds; only the top layers run forward and backward here.
    """
    import torch
    from transformers import BertModel

    from kkrnlp.encoder import resolve_encoder

    torch.manual_seed(args.seed)
    bert = BertModel.from_pretrained(
        resolve_encoder("default"), add_pooling_layer=False, attn_implementation="eager"
    )
    top = torch.nn.ModuleList(bert.encoder.layer[len(bert.encoder.layer) - args.layers :])
    del bert
    head = torch.nn.Linear(hidden.shape[-1], n_classes)
    drop = torch.nn.Dropout(0.1)

    def forward(idx: np.ndarray) -> torch.Tensor:
        m = torch.from_numpy(mask[idx]).float()
        width = int(m.sum(1).max())
        m = m[:, :width]
        h = torch.from_numpy(hidden[idx, :width])
        additive = (1.0 - m)[:, None, None, :] * -1e9
        for layer in top:
            h = layer(h, additive)
            h = h[0] if isinstance(h, tuple) else h
        pooled = (h * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)
        return head(drop(pooled))

    params = [
        {"params": top.parameters(), "lr": args.lr},
        {"params": head.parameters(), "lr": args.head_lr},
    ]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    n = len(train)
    total = math.ceil(n / args.batch) * args.epochs
    warm = max(1, int(0.1 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    weight = None
    if args.balanced:
        counts = np.bincount(train_y, minlength=n_classes).astype(np.float64)
        w = np.where(counts > 0, (counts.sum() / np.maximum(counts, 1)) ** 0.5, 0.0)
        weight = torch.tensor(w / w[counts > 0].mean(), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, label_smoothing=args.label_smoothing)
    rng = np.random.default_rng(args.seed)
    y_t = torch.tensor(train_y, dtype=torch.long)
    top.train()
    drop.train()
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        t0, losses = time.perf_counter(), []
        for start in range(0, n, args.batch):
            idx = order[start : start + args.batch]
            loss = loss_fn(forward(train[idx]), y_t[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(loss.item())
        logger.info(
            "epoch %d loss %.3f (%.0f s)", epoch + 1, np.mean(losses), time.perf_counter() - t0
        )
    top.eval()
    drop.eval()
    out = []
    with torch.inference_mode():
        for start in range(0, len(test), 64):
            out.append(torch.softmax(forward(test[start : start + 64]), -1).numpy())
    return np.concatenate(out).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, default=Path("out/cap_ft"))
    parser.add_argument("--tag", default="ft")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=2e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=48)
    parser.add_argument("--prefix", default="query: ")
    parser.add_argument("--layers", type=int, default=4, help="top layers to train (1-12)")
    parser.add_argument("--balanced", action="store_true")
    parser.add_argument("--subtopics", action="store_true", help="train on subtopic codes")
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--folds", default="0,1,2,3,4")
    parser.add_argument(
        "--combine", default="", help="other tags whose fold outputs are averaged with this one"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--mix", type=float, default=0.5, help="weight of the fine-tuned model")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    import torch

    torch.set_num_threads(args.threads)

    args.out.mkdir(parents=True, exist_ok=True)
    taxonomy = load_taxonomy()
    majors = taxonomy.cap_majors
    codes_list = [m.code for m in majors]
    titles, codes = read_cap_csv(args.data)
    yi = np.array([codes_list.index(c) for c in codes])
    sub = subtopics(args.data)
    folds = grouped_folds(titles, codes)
    settings = CapSettings()
    emb = embeddings(titles, args.out / "emb_query.npy", settings.prefix)

    hidden, mask = lower_states(
        titles,
        12 - args.layers,
        args,
        args.out / f"states_L{12 - args.layers}_{args.max_length}.npz",
    )
    base = np.zeros((len(titles), len(majors)), dtype=np.float32)
    ft = np.full((len(titles), len(majors)), np.nan, dtype=np.float32)
    wanted = [int(k) for k in args.folds.split(",") if k]
    for k, (train, test) in enumerate(folds):
        bfile = args.out / f"base_fold{k}.npy"
        if not bfile.is_file():
            head = CapHead(settings).fit(
                [titles[i] for i in train], [codes[i] for i in train], majors, emb[train]
            )
            np.save(bfile, head.predict_proba([titles[i] for i in test], emb[test]))
        base[test] = np.load(bfile)
        ffile = args.out / f"{args.tag}_fold{k}.npy"
        if k in wanted and not ffile.is_file():
            t0 = time.perf_counter()
            logger.info("fold %d: fine-tuning on %d titles", k, len(train))
            if args.subtopics:  # train on subtopic codes, sum their scores per major
                subs = sorted({sub[i] for i in train})
                ys = np.array([subs.index(sub[i]) for i in train])
                p_sub = finetune_fold(hidden, mask, train, test, ys, len(subs), args)
                proba = np.zeros((len(test), len(majors)), dtype=np.float32)
                for j, code in enumerate(subs):
                    proba[:, codes_list.index(major_of(code))] += p_sub[:, j]
            else:
                proba = finetune_fold(hidden, mask, train, test, yi[train], len(majors), args)
            np.save(ffile, proba)
            acc = float(np.mean(proba.argmax(1) == yi[test]))
            logger.info("fold %d: accuracy %.3f (%.0f s)", k, acc, time.perf_counter() - t0)
        if ffile.is_file():
            ft[test] = np.load(ffile)

    done = ~np.isnan(ft[:, 0])
    report = {"args": {k: str(v) for k, v in vars(args).items()}, "n_scored": int(done.sum())}
    report["cap_head"] = round(float(np.mean(base[done].argmax(1) == yi[done])), 4)
    report["cap_head_all"] = round(float(np.mean(base.argmax(1) == yi)), 4)
    if done.any():
        report["finetuned"] = round(float(np.mean(ft[done].argmax(1) == yi[done])), 4)
        mix = args.mix * ft[done] + (1 - args.mix) * base[done]
        report[f"mix_{args.mix}"] = round(float(np.mean(mix.argmax(1) == yi[done])), 4)
        sweep = {}
        for w in np.linspace(0, 1, 11):
            m = w * ft[done] + (1 - w) * base[done]
            sweep[f"{w:.1f}"] = round(float(np.mean(m.argmax(1) == yi[done])), 4)
        report["sweep_tuned_on_test_optimistic"] = sweep
    others = [t for t in args.combine.split(",") if t]
    if others and done.all():
        runs = [ft] + [
            np.concatenate([np.load(args.out / f"{t}_fold{k}.npy") for k in range(len(folds))])[
                np.argsort(np.concatenate([test for _, test in folds]))
            ]
            for t in others
        ]
        avg = np.mean(runs, axis=0)
        name = "+".join([args.tag, *others])
        report[f"finetuned_avg {name}"] = round(float(np.mean(avg.argmax(1) == yi)), 4)
        mix = args.mix * avg + (1 - args.mix) * base
        report[f"mix_{args.mix} {name}"] = round(float(np.mean(mix.argmax(1) == yi)), 4)
    print(json.dumps(report, indent=2))
    (args.out / f"{args.tag}_report.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
