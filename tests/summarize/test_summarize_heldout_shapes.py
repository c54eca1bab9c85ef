"""Summary defects seen on pages nobody tuned on, one test per shape.

Every body, name, figure and sentence below is invented.
"""

from __future__ import annotations

import pytest

from kkrnlp.danish.recommendation import infinitive, past_tense
from kkrnlp.summarize import check_fluency
from kkrnlp.summarize.selection import _cut_off_sentence
from kkrnlp.summarize.sentences import clean_markup
from tests.summarize.minutes_summaries import summaries_by_number

MINUTES = """Referat
Møde i Seniorrådet for Birkelund Kommune den 4. marts 2025

1. Tilsynsbesøg på plejecentrene
Karen Holm gav en grundig gennemgang af de seneste tilsynsbesøg.
Rådet fik gode svar fra en meget engageret bestyrelse

2. Lokalplan 417, Boliger ved Engvej - Endelig
Beslutning
Vedtaget

3. Virksomhedsbesøg
SagsfremstillingUdvalget besøger Mølleværket, hvor direktøren fortæller om den nye produktionslinje.
Mølleværket har siden 1990 lavet møller til hele landet.

4. Orientering fra udvalgene
Læs alle dagsordener og referater fra udvalgene her på siden

5. Årsmål for ældreområdet
Sagsfremstilling
Seniorrådets årsmål for 2026 indgår i det samlede budgetforslag for ældreområdet.
Beslutning
Seniorrådet drøftede sagen. Forvaltningen udarbejder beskrivelser af følgende emner:
- Bolig
- Trafik

6. Børnehusets aktiviteter
Udvalget præsenteres for Børnehusets aktiviteter af Solby Kommunes kulturkonsulent, Lise Dam.
Solby Kommunes kulturkonsulent, Lise Dam, vil på mødet fortælle om Børnehusets aktiviteter.
Udvalget tog orienteringen til efterretning.

7. Henvendelse fra byrådsmedlem Ole Berg
Ole Berg ønsker en drøftelse af åbningstiderne i kommunens svømmehaller.
Jeg vil desuden gerne, at der på sagen vedhæftes en oversigt over åbningstiderne som bilag.
Svømmehallerne har i dag åbent fra kl. 6 til kl. 21.

8. Høring om stiplan
Forvaltningen har sendt et udkast til stiplan i høring hos de lokale grundejerforeni
"""


@pytest.fixture(scope="module", params=["learned", "rules"])
def summaries(request) -> dict[str, str]:
    return summaries_by_number(MINUTES, request.param)


def test_unpunctuated_last_line_keeps_its_last_word(summaries):
    # minutes often print no full stop; a whole last word is no cut-off word
    assert summaries["1"].endswith("engageret bestyrelse.")


def test_a_word_cut_by_the_excerpt_is_dropped(summaries):
    assert "grundejerforeni" not in summaries["8"]


def test_one_word_verdict_follows_the_title(summaries):
    assert summaries["2"] == "Lokalplan 417, Boliger ved Engvej - Endelig: Vedtaget."


def test_heading_run_into_the_first_sentence_is_not_kept(summaries):
    assert summaries["3"].startswith("Udvalget besøger Mølleværket")
    assert "Sagsfremstilling" not in summaries["3"]


def test_web_pointer_line_is_no_summary(summaries):
    assert "her på siden" not in summaries["4"] and "Læs" not in summaries["4"]


def test_second_sentence_saying_the_first_again_is_left_out(summaries):
    assert summaries["6"].count("Lise Dam") <= 1


def test_no_first_person_nor_attachment_request_in_a_summary(summaries):
    text = summaries["7"]
    assert "Jeg " not in text and "bilag" not in text
    assert "Ole Berg" in text


def test_decision_lead_in_and_its_list_are_left_out(summaries):
    text = summaries["5"]
    assert "følgende" not in text
    assert "Bolig" not in text and "Trafik" not in text
    assert "drøftede sagen" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a whole last word: a noun ending the way Danish words end
        (
            "Det blev aftalt at undersøge muligheden for en ny cykelforbindelse",
            "Det blev aftalt at undersøge muligheden for en ny cykelforbindelse.",
        ),
        # a cut stem goes, with the function words it leaves dangling
        (
            "Der arbejdes videre med en plan for byens grønne områder og stier til skol",
            "Der arbejdes videre med en plan for byens grønne områder og stier.",
        ),
        # an auxiliary never ends a sentence
        (
            "Forvaltningen oplyser, at ansøgningen om tilskud har",
            "Forvaltningen oplyser, at ansøgningen om tilskud.",
        ),
        # a trailing comma is an unfinished clause, not a missing full stop
        (
            "Hvis fristen for ansøgning ikke overholdes af foreningen,",
            "Hvis fristen for ansøgning ikke overholdes.",
        ),
    ],
)
def test_cut_off_sentence(raw, expected):
    assert _cut_off_sentence(raw, raw) == expected


def test_cut_off_keeps_a_word_printed_whole_elsewhere():
    context = "Bosætning i Skovlund\nFlere nye familier flytter i år til Skovlund"
    out = _cut_off_sentence("Flere nye familier flytter i år til Skovlund", context)
    assert out == "Flere nye familier flytter i år til Skovlund."
    # the same word never printed whole before is taken for a cut stem
    assert _cut_off_sentence("Flere nye familier flytter i år til Skovlund", "") == (
        "Flere nye familier flytter i år."
    )


def test_cut_off_stem_equal_to_an_abbreviation_is_dropped():
    raw = "Udvalget har et mindreforbrug på 4,2 mio. kr., svarende til 2,5 % af det korr"
    context = f"Det korr. budget er 170 mio. kr.\n{raw}"
    assert _cut_off_sentence(raw, context).endswith("svarende til 2,5 %.")


def test_glued_heading_is_removed_but_a_sentence_is_not():
    assert clean_markup("Sagsfremstilling Udvalget drøfter planen.") == "Udvalget drøfter planen."
    assert clean_markup("Resumé af planen følger.") == "Resumé af planen følger."


@pytest.mark.parametrize(
    ("present", "past", "inf"),
    [
        ("vælger", "valgte", "vælge"),
        ("afgør", "afgjorde", "afgøre"),
        ("meddeler", "meddelte", "meddele"),
    ],
)
def test_irregular_verbs(present, past, inf):
    assert past_tense(present) == past
    assert infinitive(present) == inf


@pytest.mark.parametrize(
    "sentence",
    [
        "Der henvises til vedlagte oversigt over hvervene.",
        "Oversigten over hvervene vedhæftes sagen som bilag.",
    ],
)
def test_pointer_to_an_attachment_is_flagged(sentence):
    assert "attachment" in check_fluency(sentence)


def test_proposer_followed_by_a_sentence_of_its_own_is_no_ask():
    from kkrnlp.summarize.ask import _parse_ask

    assert _parse_ask("Formanden indstiller,\nReferatet blev godkendt.", None) is None
    ask = _parse_ask("Borgmesteren indstiller Anna Holm som medlem af rådet.", None)
    assert ask is not None and ask.parts[0][1].startswith("Anna Holm")
