"""Shapes met on a fourth blind set of pages from known publishing sites."""

from __future__ import annotations

from kkrnlp.pipeline import parse_text
from kkrnlp.segment.titles import split_heading


def test_flattened_contents_with_roman_page_numbers_end_each_title_at_its_leader() -> None:
    """'Titel...ii Gruppe...iii 43. Titel': the page number and the next group stay out."""
    page = (
        "Bakkely Kommune. Byrådet. Referat\n\nStørrelse: px\nStarte visningen fra side:\n\n"
        'Download "Bakkely Kommune. Byrådet. Referat"\n\nTranskript\n\n'
        "1 Bakkely Kommune Byrådet Referat Dato: Mødested: Afbud fra: Onsdag den 3-marts-2032 "
        "Rådssalen Fraværende: Ingen. Mødedeltagere: Ole Dam, Ida Krog, Per Vang åben\n\n"
        "2 Indholdsfortegnelse Til orientering - for åbne døre...i 41. Til orientering - "
        "Kvartalstal for ældreplejen...i 42. Status for havnebadet...ii Til beslutning - for "
        "åbne døre...iii 43. Ansøgning fra Rideklubben Hesteskoen...iii 44. Takster for "
        "vinterbadning 2033....iv 45. SPØRGSMÅL FRA BORGERE...v Til beslutning - for lukkede "
        "døre...v 46. Lukket sag: Salg af grund ved Møllevej...vi åben\n\n"
        "3 Side i Til orientering - for åbne døre 41. Til orientering - Kvartalstal for "
        "ældreplejen Sagsid.: Åben sag Forvaltningen fremsender kvartalstal for hjemmeplejen.\n"
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items] == [
        ("41", "Til orientering - Kvartalstal for ældreplejen"),
        ("42", "Status for havnebadet"),
        ("43", "Ansøgning fra Rideklubben Hesteskoen"),
        ("44", "Takster for vinterbadning 2033"),
        ("45", "SPØRGSMÅL FRA BORGERE"),
        ("46", "Salg af grund ved Møllevej"),
    ]


def test_a_word_after_an_ellipsis_is_title_not_a_page_number() -> None:
    """'... i' with a space, or an ellipsis inside a title, is not a dot leader."""
    assert split_heading("Byggeri på havnen... i Nørreby")[0] == "Byggeri på havnen... i Nørreby"
    assert split_heading("Regnskab for skolerne...12")[0] == "Regnskab for skolerne"
    assert split_heading("Regnskab for skolerne...iv")[0] == "Regnskab for skolerne"


def test_a_dated_decision_heading_printed_as_a_bullet_opens_the_decision() -> None:
    """Pages that list an item's sections as bullets: '• Beslutning i X den 04-03-2031'."""
    page = (
        "Havneudvalget - Referat fra mødet den 04-03-2031\n\nReferat\n\n"
        "  • 1 Status for havnebadet\n    • Sagsfremstilling\n\n"
        "      Havnebadet har haft flere gæster end ventet i sommeren 2030.\n\n"
        "    • Indstilling\n\n      Direktøren foreslår,\n\n"
        "      at Havneudvalget tager status til efterretning.\n\n"
        "    • Beslutning i Havneudvalget den 04-03-2031\n\n"
        "      Status blev taget til efterretning.\n"
    )
    (item,) = parse_text(page).items
    assert "Beslutning" not in (item.recommendation_text or "")
    assert item.decision_text == "Status blev taget til efterretning."


def test_a_bullet_that_only_starts_with_beslutning_is_text() -> None:
    from kkrnlp.segment.patterns import is_section_heading

    assert is_section_heading("• Beslutning i Havneudvalget om nye takster") is None
    assert is_section_heading("• Beslutning i Havneudvalget den 04-03-2031") is not None


def test_a_flattened_decision_heading_that_lost_its_date_keeps_its_verdict_as_text() -> None:
    """'Beslutning i X den Godkendt. Ej til stede: NN': the verdict is the decision."""
    from kkrnlp.segment.patterns import is_section_heading

    assert is_section_heading("Beslutning i Havneudvalget den Godkendt. Ej til stede: Ole Dam") == (
        "Beslutning i Havneudvalget den",
        "Godkendt. Ej til stede: Ole Dam",
    )
    assert is_section_heading("Beslutning i Havneudvalget den 04-03-2031") == (
        "Beslutning i Havneudvalget den 04-03-2031",
        "",
    )
