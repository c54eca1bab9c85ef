"""Does more fp32 in the int8 encoder make its tags agree more with the fp32 reference?

Builds variants of the default ONNX graph in which chosen linear layers stay fp32
(the rest int8, as shipped), embeds every non-empty item of the real pages and
seeds (as ``check_encoder_agreement.py``), and reports per variant: cosine to the
fp32 reference, the same main area and label set as the reference, warm items/s
(median of 3) and graph size. Each variant is built into its own scratch cache.

    python scripts/eval_encoder_precision.py [--shared ../shared] [--scratch DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_encoder_agreement import real_items

import kkrnlp.encoder.onnx_build as onnx_build
from kkrnlp.classify.features import item_text
from kkrnlp.classify.tagger import Tagger
from kkrnlp.config import DEFAULT_MODEL_DIR
from kkrnlp.encoder import Encoder

# (layer, op): op 0 = q/k/v, 1 = attention output, 2 = FFN in, 3 = FFN out
VARIANTS: dict[str, set[tuple[int, int]]] = {
    "int8 (shipped)": set(),
    "FFN out fp32, all layers": {(layer, 3) for layer in range(12)},
    "FFN out fp32, layers 7-12": {(layer, 3) for layer in range(6, 12)},
    "last two layers fp32": {(layer, op) for layer in (10, 11) for op in range(4)},
}


def _tagger(backend: str) -> Tagger:
    tagger = Tagger.from_pretrained(DEFAULT_MODEL_DIR)
    tagger._encoder = Encoder.from_pretrained(
        tagger.encoder, tagger.encoder_settings, backend=backend
    )
    return tagger


def _variant(fp32_ops: set[tuple[int, int]], cache: Path, items: list, texts: list[str]):
    original = onnx_build._linear
    calls = iter(range(10_000))

    def linear(g, x, w, bias, kind):  # the graph builder calls this 4 times per layer
        layer, op = divmod(next(calls), 4)
        return original(g, x, w, bias, "fp32" if (layer, op) in fp32_ops else kind)

    onnx_build._linear = linear
    os.environ["KKRNLP_CACHE"] = str(cache)
    try:
        tagger = _tagger("onnx")
        encoder = tagger.load_encoder()
    finally:
        onnx_build._linear = original
    encoder.embed(texts[:5])
    times = []
    for _ in range(3):
        start = time.perf_counter()
        vectors = encoder.embed(texts)
        times.append(time.perf_counter() - start)
    size = sum(f.stat().st_size for f in cache.rglob("*.onnx"))
    return vectors, tagger.predict_policy(items), len(texts) / sorted(times)[1], size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--scratch", type=Path, default=None)
    args = parser.parse_args()
    if not (args.shared / "real" / "docs").is_dir():
        print(f"error: {args.shared}/real/docs not found", file=sys.stderr)
        return 2
    items = real_items(args.shared)
    texts = [item_text(item) for item in items]
    reference = _tagger("transformers")  # built in the user's cache, before the scratch ones
    ref_vectors = reference.load_encoder().embed(texts)
    ref_preds = reference.predict_policy(items)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="kkrnlp-precision-"))
    n = len(items)
    print("| variant | cosine min | same main area | same label set | items/s | graph MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, (name, ops) in enumerate(VARIANTS.items()):
        vectors, preds, speed, size = _variant(ops, scratch / f"v{k}", items, texts)
        cosine = (vectors * ref_vectors).sum(axis=1)
        main = sum(a.label == b.label for a, b in zip(ref_preds, preds, strict=True))
        same = sum(set(a.labels) == set(b.labels) for a, b in zip(ref_preds, preds, strict=True))
        print(
            f"| {name} | {cosine.min():.4f} | {main}/{n} | {same}/{n} | {speed:.1f} "
            f"| {size / 1e6:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
