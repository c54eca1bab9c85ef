"""Readers (PDF, DOCX, HTML, text) and text cleaning.

Documents are built inside the tests (fpdf2, python-docx, inline HTML) from
sentences written for these tests; the real seed agendas are only read, when
the shared folder is there.
"""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkrnlp.errors import InputError
from kkrnlp.ingest import detect_format, read_document
from kkrnlp.ingest.clean import (
    CleanSettings,
    clean_text,
    dehyphenate,
    estimate_wrap_width,
    reflow,
    strip_markup,
)
from kkrnlp.ingest.plain import decode_bytes
from kkrnlp.ingest.web import html_to_text

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"shared seed agendas not found at {SHARED / 'seeds'}")
    return SHARED


# --------------------------------------------------------------- hyphenation


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["aftalen om Sund-", "hedshuset i Vejle."], ["aftalen om Sundhedshuset", "i Vejle."]),
        (["et nyt KKR-", "møde i maj"], ["et nyt KKR-møde", "i maj"]),
        (["planen for 2025-", "28 er klar"], ["planen for 2025-28", "er klar"]),
        (["både social-", "og sundhedsområdet"], ["både social-", "og sundhedsområdet"]),
        (["Region Midt-", "Jylland"], ["Region Midt-", "Jylland"]),
        (["den regio-", "nale"], ["den regionale"]),
        (["et nyt punkt -", "drøftes"], ["et nyt punkt -", "drøftes"]),
        (["ældre-", "- punkt to"], ["ældre-", "- punkt to"]),
        (["en uddan- nelse og social- og sundhed"], ["en uddannelse og social- og sundhed"]),
    ],
)
def test_dehyphenate(lines: list[str], expected: list[str]) -> None:
    assert dehyphenate(lines) == expected


def test_pdfium_hyphen_marks_are_mended() -> None:
    text = "Til Trafik\ufffeselskabet og KKR\ufffemødet i 2024\ufffe27 samt social\ufffe og sundhed"
    assert clean_text(text).lines == [
        "Til Trafikselskabet og KKR-mødet i 2024-27 samt social- og sundhed"
    ]


# ---------------------------------------------------------- double spacing


def _double_spaced() -> str:
    body = [
        "Baggrund ",
        "Kommunerne i regionen har i efteråret arbejdet med en fælles ",
        "plan for busdriften, som skal gøre det lettere at skifte mellem ",
        "lokale ruter og regionale linjer. ",
        " ",
        "Indstilling ",
        "Det indstilles, at KKR godkender planen og sender den videre til ",
        "kommunalbestyrelserne med en anbefaling om at tiltræde den. ",
        " ",
        "Sagsfremstilling ",
        "Planen bygger på tal fra trafikselskabet og på input fra de fem ",
        "tekniske direktører, der mødtes to gange i løbet af foråret.",
    ]
    return "\n\n".join(body)


def test_double_spaced_extraction_is_collapsed() -> None:
    lines = clean_text(_double_spaced()).lines
    assert lines[:5] == [
        "Baggrund",
        "Kommunerne i regionen har i efteråret arbejdet med en fælles",
        "plan for busdriften, som skal gøre det lettere at skifte mellem",
        "lokale ruter og regionale linjer.",
        "",
    ]
    assert lines.count("") == 2


def test_markdown_paragraphs_are_not_collapsed() -> None:
    paragraphs = [
        f"**{n}. Punkt nummer {n}**\n\nTeksten til punkt {n} er kort." for n in range(1, 8)
    ]
    lines = clean_text("\n\n".join(paragraphs)).lines
    assert lines[:4] == ["**1. Punkt nummer 1**", "", "Teksten til punkt 1 er kort.", ""]


def test_double_spacing_step_can_be_switched_off() -> None:
    off = CleanSettings(collapse_double_spacing=False)
    assert clean_text(_double_spaced(), off).lines.count("") > 5


# --------------------------------------------------------------- furniture


def test_footers_between_form_feed_pages_are_removed_and_sentence_joined() -> None:
    pages = [
        "DAGSORDEN\nKKR Sjælland\n\n1. Godkendelse af dagsorden\nIndstilling\nDet indstilles, at",
        "KKR Sjælland | 02-05-2024 SIDE | 2\nKKR Sjælland godkender dagsordenen.\n\n2. Eventuelt",
        "KKR Sjælland | 02-05-2024 SIDE | 3\n3. Næste møde\nMødet holdes i Ringsted.",
    ]
    clean = clean_text("\f".join(pages))
    assert clean.pages == 3
    assert not any("SIDE" in line for line in clean.lines)
    assert "Det indstilles, at\nKKR Sjælland godkender dagsordenen." in clean.text
    assert clean.footers == [
        "KKR Sjælland | 02-05-2024 SIDE | 2",
        "KKR Sjælland | 02-05-2024 SIDE | 3",
    ]
    assert clean.footer_dates == ["02-05-2024", "02-05-2024"]


def test_repeated_running_header_is_removed_but_repeated_headings_stay() -> None:
    page = "Referat fra direktørkredsen\n{n}. Punkt {n}\nBaggrund\nTekst om punkt {n}.\n{n}"
    text = "\f".join(page.format(n=n) for n in range(1, 6))
    lines = clean_text(text).lines
    assert "Referat fra direktørkredsen" not in lines
    assert lines.count("Baggrund") == 5
    assert not any(line.isdigit() for line in lines)


def test_item_per_page_layout_keeps_headings_and_case_numbers() -> None:
    # Agendas that start every item on a new page repeat the *shape* of the
    # first lines on every page; they are content, not running heads.
    titles = ["Busplan for øerne", "Nye plejeboliger", "Klimaplan 2030", "Praktikpladser"]
    pages = [
        f"3.{n}. {title}\nSAG-2024-01107 hbj\nBaggrund\nTekst om {title.lower()}.\n"
        f"KKR Fyn | 01-02-2024 SIDE | {n}"
        for n, title in enumerate(titles, start=1)
    ]
    lines = clean_text("\f".join(pages)).lines
    assert [line for line in lines if line.startswith("3.")] == [
        f"3.{n}. {title}" for n, title in enumerate(titles, start=1)
    ]
    assert lines.count("SAG-2024-01107 hbj") == 4
    assert lines.count("Baggrund") == 4
    assert not any("SIDE" in line for line in lines)


def test_footer_without_page_breaks_joins_broken_word() -> None:
    text = (
        "Udvalget behandler den nye aftale for 2024-\n\n\n"
        "KKR Fyn | 08-02-2024\n\n SIDE | 11\n\n"
        "27 på mødet i april.\n"
    )
    clean = clean_text(text)
    assert clean.lines == ["Udvalget behandler den nye aftale for 2024-27", "på mødet i april."]
    assert clean.footers == ["KKR Fyn | 08-02-2024", "SIDE | 11"]


# ------------------------------------------------------- bullets, tables, tidy


def test_bullets_tables_and_whitespace() -> None:
    text = (
        "Punkter:\n\u2022 Første\n\uf0b7Andet\n– Tredje\n* Fjerde\n•\n"
        "*Det indstilles, at rådet godkender.*\n"
        "| Punkt | Indhold |\n|---|---|\n| 1. | Godkendelse |\n"
        "  Flere   mellemrum\u00a0her  \n\n\n\nSlut"
    )
    assert clean_text(text).lines == [
        "Punkter:",
        "- Første",
        "- Andet",
        "- Tredje",
        "- Fjerde",
        "*Det indstilles, at rådet godkender.*",
        "Punkt\tIndhold",
        "",
        "1.\tGodkendelse",
        "Flere mellemrum her",
        "",
        "Slut",
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab æø-.\n\f\t•|1 Side")), max_size=300))
def test_clean_text_output_is_tidy(text: str) -> None:
    lines = clean_text(text).lines
    assert all("\f" not in line and line == line.strip(" ") for line in lines)
    assert all(a or b for a, b in itertools.pairwise(lines))
    assert not lines or (lines[0] and lines[-1])


# ------------------------------------------------------------ wrap and reflow


def test_wrap_width_found_for_wrapped_text_only() -> None:
    words = ("kommunerne har drøftet en fælles plan for trafik og sundhed i regionen " * 40).split()
    wrapped, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 60:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    width = estimate_wrap_width(wrapped)
    assert width is not None and 50 <= width <= 60
    paragraphs = [" ".join(words[i : i + 9 + i % 17]) + "." for i in range(0, 400, 15)]
    spaced = [p for para in paragraphs for p in (para, "")]
    assert estimate_wrap_width(spaced) is None


def test_reflow_joins_wrapped_lines_and_keeps_lists() -> None:
    lines = [
        "Det indstilles, at KKR Nordjylland godkender",
        "aftalen for 2025 og sender den til kommunerne,",
        "Region Nordjylland og de to trafikselskaber.",
        "Tidsplan:",
        "1. Høring i juni",
        "2. Vedtagelse i september",
        "- en bullet der fortsætter",
        "på næste linje",
        "",
        "Nyt afsnit efter en tom linje.",
        "Referatet blev godkendt den",
        "14. marts 2024.",
    ]
    assert reflow(lines) == [
        "Det indstilles, at KKR Nordjylland godkender aftalen for 2025 og sender den til "
        "kommunerne, Region Nordjylland og de to trafikselskaber.",
        "Tidsplan:",
        "1. Høring i juni",
        "2. Vedtagelse i september",
        "- en bullet der fortsætter på næste linje",
        "Nyt afsnit efter en tom linje.",
        "Referatet blev godkendt den 14. marts 2024.",
    ]


def test_reflow_uses_wrap_width_for_capitalised_continuations() -> None:
    lines = ["Mødet holdes i Ringsted, og dagsordenen udsendes til KKR", "Sjælland i god tid."]
    assert reflow(lines, wrap=60) == [" ".join(lines)]
    assert reflow(lines, wrap=None) == lines


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        (
            "**3.2. Rammeaftale** v. Ole Berg *Det indstilles, at ...*",
            "3.2. Rammeaftale v. Ole Berg Det indstilles, at ...",
        ),
        ("## Baggrund", "Baggrund"),
        ("Se [referatet](https://example.org/r) og ![logo](x.png)", "Se referatet og"),
        ("1\\. punkt med \\*stjerne\\*", "1. punkt med *stjerne*"),
        ("**3. Titel over", "3. Titel over"),
        ("to linjer**", "to linjer"),
        ("børn_unge og 2 * 3 = 6", "børn_unge og 2 * 3 = 6"),
        ("Byråd &amp; udvalg", "Byråd & udvalg"),
    ],
)
def test_strip_markup(line: str, plain: str) -> None:
    assert strip_markup(line) == plain


# ----------------------------------------------------------------- readers


def _font() -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def _make_pdf(path: Path, pages: list[list[str]], footer: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("dejavu", fname=_font())
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("dejavu", size=11)
        pdf.set_xy(20, 20)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(20)
        if footer:
            pdf.set_xy(20, 280)
            pdf.cell(0, 6, f"{footer} SIDE | {number}")
    pdf.output(str(path))
    return path


def test_pdf_reader_pages_footers_and_hyphens(tmp_path: Path) -> None:
    path = _make_pdf(
        tmp_path / "dagsorden.pdf",
        [
            ["DAGSORDEN", "KKR Midtjylland", "1. Godkendelse af dagsorden", "Indstilling",
             "Det indstilles, at KKR godkender den nye sund-", "hedsaftale for perioden."],
            ["2. Eventuelt", "Der er ingen punkter under eventuelt."],
        ],
        footer="KKR Midtjylland | 11-04-2024",
    )  # fmt: skip
    raw = read_document(path)
    assert raw.count("\f") == 1
    clean = clean_text(raw)
    assert "Det indstilles, at KKR godkender den nye sundhedsaftale" in clean.text
    assert "2. Eventuelt" in clean.lines
    assert not any("SIDE" in line for line in clean.lines)
    assert clean.footer_dates and "11-04-2024" in clean.footer_dates[0]


def test_pdf_without_text_layer_is_an_input_error(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing only, like a scan without OCR
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match="OCR"):
        read_document(path)


def test_damaged_pdf_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(InputError, match=r"broken\.pdf"):
        read_document(path)


def _add_outline_numbering(document) -> str:
    """Add a two-level "1." / "1.1." list definition; return its numId."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, text in enumerate(["%1.", "%1.%2."])
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("DAGSORDEN")
    document.add_paragraph("KD-Net Sjælland")
    document.add_paragraph("Dato: 04-06-2024 kl. 9:00")
    num_id = _add_outline_numbering(document)
    outline = [
        (0, "Formalia", None),
        (1, "Godkendelse af dagsorden", "Det indstilles, at KD-Net godkender dagsordenen."),
        (1, "Godkendelse af referat", "Det indstilles, at KD-Net godkender referatet."),
        (0, "Ældreplejens rekruttering", None),
        (1, "Fælles jobmesse", "Det indstilles, at KD-Net drøfter en fælles jobmesse."),
    ]
    for level, title, recommendation in outline:
        heading = document.add_paragraph(style="Heading 1" if level == 0 else "Heading 2")
        heading.add_run(title)
        _numbered(heading, num_id, level)
        if recommendation:
            document.add_paragraph("Indstilling")
            para = document.add_paragraph()
            para.add_run(recommendation).italic = True
            document.add_paragraph("Kommunerne mangler medarbejdere.", style="List Bullet")
            document.add_paragraph("Der er afsat 0,4 mio. kr.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Bilag", "Side"), ("Notat om jobmesse", "4")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_docx_reader_rebuilds_numbering_emphasis_lists_and_tables(tmp_path: Path) -> None:
    raw = read_document(_make_docx(tmp_path / "dagsorden.docx"))
    lines = clean_text(raw).lines
    assert "1. **Formalia**" in lines
    assert "1.1. **Godkendelse af dagsorden**" in lines
    assert "1.2. **Godkendelse af referat**" in lines
    assert "2.1. **Fælles jobmesse**" in lines
    assert "*Det indstilles, at KD-Net drøfter en fælles jobmesse.*" in lines
    assert "- Kommunerne mangler medarbejdere." in lines
    assert "Notat om jobmesse\t4" in lines
    bullet = lines.index("- Kommunerne mangler medarbejdere.")
    assert lines[bullet + 1] == "- Der er afsat 0,4 mio. kr."  # list entries stay together


def test_docx_agenda_parses_into_items(tmp_path: Path) -> None:
    import kkrnlp

    meeting = kkrnlp.parse(_make_docx(tmp_path / "dagsorden.docx"))
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1.1", "Godkendelse af dagsorden"),
        ("1.2", "Godkendelse af referat"),
        ("2.1", "Fælles jobmesse"),
    ]
    assert meeting.items[2].group == "Ældreplejens rekruttering"
    assert meeting.items[2].recommendation_text.startswith("Det indstilles, at KD-Net drøfter")


def test_html_reader_blocks_lists_tables_and_dropped_chrome() -> None:
    page = """<!DOCTYPE html><html lang="da"><head><title>Sag</title>
    <style>p {color: red}</style></head><body>
    <nav><a href="/">Forside</a> <a href="/m">Møder</a></nav>
    <h1>Nr. 12 - Ny   busplan</h1>
    <p>Sagsnr.: 24/118</p>
    <h2>Indstilling</h2>
    <p>At følgende besluttes:<br>at planen <strong>godkendes</strong>, og</p>
    <ol start="3"><li>at den sendes i <em>høring</em></li><li>at den evalueres</li></ol>
    <ul><li>Bilag A</li></ul>
    <table><tr><th>Linje</th><th>Afgange</th></tr><tr><td>121</td><td>14</td></tr></table>
    <script>var x = 1;</script></body></html>"""
    lines = clean_text(html_to_text(page)).lines
    assert lines == [
        "**Nr. 12 - Ny busplan**",
        "",
        "Sagsnr.: 24/118",
        "",
        "**Indstilling**",
        "",
        "At følgende besluttes:",
        "at planen **godkendes**, og",
        "",
        "3. at den sendes i *høring*",
        "4. at den evalueres",
        "",
        "- Bilag A",
        "",
        "Linje\tAfgange",
        "121\t14",
    ]


# --------------------------------------------------------- format detection


def test_detect_format_trusts_content_over_suffix(tmp_path: Path) -> None:
    pdf = _make_pdf(tmp_path / "a.pdf", [["1. Punkt"]])
    disguised = tmp_path / "download.txt"
    disguised.write_bytes(pdf.read_bytes())
    assert detect_format(disguised) == "pdf"
    error_page = tmp_path / "agenda.pdf"
    error_page.write_text("<!DOCTYPE html><html><body><p>Ikke fundet</p></body></html>")
    assert detect_format(error_page) == "html"
    notes = tmp_path / "noter.md"
    notes.write_text("# Dagsorden\n")
    assert detect_format(notes) == "markdown"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.pdf", None, "file not found"),
        ("empty.txt", b"  \n", "is empty"),
        ("gammel.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .docx"),
        ("data.bin", b"\x00\x01\x02binary\x00", "not a supported file type"),
        # a .pdf of binary bytes without the PDF header says what is wrong with it
        ("skadet.pdf", b"\x00\x01\x02binary\x00", "not a valid PDF file"),
        ("tekst.pdf", b"Dagsorden 1. Godkendelse", "not a valid PDF file"),
        ("fake.docx", b"not a zip", "not a valid DOCX"),
    ],
)
def test_bad_files_raise_input_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_zip_that_is_not_word_is_rejected(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "regneark.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="not a Word document"):
        read_document(path)


def test_text_encodings(tmp_path: Path) -> None:
    text = "Møde i Ærø Kommune om Åbenrå\f2. side"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_document(path) == text
    assert decode_bytes("æøå".encode()) == "æøå"


# ------------------------------------------------------------ real seeds


def test_seed_pdf_text_is_cleaned(shared_dir: Path) -> None:
    seed = next(iter(sorted((shared_dir / "seeds").glob("003_*.txt"))), None)
    if seed is None:
        pytest.skip("seed 003 not found")
    clean = clean_text(seed.read_text(encoding="utf-8"))
    assert clean.wrap_width is not None and 60 <= clean.wrap_width <= 100
    assert any("SIDE" in footer for footer in clean.footers)
    assert not any("SIDE" in line and "|" in line for line in clean.lines)
    # Double spacing is gone: wrapped lines of one paragraph are adjacent again.
    adjacent = sum(1 for a, b in zip(clean.lines, clean.lines[1:], strict=False) if a and b)
    assert adjacent > 0.5 * len(clean.lines)
    assert "sundhedsaftale 2024-27" in clean.text


def test_copy_of_lines_is_not_modified() -> None:
    lines = ["et ord-", "deling her"]
    before = copy.deepcopy(lines)
    dehyphenate(lines)
    assert lines == before
