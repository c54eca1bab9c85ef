"""One fixture per agenda shape seen on real publishing sites, with its expectation file.

Every fixture under ``tests/fixtures/shapes/`` is invented text in the layout of
a family of real pages (running numbers, ``Pkt.``/``Punkt``/``Nr.`` headings,
pages without numbers, lists at the top, markers, group headings, flattened PDF
text). ``<name>.expected.json`` holds the meeting fields and items that a reader
of the page sees; a key left out of an item is not checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kkrnlp import parse

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
ITEM_KEYS = (
    "title", "group", "group_number", "case_number", "presenter", "empty", "item_type",
    "access", "position",
)  # fmt: skip


def _pairs():
    for expected in sorted(SHAPES.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        source = next(p for p in SHAPES.iterdir() if p.stem == stem and p.suffix != ".json")
        yield pytest.param(source, expected, id=stem)


@pytest.mark.parametrize(("source", "expected"), list(_pairs()))
def test_shape(source: Path, expected: Path) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    meeting = parse(source)
    for key, value in want.get("meeting", {}).items():
        assert getattr(meeting, key) == value, key
    assert [(i.number, i.title) for i in meeting.items] == [
        (w["number"], w["title"]) for w in want["items"]
    ]
    for pos, (item, w) in enumerate(zip(meeting.items, want["items"], strict=True), start=1):
        assert item.position == pos
        for key in ITEM_KEYS:
            if key in w:
                assert getattr(item, key) == w[key], (item.title, key)
        if "roles" in w:
            assert [s.role for s in item.sections if s.heading != "Tekst"] == w["roles"]
        for key, attr in (
            ("recommendation_starts", "recommendation_text"),
            ("decision_starts", "decision_text"),
        ):
            if key in w:
                value = getattr(item, attr)
                if w[key] is None:
                    assert value is None, (item.title, attr)
                else:
                    assert value and " ".join(value.split()).startswith(w[key]), (item.title, attr)
        if "recommendation_contains" in w:
            assert w["recommendation_contains"] in (item.recommendation_text or "")
        if "text_contains" in w:
            assert w["text_contains"] in item.text, item.title


def test_every_shape_has_an_expectation() -> None:
    docs = [p for p in SHAPES.iterdir() if not p.name.endswith(".json")]
    assert docs
    for doc in docs:
        assert (SHAPES / f"{doc.stem}.expected.json").is_file(), doc.name


# Shapes whose layout lives in the text itself (web-page text, flattened PDF text) are
# not re-rendered; the rest must give the same items as PDF and Word.
_RENDERED = [
    "markers_and_presenters", "running_numbers_punkter", "colon_and_letters",
    "letter_groups_dot_leaders", "number_after_title", "unnumbered_titles",
]  # fmt: skip


@pytest.mark.parametrize("stem", _RENDERED)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_shape_gives_the_same_items_as_pdf_and_word(stem: str, fmt: str, tmp_path: Path) -> None:
    from tests.docgen import make_docx, make_pdf

    source = SHAPES / f"{stem}.txt"
    maker = make_pdf if fmt == "pdf" else make_docx
    converted = maker(source.read_text(encoding="utf-8"), tmp_path / f"{stem}.{fmt}")
    want = [(i.number, i.title, i.empty) for i in parse(source).items]
    assert [(i.number, i.title, i.empty) for i in parse(converted).items] == want


def test_attachment_lines_between_toc_entries_keep_the_list_whole() -> None:
    """'Bilag 1: ... 12' lines between the entries neither end the list nor become entries."""
    from kkrnlp.ingest.clean import clean_text
    from kkrnlp.segment.toc import _find_toc

    text = (SHAPES / "toc_with_attachments.txt").read_text(encoding="utf-8")
    toc = _find_toc(clean_text(text).lines)
    assert list(toc.entries) == ["3.1", "3.2", "3.3", "3.5", "4.1", "4.2", "5.1"]
    assert toc.entries["3.5"] == "Fordeling af midler til lokale kulturhuse 2024 og 2025"
    assert not any(title.startswith("Bilag") or "Bilag" in title for title in toc.entries.values())


# A web agenda whose item headings sat in fold-out buttons: the saved text keeps each
# item's sections but no title. The meeting's room is not an item title.
_HEADLESS_PAGE = """Til indholdet

Dagsorden

Onsdag 3. feb 2027 kl. 15:00

Seniorrådet

Rådhusstræde 4 - Store Sal

Referat

Resumé

Kort nyt fra formanden om årets temamøder.

Forslag

Forvaltningen foreslår, at rådet tager orienteringen til efterretning.

Beslutning Seniorrådet den 03-02-2027

Taget til efterretning.

Resumé

Rådet får en status på den nye busrute til plejecentret.

Forslag

Forvaltningen foreslår, at rådet tager orienteringen til efterretning.

Beslutning Seniorrådet den 03-02-2027

Rådet ønsker en opfølgning i maj.

Resumé

Drøftelse af rådets høringssvar om budgettet.

Forslag

Forvaltningen foreslår, at høringssvaret drøftes.
"""


def _segment(text: str):
    from kkrnlp.ingest.clean import clean_text
    from kkrnlp.segment import segment

    return segment(clean_text(text))


def test_page_whose_item_headings_were_lost_gives_no_made_up_items() -> None:
    from kkrnlp.errors import InputError

    with pytest.raises(InputError, match="no items found"):
        _segment(_HEADLESS_PAGE)


def test_page_with_titles_and_a_label_above_still_finds_its_items() -> None:
    titled = _HEADLESS_PAGE
    for start, title in (
        ("Kort nyt", "Nyt fra formanden"),
        ("Rådet får", "Busrute til plejecentret"),
        ("Drøftelse", "Høringssvar om budget 2028"),
    ):
        titled = titled.replace(f"Resumé\n\n{start}", f"{title}\n\nResumé\n\n{start}")
    assert [i.title for i in _segment(titled).items] == [
        "Nyt fra formanden",
        "Busrute til plejecentret",
        "Høringssvar om budget 2028",
    ]


def test_a_decision_under_a_title_in_a_full_stop_list_is_not_title() -> None:
    text = (
        "Referat\n\n1. Velkomst og navnerunde.\n\n2. Regnskab for sommerlejren\n"
        "Godkendt.\n\n3. Valg af ny kasserer.\n\n4. Eventuelt.\n"
    )
    assert [(i.number, i.title) for i in _segment(text).items] == [
        ("1", "Velkomst og navnerunde"),
        ("2", "Regnskab for sommerlejren"),
        ("3", "Valg af ny kasserer"),
        ("4", "Eventuelt"),
    ]


def test_web_page_without_headings_and_with_key_lines_gives_no_items() -> None:
    """'Sagen afgøres i' + the committee, 'Indhold', the meeting line: none is a title."""
    text = (
        "Teknik- og Miljøudvalget\nDagsorden • 12. maj 2027 kl. 15.30\nIndhold\n"
        "Beslutningstema\nNy plan for vejbelysning i landsbyerne.\nIndstilling\n"
        "Direktionen indstiller, at planen godkendes.\nSagen afgøres i\n"
        "Teknik- og Miljøudvalget\nBeslutningstema\nOrientering om vintertjenesten.\n"
        "Indstilling\nDirektionen indstiller, at orienteringen tages til efterretning.\n"
        "Sagen afgøres i\nTeknik- og Miljøudvalget\nBeslutningstema\nHøring om ny busplan.\n"
    )
    from kkrnlp.errors import InputError

    with pytest.raises(InputError, match="no items found"):
        _segment(text)


def test_an_attachment_file_name_under_a_case_heading_is_not_title() -> None:
    text = (
        "Udvalget for Kultur\n\n • Pkt. 3 Takster for svømmehallen 2028\n  takstblad_2028.pdf\n"
        "  Indstilling\n  Forvaltningen indstiller, at taksterne godkendes.\n"
        " • Pkt. 4 Nyt fra formanden\n  Beslutning\n  Taget til efterretning.\n"
    )
    assert [(i.number, i.title) for i in _segment(text).items] == [
        ("3", "Takster for svømmehallen 2028"),
        ("4", "Nyt fra formanden"),
    ]
