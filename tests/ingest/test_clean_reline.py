"""PDF text flattened into very long lines gets its headings back on lines of their own.

The documents are invented in the shape of a web viewer's transcript of a PDF
(one paragraph per page, each opening with its page number) and of a PDF
pasted as one line.
"""

from __future__ import annotations

from kkrnlp.ingest.clean import clean_text
from kkrnlp.ingest.clean.reline import reline, split_title
from kkrnlp.ingest.clean.transcript import transcript_pages
from kkrnlp.pipeline import parse_text

_FILLER = (
    "Sekretariatet har samlet erfaringerne fra de otte kommuner i et kort notat, som "
    "beskriver hvad der er lykkedes, og hvor der fortsat er udfordringer i samarbejdet. "
)

TRANSCRIPT = f"""\
Referat fra møde i Skovrådet for Vestkysten

Størrelse: px
Starte visningen fra side:

Download "Referat fra møde i Skovrådet for Vestkysten"

Transkript

1 Referat fra møde i Skovrådet for Vestkysten Tid og sted: Torsdag 5. februar 2026 kl. 9.00, \
Naturcentret i Hjerting Deltagere: Mads Lund, Ida Krog, Sune Bach (ref.) Afbud: Eva Holm \
1. Godkendelse af dagsorden Dagsordenen blev godkendt uden bemærkninger. \
2. Orientering om stormfald i klitplantagen v. Mads Lund og Ida Krog Orientering om status på \
oprydningen efter stormen. {_FILLER * 3}Side 1 af 3

2 3. Fælles plan for friluftsliv Sagsnr.: 26/1184 Dok.nr.: 26/20931 Initialer: sb Åben sag \
Sagsfremstilling Kommunerne ønsker en fælles plan for stier og shelters. {_FILLER * 2}\
BESLUTNING Planen blev godkendt. Side 2 af 3

3 4. Eventuelt Intet. Side 3 af 3
"""


def test_transcript_pages_are_found() -> None:
    lines = TRANSCRIPT.split("\n")
    start, last = transcript_pages(lines)
    assert lines[start].startswith("1 Referat") and lines[last].startswith("3 4. Eventuelt")


def test_transcript_is_relined() -> None:
    clean = clean_text(TRANSCRIPT)
    lines = clean.lines
    assert clean.flattened
    for line in [
        "1. Godkendelse af dagsorden",
        "Dagsordenen blev godkendt uden bemærkninger.",
        "2. Orientering om stormfald i klitplantagen v. Mads Lund og Ida Krog",
        "3. Fælles plan for friluftsliv",
        "Sagsnr.: 26/1184 Dok.nr.: 26/20931 Initialer: sb Åben sag",
        "Sagsfremstilling",
        "BESLUTNING",
        "Planen blev godkendt.",
        "4. Eventuelt",
    ]:
        assert line in lines, line
    assert not any("Side 1 af 3" in line or line.startswith("2 3.") for line in lines)
    assert not any("Transkript" in line or "Størrelse" in line for line in lines)


def test_transcript_parses_into_items() -> None:
    meeting = parse_text(TRANSCRIPT, source="skovraad.txt")
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Orientering om stormfald i klitplantagen"),
        ("3", "Fælles plan for friluftsliv"),
        ("4", "Eventuelt"),
    ]


def test_flattened_table_of_contents_is_split_entry_by_entry() -> None:
    parts = reline(
        "INDHOLDSLISTE 1. Beslutning: Valg af formand 2. Drøftelse: Stier i klitten "
        "3. Orientering: Nyt fra sekretariatet Eventuelt"
    )
    assert parts == [
        "INDHOLDSLISTE",
        "1. Beslutning: Valg af formand",
        "2. Drøftelse: Stier i klitten",
        "3. Orientering: Nyt fra sekretariatet",
        "Eventuelt",
    ]


def test_upper_case_section_headings_stand_alone() -> None:
    parts = reline(
        "1. BESLUTNING: VALG AF FORMAND BAGGRUND FOR SAGEN Rådet skal vælge en formand. "
        "INDSTILLING Sekretariatet indstiller, at rådet vælger en formand. "
        "POLITISK BEHANDLING SAGSFREMSTILLING Valget sker ved flertalsvalg."
    )
    assert parts == [
        "1. BESLUTNING: VALG AF FORMAND",
        "BAGGRUND FOR SAGEN",
        "Rådet skal vælge en formand.",
        "INDSTILLING",
        "Sekretariatet indstiller, at rådet vælger en formand.",
        "POLITISK BEHANDLING",
        "SAGSFREMSTILLING",
        "Valget sker ved flertalsvalg.",
    ]


def test_numbers_and_names_inside_sentences_are_not_headings() -> None:
    text = (
        "Ifølge § 4, stk. 2. Der kan søges om tilskud til 3. Klasse og op, og fristen er "
        "den 1. Maj. Udvalget drøftede bilag 2. Referat fra mødet blev udsendt af "
        "sekretariatet i Økonomi og Plan. Afdelingen for Beslutning og Service svarer. "
    ) * 30
    assert reline(text) == [text.strip()]


def test_title_is_cut_from_the_text_after_it() -> None:
    assert split_title(
        "5. Nye stier ved fjorden Sekretariatet har modtaget tre forslag til stier langs "
        "fjorden, og de gennemgås på mødet."
    ) == [
        "5. Nye stier ved fjorden",
        "Sekretariatet har modtaget tre forslag til stier langs fjorden, og de gennemgås på mødet.",
    ]
    # a proper name after a little word belongs to the title
    title = "6. Samarbejde med Region Vestkyst om Naturpark Fjordland og stierne i den"
    assert split_title(title) == [title]


def test_ordinary_long_paragraph_is_left_alone() -> None:
    paragraph = _FILLER * 25
    assert clean_text(paragraph).lines == [paragraph.strip()]


def test_one_page_transcript_after_a_viewer_label() -> None:
    text = (
        "Transkript\n\n1 Dagsorden for Skovrådet Tid: 3. marts 2026 "
        "1. Godkendelse af dagsorden Dagsordenen godkendes. " + _FILLER * 5
    )
    lines = clean_text(text).lines
    assert lines[0].startswith("Dagsorden for Skovrådet")
    assert "1. Godkendelse af dagsorden" in lines


def test_list_without_full_stops_on_one_line_is_split() -> None:
    line = (
        "1 Nyt fra formanden 2 Ændring 3 af stiplanen for 2026, Klitområdet "
        "3 Sti 7.2 - etape 2 af sti 7 langs Havnevej 4 Tilskud fra Skovby "
        "Roklub til bådehuset 5 12, Fjordly bofællesskab, regnskab for ombygning"
    )
    assert clean_text(line).lines == [
        "1 Nyt fra formanden",
        "2 Ændring 3 af stiplanen for 2026, Klitområdet",
        "3 Sti 7.2 - etape 2 af sti 7 langs Havnevej",
        "4 Tilskud fra Skovby Roklub til bådehuset",
        "5 12, Fjordly bofællesskab, regnskab for ombygning",
    ]


def test_list_after_a_page_header_on_one_line_is_split() -> None:
    text = (
        "Side 1 af 40 Indholdsfortegnelse 1. Stier langs fjorden 2. Ny plan for shelters "
        "3. Nyt fra formanden - marts 2026\n\n"
        "Side 2 af 40 Skovrådet 05-02-2026 Sag nr. 1\n\n1. Stier langs fjorden\n"
    )
    lines = clean_text(text).lines
    assert lines[:4] == [
        "Indholdsfortegnelse",
        "1. Stier langs fjorden",
        "2. Ny plan for shelters",
        "3. Nyt fra formanden - marts 2026",
    ]
    assert not any(line.startswith("Side ") for line in lines)
    assert lines[-1] == "1. Stier langs fjorden"


def test_an_ordinary_paragraph_with_numbers_is_not_split() -> None:
    line = (
        "Rådet drøftede de 3 Forslag fra borgerne og de 4 Ønsker fra foreningerne, og "
        "sekretariatet vender tilbage med 2 Modeller på næste møde i april."
    )
    assert clean_text(line).lines == [line]


def test_glued_list_labels_are_split() -> None:
    text = (
        "Ulla Vang (F)Indholdsfortegnelse\n"
        "Sager til behandling: 24. Stier langs fjorden ........ 2\n"
        "Rådet godkendte ordningen for foreningerne:1. Orientering fra formanden\n"
    )
    assert clean_text(text).lines == [
        "Ulla Vang (F)",
        "Indholdsfortegnelse",
        "Sager til behandling:",
        "24. Stier langs fjorden ........ 2",
        "Rådet godkendte ordningen for foreningerne:",
        "1. Orientering fra formanden",
    ]


def test_wrapped_table_of_contents_entry_is_joined() -> None:
    text = (
        "24. Stier langs fjorden ........................ 2\n\n"
        "25. Shelters ved klitten og en ny rampe til\n\n"
        "kørestolsbrugere................................ 5\n\n"
        "26. Shelters ...................................... 9\n"
    )
    assert clean_text(text).lines == [
        "24. Stier langs fjorden ........................ 2",
        "",
        "25. Shelters ved klitten og en ny rampe til "
        "kørestolsbrugere................................ 5",
        "",
        "26. Shelters ...................................... 9",
    ]


def test_a_section_word_before_the_next_list_number_stays_in_its_entry() -> None:
    parts = reline(
        "1 Stier langs fjorden 2 Lokalplan 12 for Havnevej. Forslag 3 Ny plan for shelters "
        "4 Meddelelser. " + _FILLER * 6
    )
    assert "2 Lokalplan 12 for Havnevej. Forslag" in parts
    assert "Forslag" not in parts


def test_a_place_name_with_a_full_stop_inside_a_title_is_not_a_sentence() -> None:
    """'... Havnestien/Bådebroen. Lokalplan til endelig vedtagelse' is one title."""
    title = "4. Rækkehuse ved vandet Havnestien/Bådebroen. Lokalplan til endelig vedtagelse"
    assert split_title(title) == [title]
    flattened = "4. Rækkehuse ved vandet Forvaltningen har udarbejdet et forslag. Det sendes nu ud."
    assert split_title(flattened) == [
        "4. Rækkehuse ved vandet",
        "Forvaltningen har udarbejdet et forslag. Det sendes nu ud.",
    ]


def test_list_on_one_line_with_page_numbers_between_the_entries_is_split() -> None:
    """'Pkt. Tekst Side 1 Titel (Beslutning) 4 2 Titel ...': a page column read across."""
    text = (
        "Indholdsfortegnelse\n\nPkt. Tekst Side 1 Nye regler for tilskud til foreninger "
        "(Beslutning) 4 2 Renovering af badeanstalten ved Nordstranden (Beslutning) 7 "
        "3 Status på udbygningen af fibernet (Orientering) 10 4 Vinterbudget for veje "
        "(Drøftelse) 12 5 Eventuelt 14"
    )
    meeting = parse_text(text)
    assert [(i.number, i.title, i.item_type) for i in meeting.items] == [
        ("1", "Nye regler for tilskud til foreninger", "beslutning"),
        ("2", "Renovering af badeanstalten ved Nordstranden", "beslutning"),
        ("3", "Status på udbygningen af fibernet", "orientering"),
        ("4", "Vinterbudget for veje", "drøftelse"),
        ("5", "Eventuelt", None),
    ]


def test_bullets_between_entries_of_a_list_on_one_line_are_dropped() -> None:
    text = (
        "Dagsorden: • 1. Valg af ordstyrer • 2. Nyt fra kassereren • 3. Sommerfesten i "
        "juli • 4. Eventuelt\n\nVi mødes i klubhuset."
    )
    assert [(i.number, i.title) for i in parse_text(text).items] == [
        ("1", "Valg af ordstyrer"),
        ("2", "Nyt fra kassereren"),
        ("3", "Sommerfesten i juli"),
        ("4", "Eventuelt"),
    ]


def test_indented_page_paragraphs_are_a_transcript_too() -> None:
    page = "Referat fra mødet i Naturrådet " + "med tekst om stier og skove " * 30
    lines = ["Transkript", "", f"  1 {page}", "", f"  2 {page}", "", f"  3 {page}"]
    assert transcript_pages(lines) == (2, 6)


def test_trailing_spaces_do_not_keep_a_glued_toggle_label() -> None:
    text = (
        "Referat\n\n41. Nyt fra formandenÅbn/luk punkt   \nBeslutning\n"
        "Taget til efterretning.  \n\n"
        "42. Høring om stiplanenÅbn/luk punkt \nBeslutning\nGodkendt.\n"
    )
    assert [i.title for i in parse_text(text).items] == [
        "Nyt fra formanden",
        "Høring om stiplanen",
    ]


def test_list_on_one_line_with_access_markers_and_dot_leaders_is_split() -> None:
    """'1 (Åben) Titel ....4 2 (Åben) Titel ....6': a marker before each title starts the run."""
    text = (
        "Referat af møde i Byrådet Indholdsfortegnelse 1 (Åben) Orientering fra borgmesteren "
        "..................4 2 (Åben) Ny plan for cykelstier langs fjorden ..............6 "
        "3 (Åben) Salg af den gamle brandstation ................9 4 (Åben) Tilskud til "
        "musikskolen 2026 ..............11"
    )
    meeting = parse_text(text)
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Orientering fra borgmesteren"),
        ("2", "Ny plan for cykelstier langs fjorden"),
        ("3", "Salg af den gamle brandstation"),
        ("4", "Tilskud til musikskolen 2026"),
    ]


def test_lower_case_list_after_its_label_on_one_line_is_split() -> None:
    line = (
        "Beboermøde i Klubhuset tirsdag d. 4. marts 2031 kl. 19.00 Dagsorden: 1 valg af "
        "dirigent 2 spørgsmål fra salen 3 godkendelse af referat 4 Nyt om stien 5 Evt. "
        "Referat fra beboermødet Til stede: Ida, Per, Sara"
    )
    assert clean_text(line).lines == [
        "Beboermøde i Klubhuset tirsdag d. 4. marts 2031 kl. 19.00 Dagsorden:",
        "1 valg af dirigent",
        "2 spørgsmål fra salen",
        "3 godkendelse af referat",
        "4 Nyt om stien",
        "5 Evt.",
        "Referat fra beboermødet Til stede: Ida, Per, Sara",
    ]


def test_lower_case_numbers_in_a_sentence_are_not_a_list() -> None:
    line = (
        "Rådet mødes 1 gang om måneden og har 2 faste punkter, men der var 3 nye sager "
        "og 4 henvendelser fra borgerne i løbet af foråret."
    )
    assert clean_text(line).lines == [line]


def test_first_entry_glued_to_the_prose_above_its_list_is_split() -> None:
    text = (
        "Afbud: Sara Vang (hun fik vist ikke dagsordenen?). 1. Godkendelse af referat:\n"
        "  Referatet godkendt.\n\n 2. Nyt fra klubben:\n  Intet.\n"
    )
    lines = clean_text(text).lines
    assert lines[:2] == [
        "Afbud: Sara Vang (hun fik vist ikke dagsordenen?).",
        "1. Godkendelse af referat:",
    ]


def test_a_numbered_sentence_in_prose_stays_on_its_line() -> None:
    line = "Forslaget blev drøftet. 1. Viceborgmester Ida Holm takkede for arbejdet."
    assert clean_text(f"{line}\n\nIngen andre punkter.\n").lines[0] == line


def test_a_place_after_ved_is_not_a_presenter_with_text_after_the_name() -> None:
    """'... ved Egely Mølle i Nordby Kommune.' names a place; 'ved Ida Krog Vi ...' a presenter."""
    place = "3. Tillæg nr. 2 om grusgravning ved Egely Mølle i Nordby Kommune."
    assert split_title(place) == [place]
    presenter = "3. Status på skovrejsningen ved Ida Krog Udvalget drøftede tidsplanen i dag."
    assert split_title(presenter) == [
        "3. Status på skovrejsningen ved Ida Krog",
        "Udvalget drøftede tidsplanen i dag.",
    ]
    listed = (
        "Dagsorden\n\n  1. Nyt fra formanden om samarbejdet med naboerne\n"
        f"  2. {place[3:]}\n  3. Vejflytning uden for planens områder - Kløvervej 4, Bækby\n"
        "  4. Eventuelt\n"
    )
    assert [i.number for i in parse_text(listed).items] == ["1", "2", "3", "4"]


def test_a_group_heading_in_capitals_before_the_first_number_is_split_off() -> None:
    """'... Side 12 ÅBNE ORIENTERINGSSAGER 41. Titel. J.nr.: ...' on a flattened page."""
    line = (
        "ÅBNE ORIENTERINGSSAGER 41. Ny plan for kystsikring ved Sønderstrand. J.nr.: B12 "
        "Sagsbehandler: KL Åben sag Sagsfremstilling: Kystudvalget har sendt et udkast."
    )
    parts = reline(line)
    assert parts[:2] == ["ÅBNE ORIENTERINGSSAGER", "41. Ny plan for kystsikring ved Sønderstrand."]
    marker = "7. Salg af grund til erhverv (FOR LUKKEDE DØRE) 8. Eventuelt og næste møde"
    assert "7. Salg af grund til erhverv (FOR LUKKEDE DØRE)" in reline(marker, runs_only=False)


def test_a_viewers_save_as_buttons_are_no_item() -> None:
    page = (
        "REFERAT fra møde i Kystrådet\n\nSave this PDF as:\n WORD  PNG  TXT  JPG\n\n"
        "Transkript\n\n1 REFERAT fra møde i Kystrådet Medlemmer: Ida Krog, Mads Lund\n\n"
        "2 ÅBNE ORIENTERINGSSAGER 41. Ny plan for kystsikring ved Sønderstrand. J.nr.: B12 "
        "Sagsbehandler: KL Åben sag Sagsfremstilling: Kystudvalget har sendt et udkast til "
        "en ny plan for kysten, og rådet orienteres om den. " + _FILLER * 4
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items] == [
        ("41", "Ny plan for kystsikring ved Sønderstrand")
    ]


def test_a_bare_number_stays_on_a_formal_heading_and_a_page_label_leaves_the_next() -> None:
    """'35 Godkendelse af dagsorden Sagsnr.: ...' keeps its number; 'Side 3 2. Titel' is cut."""
    parts = reline("35 Godkendelse af dagsorden Sagsnr.: Sagen afgøres i: Havneudvalget")
    assert parts[0] == "35 Godkendelse af dagsorden"
    parts = reline("Side 3 2. Forberedelse af fællesmøde med Bådelauget Åben sag Sagsid: 18/1")
    assert "2. Forberedelse af fællesmøde med Bådelauget Åben sag" in parts


def test_transcript_with_bare_numbers_and_page_labels_keeps_every_item() -> None:
    filler = _FILLER * 3
    page = (
        "Referat fra mødet i Havneudvalget\n\nStørrelse: px\nStarte visningen fra side:\n\n"
        "Transkript\n\n1 Referat fra mødet i Havneudvalget Mødedato: Onsdag den 4. marts 2031 "
        f"Medlemmer: Ida Krog, Ole Dam {filler}Side 1\n\n"
        "2 35 Godkendelse af dagsorden Sagsnr.: Sagen afgøres i: Havneudvalget Indstillinger: "
        f"Indstilles til godkendelse Beslutning i Havneudvalget den : Godkendt. {filler}Side 2\n\n"
        "3 Side 3 36. Besøg på den nye lystbådehavn Åben sag Sagsid: 18/1 Sagen afgøres i: "
        f"Havneudvalget {filler}"
    )
    items = parse_text(page).items
    assert [(i.number, i.title) for i in items] == [
        ("35", "Godkendelse af dagsorden"),
        ("36", "Besøg på den nye lystbådehavn"),
    ]
