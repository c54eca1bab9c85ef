"""Benchmark the encoder: cold `kkrnlp tag`, warm items/s, an XLM-R-large baseline, sizes.

Every measurement runs in a process of its own, interleaved over ``--rounds``
rounds (so a busy spell on the machine hits all of them alike); the table
shows medians:

- cold tag: whole-process wall time and peak RSS of ``python -m kkrnlp tag`` on a
  25-item agenda (``bench_parse.agenda_text(25)``), the default encoder already
  built in the cache;
- warm: items/s of the default encoder (ONNX int8) on real agenda items as the
  tagger feeds them (``item_text`` of the items in ../shared/real/docs and
  ../shared/seeds; the project's training items when ../shared is absent), after
  one warm-up pass; ``KKRNLP_THREADS`` threads (default 2);
- reference: the same items through the fp32 ``transformers`` path (needs [train]);
- XLM-R large: a randomly initialised ``XLMRobertaModel`` of XLM-R-large size
  (24 layers, hidden 1024; the CAP Babel Machine's size), fp32, on the same
  token ids in length-sorted batches of 8 (needs [train]; ``--large-items`` of them);
- tag environment: ``du`` of a fresh venv after ``pip install .`` without extras
  (once, not per round; ``--skip-env`` to leave it out).

    python scripts/bench_encoder.py [--rounds 3] [--out out/bench_encoder.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TARGETS = {
    "cold_tag_s": ("<=", 2.0),
    "warm_items_per_s": (">=", 45.0),
    "speedup_vs_xlmr_large": (">=", 18.0),
    "cold_tag_peak_mb": ("<", 700.0),
    "tag_env_mb": ("<", 500.0),
}


# --------------------------------------------------------------------------- children


def _texts() -> list[str]:
    """Tagger input texts of real items (or of the project's own items without ../shared)."""
    sys.path.insert(0, str(REPO))
    from kkrnlp.classify.features import item_text
    from kkrnlp.errors import KkrnlpError
    from kkrnlp.pipeline import parse

    files = sorted((SHARED / "real" / "docs").glob("*.txt")) + sorted(
        (SHARED / "seeds").glob("*.txt")
    )
    texts = []
    for path in files:
        try:
            texts += [item_text(i) for i in parse(path).items if not i.empty]
        except KkrnlpError:
            continue
    if not texts:
        from kkrnlp.config import DATA_DIR
        from kkrnlp.io import read_jsonl

        rows = read_jsonl(DATA_DIR / "train_items.jsonl")
        texts = [f"{r['title']}\n{r.get('text') or ''}" for r in rows if not r.get("empty")][:100]
    return texts


def child_warm(backend: str) -> dict:
    from kkrnlp.encoder import Encoder

    texts = _texts()
    enc = Encoder.from_pretrained("default", backend=backend)
    enc.embed(texts)  # warm-up: allocations, kernels picked
    start = time.perf_counter()
    enc.embed(texts)
    seconds = time.perf_counter() - start
    return {"items": len(texts), "items_per_s": len(texts) / seconds}


def child_large(n_items: int) -> dict:
    import torch
    from tokenizers import Tokenizer
    from transformers import XLMRobertaConfig, XLMRobertaModel

    from kkrnlp.encoder import default_onnx_dir

    torch.manual_seed(0)
    torch.set_num_threads(int(os.environ.get("KKRNLP_THREADS") or 2))
    tok = Tokenizer.from_file(str(default_onnx_dir() / "tokenizer.json"))  # XLM-R's own
    tok.enable_truncation(256)
    ids = [e.ids for e in tok.encode_batch(["passage: " + t for t in _texts()[:n_items]])]
    config = XLMRobertaConfig(
        vocab_size=250002,
        hidden_size=1024,
        num_hidden_layers=24,
        num_attention_heads=16,
        intermediate_size=4096,
        max_position_embeddings=514,
    )
    model = XLMRobertaModel(config).eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    batches = [order[i : i + 8] for i in range(0, len(order), 8)]

    def run(batch: list[int]) -> None:
        width = max(len(ids[i]) for i in batch)
        x = torch.ones((len(batch), width), dtype=torch.long)  # 1 = <pad>
        mask = torch.zeros_like(x)
        for row, i in enumerate(batch):
            x[row, : len(ids[i])] = torch.tensor(ids[i])
            mask[row, : len(ids[i])] = 1
        model(input_ids=x, attention_mask=mask)

    with torch.inference_mode():
        run(batches[0])  # warm-up
        start = time.perf_counter()
        for batch in batches:
            run(batch)
        seconds = time.perf_counter() - start
    return {"items": len(ids), "items_per_s": len(ids) / seconds}


# --------------------------------------------------------------------------- parent


def _child(kind: str, *args: str) -> dict | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    if proc.returncode != 0:
        print(f"warning: {kind} failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("KKRNLP_THREADS", "2")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("TRANSFORMERS_VERBOSITY", "error")
    return env


def cold_tag(agenda: Path, out: Path) -> dict | None:
    """Wall time and peak RSS of one whole `kkrnlp tag` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kkrnlp", "tag", str(agenda), "--out", str(out)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"warning: cold tag failed: {proc.stderr.read().decode()[-300:]}", file=sys.stderr)
        return None
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def tag_env_mb(tmp: Path) -> float | None:
    """Size of a fresh venv with `pip install .` (no extras)."""
    env_dir = tmp / "tagenv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(REPO)],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(f"warning: pip install . failed: {proc.stderr[-300:]}", file=sys.stderr)
        return None
    du = subprocess.run(["du", "-sm", str(env_dir)], capture_output=True, text=True, check=True)
    return float(du.stdout.split()[0])


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large-items", type=int, default=24, help="items for XLM-R large")
    parser.add_argument("--skip-env", action="store_true", help="do not build the tag venv")
    parser.add_argument("--skip-large", action="store_true", help="no XLM-R-large baseline")
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "warm":
        print(json.dumps(child_warm(args.child_args[0])))
        return 0
    if args.child == "large":
        print(json.dumps(child_large(int(args.child_args[0]))))
        return 0

    sys.path.insert(0, str(REPO / "scripts"))
    from bench_parse import agenda_text

    sys.path.insert(0, str(REPO))
    from kkrnlp.encoder import default_onnx_dir
    from kkrnlp.encoder.cpu import describe

    default_onnx_dir()  # build once, outside the timings
    runs: dict[str, list[float]] = {
        k: [] for k in ("cold_s", "peak_mb", "warm", "reference", "large")
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        agenda = tmp / "dagsorden.txt"
        agenda.write_text(agenda_text(25), encoding="utf-8")
        for r in range(args.rounds):
            print(f"round {r + 1}/{args.rounds}", file=sys.stderr)
            if cold := cold_tag(agenda, tmp / "tags.jsonl"):
                runs["cold_s"].append(cold["seconds"])
                runs["peak_mb"].append(cold["peak_mb"])
            if warm := _child("warm", "onnx"):
                runs["warm"].append(warm["items_per_s"])
                n_items = warm["items"]
            if ref := _child("warm", "transformers"):
                runs["reference"].append(ref["items_per_s"])
            if not args.skip_large and (large := _child("large", str(args.large_items))):
                runs["large"].append(large["items_per_s"])
        env_mb = None if args.skip_env else tag_env_mb(tmp)

    warm, large = _median(runs["warm"]), _median(runs["large"])
    result = {
        "cold_tag_s": _median(runs["cold_s"]),
        "cold_tag_peak_mb": _median(runs["peak_mb"]),
        "warm_items_per_s": warm,
        "reference_fp32_items_per_s": _median(runs["reference"]),
        "xlmr_large_items_per_s": large,
        "speedup_vs_xlmr_large": warm / large if warm and large else None,
        "tag_env_mb": env_mb,
        "runs": runs,
        "items": locals().get("n_items"),
        "rounds": args.rounds,
        "threads": _env()["KKRNLP_THREADS"],
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPUs ({describe()}), "
            f"Python {platform.python_version()}"
        ),
        "date": time.strftime("%Y-%m-%d"),
    }
    rows = [
        ("cold `kkrnlp tag`, 25-item agenda (whole process)", "cold_tag_s", "{:.2f} s"),
        ("peak memory of that process", "cold_tag_peak_mb", "{:.0f} MB"),
        ("warm, default encoder (ONNX int8), real items", "warm_items_per_s", "{:.1f} items/s"),
        ("warm, fp32 reference (transformers)", "reference_fp32_items_per_s", "{:.1f} items/s"),
        ("warm, XLM-R-large size, fp32", "xlmr_large_items_per_s", "{:.2f} items/s"),
        ("default encoder / XLM-R large", "speedup_vs_xlmr_large", "{:.1f}x"),
        ("tag-only environment (`pip install .`)", "tag_env_mb", "{:.0f} MB"),
    ]
    print(f"\n{result['machine']}, {result['threads']} threads, {args.rounds} rounds (medians)\n")
    print("| what | measured | target |")
    print("|---|---:|---:|")
    for label, key, fmt in rows:
        value = result[key]
        target = TARGETS.get(key)
        shown = fmt.format(value) if value is not None else "n/a"
        print(f"| {label} | {shown} | {f'{target[0]} {target[1]:g}' if target else ''} |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
