"""Agreement of the fast encoder path with the fp32 reference on real agenda items.

Parses ../shared/real/docs/*.txt and ../shared/seeds/*.txt, builds each item's
tagger input (``kkrnlp.classify.features.item_text``), embeds it with the default
encoder twice, through ``transformers`` in fp32 (the reference) and through the
ONNX int8 path, and reports the cosine between the two vectors and how often the
shipped model's predicted main policy area and label set are the same.

    python scripts/check_encoder_agreement.py [--shared ../shared] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

from kkrnlp.classify.features import item_text
from kkrnlp.classify.tagger import Tagger
from kkrnlp.config import DEFAULT_MODEL_DIR
from kkrnlp.encoder import Encoder
from kkrnlp.errors import KkrnlpError
from kkrnlp.pipeline import parse


def real_items(shared: Path) -> list:
    files = sorted((shared / "real" / "docs").glob("*.txt")) + sorted(
        (shared / "seeds").glob("*.txt")
    )
    items = []
    for path in files:
        try:
            meeting = parse(path)
        except KkrnlpError as exc:
            logging.warning("skipped %s: %s", path.name, exc)
            continue
        items += [item for item in meeting.items if not item.empty]
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not (args.shared / "real" / "docs").is_dir():
        print(f"error: {args.shared}/real/docs not found", file=sys.stderr)
        return 2

    items = real_items(args.shared)
    texts = [item_text(item) for item in items]
    preds, vecs = {}, {}
    for backend in ("transformers", "onnx"):
        tagger = Tagger.from_pretrained(args.model)
        # put the chosen backend in place before the tagger loads its own
        tagger._encoder = Encoder.from_pretrained(
            tagger.encoder, tagger.encoder_settings, backend=backend
        )
        vecs[backend] = tagger.load_encoder().embed(texts)
        preds[backend] = tagger.predict_policy(items)

    cos = (vecs["transformers"] * vecs["onnx"]).sum(axis=1)
    ref, fast = preds["transformers"], preds["onnx"]
    same_main = sum(a.label == b.label for a, b in zip(ref, fast, strict=True))
    same_set = sum(set(a.labels) == set(b.labels) for a, b in zip(ref, fast, strict=True))
    n = len(items)
    result = {
        "items": n,
        "cosine_min": round(float(cos.min()), 6),
        "cosine_median": round(float(np.median(cos)), 6),
        "same_main_area": same_main,
        "same_label_set": same_set,
        "same_main_area_fraction": round(same_main / n, 4),
        "same_label_set_fraction": round(same_set / n, 4),
        "differences": [
            {
                "title": items[i].title[:60],
                "reference": [ref[i].label, list(ref[i].labels)],
                "fast": [fast[i].label, list(fast[i].labels)],
            }
            for i in range(n)
            if ref[i].label != fast[i].label or set(ref[i].labels) != set(fast[i].labels)
        ],
    }
    print("| items | cosine min | cosine median | same main area | same label set |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {n} | {result['cosine_min']:.4f} | {result['cosine_median']:.4f} "
        f"| {same_main}/{n} ({same_main / n:.1%}) | {same_set}/{n} ({same_set / n:.1%}) |"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
