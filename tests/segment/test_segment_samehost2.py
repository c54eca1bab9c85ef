"""Shapes met on new pages of known publishing sites: verdict points, closed-item blocks."""

from __future__ import annotations

from kkrnlp.pipeline import parse_text


def test_verdicts_numbered_by_point_are_no_items() -> None:
    """Each committee's verdict on the recommendation's points ('1) Godkendt.') stays text."""
    page = (
        "Dagsorden til møde i Havneudvalget\n\nDen 09.02.2031 kl. 08:30 i Havnehuset\n\n\n"
        "Indholdsfortegnelse\n\n\nDeltagere:\n\nOle Dam, (A)\nIda Krog, (V)\n\n\n"
        "21.   Godkendelse af dagsorden\n\n\n\nTil toppen\n\n\n"
        "22.   1. Halvårsregnskab for havnen\n\n\n"
        "Indstilling\n\nForvaltningen indstiller til Byrådet og Havneudvalget, at de \n\n"
        "  1. tager regnskabet til efterretning \n"
        "  2. godkender, at 0,4 mio. kr. flyttes til kajen\n"
        "  3. godkender nye takster for gæstesejlere\n"
        "  4. tager orientering om isvinteren til efterretning\n"
        "  5. godkender flytning af midler til broen, jf. bilag 1.\n\n"
        "Fritidsudvalget 02-02-2031\nDrøftet og taget til efterretning.\n\n"
        "Miljøudvalget 01-02-2031\n1) Godkendt.\n\n"
        "2 - 5) Anbefales overfor Havneudvalget og Byrådet.\n\n"
        "Vejudvalget 03-02-2031\n1) Godkendt.\n\n2) Godkendt.\n\n"
        "3) Anbefales overfor Havneudvalget og Byrådet.\n\n"
        "4) Anbefales overfor Havneudvalget og Byrådet.\n\n"
        "5) Anbefales overfor Havneudvalget og Byrådet.\n\n"
        "Baggrund og vurdering\n\nHavnen har haft et godt halvår med flere gæster.\n"
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items] == [
        ("21", "Godkendelse af dagsorden"),
        ("22", "1. Halvårsregnskab for havnen"),
    ]


def test_closed_items_numbered_in_a_block_of_their_own_stay_in_the_list() -> None:
    """'åbent 3 ...' then 'lukket 101 ...': the closed items are items too."""
    page = (
        "Referat\nByrådet\n05-05-2031 kl. 18:00\nDagsordenspunkter\n\n"
        "  åbent 1 Fraværende og bemærkninger til dagsorden\n"
        "  åbent 2 Ny legeplads i Nordby\n"
        "  åbent 3 Orientering fra formanden\n"
        "  lukket 101 Lukket punkt. Salg af grund.\n"
        "  lukket 102 Lukket punkt\n\n\n"
        "Til indholdsfortegnelse\n\n Åbent  punkt\n\n"
        " 1  Fraværende og bemærkninger til dagsorden\n\nFraværende\n\nIngen.\n\n"
        "Til indholdsfortegnelse\n\n Åbent  punkt\n\n 2  Ny legeplads i Nordby\n\n"
        "Hvem beslutter\n\nByrådet beslutter.\n"
    )
    items = parse_text(page).items
    assert [i.number for i in items] == ["1", "2", "3", "101", "102"]
    assert items[3].title == "Lukket punkt. Salg af grund."
    assert items[3].access == "lukket"
