"""Cheap alternatives to the CAP head, in the same grouped 5-fold CV as eval_cap.py.

- kNN over the e5 ``query:`` vectors of the cleaned titles (similarity-weighted
  votes of the k nearest training titles), alone and mixed with the CAP head;
- the CAP head's features with a logistic regression over subtopic codes, the
  scores summed per major topic.

Mixing weights printed here are a sweep over the test folds (optimistic).

    python scripts/eval_cap_alternatives.py ../shared/cap/lpa_items.csv
    python scripts/eval_cap_alternatives.py ../shared/cap/lpa_items.csv --no-subtopics
"""

from __future__ import annotations

import argparse
import csv
import warnings
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


def knn_scores(emb, yi, train, test, n_classes, k=20, temperature=0.02) -> np.ndarray:
    sims = emb[test] @ emb[train].T
    out = np.zeros((len(test), n_classes))
    for r in range(len(test)):
        idx = np.argsort(-sims[r])[:k]
        np.add.at(out[r], yi[train][idx], np.exp((sims[r, idx] - sims[r, idx].max()) / temperature))
    return out / out.sum(1, keepdims=True)


def subtopic_scores(titles, sub, emb, majors, train, test) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    codes = [m.code for m in majors]
    head = CapHead(CapSettings())
    head.majors_ = tuple(majors)
    X = head._features([clean_title(titles[i]) for i in train], emb[train], fit=True)
    Xt = head._features([clean_title(titles[i]) for i in test], emb[test])
    model = LogisticRegression(C=head.settings.C, max_iter=3000)
    model.fit(X, np.array([sub[i] for i in train]))
    p = model.predict_proba(Xt)
    out = np.zeros((len(test), len(majors)))
    for j, code in enumerate(model.classes_):
        out[:, codes.index(major_of(code))] += p[:, j]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, default=Path("out/cap_ft"), help="embedding cache")
    parser.add_argument("--no-subtopics", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    majors = load_taxonomy().cap_majors
    codes_list = [m.code for m in majors]
    titles, codes = read_cap_csv(args.data)
    with open(args.data, encoding="utf-8-sig", newline="") as fh:
        sub = [int(row["coding"]) for row in csv.DictReader(fh)]
    yi = np.array([codes_list.index(c) for c in codes])
    folds = grouped_folds(titles, codes)
    cache = args.out / "emb_query.npy"
    if cache.is_file():
        emb = np.load(cache)
    else:
        from kkrnlp.encoder import Encoder

        emb = Encoder.from_pretrained("default").embed([clean_title(t) for t in titles], "query: ")
        args.out.mkdir(parents=True, exist_ok=True)
        np.save(cache, emb)

    def acc(p: np.ndarray) -> float:
        return round(float(np.mean(p.argmax(1) == yi)), 4)

    base = np.zeros((len(titles), len(majors)))
    for train, test in folds:
        head = CapHead().fit(
            [titles[i] for i in train], [codes[i] for i in train], majors, emb[train]
        )
        base[test] = head.predict_proba([titles[i] for i in test], emb[test])
    print(f"CAP head: {acc(base)}")
    for k in (5, 10, 20):
        knn = np.zeros_like(base)
        for train, test in folds:
            knn[test] = knn_scores(emb, yi, train, test, len(majors), k)
        mixes = {w: acc(w * knn + (1 - w) * base) for w in (0.2, 0.3, 0.5)}
        print(f"kNN k={k}: {acc(knn)}; mixed with the CAP head (weight: acc) {mixes}")
    if not args.no_subtopics:
        subs = np.zeros_like(base)
        for train, test in folds:
            subs[test] = subtopic_scores(titles, sub, emb, majors, train, test)
        mixes = {w: acc(w * subs + (1 - w) * base) for w in (0.3, 0.5)}
        print(f"subtopic logistic regression: {acc(subs)}; mixed {mixes}")


if __name__ == "__main__":
    main()
