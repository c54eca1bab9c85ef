"""Shapes from publishers the parser had not seen: web pages that lost their item
headings, and excerpts cut off inside a heading. Fixtures are invented text."""

from __future__ import annotations

import pytest

from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import clean_text
from kkrnlp.segment import segment

# A web page whose item headings sat in buttons the saved text lost: the page prints
# its committee, a "Referat • date" line, then one item's sections without a title.
HEADLESS_KIND_DATE = """Havneudvalget
Referat • 4. marts 2031 kl. 14.00
Indhold
Beslutningstema
Plan for ny slæbested ved lystbådehavnen.
Indstilling
Forvaltningen indstiller, at
- planen for slæbestedet godkendes.
Sagsfremstilling
Havnefogeden har udarbejdet en plan for et nyt slæbested.
"""

# The same loss on a page with a navigation label above the meeting's header keys.
HEADLESS_NAV_LABEL = """icon-Borger

Borger

Referat

Tirsdag den 4. marts 2031 kl. 14:00

Mødested: Havnehuset
Udvalg: Havneudvalget
Medlemmer: Ida Holm, Per Lund, Sara Vang
- Sagsid.:

Beslutning Havneudvalget den 04-03-2031

Dagsordenen godkendt.

- Sagsid.: 31/118

Indstilling

Forvaltningen indstiller, at planen for slæbestedet godkendes.
"""

# A page that prints the part label "Åben dagsorden" right above an untitled item.
HEADLESS_PART_LABEL = """Havneudvalget

04.03.2031 kl. 14:00
Havnehuset

Deltagere
  - Ida Holm - Deltog
  - Per Lund - Deltog

Åben dagsorden

Beslutning

Intet

Sammendrag

Planen for slæbestedet forelægges til godkendelse.
"""


# Minutes whose item titles the saved text lost, each item opened by an access line.
HEADLESS_ACCESS_LINES = """Bygningsudvalget 9. april 2031

Åben

Beslutning

Sag 4 er taget af dagsordenen.

Godkendt.

Åben

Indstilling

Forvaltningen indstiller, at udvalget godkender 2 mio. kr. til nyt tag på hallen.

Beslutning

Godkendt.

Åben

Indstilling

Forvaltningen indstiller, at orienteringen tages til efterretning.

Beslutning

Taget til efterretning.
"""


@pytest.mark.parametrize(
    "text",
    [HEADLESS_KIND_DATE, HEADLESS_NAV_LABEL, HEADLESS_PART_LABEL, HEADLESS_ACCESS_LINES],
    ids=["kind-date", "nav-label", "part-label", "access-lines"],
)
def test_headless_page_gives_no_invented_item(text: str) -> None:
    # The header line, a navigation word or a part label is not the item's title.
    with pytest.raises(InputError, match="no items found"):
        segment(clean_text(text))


def test_unnumbered_title_below_the_header_is_still_found() -> None:
    text = """Referat

Tirsdag den 4. marts 2031 kl. 14:00

Mødested: Havnehuset
Udvalg: Havneudvalget

Nyt slæbested ved lystbådehavnen

Indstilling

Forvaltningen indstiller, at planen godkendes.

Beslutning

Godkendt.
"""
    meeting = segment(clean_text(text))
    assert [(i.number, i.title) for i in meeting.items] == [
        (None, "Nyt slæbested ved lystbådehavnen")
    ]


def test_heading_cut_off_at_the_end_takes_the_listed_title() -> None:
    # A saved excerpt that stops inside item 2's heading: the list at the top prints it whole.
    text = """Havnerådet

Referat

INDHOLDSFORTEGNELSE:

1.

Velkomst til rådets nye medlemmer

3

2.

Drøftelse af rådets mødeform og mødesteder i det kommende år

4

3.

Eventuelt

5

1.    Velkomst til rådets nye medlemmer

Sagsfremstilling

Formanden bød velkommen.

Besluttet på Havnerådet som punkt 1

Taget til efterretning.

2.    Drøftelse af rådets mødeform og mødesteder i det komm"""
    meeting = segment(clean_text(text))
    titles = {i.number: i.title for i in meeting.items}
    assert titles["2"] == "Drøftelse af rådets mødeform og mødesteder i det kommende år"
    assert titles["1"] == "Velkomst til rådets nye medlemmer"
    assert titles["3"] == "Eventuelt"


def test_heading_not_cut_keeps_its_own_title() -> None:
    # The list's longer title does not replace a heading that has a body under it.
    text = """1. Ny bro over åen med cykelsti og belysning
2. Eventuelt

1. Ny bro over åen

Sagsfremstilling

Broen er slidt og skal udskiftes.

2. Eventuelt

Intet.
"""
    meeting = segment(clean_text(text))
    assert meeting.items[0].title == "Ny bro over åen"


def test_one_word_decision_under_a_title_is_not_its_second_line() -> None:
    text = """Referat

Tilstede: Ida Holm, Per Lund, Sara Vang

Dagsorden:

1. Valg af ordstyrer
ok

2. Plan for klubbernes sommerlejr
På baggrund af planen fulgte en god drøftelse i bestyrelsen om lejrens program

3. Budgetopfølgning
Bestyrelsen tog opfølgningen til efterretning og ønsker en oversigt for hver klub

4. Orientering fra klubberne

 - Klubben i byen
  Lederen orienterede om nye åbningstider fra januar og om et nyt værksted.
 - Klubben på landet
  Lederen orienterede om flere medlemmer i efteråret og om en tur til skoven.
"""
    meeting = segment(clean_text(text))
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Valg af ordstyrer"),
        ("2", "Plan for klubbernes sommerlejr"),
        ("3", "Budgetopfølgning"),
        ("4", "Orientering fra klubberne"),
    ]


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        ("Årsplan for klubberne-bilag", "Årsplan for klubberne"),
        ("Årsplan for klubberne - bilag 2", "Årsplan for klubberne"),
        ("Bilag til årsplanen for klubberne", "Bilag til årsplanen for klubberne"),
        ("Besøg af Lejrforeningen, jf. KLU alm. del - bilag 12.", "Besøg af Lejrforeningen"),
        ("Lejrens økonomi jf. bilag 3", "Lejrens økonomi"),
    ],
)
def test_attachment_note_after_a_title_is_dropped(printed: str, title: str) -> None:
    from kkrnlp.segment.markers import split_markers

    assert split_markers(printed).title == title


def test_unnumbered_title_is_not_the_text_under_a_content_label() -> None:
    # Each item prints its title, then "Indhold:" and a text that starts like the title.
    text = """Mødets punkter med beslutninger:

Valg af ordstyrer

Indhold:

Valg af ordstyrer for mødet

Referat

Sara blev valgt.

Status for væresteder

Indhold:

Status for væresteder i bydelene og åbningstider i vinter

Referat

Taget til efterretning
"""
    meeting = segment(clean_text(text))
    assert [i.title for i in meeting.items] == [
        "Valg af ordstyrer",
        "Status for væresteder",
    ]


def test_page_number_after_an_entry_of_a_full_stop_list_is_dropped() -> None:
    text = """Rådsmøde den 4. marts 2031 kl. 17.00

1. Godkendelse af dagsorden.

2. Plan for stier i Vestskoven.

3. Havnens venner - Ansøgning om
tilskud til nye bænke ved molen 12

4. Endelig vedtagelse af lokalplan for
boliger ved Møllevej 7.
"""
    meeting = segment(clean_text(text))
    assert [i.title for i in meeting.items] == [
        "Godkendelse af dagsorden",
        "Plan for stier i Vestskoven",
        "Havnens venner - Ansøgning om tilskud til nye bænke ved molen",
        "Endelig vedtagelse af lokalplan for boliger ved Møllevej 7",
    ]


def test_a_group_that_numbers_from_one_again_keeps_its_items() -> None:
    # A notice that lists titles only, in two groups each counted from 1.
    text = """Byrådet holder møde onsdag den 9. april 2031 kl. 19.00 med denne dagsorden:

Til afgørelse (åbne punkter)

  1. Anlægsbevilling til ny svømmehal
  2. Takster for vinterbadning 2032
  3. Skiltning ved havnefronten

Til efterretning (åbne punkter)

  1. Status på renovering af biblioteket
  2. Henvendelse fra grundejerforeningen
"""
    items = segment(clean_text(text)).items
    assert [(i.number, i.title, i.group) for i in items] == [
        ("1", "Anlægsbevilling til ny svømmehal", "Til afgørelse (åbne punkter)"),
        ("2", "Takster for vinterbadning 2032", "Til afgørelse (åbne punkter)"),
        ("3", "Skiltning ved havnefronten", "Til afgørelse (åbne punkter)"),
        ("1", "Status på renovering af biblioteket", "Til efterretning (åbne punkter)"),
        ("2", "Henvendelse fra grundejerforeningen", "Til efterretning (åbne punkter)"),
    ]
    assert all(i.empty for i in items)


def test_closed_items_numbered_from_one_again_are_kept() -> None:
    text = """Dagsorden for Kulturudvalget
1. Godkendelse af dagsorden
Beslutning
Godkendt.
2. Tilskud til spillestedet
Indstilling
Forvaltningen indstiller, at der gives et tilskud på 50.000 kr.
Beslutning
Godkendt.
Lukkede dagsordenspunkter
1. Køb af jord ved skoven
2. Salg af materielgården
"""
    items = segment(clean_text(text)).items
    assert [(i.number, i.title, i.access) for i in items[2:]] == [
        ("1", "Køb af jord ved skoven", "lukket"),
        ("2", "Salg af materielgården", "lukket"),
    ]
    # The closed list is not the text of the open item above it.
    assert "Køb af jord" not in items[1].text


def test_a_list_inside_an_item_text_is_not_a_group() -> None:
    # An item's text may list cases under a line with a group word; with item text
    # around, that list is the item's content, not more items.
    text = """Dagsorden for Teknikudvalget
1. Godkendelse af dagsorden
Beslutning
Godkendt.
2. Vejplan for 2032
Sagsfremstilling
Planen samler disse sager
1. Belysning på Skolevej
2. Fortove i Nørrebyen
Beslutning
Godkendt.
"""
    items = segment(clean_text(text)).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Vejplan for 2032"),
    ]


def test_rows_of_a_title_and_decision_table_are_items() -> None:
    # A flattened table: the title column's label and the decision column's heading
    # above each row, the row's title under them.
    text = """Lukkede sager i udvalget

Oversigt over lukkede sager med beslutning

Sagstitel

Beslutning

KU - Salg af grund ved stationen

Udvalget fulgte anbefalingen.

Stemmer for: 9

Sagsoverskrift

Beslutning

KU - Leje af lokaler til musikskolen

Anbefalingen fulgt.
"""
    items = segment(clean_text(text)).items
    assert [(i.number, i.title) for i in items] == [
        (None, "KU - Salg af grund ved stationen"),
        (None, "KU - Leje af lokaler til musikskolen"),
    ]
    assert "Sagsoverskrift" not in items[0].text


def test_a_contents_list_counting_closed_items_from_one_adds_nothing() -> None:
    # The list at the top counts the closed items from 1 again; the body prints the
    # open items with their headings. The top list is no source of extra items.
    text = """Dagsorden for Kulturudvalget
Åbne punkter
1. Godkendelse af dagsorden
2. Tilskud til spillestedet
Lukkede punkter
1. Køb af jord ved skoven
1. Godkendelse af dagsorden
Beslutning
Godkendt.
2. Tilskud til spillestedet
Indstilling
Forvaltningen indstiller, at der gives et tilskud på 50.000 kr.
Beslutning
Godkendt.
"""
    items = segment(clean_text(text)).items
    assert [i.number for i in items].count("1") <= 1


def test_first_heading_glued_onto_the_lists_last_line_keeps_its_text() -> None:
    # The page flattens the list at the top and the first heading into one line after a
    # date ("... 03.02.20317. Godkendelse ..."); the excerpt stops inside item 8.
    text = """Havnerådet

Referat

PUNKTER

7. Godkendelse af dagsorden til Havnerådet den 03.02.2031
8. Nye fortøjningspæle i lystbådehavnen
9. Eventuelt - Havnerådet den 03.02.20317. Godkendelse af dagsorden til Havnerådet den 03.02.2031

Indstilling
Havnefogeden indstiller, at dagsordenen godkendes.

Beslutning
Godkendt.

Referat8. Nye fortøjningspæle i lystbådehavnen

Indstilling
Havnefogeden indstiller, at der købes tolv nye pæle."""
    meeting = segment(clean_text(text))
    items = {i.number: i for i in meeting.items}
    assert list(items) == ["7", "8", "9"]
    assert items["7"].title == "Godkendelse af dagsorden til Havnerådet den 03.02.2031"
    assert items["9"].title == "Eventuelt - Havnerådet den 03.02.2031"
    assert not items["7"].empty
    text7 = " ".join(s.text for s in items["7"].sections)
    assert "dagsordenen godkendes" in text7 and "tolv nye pæle" not in text7
    assert items["9"].empty


def test_a_blank_marker_after_the_title_is_dropped() -> None:
    """'2. Godkendelse af dagsorden ( )': the page left the item's marker empty."""
    from kkrnlp.pipeline import parse_text

    page = (
        "2. Godkendelse af dagsorden ( )\n\nSagsfremstilling\n\nIndstilling\n\n"
        "Formanden indstiller,\n\n1. at Lokalrådet godkender dagsordenen\n\nBeslutning\n\n"
        "Dagsordenen blev godkendt.\n"
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items] == [("2", "Godkendelse af dagsorden")]
