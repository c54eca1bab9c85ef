"""Bounded work: huge lines, many lines and big agendas are cleaned and parsed.

Nothing here is timed (the machine is shared; ``scripts/bench_scaling.py``
measures the growth). A pattern or pass that were quadratic in a line's length
would keep these tests running for minutes instead of a few seconds, which the
suite's runtime shows at once.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkrnlp.errors import KkrnlpError
from kkrnlp.ingest.clean import (
    clean_text,
    furniture,
    hyphens,
    normalize,
    pages,
    paragraphs,
    reline,
    strip_markup,
)
from kkrnlp.pipeline import parse_text

_SENTENCE = (
    "Kommunerne i klyngen har arbejdet videre med stiplanen, og sekretariatet har samlet "
    "erfaringerne fra otte kommuner i et notat om 2,5 mio. kr. til indsatsen. "
)
_LINE_SIZE = 200_000


def _line(unit: str) -> str:
    return (unit * (_LINE_SIZE // len(unit) + 1))[:_LINE_SIZE]


# Lines that make a careless pattern rescan from every position.
ADVERSARIAL = {
    "prose": _line(_SENTENCE),
    "spaces": " " * _LINE_SIZE + "x",
    "spaces and tabs": _line(" \t") + "x",
    "one word": "a" * _LINE_SIZE + "-",
    "unclosed bold": _line("**x "),
    "unclosed italic": _line("*x "),
    "unclosed links": _line("![a"),
    "unclosed tags": _line("<a"),
    "hyphens": _line("a- "),
    "numbers": _line("1. "),
    "dots": _line("."),
    "pipes": _line("| "),
    "page marks": _line("ud\ufffe "),
    "section words": _line("INDSTILLING Beslutning "),
}


def _parse_or_refuse(text: str) -> None:
    # Refusing (not an agenda, over a size limit) is a fine outcome too.
    with contextlib.suppress(KkrnlpError):
        parse_text(text)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_a_200_kb_line_is_cleaned_and_parsed(name: str) -> None:
    text = ADVERSARIAL[name]
    clean = clean_text(text)
    assert sum(len(line) for line in clean.lines) <= len(text)
    _parse_or_refuse(text)


def test_a_flattened_200_kb_line_is_relined() -> None:
    text = " ".join(
        f"{k}. Punkt om stier nummer {k} Sagen handler om en ny sti. {_SENTENCE}"
        for k in range(1, 1000)
    )
    assert len(text) > _LINE_SIZE
    lines = clean_text(text).lines
    assert sum(1 for line in lines if re.match(r"\d+\. Punkt om stier", line)) == 999


def test_20000_numbered_lines() -> None:
    text = "\n".join(f"{k}. Punkt {k:05d}" for k in range(1, 20_001))
    assert len(text) > 300_000
    assert len(clean_text(text).lines) == 20_000
    _parse_or_refuse(text)


def _agenda(items: int) -> str:
    lines = ["Dagsorden", "Skovrådet for Vestkysten", "Dato: 05-02-2026 kl. 9.00", ""]
    for k in range(1, items + 1):
        lines += [f"{k}. Stier og shelters i område {k}", f"Sagsnr. 26/{1000 + k}", "Resume"]
        lines += [_SENTENCE * 3 for _ in range(12)]
        lines += ["Indstilling", "Det indstilles, at rådet godkender planen.", ""]
    return "\n".join(lines)


@pytest.mark.slow
def test_a_big_agenda_is_parsed() -> None:
    text = _agenda(700)
    assert len(text) > 2_000_000
    meeting = parse_text(text)
    assert len(meeting.items) == 700


def _patterns(module: ModuleType) -> list[re.Pattern]:
    found = [value for value in vars(module).values() if isinstance(value, re.Pattern)]
    for value in vars(module).values():
        if isinstance(value, list):
            found += [rule[0] for rule in value if isinstance(rule, tuple) and rule]
    return [p for p in found if isinstance(p, re.Pattern)]


@pytest.mark.parametrize(
    "module", [furniture, hyphens, normalize, pages, paragraphs, reline], ids=lambda m: m.__name__
)
def test_every_cleaning_pattern_on_adversarial_lines(module: ModuleType) -> None:
    patterns = _patterns(module)
    assert patterns
    for pattern in patterns:
        for text in ADVERSARIAL.values():
            sample = text[:50_000]
            pattern.search(sample)
            pattern.sub("", sample)


def test_strip_markup_on_unclosed_markers_keeps_the_text() -> None:
    assert strip_markup("**x " * 3) == "x x x"
    assert strip_markup("*kursiv* og **fed** og [et link](https://example.org/a)") == (
        "kursiv og fed og et link"
    )


_PIECES = [
    "1. ",
    "12 ",
    "Side 2 af 9",
    "\f",
    "\n",
    "\n\n",
    " ",
    "\t",
    "**",
    "*",
    "- ",
    "•",
    "|",
    "\ufffe",
    "ud-",
    "Indstilling",
    "BESLUTNING",
    "Sagsnr.: 26/1",
    "Til toppen",
    "Transkript",
    "Klik her for at folde ud",
    "Indholdsfortegnelse",
    "stier",
    "Fjordly",
    "godkendt.",
    "æøå",
    "....... 4",
    "Forside > Politik",
    "(Åben)",
    ":",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_any_mix_of_agenda_pieces_is_cleaned_tidily(pieces: list[str]) -> None:
    lines = clean_text("".join(pieces)).lines
    assert all(line == line.strip(" ") for line in lines)
    assert all(a or b for a, b in itertools.pairwise(lines))  # no two empty lines
    assert not lines or lines[-1]
