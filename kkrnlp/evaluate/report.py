"""Score a tagging model and the summarizer against hand-labelled gold items.

The documents are parsed exactly as users parse them, items are matched to gold
rows by document file name and item number, and every score is shown next to
its baseline (TF-IDF for the policy area, the model without the rules for the
recommendation type, the lead sentences for summaries).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kkrnlp.errors import DataError
from kkrnlp.schema import AgendaItem, Meeting, item_key

logger = logging.getLogger(__name__)

GOLD_REQUIRED = ("doc",)


@dataclass
class Evaluation:
    """Everything one evaluation run found; ``metrics`` is what report.json holds."""

    metrics: dict[str, Any]
    predictions: list[dict[str, Any]]
    errors: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        return render_markdown(self.metrics, self.errors)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read gold rows (the format of dev.jsonl); DataError names the bad lines."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"gold file {path} does not exist")
    rows, problems = [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"line {lineno}: not JSON")
            continue
        missing = [k for k in GOLD_REQUIRED if not row.get(k)]
        if missing:
            problems.append(f"line {lineno}: missing {', '.join(missing)}")
            continue
        if "number" not in row:
            problems.append(f"line {lineno}: missing number")
            continue
        row["number"] = str(row["number"] or "")
        rows.append(row)
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems[:10]))
    if not rows:
        raise DataError(f"{path} holds no gold rows")
    return rows


def _match(
    gold: list[dict[str, Any]], meetings: Sequence[Meeting]
) -> tuple[list[tuple[dict, Meeting, AgendaItem]], list[str]]:
    index = {(m.source, item_key(i.number, i.title)): (m, i) for m in meetings for i in m.items}
    parsed_docs = {m.source for m in meetings}
    matched, missing = [], []
    for row in gold:
        hit = index.get((row["doc"], item_key(row["number"], row.get("title"))))
        if hit:
            matched.append((row, *hit))
        elif row["doc"] in parsed_docs:
            missing.append(f"{row['doc']} {row['number']}")
    return matched, missing


def evaluate(
    gold_path: str | Path,
    meetings: Sequence[Meeting],
    *,
    model: str | Path | None = None,
    summarizer_model: str | Path | None = None,
    out_dir: str | Path | None = None,
) -> Evaluation:
    """Score tags and summaries of ``meetings`` against the gold file.

    >>> from kkrnlp import parse
    >>> report = evaluate("dev.jsonl", [parse("000_x.txt")])  # doctest: +SKIP
    >>> report.metrics["policy_area"]["model"]["accuracy"]  # doctest: +SKIP
    """
    from kkrnlp.classify.recommendation import classify_recommendations
    from kkrnlp.evaluate.summaries import lead_baseline, score_summaries
    from kkrnlp.evaluate.tags import score_labels
    from kkrnlp.pipeline import load
    from kkrnlp.summarize import source_text

    gold = load_gold(gold_path)
    matched, missing = _match(gold, meetings)
    if not matched:
        raise DataError("no parsed item matches a gold row (by document file name and number)")
    nlp = load(model, summarizer_model)
    tagger, summarizer = nlp.tagger, nlp.summarizer
    taxonomy = tagger.taxonomy

    from kkrnlp import config
    from kkrnlp.classify.predict import predict_tags

    # An empty item has nothing to tag; a partial one (the page stops before its
    # recommendation) has best-guess labels that the gold format says not to score.
    labelled = [
        (row, m, item)
        for row, m, item in matched
        if not row.get("empty") and not row.get("partial")
    ]
    items = [item for _, _, item in labelled]
    tags = predict_tags(items, tagger, body=[m.body for _, m, _ in labelled])
    policy_base = tagger.predict_policy_baseline(items)
    recs = classify_recommendations(items, taxonomy, fallback=tagger.recommendation_fallback_proba)
    rec_model = tagger.recommendation_fallback_proba(items)
    rec_model_labels = [max(s, key=s.get) if s else None for s in rec_model]

    gold_area = [row.get("policy_area") for row, _, _ in labelled]
    gold_rec = [row.get("recommendation") for row, _, _ in labelled]
    areas, rec_names = taxonomy.policy_area_names, taxonomy.recommendation_names
    metrics: dict[str, Any] = {
        "gold_rows": len(gold),
        "matched_rows": len(matched),
        "scored_items": len(labelled),
        "missing_items": missing,
        "model": str(model) if model else f"shipped default ({config.DEFAULT_MODEL_DIR.name})",
        "summarizer": str(summarizer_model) if summarizer_model else "extractive (default)",
        "trained_on_gold": _trained_on(tagger, Path(gold_path)),
        "misses": [
            {
                "doc": row["doc"],
                "number": row["number"],
                "title": row.get("title"),
                "predicted": [t.policy_area, t.recommendation],
                "gold": [row.get("policy_area"), row.get("recommendation")],
            }
            for (row, _, _), t in zip(labelled, tags, strict=True)
            if t.policy_area != row.get("policy_area")
            or t.recommendation != row.get("recommendation")
        ],
        "cap_major_cv": (tagger.metrics_.get("cap_major") or {}).get("cv_model")
        or (tagger.metrics_.get("cap_major") or {}).get("cv"),
        "policy_area": {
            "model": score_labels(gold_area, [t.policy_area for t in tags], areas),
            "tfidf_baseline": score_labels(gold_area, [p.label for p in policy_base], areas),
        },
        "recommendation": {
            "rules_then_model": score_labels(gold_rec, [t.recommendation for t in tags], rec_names),
            "model_only_baseline": score_labels(gold_rec, rec_model_labels, rec_names),
            "decided_by": _count(r.source for r in recs),
        },
    }

    predictions = []
    from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer

    # the rule-based sentence selection the learned scorer replaced, kept as a baseline
    rules = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    summary_pairs, lead_pairs, rule_pairs = [], [], []
    for (row, meeting, item), tag, base, rec in zip(labelled, tags, policy_base, recs, strict=True):
        summary = summarizer.summarize(item, kind=meeting.kind, body=meeting.body)
        lead = lead_baseline(item, meeting.kind, meeting.body)
        source = source_text(item, meeting.body)
        if row.get("summary"):
            summary_pairs.append((summary.text, row["summary"], source))
            lead_pairs.append((lead, row["summary"], source))
            ruled = rules.summarize(item, kind=meeting.kind, body=meeting.body).text
            rule_pairs.append((ruled, row["summary"], source))
        predictions.append(
            {
                "doc": row["doc"],
                "number": row["number"],
                "title": item.title,
                "gold_policy_area": row.get("policy_area"),
                "policy_area": tag.policy_area,
                "policy_area_source": tag.policy_area_source,
                "policy_area_scores": {k: round(v, 4) for k, v in tag.policy_area_scores.items()},
                "baseline_policy_area": base.label,
                "gold_recommendation": row.get("recommendation"),
                "recommendation": rec.label,
                "recommendation_source": rec.source,
                "gold_summary": row.get("summary"),
                "summary": summary.text,
                "summary_faithful": summary.faithful,
                "summary_unsupported": summary.unsupported,
                "lead_baseline": lead,
            }
        )
    if summary_pairs:
        metrics["summaries"] = {
            "items": len(summary_pairs),
            "default": _rounded(score_summaries(summary_pairs)),
            "rules_baseline": _rounded(score_summaries(rule_pairs)),
            "lead_baseline": _rounded(score_summaries(lead_pairs)),
        }
    evaluation = Evaluation(metrics, predictions)
    if out_dir is not None:
        areas_predicted = [t.policy_area for t in tags]
        write_report(
            evaluation, out_dir, gold_area, areas_predicted, gold_rec, recs, areas, rec_names
        )
    return evaluation


def _trained_on(tagger: Any, gold_path: Path) -> bool:
    """Whether the model card names this gold file among its training data."""
    data = (tagger.metrics_ or {}).get("data") or {}
    return any(gold_path.name in str(key) or gold_path.name in str(v) for key, v in data.items())


def _count(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(float(v), 4) for k, v in scores.items()}


def write_report(
    evaluation: Evaluation,
    out_dir: str | Path,
    gold_area: list,
    areas_predicted: list,
    gold_rec: list,
    recs: list,
    areas: list[str],
    rec_names: list[str],
) -> Path:
    """report.md, report.json, predictions.jsonl and two confusion PNGs, written atomically.

    Each file is written on its own into ``out_dir``; other files there are kept
    (the CLI only lets an empty folder or an earlier report be used).
    """
    from kkrnlp.evaluate.tags import confusion_png
    from kkrnlp.io import REPORT_FORMAT, write_json_atomic, write_text_atomic

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json_atomic(out_dir / "report.json", {"format": REPORT_FORMAT, **evaluation.metrics})
    write_text_atomic(out_dir / "report.md", evaluation.markdown())
    write_text_atomic(
        out_dir / "predictions.jsonl",
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in evaluation.predictions),
    )
    confusion_png(
        gold_area, areas_predicted, areas, out_dir / "confusion_policy_area.png",
        title="Policy area (rows: gold, columns: predicted)",
    )  # fmt: skip
    confusion_png(
        gold_rec, [r.label for r in recs], rec_names, out_dir / "confusion_recommendation.png",
        title="Recommendation type (rows: gold, columns: predicted)",
    )  # fmt: skip
    return out_dir


def render_markdown(metrics: dict[str, Any], errors: Sequence[str] = ()) -> str:
    """The human-readable report."""
    from kkrnlp.evaluate.tags import compare_table, markdown_table

    lines = [
        "# kkrnlp evaluation",
        "",
        f"Model: {metrics['model']}. Summarizer: {metrics.get('summarizer', 'extractive')}. "
        f"Gold rows: {metrics['gold_rows']}, matched to parsed "
        f"items: {metrics['matched_rows']}, scored (neither empty nor partial): "
        f"{metrics['scored_items']}.",
        "",
    ]
    if metrics.get("trained_on_gold"):
        lines += [
            "**The model (and the TF-IDF baseline beside it) was trained on these gold items:** "
            "the tag figures below are on its own training items and flatter it. See the "
            "site-held-out cross-validation in the README for an honest estimate.",
            "",
        ]
    cap = metrics.get("cap_major_cv")
    if cap:
        lines += [
            f"CAP major topic, grouped {cap.get('folds', 5)}-fold CV on {cap.get('n')} coded "
            f"titles (from the model card): accuracy {cap['accuracy']:.3f}"
            + (
                f"; with the not-codable rule, as tagging gives: {cap['tagging']:.3f}"
                if "tagging" in cap
                else ""
            )
            + (f" (the CAP head alone {cap['head']:.3f})." if "head" in cap else "."),
            "",
        ]
    if metrics["missing_items"]:
        lines += ["Gold items the parser did not find: " + ", ".join(metrics["missing_items"]), ""]
    for err in errors:
        lines.append(f"- error: {err}")
    pa, rec = metrics["policy_area"], metrics["recommendation"]
    lines += [
        "## Policy area",
        "",
        compare_table(
            {"tagger (rules, then heads)": pa["model"], "TF-IDF baseline": pa["tfidf_baseline"]}
        ),
        markdown_table(pa["model"], "Per label (tagger)"),
        "![confusion](confusion_policy_area.png)",
        "",
        "## Recommendation type",
        "",
        compare_table(
            {"rules, then model": rec["rules_then_model"], "model only": rec["model_only_baseline"]}
        ),
        markdown_table(rec["rules_then_model"], "Per label (rules, then model)"),
        "Decided by: " + ", ".join(f"{k} {v}" for k, v in rec["decided_by"].items()),
        "",
        "![confusion](confusion_recommendation.png)",
        "",
    ]
    misses = metrics.get("misses") or []
    lines += ["## Every miss", ""]
    if misses:
        lines += ["| document | item | title | predicted (area, type) | gold (area, type) |",
                  "|---|---|---|---|---|"]  # fmt: skip
        for m in misses:
            title = (m.get("title") or "").replace("|", "/")[:60]
            pred = ", ".join(str(v) for v in m["predicted"])
            gold = ", ".join(str(v) for v in m["gold"])
            lines.append(f"| {m['doc']} | {m['number']} | {title} | {pred} | {gold} |")
    else:
        lines.append("None.")
    lines.append("")
    if "summaries" in metrics:
        s = metrics["summaries"]
        lines += [
            "## Summaries",
            "",
            f"{s['items']} items with a reference summary. "
            "ROUGE F1 with a tokenizer that keeps æ, ø, å.",
            "",
            "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | faithful | mean words |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, key in (
            ("default (extractive)", "default"),
            ("rule-based selection baseline", "rules_baseline"),
            ("lead baseline", "lead_baseline"),
        ):
            r = s[key]
            lines.append(
                f"| {name} | {r['rouge1']:.3f} | {r['rouge2']:.3f} | {r['rougeL']:.3f} | "
                f"{r['faithful']:.0%} | {r['mean_words']:.0f} |"
            )
        lines.append("")
    return "\n".join(lines)
