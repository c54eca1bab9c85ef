"""Heading lines of minutes whose title runs on into the text on the same line.
Fixtures are invented text."""

from __future__ import annotations

import pytest

from kkrnlp.danish.sentences import is_finite_verb, opens_statement
from kkrnlp.ingest.clean import clean_text
from kkrnlp.segment import segment
from kkrnlp.segment.runon import cut_run_on


@pytest.mark.parametrize(
    ("rest", "title"),
    [
        # the line break between title and text lost: a known opener glued on
        ("HøstfestenIkke mange kom i år, men det gik godt.", "Høstfesten"),
        ("EventueltIntet", "Eventuelt"),
        ("Pumpehuset" + "Der er bestilt nyt tag.", "Pumpehuset"),
        # a full stop, a double one or a question mark, then a statement
        ("Kontingent.Lene Holm meddelte, at alle har betalt.", "Kontingent."),
        ("Nye målere.. Der er fejl på tre af dem.", "Nye målere.."),
        ("Sommerfest 2031. Bent har bestilt telt til 40 gæster.", "Sommerfest 2031."),
        ("Hvem skal slå græsset? Vi må spørge naboerne først.", "Hvem skal slå græsset?"),
        ("Møde med kommunen den 4. maj 2031. KD orienterede om mødet.", None),
        # a colon, then a statement or a paragraph of several sentences
        ("Nyt fra formanden: De nye skilte forventes sat op i juni.", "Nyt fra formanden"),
        ("Tilføjelser: Hegn og låger er til drøftelse på næste møde", "Tilføjelser"),
        (
            "Kassen: Saldo pr. 1. maj 2031 Taget til efterretning. Gæld pr. 1. maj. "
            "Meget lille. Taget til efterretning",
            "Kassen",
        ),
        # a statement without its subject, a decision, a name and a verb in -er
        ("Høstfest. Gik over al forventning.", "Høstfest."),
        ("Regnskab 2031. Gennemgået og godkendt.", "Regnskab 2031."),
        ("Kassen: Anne-Sofie oplyser at der er 300 kr. tilbage.", "Kassen"),
        # a full stop, then a paragraph of several sentences without a verb in front
        (
            "Sommerfesten. Ganske god stemning. Omkring 40 gæster og meget mad. "
            "Telt lejes igen næste år.",
            "Sommerfesten.",
        ),
        # a month's abbreviation ends the date, then a statement
        ("Julefest fredag 9. dec. Vi mødes kl. 17 i salen.", "Julefest fredag 9. dec."),
        # a decision or a statement after nothing but a space
        ("Godkendelse af dagsorden Godkendt", "Godkendelse af dagsorden"),
        ("Godkendelse af referat Udskudt.", "Godkendelse af referat"),
        ("Ny sti langs åen Vi drøftede ruten med lodsejerne.", "Ny sti langs åen"),
        # the title's last word again as the subject of the text
        (
            "Valg af to nye medlemmer til ÆRK ÆRK kan udpege dem frit",
            "Valg af to nye medlemmer til ÆRK",
        ),
        # a colon, then a statement whose subject is the title
        ("Velkomstfolder: er ved at blive skrevet af Ida.", "Velkomstfolder"),
        # a key of the meeting's own business followed by the date
        ("Næste møde tirsdag den 8. maj 2031 kl. 19.00 hos Ole", "Næste møde"),
        ("Næste møde den 8. maj", "Næste møde"),
    ],
)
def test_run_on_title_is_cut(rest: str, title: str | None) -> None:
    got, tail = cut_run_on(rest)
    assert tail
    assert got == (title or "Møde med kommunen den 4. maj 2031.")
    # nothing is lost but the colon between title and text
    joined, whole = f"{got}{tail}".replace(" ", ""), rest.replace(" ", "")
    assert joined in {whole, whole.replace(":", "", 1)}


@pytest.mark.parametrize(
    "rest",
    [
        "Budget 2032: 2. behandling",
        "Temaområde: Det gode liv i landsbyerne",
        "Beslutning: Godkendelse af mødeplan for rådet",
        "Høring: Forslag til lokalplan for boliger ved Bækken. Endelig vedtagelse",
        "Lokalplan 12 for Åvej 3. Endelig vedtagelse.",
        "Orientering fra adm. dir. Jensen",
        "Godkendelse af referat fra mødet den 3. maj",
        "Godkendelse af referat fra mødet den 3. maj 2031: Godkendt",
        "Skolehaven – nyt tilbud fra kommunen. Hvordan bruger vi det bedst",
        "Evaluering af festen. Skal vi gøre noget anderledes?",
        "Fælles nyt. Notat fra AU-mødet den 2. juni",
        "Status på DK2020 og KKR-samarbejdet",
        "Nyt fra BSU og eBoks-løsningen",
        "Aftale med BaneDanmark om stien",
        "Mødetid kl. 19:00 i Salen",
        "Nyt fra Halløj Halløj Koret",
        "Næste møde",
        "Ringsted N. Skole og flytning",
        "Tilskud til Det Nye Spillested i byen",
        "Aftale med De Grønne Haver om pasning",
        "Status. Deres forslag til stien",
        "Sauna: er der brug for en til?",
        "Tilskud: Aarhus Kommune lokaler til foreninger",
        "Evaluering af festen. Kan vi gøre det bedre",
        "Budget 2032. Reviderede takster for leje af salen.",
        "Lokalplan 9. Den reviderede udgave med nye skitser",
        "Regnskab. Foreningens samlede udgifter i året",
        "Tilskud til Ingen Grænser",
    ],
)
def test_titles_that_only_look_run_on_stay_whole(rest: str) -> None:
    assert cut_run_on(rest) == (rest, "")


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("har", True),
        ("orienterede", True),
        ("godkendes", True),
        ("Har", False),
        ("vandværk", False),
        ("budget", False),
    ],
)
def test_finite_verb(word: str, verb: bool) -> None:
    assert is_finite_verb(word) is verb


def test_a_statement_needs_its_verb_after_a_short_subject() -> None:
    assert opens_statement("Den nye pumpe er i drift")
    assert not opens_statement("Den nye pumpe i kælderen ved skolen er i drift")
    assert not opens_statement("Hvordan får vi flere med")
    assert not opens_statement("Kan vi låne salen?")
    assert opens_statement("Gik rigtig fint i år.")
    assert opens_statement("Lis Holm melder sig til opgaven")
    assert not opens_statement("Region Nord udgifter til sygehuse")


RUN_ON_MINUTES = """Referat af bestyrelsesmøde i Lilleby Vandværk den 3. marts 2031

Til stede: Ole, Bent og Lis.

1. Godkendelse af dagsorden: Godkendt

2. Nyt fra formanden: De nye målere forventes sat op i april.
Ole følger op hos leverandøren.

3. Kontingent.Lis Holm meddelte,
at alle har betalt.

4. Hvem skal passe haven? Vi må finde en ny gartner.
Lis spørger i byen.

5. HavenIkke meget arbejde i år.

6. Næste møde torsdag den 5. juni 2031 kl. 19.00 hos Bent

7. EventueltIntet

Referent: Bent
"""


def test_run_on_titles_in_minutes() -> None:
    items = segment(clean_text(RUN_ON_MINUTES)).items
    got = [(i.number, i.title) for i in items]
    assert got == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Nyt fra formanden"),
        ("3", "Kontingent"),
        ("4", "Hvem skal passe haven?"),
        ("5", "Haven"),
        ("6", "Næste møde"),
        ("7", "Eventuelt"),
    ]
    # the text cut from the heading line is the item's text, not lost
    assert "forventes" in " ".join(s.text for s in items[1].sections)


PUNKT_MINUTES = """Bestyrelsesmøde den 4. februar 2031

Referat

Referent: Ida Holm

Punkt 1. Kassen: Regnskabet er ved at blive gjort færdigt og sendes ud med indkaldelsen.

Punkt 2. Sommerfest: Festen holdes den 5. juni i laden. Alle er velkomne.

Punkt 3. Evt: Tre pladser skal besættes til foråret, så spørg naboerne.

Med venlig hilsen
Bestyrelsen
"""


def test_prefixed_points_of_minutes_with_the_text_after_a_colon() -> None:
    items = segment(clean_text(PUNKT_MINUTES)).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Kassen"),
        ("2", "Sommerfest"),
        ("3", "Evt"),
    ]
    assert "velkomne" in " ".join(s.text for s in items[1].sections)


BARE_LIST_MINUTES = """Referat fra bestyrelsesmøde tirsdag den 4. marts 2031

Til stede: Ole, Bent, Lis og Kim

1) Ingen bemærkninger til sidste referat.

2) Vand. Der bliver holdt øje med forbruget, og der er kun set ét brud i marts.

3) Arbejdsdag. Gik rigtig godt. Mange kom, og hækken blev klippet.

4) Status på bestyrelsen. Hvem vil fortsætte? Kassereren vil stoppe. Vi skal finde en ny.

Næste møde 2. maj klokken 19.
"""


def test_minutes_printed_as_a_bare_list_cut_each_entry() -> None:
    items = segment(clean_text(BARE_LIST_MINUTES)).items
    # (a title the list prints whole keeps the list's own full stop)
    assert [(i.number, i.title.rstrip(".")) for i in items] == [
        ("1", "Ingen bemærkninger til sidste referat"),
        ("2", "Vand"),
        ("3", "Arbejdsdag"),
        ("4", "Status på bestyrelsen"),
    ]
    assert "brud" in " ".join(s.text for s in items[1].sections)
