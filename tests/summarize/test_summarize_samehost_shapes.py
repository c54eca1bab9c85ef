"""Summary defects seen on new pages of known publishing sites, one test per shape.

Every body, name, figure and sentence below is invented.
"""

from __future__ import annotations

import pytest

from kkrnlp.summarize.ask import _parse_ask, _render_ask
from tests.summarize.minutes_summaries import summaries_by_number

MINUTES = """UDVALG

Havneudvalget

MØDE

Referat

PUNKTER

7. Godkendelse af dagsorden til mødet den 2. marts 2031
8. Beslutning om ny leje for bådpladser
9. Orientering om status fra fælles-holdet
10. Fraværende og bemærkninger til dagsordenen
11. Beslutninger om dagsordenen

7. Godkendelse af dagsorden til mødet den 2. marts 2031

Indstilling
Sekretariatet indstiller, at:
 1. dagsordenen for mødet godkendes.

Beslutning i Havneudvalget den 02-03-2031
Fraværende:
Der var afbud fra Ida Krog (K) pga ferie.
Godkendt

8. Beslutning om ny leje for bådpladser

Indstilling
Liste K indstiller, at udvalget beslutter, at:
 1. lejen for alle bådpladser hæves med 5 % fra den 1. april 2031.

Beskrivelse af sagen
Lejen er ikke reguleret siden 2024, og havnens udgifter til vedligehold er steget.

9. Orientering om status fra fælles-holdet

Indstilling
Sekretariatet indstiller, at:
 1. orientering fra fælles-holdet tages til efterretning.

Beskrivelse af sagen
Holdet fortæller om sæsonen og om de nye bøjer i yderhavnen.

10. Fraværende og bemærkninger til dagsordenen

Fraværende
Ingen.
Bemærkninger til dagsordenen
Ingen.

11. Beslutninger om dagsordenen

Havneudvalget, 02-03-2031, pkt. 11
Godkendt.
Fraværende: Ole Dam.
"""


def test_a_bare_verdict_after_a_remark_is_the_decision(pages: dict[int, dict[str, str]]) -> None:
    """'Fraværende:' / a remark / 'Godkendt' (no full stop): the agenda was approved."""
    assert pages[1]["7"].startswith("Dagsordenen til mødet den 2. marts 2031 blev godkendt.")


def test_points_after_beslutter_at_are_what_is_decided(pages: dict[int, dict[str, str]]) -> None:
    """'beslutter, at:' + '1. lejen ... hæves ...' is no empty 'skal beslutte at.'"""
    assert "skal beslutte at lejen for alle bådpladser hæves med 5 %" in pages[1]["8"]
    assert not pages[1]["8"].rstrip().endswith("beslutte at.")


def test_a_hyphenated_word_ending_in_es_is_no_passive(pages: dict[int, dict[str, str]]) -> None:
    assert "Orientering fra fælles-holdet skal tages til efterretning." in pages[1]["9"]
    assert "fra skal" not in pages[1]["9"]


def test_labels_answered_with_nothing_say_so(pages: dict[int, dict[str, str]]) -> None:
    assert pages[1]["10"] == "Der var ingen fraværende og ingen bemærkninger til dagsordenen."


def test_labels_with_names_are_not_read_as_nothing() -> None:
    text = MINUTES.replace("Fraværende\nIngen.", "Fraværende\nOle Dam")
    assert "ingen fraværende" not in summaries_by_number(text, "rules")["10"]


def test_a_point_set_after_at_loses_its_capital_but_a_name_keeps_it() -> None:
    rec = "Sekretariatet indstiller, at udvalget over for rådet anbefaler, at:\n1. Planen drøftes."
    ask = _parse_ask(rec, "Havneudvalget")
    assert ask is not None
    text = _render_ask(ask, 40)
    assert text == "Udvalget skal over for rådet anbefale at planen drøftes."
    rec = "Sekretariatet indstiller, at rådet beslutter, at:\n1. Ida Holm vælges som formand."
    ask = _parse_ask(rec, "Havneudvalget")
    assert ask is not None
    assert "at Ida Holm vælges" in _render_ask(ask, 40)


def test_decisions_on_the_agenda_are_its_approval(pages: dict[int, dict[str, str]]) -> None:
    """'Beslutninger om dagsordenen' + 'Godkendt.' is told like 'Godkendelse af dagsorden'."""
    # the absentee line under it is named, as for "Godkendelse af dagsorden"
    assert pages[1]["11"] == "Dagsordenen blev godkendt; Ole Dam var fraværende."


MINUTES_2 = """Referat - Havneudvalget den 2. marts 2031

Indholdsfortegnelse

1. Godkendelse af dagsorden

Beslutning

Anbefalinger fra Bådelauget vedr. pkt 3 forelægges på næste møde.

 1. Dagsorden godkendt inklusive tillægsdagsorden.

2. Meddelelser

Sagsfremstilling

Hvis der er meddelelser fra formanden, behandles de under dette punkt.

Beslutning

Intet.

3. Valg af næstformand for Havneudvalget

Resume

Sekretariatet har udarbejdet sagsfremstillingen.

Havneudvalget skal i sit første møde vælge en næstformand og en mødeleder.

Indstilling

Sekretariatet indstiller til Havneudvalget

1. at udpege en næstformand for udvalget.

2. at udpege en mødeleder til udvalgets møder.
"""


def test_a_verdict_naming_the_agenda_is_its_approval(pages: dict[int, dict[str, str]]) -> None:
    assert pages[2]["1"].startswith("Dagsordenen blev godkendt inklusive tillægsdagsorden.")


def test_a_bare_nothing_keeps_its_title(pages: dict[int, dict[str, str]]) -> None:
    assert pages[2]["2"] == "Meddelelser: Intet."


def test_infinitive_points_after_a_lead_in_are_the_ask(pages: dict[int, dict[str, str]]) -> None:
    """'indstiller til Havneudvalget' / '1. at udpege ...': the committee is to appoint."""
    assert "Havneudvalget skal udpege en næstformand for udvalget" in pages[2]["3"]
    assert "udarbejdet sagsfremstillingen" not in pages[2]["3"]


def test_a_numbered_answer_to_a_point_loses_its_number() -> None:
    text = (
        "Referat\n\n4. Valg af formand\n\nIndstilling\n\nBeslutning i Havneudvalget den "
        "02-03-2031\n\nAd 1. Ida Krog blev valgt som formand for udvalget.\n"
    )
    assert "Ad 1." not in summaries_by_number(text, "rules")["4"]


MINUTES_3 = """Referat Havneudvalget

1. Godkendelse af dagsorden for mødet den 4. maj 2031
Bilag

Beslutning i Havneudvalget den Godkendt.

2. Mål for havnens drift

Administrativ indstilling

Havnechefen indstiller, at

 • de foreslåede mål drøftes.

Sagsfremstilling

Udvalget har vedtaget to strategier for havnen: en for bådpladser og en for miljøet.

Tidligere behandling

12.01.2031 Havneudvalget.

Beslutning Havneudvalget den 04-05-2031

Udvalget godkendte målene for bådpladser og miljø.

3. Fællesmøde med Bådelauget

Sagsgang:
Orientering
Beslutning
BY HU KU BY=Byråd, HU=Havneudvalg, KU=Kulturudvalg, SU=Skoleudvalg
"""


def test_a_verdict_on_the_decision_heading_line_is_read(pages: dict[int, dict[str, str]]) -> None:
    assert pages[3]["1"] == "Dagsordenen for mødet den 4. maj 2031 blev godkendt."


def test_a_line_of_the_case_history_is_no_sentence(pages: dict[int, dict[str, str]]) -> None:
    assert "12.01.2031" not in pages[3]["2"]
    assert "godkendte målene" in pages[3]["2"]


def test_a_legend_of_abbreviations_is_no_decision(pages: dict[int, dict[str, str]]) -> None:
    assert "=" not in pages[3]["3"]


@pytest.fixture(scope="module", params=["learned", "rules"])
def pages(request) -> dict[int, dict[str, str]]:
    """Each invented page's summaries by item number, by the learned or the rule scorer."""
    texts = (MINUTES, MINUTES_2, MINUTES_3)
    return {k: summaries_by_number(text, request.param) for k, text in enumerate(texts, 1)}
