"""Item numbers glued to the text before them, or printed on a line of their own."""

from __future__ import annotations

from kkrnlp.ingest.clean import clean_text
from kkrnlp.ingest.clean.numbers import (
    join_lone_numbers,
    split_glued_numbers,
    split_list_restart,
    split_point_minutes,
)
from kkrnlp.pipeline import parse_text


def test_a_run_of_glued_numbers_is_split() -> None:
    line = "Mødet den 2. maj 2026.1. Dagsorden2. Ny sti langs åen3. Budget 20274. Eventuelt"
    assert split_glued_numbers([line]) == [
        "Mødet den 2. maj 2026.",
        "1. Dagsorden",
        "2. Ny sti langs åen",
        "3. Budget 2027",
        "4. Eventuelt",
    ]


def test_numbers_glued_to_the_end_of_lines_continue_the_run() -> None:
    lines = ["1. Dagsorden", "Godkendt.2.", "Ny sti", "Vedtaget.3. ", "Eventuelt"]
    assert split_glued_numbers(lines) == [
        "1. Dagsorden", "Godkendt.", "2.", "Ny sti", "Vedtaget.", "3.", "Eventuelt",
    ]  # fmt: skip


def test_a_stray_glued_number_stays() -> None:
    lines = ["1. Dagsorden", "Se side 12. Der står mere.", "Aftalt med punkt 2. Herefter"]
    assert split_glued_numbers(lines) == lines


def test_a_lone_number_joins_the_title_under_it() -> None:
    assert join_lone_numbers(["3.", "", "Ny sti langs åen", "Tekst."]) == [
        "3. Ny sti langs åen",
        "Tekst.",
    ]


def test_a_bulleted_number_joins_the_title_under_it() -> None:
    assert join_lone_numbers(["  • 12", "", "    Ny sti"]) == ["12. Ny sti"]
    assert join_lone_numbers(["  • 121.", "    Ny sti"]) == ["121. Ny sti"]
    assert join_lone_numbers(["12", "Ny sti"]) == ["12", "Ny sti"]  # a page number
    assert join_lone_numbers(["4)", "", "Ny sti"]) == ["4. Ny sti"]


def test_minutes_ad_number_joins_a_short_title_under_it() -> None:
    assert join_lone_numbers(["ad 1.", "", "Valg af mødeleder", "", "Ida blev valgt."]) == [
        "ad 1. Valg af mødeleder",
        "",
        "Ida blev valgt.",
    ]
    # "Ad. 1" above the point's text (the titles were listed above): text, not a title
    text = ["Ad. 1", "Der er kommet to tilbud, og begge er for dyre."]
    assert join_lone_numbers(text) == text


def test_a_column_of_numbers_is_left_alone() -> None:
    lines = ["3.1.", "3.2.", "Første titel", "Anden titel"]
    assert join_lone_numbers(lines) == lines


def test_clean_text_puts_numbers_back_on_their_titles() -> None:
    text = "Referat\n\n1.\nDagsorden\n\nGodkendt.2.\nNy sti\n\nOk.3.\nEventuelt\n"
    lines = [line for line in clean_text(text).lines if line]
    assert lines == ["Referat", "1. Dagsorden", "Godkendt.", "2. Ny sti", "Ok.", "3. Eventuelt"]


def test_a_line_of_ui_labels_is_furniture() -> None:
    from kkrnlp.ingest.clean.furniture import is_furniture_line

    assert is_furniture_line("Kopier link til punktet - Print")
    assert not is_furniture_line("Print - en ny trykkeriaftale")


def test_a_column_of_numbers_pairs_with_the_titles_after_it() -> None:
    from kkrnlp.ingest.clean.numbers import zip_number_columns

    lines = ["2.1.", "2.2.", "Ny sti ........ 4", "Ny bro ........ 6", "Tekst"]
    assert zip_number_columns(lines) == [
        "2.1. Ny sti ........ 4",
        "2.2. Ny bro ........ 6",
        "Tekst",
    ]
    # pages that go back mean the columns are not side by side: left alone
    back = ["Budget ........ 5", "1.", "2.", "Ny sti ........ 3", "Ny bro ........ 4"]
    assert zip_number_columns(back) == back
    # counts that differ are left alone
    assert zip_number_columns(lines[:3]) == lines[:3]


def test_bare_numbers_alone_join_their_titles_only_in_a_counting_run() -> None:
    from kkrnlp.ingest.clean.numbers import join_bare_number_runs

    cells = ["Punkt", "Emne", "1", "Velkomst", "2", "", "Regnskab 2026", "3", "Sommerfest"]
    assert join_bare_number_runs(cells) == [
        "Punkt", "Emne", "1. Velkomst", "2. Regnskab 2026", "3. Sommerfest",
    ]  # fmt: skip
    # page cells of a table of contents (number, title, page) and a short run stay as they are
    toc = ["1", "Velkomst", "3", "2", "Regnskab 2026", "5", "3", "Sommerfest", "8"]
    assert join_bare_number_runs(toc) == toc
    short = ["1", "Velkomst", "2", "Regnskab 2026", "Tekst om regnskabet."]
    assert join_bare_number_runs(short) == short


def test_page_cells_after_titles_are_not_item_numbers() -> None:
    from kkrnlp.ingest.clean.numbers import join_bare_number_runs

    cells = ["Velkomst", "3", "Regnskab 2026", "4", "Sommerfest", "5", "Eventuelt", "6"]
    assert join_bare_number_runs(cells) == cells


def test_point_number_run_into_its_minutes_is_split_off() -> None:
    lines = [
        "Dagsorden og referat",
        "Punkt 15 minVelkomst og sang",
        " 19.00 - 19.05",
        "Punkt 210 minNyt fra elevrådet",
        "Punkt 345 minBudget for næste skoleår",
    ]
    assert split_point_minutes(lines) == [
        "Dagsorden og referat",
        "Punkt 1 Velkomst og sang",
        " 19.00 - 19.05",
        "Punkt 2 Nyt fra elevrådet",
        "Punkt 3 Budget for næste skoleår",
    ]


def test_digits_that_are_no_point_in_turn_are_left_alone() -> None:
    lines = ["Punkt 95 minOpfølgning", "Punkt 1000 minTest"]
    assert split_point_minutes(lines) == lines


def test_first_heading_glued_to_the_last_entry_of_the_list_is_split_off() -> None:
    """'3. UnderskriftsbladN1. Godkendelse ...': the items start again after the list."""
    page = (
        "PUNKTER\n\n1. Godkendelse af dagsorden til mødet om havnen\n"
        "2. Orientering om nye bænke ved stranden\n3. Underskriftsblad1. Godkendelse af "
        "dagsorden til mødet om havnen\n\nGodkendelse af dagsorden til mødet om havnen\n"
        "Indstilling\nSekretariatet indstiller, at:\n 1. dagsordenen for mødet godkendes.\n"
        "Beslutning i Havneudvalget den 02-03-2031\nGodkendt\n"
        "2. Orientering om nye bænke ved stranden\n\nOrientering om nye bænke ved stranden\n"
        "Indstilling\nSekretariatet indstiller, at:\n 1. orienteringen tages til efterretning.\n"
    )
    lines = clean_text(page).lines
    assert "3. Underskriftsblad" in lines
    assert "1. Godkendelse af dagsorden til mødet om havnen" in lines
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items][:2] == [
        ("1", "Godkendelse af dagsorden til mødet om havnen"),
        ("2", "Orientering om nye bænke ved stranden"),
    ]


def test_a_glued_number_that_does_not_start_the_list_again_stays() -> None:
    lines = ["1. Budget for skolerne", "2. Nye stier i skoven", "3. Tilskud til klubben4. Andet"]
    assert split_list_restart(lines) == lines
    short = ["1. Budget for skolerne", "2. Nyt tag på hallen1. Budget for skolerne"]
    assert split_list_restart(short) == short


def test_first_heading_glued_after_an_abbreviation_is_split_off() -> None:
    """'4. Evt.1. Godkendelse ...': the last entry ends in a full stop of its own."""
    page = (
        "PUNKTER\n\n1. Godkendelse af dagsorden\n2. Beslutning om ny bådebro ved fjorden\n"
        "3. Orientering om stier i mosen\n4. Evt.1. Godkendelse af dagsorden\n\n"
        "Godkendelse af dagsorden\n\nIndstilling\nDirektøren indstiller, at:\n"
        " 1. dagsorden til mødet den 3. marts 2031 godkendes\n\n"
        "Beslutning i Fjordudvalget den 03-03-2031\nGodkendt\n"
        "2. Beslutning om ny bådebro ved fjorden\n\nBeslutning om ny bådebro ved fjorden\n"
        "Indstilling\nDirektøren indstiller, at:\n 1. broen bygges i 2032\n"
    )
    lines = clean_text(page).lines
    assert "4. Evt." in lines
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items][:2] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Beslutning om ny bådebro ved fjorden"),
    ]
