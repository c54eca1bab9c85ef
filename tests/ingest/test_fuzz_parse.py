"""Fuzzing the parser with damaged PDFs and texts: every failure is a KkrnlpError, none a crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kkrnlp.errors import KkrnlpError
from kkrnlp.pipeline import parse, parse_many, parse_text
from tests.docgen import make_docx, make_html, make_pdf

AGENDA = (
    "Dagsorden\nKKR Prøveby\nMøde den 5. marts 2024 kl. 10.00 på Rådhuset\n\n"
    "Indholdsfortegnelse\n1. Godkendelse af dagsorden\n2. Nye stier ved åen\n3. Eventuelt\n\f"
    "1. Godkendelse af dagsorden\nSagsnr.: 24/0012\n\nIndstilling\n"
    "Det indstilles, at KKR godkender dagsordenen.\n\n"
    "2. Nye stier ved åen\n\nBaggrund\nKommunerne ønsker 12 km stier for 3,5 mio. kr.\n"
    "- første etape i 2025\n- anden etape i 2026\n\n"
    "Indstilling\nDet indstilles, at KKR:\n1. godkender planen\n2. beder om en status\n\f"
    "3. Eventuelt\n\nBeslutning\nIntet.\n"
)
_PIECES = ["\n", "\f", "1. ", "3.2 ", "Indstilling\n", "Baggrund\n", "- ", "**", "\t", "  ",
           "\u00ad", "\ufffe", "\uffff", "\x00", "\x0b", "\u200b", "æøå", "Sagsnr.: ", "12. ",
           "den 5. marts 2024", "kl. 10.00", "9" * 30, "(", ")", "§", "\r", "\ud800"]  # fmt: skip


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        pos = rng.randrange(len(buf)) if buf else 0
        if op < 0.45 and buf:
            buf[pos] = rng.randrange(256)  # flip a byte
        elif op < 0.7:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op < 0.9 and buf:
            del buf[pos : pos + rng.randint(1, 64)]
        else:
            del buf[pos:]  # truncate
    return bytes(buf)


def _mutate_text(text: str, rng: random.Random) -> str:
    chars = list(text)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 10)):
        op = rng.random()
        pos = rng.randrange(len(chars)) if chars else 0
        if op < 0.35:
            chars[pos:pos] = list(rng.choice(_PIECES))
        elif op < 0.5 and chars:
            del chars[pos : pos + rng.randint(1, 40)]
        elif op < 0.65:
            chars[pos:pos] = list("\n".join(rng.sample(lines, k=min(len(lines), 4))))
        elif op < 0.8 and chars:
            chars[pos] = chr(rng.randrange(0x20, 0x3000))
        elif op < 0.9:
            chars[pos:pos] = list(rng.choice(_PIECES) * rng.randint(2, 50))
        else:
            chars[pos:pos] = list(f"{rng.randint(0, 99)}.{rng.randint(0, 20)} ")
    return "".join(chars)


def _only_known_errors(paths: list[Path]) -> list[str]:
    """Parse each file; return the unexpected failures (anything not a KkrnlpError)."""
    unexpected = []
    for path in paths:
        try:
            parse(path)
        except KkrnlpError:
            pass
        except Exception as exc:  # collecting what must not happen
            unexpected.append(f"{path.name}: {type(exc).__name__}: {exc}")
    for result in parse_many(paths):
        if result.error and "could not be parsed" in result.error:
            unexpected.append(result.error)
    return unexpected


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    path = make_pdf(AGENDA.replace("\f", "\n\n"), tmp_path_factory.mktemp("pdf") / "a.pdf")
    return path.read_bytes()


def test_mutated_pdfs_fail_only_with_clear_errors(pdf_bytes, tmp_path):
    rng = random.Random(7)
    paths = []
    for i in range(120):
        path = tmp_path / f"m{i:03d}.pdf"
        path.write_bytes(_mutate_bytes(pdf_bytes, rng))
        paths.append(path)
    assert _only_known_errors(paths) == []


def test_mutated_text_files_fail_only_with_clear_errors(tmp_path):
    rng = random.Random(11)
    paths = []
    for i in range(200):
        text = _mutate_text(AGENDA, rng)
        encoding = rng.choice(["utf-8", "utf-16-le", "utf-16", "cp1252", "utf-32-be"])
        data = text.encode(encoding, errors="replace")
        if rng.random() < 0.3:
            data = _mutate_bytes(data, rng)
        path = tmp_path / f"t{i:03d}{rng.choice(['.txt', '.md'])}"
        path.write_bytes(data)
        paths.append(path)
    assert _only_known_errors(paths) == []


def test_mutated_texts_segment_without_unexpected_errors():
    rng = random.Random(13)
    unexpected = []
    for _ in range(150):
        text = _mutate_text(AGENDA, rng)
        try:
            parse_text(text)
        except KkrnlpError:
            pass
        except Exception as exc:  # collecting what must not happen
            unexpected.append(f"{type(exc).__name__}: {exc} in {text[:80]!r}")
    assert unexpected == []


@pytest.mark.parametrize(("maker", "suffix"), [(make_docx, ".docx"), (make_html, ".html")])
def test_mutated_word_and_web_files_fail_only_with_clear_errors(tmp_path, maker, suffix):
    source = maker(AGENDA.replace("\f", "\n\n"), tmp_path / f"a{suffix}").read_bytes()
    rng = random.Random(3)
    paths = []
    for i in range(80):
        path = tmp_path / f"m{i:03d}{suffix}"
        path.write_bytes(_mutate_bytes(source, rng))
        paths.append(path)
    assert _only_known_errors(paths) == []
