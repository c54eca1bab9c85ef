"""Web-page furniture is removed from saved pages; agenda text never is.

The pages are invented: the UI words are the kind municipal publishing systems
print (buttons, banners, menus, breadcrumbs, viewers), the agenda is made up.
"""

from __future__ import annotations

import pytest

from kkrnlp.ingest.clean import clean_text
from kkrnlp.ingest.clean.furniture import is_furniture_line, strip_ui_prefix
from kkrnlp.ingest.web import html_to_text
from kkrnlp.pipeline import parse_text

SAVED_PAGE = """\
Vi anvender cookies for at huske dine valg. Klik på "Accepter cookies" for at give samtykke.
Accepter cookies
Gå til hovedindhold
Forside | Borger | Erhverv | Politik | Job | Kontakt
Skovby Kommunes logo
Forside > Politik > Dagsordener > Teknisk Udvalg
Søg
Du er her

Teknisk Udvalg - Referat - 4. marts 2026
Mødedato: 04.03.2026 kl. 16:00
Mødested: Mødelokale Ege, Rådhuset
Fold alle punkter
Udskriv

12. Godkendelse af dagsorden
Kopier link til punktet
Beslutning
Godkendt.
Til toppen

13. Ny cookiepolitik for kommunens hjemmeside
Kopier link til punktet
Se alle bilag
fold dette punkt ind Resume
Hjemmesiden skal have en ny cookiepolitik, og en del af teksten skrives om.
Indstilling
Forvaltningen indstiller, at udvalget godkender den nye cookiepolitik.
Beslutning
Godkendt. Tilbage står kun oversættelsen til engelsk.
Til toppen

14. Vejbelysning på Møllebakken
Resume
Lygterne langs Møllebakken skiftes til LED i løbet af foråret.
- Dansk Vejbelysning leverer armaturerne
- Menu over valgmuligheder sendes ud senere
Beslutning
Taget til efterretning.
Til toppen

Skovby Kommune
Torvegade 1, 9990 Skovby
Telefon 99 99 00 00
CVR 11 22 33 44
Følg os
Tilgængelighedserklæring
"""

FURNITURE = [
    "Vi anvender cookies",
    "Accepter cookies",
    "Gå til hovedindhold",
    "Forside | Borger",
    "Skovby Kommunes logo",
    "Forside > Politik",
    "Søg",
    "Du er her",
    "Fold alle punkter",
    "Udskriv",
    "Kopier link til punktet",
    "Til toppen",
    "Se alle bilag",
    "fold dette punkt ind",
    "Telefon 99 99 00 00",
    "CVR 11 22 33 44",
    "Følg os",
    "Tilgængelighedserklæring",
]
AGENDA_LINES = [
    "Teknisk Udvalg - Referat - 4. marts 2026",
    "12. Godkendelse af dagsorden",
    "13. Ny cookiepolitik for kommunens hjemmeside",
    "Hjemmesiden skal have en ny cookiepolitik, og en del af teksten skrives om.",
    "Forvaltningen indstiller, at udvalget godkender den nye cookiepolitik.",
    "Godkendt. Tilbage står kun oversættelsen til engelsk.",
    "Resume",
    "- Dansk Vejbelysning leverer armaturerne",
    "- Menu over valgmuligheder sendes ud senere",
    "Taget til efterretning.",
]


def test_furniture_of_a_saved_page_is_removed() -> None:
    clean = clean_text(SAVED_PAGE)
    for phrase in FURNITURE:
        assert not any(phrase in line for line in clean.lines), phrase
    assert clean.furniture  # what was removed is kept for inspection


def test_agenda_text_of_a_saved_page_stays() -> None:
    lines = clean_text(SAVED_PAGE).lines
    for line in AGENDA_LINES:
        assert line in lines, line


def test_saved_page_parses_into_its_items() -> None:
    meeting = parse_text(SAVED_PAGE, source="side.txt")
    assert [(i.number, i.title) for i in meeting.items] == [
        ("12", "Godkendelse af dagsorden"),
        ("13", "Ny cookiepolitik for kommunens hjemmeside"),
        ("14", "Vejbelysning på Møllebakken"),
    ]
    assert "Til toppen" not in meeting.items[0].text
    assert "Telefon" not in meeting.items[-1].text


@pytest.mark.parametrize(
    "line",
    [
        "Til toppen",
        "  • Luk alle punkter",
        "Kopiér link til punktet",
        "Hent som fil:",
        "Størrelse: px",
        "Starte visningen fra side:",
        'Download "Referat fra mødet i Skovrådet"',
        "Transkript",
        "Save this PDF as:",
        " WORD  PNG  TXT  JPG",
        "PDF DOCX",
        "HjemmesidepilForsidepilPolitik",
        "Forsidepil Politik pil Referater",
        "Startside / Politik / Udvalg / Referater",
        "Region Vestkyst logo, link til forsiden",
        "Region VestkystTil forsiden",
        "Kunne ikke indlæse data fra kommunens hjemmeside.",
        "Gå ikke glip af vigtig Digital Post fra Skovby Kommune",
        "Hjem | Om os | Nyheder | Kontakt | English",
        "Denne hjemmeside bruger cookies til statistik og til at huske dine valg.",
        "Senest opdateret 12.03.2026",
        "Fandt du det, du søgte?",
        "Printvenlig version",
        "Du er her: Forside > Politik > Referater",
        "Her kan du læse rådets gamle referater via linket nedenfor.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Del af budgettet flyttes til næste år.",
        "Tilbage til normal drift i uge 12",
        "Ny cookiepolitik for kommunens hjemmeside",
        "Download af materialet sker fra kommunens portal.",
        "Søg om tilskud til foreningslivet",
        "Forslag til nyt logo for kommunen",
        "Forsiden af rapporten viser en oversigt over skolerne.",
        "Resume",
        "Referat",
        "Indholdsfortegnelse",
        "- Menu",
        "del",
        "Kontakt",
        "A | B",
        "Side 3",
        "Statistik",
        "Du kan læse mere om planen i bilag 2.",
        "Sidst opdaterede rådet planen i 2025, og den skal revideres.",
        "Word og PDF udgaver af planen",
    ],
)
def test_agenda_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture_line(line)


def test_ui_label_glued_before_a_heading_is_cut_off() -> None:
    assert strip_ui_prefix("fold dette punkt ind Sagsfremstilling") == "Sagsfremstilling"
    assert strip_ui_prefix(" • Luk alle punkter Referat") == "Referat"
    assert (
        strip_ui_prefix("Til toppen af bakken ligger skolen")
        == "Til toppen af bakken ligger skolen"
    )


def test_table_of_contents_label_glued_to_the_first_item_is_split() -> None:
    lines = clean_text("Indholdsfortegnelse1. Godkendelse af referat\n\nResume\nTekst.").lines
    assert lines[:2] == ["Indholdsfortegnelse", "1. Godkendelse af referat"]


def test_html_chrome_marked_by_role_id_or_class_is_dropped() -> None:
    page = """<html><body>
    <div id="cookie-consent"><p>Vi bruger cookies til statistik.</p><button>OK</button></div>
    <ol class="breadcrumbs"><li>Forside</li><li>Politik</li></ol>
    <div role="search"><p>Søg i dagsordener</p></div>
    <main><h1>Skovrådet - Dagsorden</h1>
    <h2>1. Godkendelse af dagsorden</h2><p>Dagsordenen godkendes.</p>
    <div class="share-links"><a>Del på Facebook</a></div>
    <footer><p>Mødet blev hævet kl. 17.30.</p></footer></main>
    <footer><p>Skovby Kommune, Torvegade 1</p><p>CVR 11223344</p></footer>
    </body></html>"""
    text = html_to_text(page)
    assert "cookies" not in text and "Politik" not in text and "Søg" not in text
    assert "Facebook" not in text and "CVR" not in text
    assert "1. Godkendelse af dagsorden" in text and "Dagsordenen godkendes." in text
    assert "hævet kl. 17.30" in text  # a footer inside the content stays


def test_long_html_list_is_numbered_in_order() -> None:
    entries = "".join(f"<li>Punkt nummer {k}</li>" for k in range(1, 3001))
    text = html_to_text(f"<html><body><ol>{entries}</ol></body></html>")
    lines = text.split("\n")
    assert lines[0] == "1. Punkt nummer 1" and lines[2999] == "3000. Punkt nummer 3000"


def test_fold_out_link_glued_after_a_title_is_cut_off() -> None:
    text = (
        "2. Stier langs fjordenKlik her for at folde ud og læse mere om Stier langs fjorden\n"
        "Beslutningstema\nRådet skal klikke sig igennem planen.\n"
    )
    lines = clean_text(text).lines
    assert lines[0] == "2. Stier langs fjorden"
    assert "Rådet skal klikke sig igennem planen." in lines
