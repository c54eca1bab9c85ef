"""Furniture of blog and association pages: comment forms, cookie buttons, two-cell menus.

Invented pages in the shapes such sites print; the agenda text around them must stay.
"""

from __future__ import annotations

import pytest

from kkrnlp.ingest.clean import clean_text
from kkrnlp.ingest.clean.furniture import is_furniture_line

BLOG_PAGE = """\
Referat af bestyrelsesmøde i Grøndal Haveforening

1. Godkendelse af dagsorden
Godkendt.

2. Fællesarbejde
Hækken ved lågen klippes i uge 22. Print af kort er vedlagt som bilag.
Kontakt formanden, hvis du vil hjælpe med at bære grene.

3. Eventuelt
Næste møde holdes hos Birte i Lindehaven 4.

udskriv

Skriv en kommentar
Din e-mailadresse vil ikke blive publiceret. Påkrævede felter er markeret med *
Kommentar
Navn *
E-mail *
Websted
Gem mit navn, mail og hjemmeside i denne browser til næste gang jeg kommenterer.
Send kommentar
This site uses Akismet to reduce spam. Learn how your comment data is processed.
"""


def test_comment_form_at_the_end_of_a_page_is_removed() -> None:
    lines = [line for line in clean_text(BLOG_PAGE).lines if line]
    assert lines[-1] == "Næste møde holdes hos Birte i Lindehaven 4."
    assert not any("kommentar" in line.lower() for line in lines)


def test_content_around_the_comment_form_stays() -> None:
    lines = clean_text(BLOG_PAGE).lines
    assert "Hækken ved lågen klippes i uge 22. Print af kort er vedlagt som bilag." in lines
    assert "Kontakt formanden, hvis du vil hjælpe med at bære grene." in lines


def test_lone_form_word_ending_a_page_is_removed() -> None:
    text = "1. Eventuelt\nNæste møde holdes den 3. maj kl. 19.\nSkriv\n"
    lines = [line for line in clean_text(text).lines if line]
    assert lines == ["1. Eventuelt", "Næste møde holdes den 3. maj kl. 19."]


def test_form_word_inside_the_page_stays() -> None:
    text = "1. Hjemmeside\nNavn\nDer skal findes et nyt navn til foreningens blad.\n"
    lines = [line for line in clean_text(text).lines if line]
    assert "Navn" in lines


def test_two_cell_menu_is_removed() -> None:
    text = "1. Eventuelt\nIntet.\nTilbage til indhold | Retur til hoved menu\n"
    lines = [line for line in clean_text(text).lines if line]
    assert lines == ["1. Eventuelt", "Intet."]


@pytest.mark.parametrize(
    "line",
    [
        "Skriv en kommentar",
        "Skriv et svar",
        "Annuller svar",
        "Din e-mailadresse vil ikke blive publiceret. Krævede felter er markeret med *",
        "This site uses Akismet to reduce spam.",
        "Gem mit navn, mail og hjemmeside i denne browser til næste gang jeg kommenterer.",
        "Vi bruger cookies til at forbedre din oplevelse af hjemmesiden",
        "Accepter alle",
        "Kun nødvendige",
        "Del på Facebook",
        "Print",
        "Til toppen",
        "Læs mere",
        "Sidst opdateret 4. juni 2025",
        "Kontakt os",
        "Tilbage til forsiden | Kontakt os",
    ],
)
def test_blog_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Print af kort er vedlagt som bilag",
        "Kontakt os gerne, hvis I har spørgsmål til budgettet.",
        "Kommentarer til sidste referat: ingen.",
        "Skriv til kommunen om stien",
        "Navn",
        "Svar",
        "Tilbage til indhold: referatet fra sidste møde godkendt",
    ],
)
def test_content_lines_are_not_blog_furniture(line: str) -> None:
    assert not is_furniture_line(line)
