"""Cross-validation of a Tagger's heads on its training data (for metrics.json and the card).

Folds keep a group together when the labels name one (``group``: a document or a
publishing site), so an estimate is not flattered by near-twins of the same page.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from kkrnlp.classify.heads import EmbeddingHead, TfidfBaseline
from kkrnlp.classify.policy import FORMALIA, formalia_rule
from kkrnlp.schema import AgendaItem

if TYPE_CHECKING:
    from kkrnlp.classify.tagger import Tagger


def folds(
    y: list[str], seed: int, groups: list[str] | None = None, max_splits: int = 5
) -> list[np.ndarray] | None:
    """Test indices per fold (stratified; grouped when ``groups`` is given), or None if tiny."""
    counts = Counter(y)
    if len(counts) < 2 or len(y) < 10:
        return None
    n_splits = max(2, min(max_splits, min(counts.values()) if min(counts.values()) > 1 else 2))
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare labels with fewer members than folds
        if groups is not None and len(set(groups)) >= n_splits:
            sgkf = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
            return [test for _, test in sgkf.split(np.zeros(len(y)), y, groups)]
        skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        return [test for _, test in skf.split(np.zeros(len(y)), y)]


def cv_proba(
    tagger: Tagger,
    texts: list[str],
    y: list[str],
    task: str,
    kind: str,
    groups: list[str] | None = None,
) -> tuple[np.ndarray, list[str]] | None:
    """Out-of-fold scores (n, n_labels) and the label names, or None when CV cannot run."""
    if kind == "finetune":
        return None
    test_folds = folds(y, tagger.seed, groups)
    if test_folds is None:
        return None
    names = (
        tagger.taxonomy.policy_area_names
        if task == "policy_area"
        else tagger.taxonomy.recommendation_names
    )
    out = np.zeros((len(y), len(names)), dtype=np.float32)
    for test in test_folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        tr_t, tr_y = [texts[i] for i in train], [y[i] for i in train]
        te_t = [texts[i] for i in test]
        if kind == "embedding":
            params = tagger.head_params if task == "policy_area" else {}
            head = EmbeddingHead(seed=tagger.seed, **params)
            head.fit(tagger.embed_texts(tr_t), tr_y, names, tagger.descriptions(task))
            out[test] = head.predict_proba(tagger.embed_texts(te_t))
        else:
            params = tagger.head_params if (task == "policy_area" and kind == tagger.head) else {}
            base = TfidfBaseline(seed=tagger.seed, **params).fit(tr_t, tr_y, names)
            out[test] = base.predict_proba(te_t)
    return out, names


def policy_with_rules(
    items: list[AgendaItem], proba: np.ndarray, names: list[str], tagger: Tagger
) -> list[str]:
    """What a user gets: formalia by structure, else the head's best non-formalia area."""
    out = []
    for item, row in zip(items, proba, strict=True):
        if FORMALIA in names and formalia_rule(item, tagger.taxonomy):
            out.append(FORMALIA)
            continue
        row = np.array(row, dtype=np.float64)
        if FORMALIA in names:
            row[names.index(FORMALIA)] = -1.0
        out.append(names[int(np.argmax(row))])
    return out


def training_metrics(
    tagger: Tagger, items: list[AgendaItem], labels: list[dict[str, Any]], texts: list[str]
) -> dict[str, Any]:
    """Label counts and cross-validated accuracy / macro F1 per task and head."""
    from kkrnlp.evaluate.tags import score_labels

    metrics: dict[str, Any] = {"n_items": len(items)}
    for task in ("policy_area", "recommendation"):
        rows = [
            (t, lab[task], item, lab.get("group"))
            for t, item, lab in zip(texts, items, labels, strict=True)
            if lab.get(task) and not item.empty
        ]
        y = [r[1] for r in rows]
        groups = [str(r[3]) for r in rows] if rows and all(r[3] for r in rows) else None
        entry: dict[str, Any] = {"n_train": len(rows), "label_counts": dict(Counter(y))}
        if groups:
            entry["cv_groups"] = len(set(groups))
        kinds = (
            [tagger.head, "tfidf"]
            if task == "policy_area"
            else ["embedding" if tagger.head == "embedding" else "tfidf"]
        )
        for kind in dict.fromkeys(kinds):
            res = cv_proba(tagger, [r[0] for r in rows], y, task, kind, groups)
            if res is None:
                continue
            proba, names = res
            pred = [names[int(np.argmax(row))] for row in proba]
            present = sorted(set(y))
            cv = {"head": score_labels(y, pred, present)}
            if task == "policy_area":
                ruled = policy_with_rules([r[2] for r in rows], proba, names, tagger)
                cv["with_rules"] = score_labels(y, ruled, present)
            entry[f"cv_{kind}"] = {
                k: {"accuracy": v["accuracy"], "macro_f1": v["macro_f1"]} for k, v in cv.items()
            }
        metrics[task] = entry
    return metrics
