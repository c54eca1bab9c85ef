"""Sub-items lettered 'a)', 'b)' right under a numbered heading. Fixtures are invented text."""

from __future__ import annotations

from kkrnlp.ingest.clean import clean_text
from kkrnlp.segment import segment

LETTERED_MINUTES = """Referat af bestyrelsesmøde i Søbadeklubben den 2. september 2031

1. Henvendelse fra et medlem

Bestyrelsen har talt med medlemmet og taget redegørelsen til efterretning.

2. Opfølgning på opgaver

a) Velkomstfolder: er ved at blive skrevet. Ida og Per laver den.

b) Ny sauna: Per har bedt om tre tilbud.

c) Skabe i omklædningen: Der sættes ti skabe op på prøve.

3. Eventuelt

Intet.
"""


def _pairs(text: str) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in segment(clean_text(text)).items]


def test_lettered_run_under_a_heading_is_its_sub_items() -> None:
    items = segment(clean_text(LETTERED_MINUTES)).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Henvendelse fra et medlem"),
        ("2.a", "Velkomstfolder"),
        ("2.b", "Ny sauna"),
        ("2.c", "Skabe i omklædningen"),
        ("3", "Eventuelt"),
    ]
    assert items[1].group == "Opfølgning på opgaver"
    assert "tre tilbud" in " ".join(s.text for s in items[2].sections)


def test_lettered_points_inside_an_item_text_stay_text() -> None:
    text = LETTERED_MINUTES.replace(
        "2. Opfølgning på opgaver\n\n", "2. Opfølgning på opgaver\n\nVi gennemgik listen:\n\n"
    )
    assert _pairs(text) == [
        ("1", "Henvendelse fra et medlem"),
        ("2", "Opfølgning på opgaver"),
        ("3", "Eventuelt"),
    ]


def test_a_run_that_does_not_start_at_a_is_no_sub_items() -> None:
    text = LETTERED_MINUTES.replace("a) Velkomstfolder", "d) Velkomstfolder")
    assert [n for n, _ in _pairs(text)] == ["1", "2", "3"]


def test_letters_with_a_full_stop_under_a_group_line() -> None:
    text = """Referat af menighedsrådsmøde den 3. juni 2031

1. Spørgetid.
Intet.

2. Meddelelser fra:
a. Formanden
Brev fra provstiet.

b. Kassereren
Intet.

c. Kirkeværgen
Taget til efterretning.

3. Eventuelt
Intet.
"""
    assert _pairs(text) == [
        ("1", "Spørgetid"),
        ("2.a", "Formanden"),
        ("2.b", "Kassereren"),
        ("2.c", "Kirkeværgen"),
        ("3", "Eventuelt"),
    ]
