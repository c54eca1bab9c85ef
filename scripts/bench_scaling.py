"""Benchmark how parse time grows with line length and with the number of lines.

Times :func:`kkrnlp.pipeline.parse_text` (cleaning + segmentation) on text
written for this benchmark:

- one flattened line (a PDF pasted without line breaks: numbered items,
  section names and sentences) of 10, 20, 40, 80, 160 and 320 KB;
- an agenda file of 1,000 to 40,000 lines (an item heading, a case number,
  sections and sentences per item).

Each size is timed several times on one core and the median kept. It prints
the ratio of each time to the one before, and the growth fitted over the whole
series (least squares on log time against log size) as a ratio per doubling of
the input: about 2 means linear growth, about 4 quadratic. The verdict is
"about linear" at 2.6 or less (single steps on a shared machine are noisy).

    python scripts/bench_scaling.py [--runs 3] [--out out/bench_scaling.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kkrnlp.errors import KkrnlpError  # noqa: E402
from kkrnlp.pipeline import parse_text  # noqa: E402

LINEAR_RATIO = 2.6
_SENTENCES = [
    "Kommunerne i klyngen har arbejdet videre med stiplanen, og sekretariatet har samlet "
    "erfaringerne fra otte kommuner i et kort notat.",
    "Notatet beskriver, hvad der er lykkedes, og hvor der fortsat er udfordringer i samarbejdet "
    "om stier, shelters og adgang til kysten.",
    "Der er afsat 2,5 mio. kr. til indsatsen i 2026, som følges op på næste møde i rådet.",
]
_TITLES = [
    "Stier langs fjorden og adgang til kysten",
    "Ny plan for shelters i klitplantagen",
    "Tilskud til foreningernes naturarbejde",
    "Status på vandløbsrestaureringen",
]


def flattened_line(size: int) -> str:
    """One line of about ``size`` characters: items with sections, as a pasted PDF gives them."""
    parts = ["Dagsorden for Skovrådet for Vestkysten Tid og sted: 5. februar 2026 kl. 9.00."]
    number = 0
    length = len(parts[0])
    while length < size:
        number += 1
        item = [
            f"{number}. {_TITLES[number % len(_TITLES)]}",
            f"Sagsnr.: 26/{1000 + number}",
            "Sagsfremstilling",
            *(_SENTENCES[(number + k) % len(_SENTENCES)] for k in range(6)),
            "Indstilling",
            "Det indstilles, at rådet godkender planen.",
        ]
        chunk = " ".join(item)
        parts.append(chunk)
        length += len(chunk) + 1
    return " ".join(parts)[:size]


def agenda_lines(n_lines: int) -> str:
    """An agenda of ``n_lines`` lines, an item every 20 lines."""
    lines = ["Dagsorden", "Skovrådet for Vestkysten", "Dato: 05-02-2026 kl. 9.00", ""]
    number = 0
    while len(lines) < n_lines:
        number += 1
        lines += [
            f"{number}. {_TITLES[number % len(_TITLES)]}",
            f"Sagsnr. 26/{1000 + number}",
            "Sagsfremstilling",
            *(_SENTENCES[(number + k) % len(_SENTENCES)] for k in range(13)),
            "Indstilling",
            "Det indstilles, at rådet godkender planen.",
            "",
        ]
    return "\n".join(lines[:n_lines])


def _parse(text: str) -> None:
    # A refusal is a result too; what counts here is the time it takes.
    with contextlib.suppress(KkrnlpError):
        parse_text(text)


def _loglog_slope(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(value) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def median_seconds(func: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def series(name: str, sizes: list[int], make: Callable[[int], str], runs: int) -> list[dict]:
    rows: list[dict] = []
    for size in sizes:
        text = make(size)
        seconds = median_seconds(lambda text=text: _parse(text), runs)
        ratio = round(seconds / rows[-1]["seconds"], 2) if rows and rows[-1]["seconds"] else None
        rows.append({"series": name, "size": size, "chars": len(text), "seconds": round(seconds, 4),
                     "ratio_per_doubling": ratio})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    _parse(agenda_lines(200))  # warm-up: imports, compiled patterns
    rows = series(
        "line length (KB)",
        [10, 20, 40, 80, 160, 320],
        lambda kb: flattened_line(kb * 1000),
        args.runs,
    )
    rows += series(
        "file length (lines)", [1000, 2000, 5000, 10000, 20000, 40000], agenda_lines, args.runs
    )
    print("| series | size | characters | median s | time ratio to the size before |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        ratio = "" if row["ratio_per_doubling"] is None else row["ratio_per_doubling"]
        print(f"| {row['series']} | {row['size']} | {row['chars']} | {row['seconds']} | {ratio} |")
    verdicts = {}
    for name in dict.fromkeys(row["series"] for row in rows):
        steps = [row for row in rows if row["series"] == name and row["seconds"] > 0]
        slope = _loglog_slope([r["chars"] for r in steps], [r["seconds"] for r in steps])
        per_doubling = 2**slope
        linear = per_doubling <= LINEAR_RATIO
        verdicts[name] = {"exponent": round(slope, 2), "ratio_per_doubling": round(per_doubling, 2),
                          "about_linear": linear}  # fmt: skip
        word = "about linear" if linear else "FASTER THAN LINEAR"
        print(f"{name}: time ~ size^{slope:.2f}, {per_doubling:.2f}x per doubling -> {word}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        result = {"rows": rows, "verdicts": verdicts, "runs": args.runs, "cores": 1,
                  "python": platform.python_version(), "machine": platform.machine()}  # fmt: skip
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
