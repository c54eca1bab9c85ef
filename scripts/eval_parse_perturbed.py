"""How much does the parser depend on the exact layout of the pages it was written for?

    python scripts/eval_parse_perturbed.py [--docs DIR --gold GOLD.jsonl] [--shared ../shared]

Each real page is re-laid out in ways other publishers (or other text extractors)
print the same agenda: every line indented, blank lines removed or doubled, lines
re-wrapped at 70 or 50 columns, item numbers without their full stop, with ")",
behind a bullet or "Punkt", trailing spaces, CRLF line ends. The official scorer
(``shared/tools/score.py parse``) scores every variant against the unchanged gold.
A variant that loses many items names a layout assumption that a new site may break.
The perturbed copies live in a temporary directory only.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from eval_parse import load, parse_docs, score  # noqa: E402

from kkrnlp.segment.settings import SegmentSettings  # noqa: E402

_ITEM_START = re.compile(r"(?m)^(\s*)(\d{1,3})\. (?=[A-ZÆØÅ])")


def _rewrap(width: int) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            if len(line) > width:
                out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
            else:
                out.append(line)
        return "\n".join(out)

    return wrap


VARIANTS: dict[str, Callable[[str], str]] = {
    "unchanged": lambda t: t,
    "indented": lambda t: "\n".join("  " + ln if ln.strip() else ln for ln in t.split("\n")),
    "no blank lines": lambda t: "\n".join(ln for ln in t.split("\n") if ln.strip()),
    "blank lines doubled": lambda t: "\n\n".join(t.split("\n")),
    "trailing spaces": lambda t: "\n".join(ln + "   " for ln in t.split("\n")),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "wrapped at 70": _rewrap(70),
    "wrapped at 50": _rewrap(50),
    "numbers without dot": lambda t: _ITEM_START.sub(r"\1\2 ", t),
    "numbers with )": lambda t: _ITEM_START.sub(r"\1\2) ", t),
    "bulleted numbers": lambda t: _ITEM_START.sub(r"\1• \2. ", t),
    "Punkt before numbers": lambda t: _ITEM_START.sub(r"\1Punkt \2. ", t),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    ap.add_argument("--docs", type=Path, help="a folder of .txt pages (default: shared/real/docs)")
    ap.add_argument("--gold", type=Path, help="their gold JSONL (default: shared/real/gold.jsonl)")
    args = ap.parse_args()
    docs_dir = args.docs or args.shared / "real" / "docs"
    gold_path = args.gold or args.shared / "real" / "gold.jsonl"
    scorer = args.shared / "tools" / "score.py"
    if not docs_dir.is_dir() or not gold_path.is_file() or not scorer.is_file():
        sys.exit(f"error: pages, gold or scorer not found under {args.shared}")
    gold = load(gold_path)
    paths = sorted(docs_dir.glob("*.txt"))
    print(f"{'variant':<24}{'exact':>12}{'found':>8}{'extra':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, change in VARIANTS.items():
            folder = Path(tmp, re.sub(r"\W+", "_", name))
            folder.mkdir()
            for path in paths:
                text = path.read_text(encoding="utf-8")
                (folder / path.name).write_bytes(change(text).encode("utf-8"))
            parsed = parse_docs(sorted(folder.glob("*.txt")), SegmentSettings())
            got = score(scorer, gold, [r for recs in parsed.values() for r in recs])
            exact = f"{got['exact']}/{got['total']}"
            print(f"{name:<24}{exact:>12}{got['found']:>8}{got['extra']:>7}")


if __name__ == "__main__":
    main()
