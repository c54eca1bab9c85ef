"""Lists broken up by the page width or a flowed paragraph, joined again."""

from __future__ import annotations

from kkrnlp.ingest.clean.lists import join_wrapped_list_entries, unwrap_flowed_lists
from kkrnlp.pipeline import parse_text


def test_a_list_run_on_and_wrapped_at_the_page_width_is_split_entry_by_entry() -> None:
    text = (
        "Indholdsfortegnelse\n\n1. Nyt fra formanden 2. Ny plan for stierne langs\n"
        "åen 3. Tilskud til spejderhytten 4. Budget for havnen 2028 5.\n"
        "Eventuelt\n\n1. Nyt fra formanden\nBeslutning\nTaget til efterretning.\n"
    )
    assert [(i.number, i.title) for i in parse_text(text).items] == [
        ("1", "Nyt fra formanden"),
        ("2", "Ny plan for stierne langs åen"),
        ("3", "Tilskud til spejderhytten"),
        ("4", "Budget for havnen 2028"),
        ("5", "Eventuelt"),
    ]


def test_one_entry_a_line_after_a_short_word_is_not_joined() -> None:
    lines = ["åbent 1 Nyt fra formanden", "åbent 2 Stier langs åen", "lukket 3 Køb af grund"]
    assert unwrap_flowed_lists(lines) == lines


def test_a_list_entry_wrapped_after_a_little_word_is_joined() -> None:
    lines = [
        "4. Mødeplan",
        "5. Rapport om ventetider på skadestuerne fra",
        "Sundhedsstyrelsen",
        "6. Eventuelt",
    ]
    assert join_wrapped_list_entries(lines) == [
        "4. Mødeplan",
        "5. Rapport om ventetider på skadestuerne fra Sundhedsstyrelsen",
        "6. Eventuelt",
    ]
    prose = ["5. Ny aftale med", "Det blev aftalt at vente.", "Beslutning"]
    assert join_wrapped_list_entries(prose) == prose


def test_a_list_entry_wrapped_at_the_list_width_takes_its_next_lines() -> None:
    lines = [
        "åbent 4 Revision af skolepolitikken",
        "åbent 5 Ansøgning fra de gamle i Nordbyens",
        "Motorveteranklub om tilskud til nyt klubhus",
        "åbent 6 Regnskab for musikskolen",
        "åbent 7 Tilskud til foreningernes sommerferie aktiviteter",
    ]
    assert join_wrapped_list_entries(lines)[1] == (
        "åbent 5 Ansøgning fra de gamle i Nordbyens Motorveteranklub om tilskud til nyt klubhus"
    )
    # decisions, keys and group headings under an entry stay on their own lines
    for middle in ("Godkendt.", "Beslutning: Vedtaget", "Efterretningssager", "Orientering"):
        minutes = [
            "3. Budgetopfølgning for ældreområdet pr. 31. marts",
            middle,
            "4. Nyt fra formanden om samarbejdet med regionen",
        ]
        assert join_wrapped_list_entries(minutes) == minutes, middle


def test_bulleted_entries_wrapped_at_the_list_width_are_joined() -> None:
    lines = [
        " • Godkendelse af dagsorden",
        " • Beslutning om flytning af biblioteket i Østerby til",
        "skolen",
        " • Budgetopfølgning for første kvartal og ansøgning om",
        "ekstra midler til vejene",
        " • Anlægsbevilling til ny cykelsti langs Fjordvejen og",
        "Skovbakken",
        "",
        "Lukket møde",
    ]
    assert join_wrapped_list_entries(lines) == [
        " • Godkendelse af dagsorden",
        " • Beslutning om flytning af biblioteket i Østerby til skolen",
        " • Budgetopfølgning for første kvartal og ansøgning om ekstra midler til vejene",
        " • Anlægsbevilling til ny cykelsti langs Fjordvejen og Skovbakken",
        "",
        "Lukket møde",
    ]
    # a dash that the wrap put first is the rest of a numbered entry, not a bullet
    dashed = ["7 Strategi for skoler og dagtilbud", "- mål og indsatser", "8 Eventuelt"]
    assert join_wrapped_list_entries(dashed) == [
        "7 Strategi for skoler og dagtilbud - mål og indsatser",
        "8 Eventuelt",
    ]
