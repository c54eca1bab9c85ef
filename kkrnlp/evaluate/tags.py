"""Scores for predicted labels against gold: accuracy, macro F1, per-label rows, confusion PNG.

Pure functions; the only I/O is the PNG that ``confusion_png`` writes.

>>> score_labels(["a", "b"], ["a", "a"], ["a", "b"])["accuracy"]
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kkrnlp.io import atomic_path

NONE_LABEL = "(none)"


def _norm(label: str | None) -> str:
    return label if label else NONE_LABEL


def score_labels(
    gold: Sequence[str | None], pred: Sequence[str | None], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy, macro F1 (over ``labels``) and a per-label row each.

    ``None`` (no label) counts as its own value: predicting a label where gold has
    none is an error, and it lowers that label's precision. Macro F1 averages over
    the labels with gold support or predictions, so unused labels do not drag it to 0.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred have different lengths")
    g = [_norm(x) for x in gold]
    p = [_norm(x) for x in pred]
    n = len(g)
    correct = sum(a == b for a, b in zip(g, p, strict=True))
    per_label = []
    f1s = []
    for label in labels:
        tp = sum(a == label and b == label for a, b in zip(g, p, strict=True))
        n_pred = sum(b == label for b in p)
        support = sum(a == label for a in g)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label.append(
            {
                "label": label,
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "support": support,
                "predicted": n_pred,
            }
        )
        if support or n_pred:
            f1s.append(f1)
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "per_label": per_label,
    }


def markdown_table(scores: dict[str, Any], title: str | None = None) -> str:
    """A Markdown table of ``score_labels`` output: one row per label, then the totals."""
    lines = [f"### {title}", ""] if title else []
    lines += ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for row in scores["per_label"]:
        if row["support"] or row["predicted"]:
            lines.append(
                f"| `{row['label']}` | {row['precision']:.2f} | {row['recall']:.2f} | "
                f"{row['f1']:.2f} | {row['support']} |"
            )
    lines.append(
        f"| **accuracy {scores['accuracy']:.3f}** | | | "
        f"**macro F1 {scores['macro_f1']:.3f}** | {scores['n']} |"
    )
    return "\n".join(lines) + "\n"


def compare_table(results: dict[str, dict[str, Any]]) -> str:
    """One row per system (e.g. encoder head vs TF-IDF baseline): accuracy and macro F1."""
    lines = ["| system | accuracy | macro F1 | n |", "|---|---:|---:|---:|"]
    for name, s in results.items():
        lines.append(f"| {name} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} | {s['n']} |")
    return "\n".join(lines) + "\n"


def confusion_counts(
    gold: Sequence[str | None], pred: Sequence[str | None], labels: Sequence[str]
) -> tuple[list[str], list[list[int]]]:
    """Row = gold, column = predicted; ``(none)`` added when it occurs."""
    g = [_norm(x) for x in gold]
    p = [_norm(x) for x in pred]
    names = list(labels)
    if NONE_LABEL in g or NONE_LABEL in p:
        names.append(NONE_LABEL)
    extra = sorted({x for x in g + p if x not in names})
    names += extra
    index = {name: i for i, name in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    for a, b in zip(g, p, strict=True):
        matrix[index[a]][index[b]] += 1
    return names, matrix


def confusion_png(
    gold: Sequence[str | None],
    pred: Sequence[str | None],
    labels: Sequence[str],
    path: str | Path,
    title: str = "",
) -> Path:
    """Draw the confusion matrix (gold rows, predicted columns) to a PNG, atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names, matrix = confusion_counts(gold, pred, labels)
    size = max(4.0, 0.5 * len(names) + 2)
    fig, ax = plt.subplots(figsize=(size, size))
    try:
        ax.imshow(matrix, cmap="Blues")
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right")
        ax.set_yticks(range(len(names)), names)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        if title:
            ax.set_title(title)
        top = max((max(r) for r in matrix), default=0)
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                if value:
                    color = "white" if value > top / 2 else "black"
                    ax.text(j, i, str(value), ha="center", va="center", color=color)
        fig.tight_layout()
        path = Path(path)
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=100)
    finally:
        plt.close(fig)
    return path
