"""The same agenda as PDF, Word and web page must give the same items as its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkrnlp import parse
from kkrnlp.errors import InputError

from .conftest import AGENDAS
from .docgen import make_docx, make_html, make_pdf, make_scanned_pdf


def _items(meeting) -> list[tuple[str, str, bool]]:
    return [(i.number, i.title, i.empty) for i in meeting.items]


@pytest.mark.parametrize("maker", [make_pdf, make_docx], ids=["pdf", "docx"])
def test_seed_documents_in_other_formats_match_gold(maker, gold_rows, gold_docs, tmp_path):
    for doc, source in gold_docs.items():
        text = source.read_text(encoding="utf-8")
        suffix = ".pdf" if maker is make_pdf else ".docx"
        path = maker(text, tmp_path / (Path(doc).stem + suffix))
        want = [
            (r["number"], r["title"], bool(r.get("empty"))) for r in gold_rows if r["doc"] == doc
        ]
        assert _items(parse(path)) == want, f"{doc} as {suffix}"


@pytest.mark.parametrize("maker", [make_pdf, make_docx, make_html], ids=["pdf", "docx", "html"])
def test_fixture_minutes_in_every_format(maker, tmp_path):
    source = AGENDAS / "kkr_nordjylland_referat.md"
    reference = parse(source)
    suffix = {make_pdf: ".pdf", make_docx: ".docx", make_html: ".html"}[maker]
    converted = parse(maker(source.read_text(encoding="utf-8"), tmp_path / f"referat{suffix}"))
    assert _items(converted) == _items(reference)
    assert (converted.body, converted.kind, converted.date) == (
        reference.body, reference.kind, reference.date,
    )  # fmt: skip


def test_pdf_with_page_footers_keeps_items(tmp_path):
    source = AGENDAS / "kkr_syddanmark_pdftext.txt"
    text = source.read_text(encoding="utf-8").replace("\f", "\n")
    path = make_pdf(text, tmp_path / "syd.pdf", footer="KKR Syddanmark | 14-03-2024")
    assert _items(parse(path)) == _items(parse(source))


def test_encrypted_pdf_is_a_clear_error(tmp_path):
    path = make_pdf("1. Godkendelse af dagsorden\n", tmp_path / "låst.pdf", password="hemmelig")
    with pytest.raises(InputError, match=r"password|encrypted|adgangskode"):
        parse(path)


def test_scanned_pdf_says_it_needs_ocr(tmp_path):
    path = make_scanned_pdf(tmp_path / "scannet.pdf")
    with pytest.raises(InputError, match="OCR"):
        parse(path)
