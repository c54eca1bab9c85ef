"""Summary shapes met on a fifth blind set of pages; every sentence is invented."""

from __future__ import annotations

from kkrnlp.pipeline import parse_text
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer
from kkrnlp.summarize.ask import _parse_ask, _render_ask


def test_a_recommendation_passed_on_names_who_recommends_to_whom():
    """'X indstiller til Udvalget at anbefale Byrådet' + '1. at A' '2. at B'."""
    ask = _parse_ask(
        "Direktøren indstiller til Kulturudvalget at anbefale Byrådet\n"
        "1. at godkende den nye biblioteksplan\n2. at frigive 2,5 mio. kr. til bogbussen",
        None,
    )
    assert _render_ask(ask, 40) == (
        "Kulturudvalget skal anbefale Byrådet at godkende den nye biblioteksplan og "
        "at frigive 2,5 mio. kr. til bogbussen."
    )


def test_capitalised_infinitive_points_after_anbefale_over_for_read_as_at_points():
    """'... at anbefale over for Byrådet, at:' + '1. Godkende A' + '2. Godkende B'."""
    ask = _parse_ask(
        "Administrationen indstiller til Miljøudvalget at anbefale over for Byrådet, at:\n"
        "1. Godkende udbuddet af affaldsindsamlingen\n"
        "2. Godkende en anlægsudgift på 3 mio. kr. i 2033",
        None,
    )
    text = _render_ask(ask, 40)
    assert text.startswith("Miljøudvalget skal anbefale Byrådet at godkende udbuddet af")
    assert "3 mio. kr. i 2033" in text


def test_indstiller_over_for_names_the_recipient_not_an_ask_to_recommend():
    """'Forvaltningen indstiller over for Udvalget,' + '- at A godkendes' is no
    'Udvalget skal indstille over for Udvalget'."""
    ask = _parse_ask(
        "Forvaltningen indstiller over for Teknikudvalget,\n"
        "- at planen for nye cykelstier i 2033 godkendes,",
        None,
    )
    text = _render_ask(ask, 40)
    assert "indstille" not in text
    assert text == "Planen for nye cykelstier i 2033 skal godkendes."


def test_a_genitive_after_a_preposition_is_not_the_passive_verb():
    ask = _parse_ask(
        "Indstilling om,\n- at fordelingen af skolernes midler for 2033 godkendes.", None
    )
    assert _render_ask(ask, 40) == "Fordelingen af skolernes midler for 2033 skal godkendes."


def test_points_under_a_long_recommendation_line_belong_to_the_recommendation():
    """A lead-in with no colon ('... at anbefale Byrådet') keeps its numbered points."""
    page = (
        "Byråd\n\n7. Ny takst for vinterbadning\n\nResume\n\nTaksten har ikke været ændret "
        "siden 2029.\n\nAdministrationen indstiller til Økonomiudvalget at anbefale Byrådet\n"
        "1. at godkende en takst på 40 kr. pr. gang\n2. at taksten gælder fra 1. januar 2033\n\n"
        "Sagsfremstilling\n\nTaksten dækker opvarmning af saunaen.\n"
    )
    rec = parse_text(page).items[0].recommendation_text or ""
    assert rec.splitlines()[1:] == [
        "1. at godkende en takst på 40 kr. pr. gang",
        "2. at taksten gælder fra 1. januar 2033",
    ]


def test_party_letters_in_brackets_are_not_a_glued_list():
    """'Eva Lund (F) ... Per Dal (F) ... (F)': party letters, not 'a) b) c)' points."""
    from kkrnlp.summarize import check_fluency

    text = (
        "Det blev besluttet, at Eva Lund (F) indkaldes for Per Dal (F) og indtræder i de "
        "udvalg, som Per Dal (F) er udpeget til."
    )
    assert "glued list" not in check_fluency(text)
    assert "glued list" in check_fluency("Planen omfatter a) stier b) broer c) bænke.")


def test_a_pointer_to_an_attachment_is_dropped_from_the_ask():
    """'... godkendes, jf. bilag 3.': the summary's reader has no attachments."""
    ask = _parse_ask(
        "Forvaltningen indstiller over for Havneudvalget,\n"
        "1. at havnens nye ordensregler godkendes, jf. bilag 3 og 4.",
        None,
    )
    assert _render_ask(ask, 40) == "Havnens nye ordensregler skal godkendes."


def test_a_verdict_after_a_remark_answers_the_ask_first():
    """Decision 'Udvalget får en ny status i maj 2033.' + 'Godkendt.': the verdict is told
    in the ask's words, the remark after it; no loose 'Godkendt.'."""
    rec = "Centret indstiller, at orienteringen tages til efterretning."
    verdict = "Udvalget får en ny status i maj 2033.\nGodkendt."
    item = AgendaItem(
        "8",
        "Orientering om ny rengøringsordning",
        text="Centret har afprøvet en ny rengøringsordning i 40 boliger.",
        sections=[
            Section("Indstilling", rec),
            Section("Beslutning", verdict),
        ],
        recommendation_text=rec,
        decision_text=verdict,
    )
    summarizer = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    decision, _, decided = summarizer.ask_text(item, "referat", "Ældreudvalget")
    assert decided
    assert decision == (
        "Orienteringen blev taget til efterretning. Udvalget får en ny status i maj 2033."
    )


def test_fravaer_names_the_absentee_of_a_formal_approval():
    """'Fravær: NN' under an approved agenda is told like 'Fraværende: NN'."""
    page = (
        "Byråd\n\nTirsdag den 12-03-2033 kl. 19:00\n\nReferat\n\n"
        "14. Godkendelse af dagsorden\n\nSagsnummer: 00.22.04-G01-2-33\n\n"
        "Administrationen indstiller til Byrådet\n  1. at godkende dagsorden\n\n"
        "Beslutning\n  1. Godkendt.\n\nFravær: Ida Holm (V)\n\n"
        "15. Ny sti langs åen\n\nResume\n\nStien koster 2 mio. kr.\n"
    )
    meeting = parse_text(page)
    summarizer = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    text = summarizer.summarize(meeting.items[0], kind="referat", body="Byrådet").text
    assert text == "Dagsordenen blev godkendt; Ida Holm (V) var fraværende."


def test_a_name_the_writer_capitalised_after_at_keeps_its_capital():
    """'2. at Kulturforvaltningens forslag godkendes': a name, not a sentence start."""
    ask = _parse_ask(
        "Forvaltningen indstiller over for Kulturudvalget,\n"
        "1. at høringssvarene tages til efterretning,\n"
        "2. at Kulturforvaltningens forslag til svar godkendes.",
        None,
    )
    assert _render_ask(ask, 40) == (
        "Høringssvarene skal tages til efterretning og Kulturforvaltningens forslag til svar "
        "godkendes."
    )


def test_points_and_routing_lines_in_the_resume_are_not_matter_sentences():
    """A resume holding the recommendation's points and a history line ('Økonomiudvalget,
    3. maj 2033, pkt. 41:'): the ask tells the points; neither line is told as matter."""
    page = (
        "Byråd\n\n7. Ny takst for vinterbadning\n\nResume\n\nTaksten har ikke været ændret "
        "siden 2029 og dækker ikke længere driften af saunaen.\n\n"
        "Administrationen indstiller til Økonomiudvalget at anbefale Byrådet\n"
        '1. at godkende en takst på 40 kr. pr. gang, jf. bilag "Takstblad 2033"\n'
        "2. at taksten gælder fra 1. januar 2033\n\nHistorik\n\n"
        "Økonomiudvalget, 3. maj 2033, pkt. 41:\n\nAnbefalet.\n"
    )
    item = parse_text(page).items[0]
    summarizer = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    text = summarizer.summarize(item, kind="dagsorden", body=None).text
    assert "pkt. 41" not in text
    assert "bilag" not in text
    assert text.count("1. januar 2033") <= 1
    assert "Økonomiudvalget skal anbefale Byrådet at godkende en takst på 40 kr." in text
