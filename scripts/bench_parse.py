"""Benchmark parsing: PDF extraction pages/s, segmentation items/s, a 30-page agenda end to end.

Builds a realistic agenda PDF (25 items, about 30 pages, text written for this
benchmark), pins the process to one core, and reports the median of several runs.

    python scripts/bench_parse.py [--runs 5] [--out out/bench_parse.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kkrnlp.ingest import read_document  # noqa: E402
from kkrnlp.ingest.clean import clean_text  # noqa: E402
from kkrnlp.pipeline import parse  # noqa: E402
from kkrnlp.segment import segment  # noqa: E402
from tests.docgen import make_pdf  # noqa: E402

TOPICS = [
    ("Rammeaftale for det specialiserede socialområde", "social"),
    ("Status på den fælles klimaplan og DK2020", "klima"),
    ("Regional aftale om kollektiv trafik og busbetjening", "trafik"),
    ("Dimensionering af pædagoguddannelsen", "uddannelse"),
    ("Sundhedsklyngernes arbejdsplan for det kommende år", "sundhed"),
    ("Erhvervshusets resultatkontrakt og lokale mål", "erhverv"),
    ("Beskæftigelsesindsatsen for ledige under 30 år", "beskæftigelse"),
]


def agenda_text(n_items: int = 25) -> str:
    lines = ["DAGSORDEN", "KKR Syddanmark", "Dato: 14-03-2024 10:00", "Sted: Vejle Rådhus", ""]
    number = 0
    for group in range(1, 6):
        lines += [f"{group}. Sager i gruppe {group}", ""]
        for sub in range(1, n_items // 5 + 1):
            number += 1
            title, area = TOPICS[number % len(TOPICS)]
            lines += [
                f"{group}.{sub}. {title} ({number})",
                f"SAG-2024-{1000 + number:05d} abc",
                "Baggrund",
            ]
            for para in range(14):
                lines.append(
                    f"Kommunerne i regionen har i {2020 + para} arbejdet videre med {area}, og "
                    f"sekretariatet har samlet erfaringerne fra {12 + para} kommuner i et notat. "
                    "Notatet beskriver, hvad der er lykkedes, hvor der fortsat er udfordringer, "
                    "og hvordan kommunerne kan samarbejde om de næste skridt. Der er afsat "
                    f"{3 + para},5 mio. kr. til indsatsen, som følges op på næste møde."
                )
            lines += [
                "Indstilling",
                "Det indstilles, at KKR Syddanmark godkender oplægget og tager orienteringen "
                "til efterretning.",
                "Sagsfremstilling",
                "- Første del af indsatsen omfatter fælles indkøb og vidensdeling.",
                "- Anden del omfatter en evaluering i samarbejde med regionen.",
                "",
            ]
    lines += [f"{6}. Eventuelt", ""]
    return "\n".join(lines)


def median_seconds(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(agenda_text(), Path(tmp) / "dagsorden.pdf")
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(pdf)))
        parse(pdf)  # warm-up: imports, first page load
        raw = read_document(pdf)
        extract_s = median_seconds(lambda: read_document(pdf), args.runs)
        clean = clean_text(raw)
        meeting = segment(clean)
        segment_s = median_seconds(lambda: segment(clean_text(raw)), args.runs)
        total_s = median_seconds(lambda: parse(pdf), args.runs)
    result = {
        "pages": pages,
        "items": len(meeting.items),
        "pdf_extraction_pages_per_s": round(pages / extract_s, 1),
        "segmentation_items_per_s": round(len(meeting.items) / segment_s, 1),
        "parse_seconds": round(total_s, 3),
        "cores": 1,
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print("| measure | value |\n|---|---:|")
    print(f"| pages / items | {pages} / {len(meeting.items)} |")
    print(f"| PDF extraction | {result['pdf_extraction_pages_per_s']} pages/s |")
    print(f"| clean + segment | {result['segmentation_items_per_s']} items/s |")
    print(f"| whole parse of the PDF (target < 2 s) | {result['parse_seconds']} s |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
