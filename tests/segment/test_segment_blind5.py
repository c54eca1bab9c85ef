"""Shapes met on a fifth blind set of pages from known publishing sites."""

from __future__ import annotations

from kkrnlp.pipeline import parse_text


def test_contents_heading_over_the_items_own_headings_keeps_the_last_items_text() -> None:
    """'Indholdsfortegnelse' over headings with no text, then the last one's case text:
    the numbered lines are the items, not a list of them."""
    page = (
        "Dagsorden - Teknikudvalget den 4. marts 2031\n\nMødefakta\n\n"
        "Dato: Tirsdag den 4. marts 2031\nMødested: Rådhuset\n\n"
        "Indholdsfortegnelse\n\n\n1. Godkendelse af dagsorden\n\n\n2. Meddelelser\n\n\n"
        "3. Orientering om ny belysning på stisystemet ved Engparken\n\n"
        "Beslutningstema\n\nKommunen skifter 240 lamper på stierne ved Engparken til LED.\n\n"
        "Indstilling\n\nDirektøren indstiller til Teknikudvalget\n\n"
        "1. at tage orienteringen til efterretning\n\n"
        "Sagsfremstilling\n\nArbejdet begynder i uge 14 og varer seks uger.\n"
    )
    items = parse_text(page).items
    assert [(i.number, i.empty) for i in items] == [("1", True), ("2", True), ("3", False)]
    third = items[2]
    assert "240 lamper" in third.text
    assert third.recommendation_text and "efterretning" in third.recommendation_text


def test_a_list_above_its_first_heading_with_case_text_is_still_a_list() -> None:
    """The usual contents list: the first heading follows it, then that item's text."""
    page = (
        "Referat\nSkoleudvalget\n\nIndholdsfortegnelse\n\n1. Godkendelse af dagsorden\n"
        "2. Skolernes ferieplan 2032\n3. Eventuelt\n\n1. Godkendelse af dagsorden\n\n"
        "Beslutning\n\nGodkendt.\n\n2. Skolernes ferieplan 2032\n\nIndstilling\n\n"
        "Forvaltningen indstiller, at ferieplanen godkendes.\n\nBeslutning\n\nGodkendt.\n\n"
        "3. Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    items = parse_text(page).items
    assert [i.number for i in items] == ["1", "2", "3"]
    assert "ferieplanen godkendes" in (items[1].recommendation_text or "")


def test_a_listed_heading_glued_onto_the_last_line_of_the_previous_item_is_split_off() -> None:
    """'... i stedet for Ole Sand (A).12. Budgetdialog med MED': the saved page lost the
    line break before the next heading."""
    page = (
        "Referat\ntil\nmødet i Ældreudvalget\nden 2. juni 2032 kl. 15:00\n\n"
        "Pkt. Tekst\n11 Godkendelse af dagsordenen\n12 Budgetdialog med MED\n"
        "13 Meddelelser\n\n11. Godkendelse af dagsordenen\n\nBeslutning i Ældreudvalget den "
        "2. juni 2032\n\nGodkendt.\n\nFraværende: Eva Lund (V) deltog i stedet for Ole Sand "
        "(A).12. Budgetdialog med MED\n\nSagsresume\n\nUdvalget mødes med MED om budget 2033."
        "\n\nIndstilling\n\nCentret indstiller, at dialogmødet tages til efterretning.\n\n"
        "Beslutning i Ældreudvalget den 2. juni 2032\n\nGodkendt.\n"
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items][:2] == [
        ("11", "Godkendelse af dagsordenen"),
        ("12", "Budgetdialog med MED"),
    ]
    assert "Budgetdialog" not in items[0].text.split("\n", 1)[1]
    assert not items[1].empty
    assert "tages til efterretning" in (items[1].recommendation_text or "")
    assert "Ole Sand (A)." in items[0].text


def test_a_number_after_a_full_stop_that_the_list_does_not_name_stays_in_the_text() -> None:
    """'... jf. pkt. 3.12. Juni': no listed title follows the number, so no split."""
    page = (
        "Referat\n\nPkt. Tekst\n1 Godkendelse af dagsorden\n2 Trafikplan for bymidten\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
        "2. Trafikplan for bymidten\n\nIndstilling\n\nForvaltningen indstiller, at planen "
        "godkendes.\n\nBeslutning\n\nPlanen træder i kraft jf. tidsplanen.12. Juni er "
        "første dag.\n"
    )
    items = parse_text(page).items
    assert [i.number for i in items] == ["1", "2"]
    assert "12. Juni er første dag" in items[1].text
