"""The same agenda as PDF, Word and web page must give the same items as its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkrnlp import parse
from kkrnlp.errors import InputError
from kkrnlp.ingest import read_document
from kkrnlp.ingest.clean import clean_text
from tests.conftest import AGENDAS
from tests.docgen import make_docx, make_html, make_pdf, make_scanned_pdf


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


# An agenda whose last item has a single line under it, in every layout.
_LAST_ITEM_AGENDA = """\
Dagsorden
KD-Net Sydvest
Mødedato: 12. marts 2026 kl. 9.00
Sted: Rådhuset i Gelsted, mødelokale 3

11. Godkendelse af referat fra sidste møde
Referatet fra mødet den 4. februar er udsendt til netværkets medlemmer.
Det indstilles, at referatet godkendes.

12. Fælles indsats for flere lærepladser v. Hanne Fjordby
Netværket drøftede sidst en plan for lærepladser i de otte kommuner.
Det indstilles, at KD-Net drøfter planen og tager den til efterretning.

13. Eventuelt v. Rasmus Bo Vindal
Næste møde holdes i Brovst den 9. april.
"""


def _item_blocks(text: str) -> tuple[list[str], list[list[str]]]:
    head, *items = text.strip().split("\n\n")
    return head.split("\n"), [item.split("\n") for item in items]


def _docx_table(text: str, path: Path) -> Path:
    """Word agenda laid out as a table: one row per item, heading and text in one cell."""
    from docx import Document

    head, items = _item_blocks(text)
    document = Document()
    for line in head:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=1)
    for heading, *body in items:
        cell = table.add_row().cells[0]
        cell.paragraphs[0].add_run(heading).bold = True
        for line in body:
            cell.add_paragraph(line)
    document.save(str(path))
    return path


def _html_table(text: str, path: Path) -> Path:
    """Web page laid out as a table: the item number in one cell, heading and text in the next."""
    head, items = _item_blocks(text)
    rows = []
    for heading, *body in items:
        number, _, title = heading.partition(" ")
        paragraphs = "".join(f"<p>{line}</p>" for line in body)
        rows.append(f"<tr><td>{number}</td><td><h3>{title}</h3>{paragraphs}</td></tr>")
    page = "".join(f"<p>{line}</p>" for line in head) + f"<table>{''.join(rows)}</table>"
    path.write_text(f"<!DOCTYPE html><html><body>{page}</body></html>", encoding="utf-8")
    return path


def _pdf_with_footer(text: str, path: Path) -> Path:
    return make_pdf(text, path, footer="KD-Net Sydvest | 12-03-2026")


@pytest.mark.parametrize(
    ("maker", "suffix"),
    [
        (_pdf_with_footer, ".pdf"),
        (make_docx, ".docx"),
        (_docx_table, ".docx"),
        (make_html, ".html"),
        (_html_table, ".html"),
    ],
    ids=["pdf-footer", "docx", "docx-table", "html", "html-table"],
)
def test_last_item_with_one_line_is_found_in_every_format(maker, suffix, tmp_path):
    source = tmp_path / "dagsorden.txt"
    source.write_text(_LAST_ITEM_AGENDA, encoding="utf-8")
    reference = parse(source)
    assert [(i.number, i.title) for i in reference.items] == [
        ("11", "Godkendelse af referat fra sidste møde"),
        ("12", "Fælles indsats for flere lærepladser"),
        ("13", "Eventuelt"),
    ]
    converted = parse(maker(_LAST_ITEM_AGENDA, tmp_path / f"dagsorden{suffix}"))
    assert [(i.number, i.title) for i in converted.items] == [
        (i.number, i.title) for i in reference.items
    ]
    assert "Brovst den 9. april" in converted.items[-1].text
    assert "Brovst" not in converted.items[-2].text


def _broken_word_pages(n: int = 120) -> str:
    lines = ["1. Fælles plan for skovene", "Sagsfremstilling"]
    for year in range(2000, 2000 + n):
        # Every printed line ends in a broken word, so every page does too.
        lines.append(f"Kommunerne i området har i år {year} aftalt en fælles ud-")
        lines.append("dannelsesplan for skovfogederne, og planen skal følges op.")
    return "\n".join(lines)


def test_pdf_footer_glued_to_a_word_broken_at_the_page_end_is_removed(tmp_path):
    # PDFium joins the footer into the broken word with U+FFFE ("ud\ufffeSkovrådet | ...").
    path = make_pdf(_broken_word_pages(), tmp_path / "skov.pdf", footer="Skovrådet | 02-02-2026")
    assert "\ufffe" in read_document(path)
    lines = clean_text(read_document(path)).lines
    assert not any("Skovrådet" in line or "| side" in line for line in lines)
    text = "\n".join(lines)
    assert text.count("uddannelsesplan") == 120
    assert text.count("Kommunerne i området har i år") == 120


def test_seed_documents_as_pdf_with_footers_match_gold(gold_rows, gold_docs, tmp_path):
    for doc, source in gold_docs.items():
        path = make_pdf(
            source.read_text(encoding="utf-8"),
            tmp_path / (Path(doc).stem + ".pdf"),
            footer="KKR Prøveregion | 14-03-2024",
        )
        meeting = parse(path)
        want = [(r["number"], r["title"]) for r in gold_rows if r["doc"] == doc]
        assert [(i.number, i.title) for i in meeting.items] == want, doc
        leaks = [i.number for i in meeting.items if "Prøveregion" in i.text]
        assert not leaks, f"footer text inside items {leaks} of {doc}"
