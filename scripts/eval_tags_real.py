"""Tagging quality on the real pages: end to end, matched, oracle, site-held-out CV.

- end to end: parse every page, tag, score with ../shared/tools/score.py (the
  official figure; it also counts items the parser misses);
- matched: the same predictions, only on gold items the parser found;
- oracle: the gold titles with the text recovered from the page between one gold
  title and the next (what tagging does when segmentation is right);
- every mode passes the tagger the body (committee) the parser reads from the page,
  as ``kkrnlp tag`` does;
- site CV (--cv): the heads retrained with each publishing site held out
  (5 folds of sites) on everything else, scored on the held-out sites' oracle items
  and on their parsed items (end to end); the first fold draw is the headline,
  the mean over ``--cv-seeds`` draws shows how much the draw moves it.
  The shipped model is trained on these real items too, so its end-to-end and
  oracle figures are on its own training items; the site CV figure is the honest one.

    python scripts/eval_tags_real.py [--model DIR] [--cv] [--out out/eval_real]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_data_shared import SHARED, parsed_body, real_gold_items

from kkrnlp.classify.predict import load_tagger, predict_tags
from kkrnlp.io import write_json_atomic, write_text_atomic
from kkrnlp.pipeline import Pipeline, parse_many


def _score(pairs: list[tuple[dict, object]]) -> dict:
    """Accuracy of main area and recommendation over (gold row, Tags) pairs."""
    area = sum(1 for g, t in pairs if t.policy_area == g["policy_area"])
    recs = [(g, t) for g, t in pairs if g.get("recommendation")]
    rec = sum(1 for g, t in recs if t.recommendation == g["recommendation"])
    return {
        "n": len(pairs),
        "policy_area": round(area / max(len(pairs), 1), 3),
        "recommendation": round(rec / max(len(recs), 1), 3),
        "misses": [
            {"doc": g["doc"], "number": g["number"], "title": g["title"][:60],
             "area": [t.policy_area, g["policy_area"]],
             "recommendation": [t.recommendation, g.get("recommendation")],
             "source": [t.policy_area_source, t.recommendation_source]}
            for g, t in pairs
            if t.policy_area != g["policy_area"]
            or (g.get("recommendation") and t.recommendation != g["recommendation"])
        ],
    }  # fmt: skip


def site_cv(folds: int = 5, seed: int = 0, mode: str = "oracle", tagger=None) -> dict:
    """Area and recommendation on held-out sites' items, heads trained without them.

    ``mode``: ``"oracle"`` (gold titles, text cut from the page) or ``"parsed"``
    (the items the parser finds, as ``kkrnlp tag`` sees them end to end).
    """
    import numpy as np
    from train_shipped_model import build

    test_items = real_gold_items(mode)
    if tagger is None:
        tagger, _ = build(0, metrics=False, cap_head=False)
    items_all, labels_all = tagger._fit_items  # what build() trained on
    sites = sorted({s for _, _, s in test_items})
    rng = np.random.default_rng(seed)
    order = list(rng.permutation(sites))
    pairs = []
    for k in range(folds):
        held = set(order[k::folds])
        keep = [i for i, lab in enumerate(labels_all) if lab.get("group") not in held]
        tagger.fit([items_all[i] for i in keep], [labels_all[i] for i in keep], metrics=False)
        test = [(item, row) for item, row, s in test_items if s in held]
        bodies = [parsed_body(row["doc"]) for _, row in test]
        tags = predict_tags([item for item, _ in test], tagger, body=bodies)
        pairs += [(row, t) for (_, row), t in zip(test, tags, strict=True)]
    res = _score(pairs)
    res["folds"] = folds
    res["sites"] = len(sites)
    res["mode"] = mode
    res["seed"] = seed
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--cv-seeds", type=int, default=3, help="fold draws for --cv")
    parser.add_argument("--out", type=Path, default=Path("out/eval_real"))
    args = parser.parse_args()
    tagger = load_tagger(args.model)
    docs = sorted((SHARED / "real" / "docs").glob("*.txt"))
    records = []
    for result in parse_many(docs):
        if result.meeting is not None:
            records += Pipeline(tagger=tagger).annotate(result.meeting).item_records()
    out_jsonl = args.out / "tags_real.jsonl"
    write_text_atomic(out_jsonl, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    scorer = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "tag",
         str(SHARED / "real" / "gold.jsonl"), str(out_jsonl)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    headline = scorer.stdout.strip().splitlines()[-1] if scorer.stdout.strip() else scorer.stderr
    report: dict = {"date": dt.date.today().isoformat(), "model": str(args.model or "shipped")}
    report["end_to_end"] = headline
    print("end to end:", headline)

    by_key = {(Path(r["source"]).stem, str(r["number"])): r for r in records}
    parsed = real_gold_items("parsed")
    matched_items, matched_rows = [], []
    for item, row, _ in parsed:
        if (Path(row["doc"]).stem, row["number"]) in by_key and item.text is not None:
            matched_items.append(item)
            matched_rows.append(row)
    bodies = [parsed_body(row["doc"]) for row in matched_rows]
    matched_tags = predict_tags(matched_items, tagger, body=bodies)
    matched = _score(list(zip(matched_rows, matched_tags, strict=True)))
    report["matched"] = matched
    print(f"matched ({matched['n']} items): area {matched['policy_area']}, "
          f"recommendation {matched['recommendation']}")  # fmt: skip

    oracle_items = real_gold_items("oracle")
    bodies = [parsed_body(row["doc"]) for _, row, _ in oracle_items]
    tags = predict_tags([i for i, _, _ in oracle_items], tagger, body=bodies)
    oracle = _score([(row, t) for (_, row, _), t in zip(oracle_items, tags, strict=True)])
    report["oracle"] = oracle
    print(f"oracle ({oracle['n']} items, on the model's own training pages): area "
          f"{oracle['policy_area']}, recommendation {oracle['recommendation']}")  # fmt: skip
    if args.cv:
        from train_shipped_model import build

        base, _ = build(0, metrics=False, cap_head=False)  # embeddings cached across folds
        for mode in ("oracle", "parsed"):
            runs = [site_cv(seed=s, mode=mode, tagger=base) for s in range(args.cv_seeds)]
            cv = runs[0]
            report[f"site_cv_{mode}"] = cv
            report[f"site_cv_{mode}_seeds"] = [
                {"seed": r["seed"], "policy_area": r["policy_area"],
                 "recommendation": r["recommendation"]} for r in runs
            ]  # fmt: skip
            mean_area = sum(r["policy_area"] for r in runs) / len(runs)
            mean_rec = sum(r["recommendation"] for r in runs) / len(runs)
            print(f"site-held-out CV ({cv['sites']} sites, {cv['folds']} folds, {mode} items): "
                  f"area {cv['policy_area']}, recommendation {cv['recommendation']}; "
                  f"mean of {len(runs)} fold draws: {mean_area:.3f} / {mean_rec:.3f}")  # fmt: skip
            for m in cv["misses"]:
                print(f"cv {mode} miss", m["doc"], m["number"], m["title"][:40], "| area",
                      *m["area"], "| rec", *m["recommendation"], "| by", *m["source"])  # fmt: skip
    for m in oracle["misses"]:
        print(
            "oracle miss", m["doc"], m["number"], "area", *m["area"], "| rec", *m["recommendation"]
        )
    write_json_atomic(args.out / "report.json", report)


if __name__ == "__main__":
    main()
