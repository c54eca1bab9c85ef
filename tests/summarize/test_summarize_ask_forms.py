"""The ask sentence for recommendation forms seen on real pages, on invented sentences.

Every body, name and sentence below is invented.
"""

from __future__ import annotations

import pytest

from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer, split_sentences
from kkrnlp.summarize.ask import _parse_ask, _render_ask


@pytest.fixture(scope="module")
def summarizer():
    return ExtractiveSummarizer(ExtractiveSettings(scorer=None))


def _ask(rec: str, body: str | None = None) -> str:
    ask = _parse_ask(rec, body)
    assert ask is not None, rec
    return _render_ask(ask, 40)


def test_a_clause_with_its_own_subject_names_that_subject():
    text = _ask(
        "Pilefjordforvaltningen indstiller,\n"
        "1. at Pileudvalget tager status på bølgeplanen til efterretning."
    )
    assert text == "Pileudvalget skal tage status på bølgeplanen til efterretning."
    assert "indstille" not in text and "Mødet" not in text


def test_indstiller_til_a_body_is_not_the_ask():
    text = _ask(
        "Direktøren indstiller til Byrådet:\n"
        "1. At der tages stilling til ansøgningen fra Hvidmosen."
    )
    assert text == "Der skal tages stilling til ansøgningen fra Hvidmosen."
    text = _ask(
        "Forvaltningen indstiller til Skovudvalg, Økonomiudvalg og Byråd, "
        "at skovplanen godkendes endeligt."
    )
    assert text == "Skovplanen skal godkendes endeligt."


def test_numbered_lead_in_and_one_line_list():
    text = _ask(
        "Direktør Ib Mose, indstiller at:\n1. dagsorden til mødet i Lyngudvalget godkendes.",
        "Lyngudvalget",
    )
    assert text == "Dagsorden til mødet i Lyngudvalget skal godkendes."
    text = _ask(
        "Administrationen indstiller til udvalget for skove: At skovrådets deltagere vælger en "
        "formand, At skovrådets deltagere vælger en næstformand."
    )
    assert text == "Skovrådets deltagere skal vælge en formand og en næstformand."


def test_indstiller_x_til_droeftelse():
    text = _ask(
        "Områdechefen indstiller udarbejdelsen af en lyngstrategi til drøftelse.", "Lyngudvalget"
    )
    assert text == "Lyngudvalget skal drøfte udarbejdelsen af en lyngstrategi."


def test_an_appointment_verb_stays_the_ask():
    text = _ask(
        "Det indstilles, at KKR Mosedal indstiller et nyt medlem af Pilerådet.", "KKR Mosedal"
    )
    assert text == "KKR Mosedal skal indstille et nyt medlem af Pilerådet."


def test_a_genitive_is_no_passive_verb():
    text = _ask(
        "Direktøren indstiller,\n"
        "1. at orienteringen om Mosby Kommunes lyngindsats tages til efterretning."
    )
    assert text == "Orienteringen om Mosby Kommunes lyngindsats skal tages til efterretning."


def test_no_body_anywhere_gives_a_passive_not_the_word_moedet(summarizer):
    background = "Lyngplanen for 2031 er udarbejdet af Lyngsekretariatet efter en høring i foråret."
    item = AgendaItem(
        "3",
        "Godkendelse af lyngplan 2031",
        sections=[Section("Baggrund", background)],
        text=background,
    )
    out = summarizer.summarize(item, kind="dagsorden", body=None)
    assert "Lyngplan 2031 skal godkendes." in out.text, out.text
    assert "Mødet" not in out.text
    item = AgendaItem(
        "4",
        "Orientering om pilehegn",
        sections=[Section("Beslutning", "Drøftet.")],
        decision_text="Drøftet.",
        text="Beslutning\nDrøftet.",
    )
    out = summarizer.summarize(item, kind="referat", body=None)
    assert "Mødet" not in out.text
    assert "Sagen blev drøftet." in out.text


def test_a_passive_recommendation_approved_reads_as_done(summarizer):
    rec = (
        "Forvaltningen indstiller til Pileudvalget, at:\n"
        "1. De vedlagte regler for bådebroen godkendes."
    )
    item = AgendaItem(
        "5",
        "Regler for bådebroen",
        sections=[
            Section("Baggrund", "Bådebroen ved Pilesø åbner i foråret 2031."),
            Section("Indstilling", rec),
            Section("Beslutning", "Godkendt."),
        ],
        recommendation_text=rec,
        decision_text="Godkendt.",
        text=f"Bådebroen ved Pilesø åbner i foråret 2031.\n{rec}\nGodkendt.",
    )
    out = summarizer.summarize(item, kind="referat", body=None)
    assert "De vedlagte regler for bådebroen blev godkendt." in out.text, out.text
    assert "indstille" not in out.text
    assert 1 <= len(split_sentences(out.text)) <= 3


def test_indstilling_om_and_det_foreslaas_are_lead_ins():
    text = _ask("Indstilling om,\n1. at Mosebyrådet godkender forslag til nye pilehegn.")
    assert text == "Mosebyrådet skal godkende forslag til nye pilehegn."
    text = _ask("Det foreslås,\n1. at Pilehallen stilles til rådighed for koncerter om søndagen.")
    assert text == "Pilehallen skal stilles til rådighed for koncerter om søndagen."


def test_a_centre_or_a_chief_is_never_the_body_that_decides(summarizer):
    rec = (
        "Sagen bliver behandlet i Lyngudvalget.\n"
        "Center for Lyng og Pil indstiller,\n"
        "- at orientering om lyngtællingen bliver taget til efterretning"
    )
    item = AgendaItem(
        "2",
        "Resultat af lyngtællingen 2031",
        sections=[
            Section("Baggrund", "Mosby Kommune har talt lyngen på alle tre heder i 2031."),
            Section("Indstilling", rec),
            Section("Beslutning", "Blev taget til efterretning."),
        ],
        recommendation_text=rec,
        decision_text="Blev taget til efterretning.",
        text=f"Mosby Kommune har talt lyngen på alle tre heder i 2031.\n{rec}",
    )
    out = summarizer.summarize(item, kind="referat", body="Lyngudvalget")
    assert "Lyngudvalget tog orienteringen til efterretning." in out.text, out.text
    assert "Center for" not in out.text


def test_an_agenda_approval_after_a_remark_is_the_decision(summarizer):
    decision = "Ib Mose erklærede sig inhabil vedr. pkt. 14 og 15.\n1. Godkendt\nKaj Pil fraværende"
    rec = "Administrationen indstiller til Pileudvalget:\n1. at godkende dagsorden"
    item = AgendaItem(
        "11",
        "Godkendelse af dagsorden",
        sections=[Section("Indstilling", rec), Section("Beslutning", decision)],
        recommendation_text=rec,
        decision_text=decision,
        text=f"{rec}\nBeslutning\n{decision}",
    )
    out = summarizer.summarize(item, kind="referat", body="Pileudvalget")
    assert out.text.startswith("Dagsordenen blev godkendt."), out.text
    assert "inhabil vedr. pkt. 14 og 15." in out.text
    assert "fraværende" not in out.text


def test_a_short_minutes_line_is_said_under_its_title_not_the_title_alone(summarizer):
    text = "4. Høring om pileruter 2031\nForslaget anbefales – formanden sender svaret"
    item = AgendaItem("4", "Høring om pileruter 2031", text=text)
    out = summarizer.summarize(item, kind="referat", body="Pilerådet")
    assert out.text == "Høring om pileruter 2031: Forslaget anbefales – formanden sender svaret."
    # a line cut off in the source is no text: the title stays alone
    cut = AgendaItem(
        "5", "Anmodning om lyngsti", text="5. Anmodning om lyngsti\nResume\nEn borger a"
    )
    assert summarizer.summarize(cut, kind="referat", body="Pilerådet").text == (
        "Anmodning om lyngsti."
    )


@pytest.mark.parametrize(
    "fragment",
    [
        "Lyngudvalget beslutter.",
        "Mosepartiet stillede følgende forslag:",
        "Det foreslås,\n1. at hederne plejes hvert andet år.\n(Stillet af Mosepartiet)",
        "Tallene er fordelt på heder, som det fremgår af nedenstående grafer.",
    ],
)
def test_a_line_that_only_announces_something_is_no_sentence_of_the_summary(summarizer, fragment):
    background = (
        f"{fragment}\n"
        "Lyngtællingen i 2031 viste 412 nye planter på Østerhede og 97 på Vesterhede.\n"
        "Tællingen blev udført af frivillige fra Mosby Naturforening i maj."
    )
    item = AgendaItem(
        "6", "Lyngtælling 2031", sections=[Section("Baggrund", background)], text=background
    )
    out = summarizer.summarize(item, kind="dagsorden", body="Lyngudvalget")
    assert fragment.split("\n")[0].rstrip(".:,") not in out.text, out.text
    assert "412 nye planter" in out.text


def test_a_dated_body_line_in_minutes_heads_the_decision(summarizer):
    text = (
        "19. Valg af formand\n"
        "Resume\n"
        "Pileudvalget skal vælge en ny formand, efter at Ib Mose er fraflyttet kommunen.\n"
        "Indstilling\n"
        "Forvaltningen indstiller, at udvalget vælger en ny formand.\n"
        "Udvalget for Pil, Lyng og Mose, 03-05-2031, pkt. 19\n"
        "Kaj Pil blev valgt som ny formand for udvalget."
    )
    rec = "Forvaltningen indstiller, at udvalget vælger en ny formand."
    item = AgendaItem("19", "Valg af formand", recommendation_text=rec, text=text)
    out = summarizer.summarize(item, kind="referat", body="Pileudvalget")
    assert "Kaj Pil blev valgt som ny formand" in out.text, out.text
    assert "pkt. 19" not in out.text
    assert "03-05-2031" not in out.text


def test_the_recommendation_line_is_not_repeated_before_the_ask(summarizer):
    rec = "Lyngforvaltningen indstiller til Lyngudvalg og Byråd, at lyngplanen godkendes endeligt."
    text = (
        f"{rec}\nLyngplanen beskriver plejen af 14 heder frem til 2040.\n"
        "Planen har været i høring i otte uger."
    )
    item = AgendaItem(
        "7",
        "Godkendelse af lyngplan",
        sections=[Section("Tekst", text)],
        recommendation_text=rec,
        text=text,
    )
    out = summarizer.summarize(item, kind="dagsorden", body="Lyngudvalget")
    assert "indstiller" not in out.text, out.text
    assert "Lyngplanen skal godkendes endeligt." in out.text


def test_an_adverbial_in_the_subject_goes_after_skal():
    text = _ask(
        "Administrationen indstiller til Lyngudvalget:\n"
        "1. at udvalget på baggrund af lyngkataloget og tællingen prioriterer forslagene"
    )
    assert text == "Udvalget skal på baggrund af lyngkataloget og tællingen prioritere forslagene."
