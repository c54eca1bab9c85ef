"""Summary defects read on a second round of unseen pages (board minutes of small
councils, clubs and parish councils), one test per shape.

Every body, name, figure and sentence below is invented.
"""

from __future__ import annotations

import pytest

from kkrnlp.pipeline import parse_text
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer
from tests.summarize.minutes_summaries import summaries_by_number

MINUTES = """Referat af bestyrelsesmøde i Grundejerforeningen Kløvermarken
Mandag den 3. februar 2025 kl. 19.00

1. Godkendelse af dagsorden
Godkendt

2. Godkendelse af referat fra mødet den 14. november 2024
Referatet godkendt.

3. Godkendelse af dagsorden og referat
Godkendt med disse rettelser: at
- Vejfesten kommer på som fast punkt

4. Regnskab
Kassereren fremlagde regnskabet for 2024, som viser et overskud på 4.300 kr.

5. Årsregnskab
- • Regnskabet for 2024 er gennemgået af revisor. Det lægges frem på generalforsamlingen.

6. Nyt fra vejudvalget
- Vejudvalget gennemgik tilbuddet på ny asfalt – udvalget besluttede at indhente to tilbud mere

7. Næste møde
Onsdag den 9. april 2025 kl. 19.00 hos KH

8. Kontingent
Bestyrelsen følger op på de tre medlemmer, der mangler at betale, så hurtigt som muligt

9. Legepladsen
19.10 - 19.30Der er kommet nye gynger på legepladsen ved Kløvervej. Ingen har klaget.

10. Meddelelser fra formanden
Vandprøverne forventes klar 15. marts.Lone er kommet hjem fra sygehuset.

11. Orientering fra vandværkets møde
Poul orienterede om mødet i vandværkernes fællesråd. Ledningsregistret bliver digitalt i år.

12. Godkendelse af årsregnskab 2024
Bestyrelsen godkendte årsregnskabet, og formanden underskrev det.

13. Gennemgang af synsrapport for præstegården
Gennemgået og godkendt.

14. Kassereren
Intet
"""


@pytest.fixture(scope="module", params=["learned", "rules"])
def summaries(request) -> dict[str, str]:
    return summaries_by_number(MINUTES, request.param)


def test_bare_verdict_under_an_approval_title_is_the_decision(summaries):
    # "Godkendt" with no decision heading was told as an ask ("skal godkendes")
    assert summaries["1"] == "Dagsordenen blev godkendt."
    assert summaries["2"] == "Referatet fra mødet den 14. november 2024 blev godkendt."


def test_verdict_pointing_to_a_left_out_list_drops_the_pointer(summaries):
    assert summaries["3"] == "Dagsordenen og referat blev godkendt."


def test_verdict_counts_even_when_the_header_reads_as_an_agenda():
    item = parse_text("Dagsorden\n\n1. Godkendelse af dagsorden\nGodkendt\n\n2. Vejfest\nIntet\n")
    text = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(
        item.items[0], kind="dagsorden"
    )
    assert text.text == "Dagsordenen blev godkendt."


def test_text_of_list_points_only_is_summarized_not_the_title(summaries):
    # a text that is nothing but "- •" points was skipped whole: the title was echoed
    assert summaries["5"].startswith("Regnskabet for 2024 er gennemgået af revisor.")
    assert "•" not in summaries["5"] and "Årsregnskab" not in summaries["5"]


def test_list_marker_is_not_glued_after_the_title(summaries):
    assert summaries["6"].startswith("Vejudvalget gennemgik tilbuddet")
    assert ": -" not in summaries["6"]


@pytest.mark.parametrize(("number", "ending"), [("7", "hos KH."), ("8", "så hurtigt som muligt.")])
def test_whole_last_word_of_an_unpunctuated_line_stays(summaries, number, ending):
    # initials and words in -t end finished lines; dropping them changed the meaning
    assert summaries[number].endswith(ending)


def test_time_slot_glued_to_the_text_is_left_out(summaries):
    assert summaries["9"].startswith("Der er kommet nye gynger på legepladsen ved Kløvervej.")
    assert "19.30" not in summaries["9"]


def test_sentences_whose_space_was_lost_are_parted():
    from kkrnlp.summarize.sentences import split_sentences

    text = (
        "Vandprøverne forventes klar 15. marts.Lone er kommet hjem. "
        "Saldo pr. 1. maj 2025Taget til efterretning."
    )
    assert split_sentences(text) == [
        "Vandprøverne forventes klar 15. marts.",
        "Lone er kommet hjem.",
        "Saldo pr. 1. maj 2025.",
        "Taget til efterretning.",
    ]


@pytest.mark.parametrize("number", ["11", "12"])
def test_no_ask_guessed_from_the_title_after_minutes_tell_the_outcome(summaries, number):
    # "Orienteringen skal tages til efterretning." / "... skal godkendes." after a
    # report of what the meeting did
    assert "skal" not in summaries[number]


def test_a_dated_earlier_decision_keeps_the_ask():
    text = (
        "Dagsorden\n\n1. Godkendelse af skema B for Engparken\n"
        "På sit møde den 2. maj 2023 godkendte Byrådet skema A for 12 boliger i Engparken.\n"
    )
    item = parse_text(text).items[0]
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(item, kind="referat")
    assert summary.text.endswith("skal godkendes.")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("13", "Gennemgang af synsrapport for præstegården: Gennemgået og godkendt."),
        ("14", "Kassereren: Intet."),
    ],
)
def test_bare_verdict_line_is_told_after_its_title(summaries, number, expected):
    # "Gennemgået og godkendt." alone names nothing; the title alone says nothing happened
    assert summaries[number] == expected


def test_lettered_sub_item_title_line_is_no_text_line():
    from kkrnlp.schema import AgendaItem

    item = AgendaItem("7.c", "Kirkeværgen", text="7.c. Kirkeværgen\nIntet.")
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(item, kind="referat")
    assert summary.text == "Kirkeværgen: Intet."


@pytest.mark.parametrize(
    "header_body",
    [
        "Foreningen > Referater",
        "Dagsordener og referater for råd og nævn",
        "Mødt: Bestyrelsen",
        "Kommunes Fritidsudvalg",
        "U07",
    ],
)
def test_page_furniture_read_as_the_body_names_no_one_in_the_ask(header_body):
    item = parse_text("Dagsorden\n\n1. Godkendelse af budget 2026\nBudgettet fremlægges.\n")
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(
        item.items[0], kind="dagsorden", body=header_body
    )
    assert header_body not in summary.text
    assert summary.text.endswith("Budget 2026 skal godkendes.")


def test_a_plain_body_is_still_named():
    from kkrnlp.summarize.ask import clean_body

    assert clean_body("Kultur- og Fritidsudvalget") == "Kultur- og Fritidsudvalget"


def test_line_ending_in_a_question_word_runs_on_into_the_next():
    from kkrnlp.summarize.sentences import split_sentences

    text = "Vi venter stadig på at se hvordan\nNabokommunen løser sin aftale om vand."
    assert split_sentences(text) == [
        "Vi venter stadig på at se hvordan Nabokommunen løser sin aftale om vand."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3. Valg af referent\nBirte\n", "Valg af referent: Birte."),
        (
            "3. Valg af formand og kasserer\nValg:\nFormand Ib Krog\nKasserer Ane Lund\n",
            "Valg af formand og kasserer: Formand Ib Krog og Kasserer Ane Lund.",
        ),
    ],
)
def test_names_alone_are_told_with_the_election_they_won(text, expected):
    from kkrnlp.schema import AgendaItem

    title = text.split("\n")[0].split(". ", 1)[1]
    item = AgendaItem("3", title, text=text.strip())
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(item, kind="referat")
    assert summary.text == expected


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("På valg er Ole Bak (genopstiller ikke) og Eva Holm.", "(genopstiller ikke)"),
        ("Sommerfesten holdes d. 9. juni (nu flyttet til d. 16. juni).", "16. juni"),
    ],
)
def test_aside_that_negates_or_moves_the_fact_is_kept(sentence, kept):
    from kkrnlp.summarize.compress import compress

    assert kept in compress(sentence)


def test_plain_aside_is_still_dropped():
    from kkrnlp.summarize.compress import compress

    assert "(se skitse)" not in compress("Legepladsen får tre nye gynger (se skitse).")


def test_points_under_a_question_are_the_matter():
    from kkrnlp.schema import AgendaItem

    text = (
        "5. Evaluering af sommerfesten\nHvorfor kom der så få?\n"
        "- Festen blev annonceret for sent i bladet.\n- Vejret var koldt og blæsende hele dagen.\n"
    )
    item = AgendaItem("5", "Evaluering af sommerfesten", text=text)
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(item, kind="referat")
    assert "annonceret for sent" in summary.text
