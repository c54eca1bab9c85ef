"""Summary shapes met on a fourth blind set of pages; every sentence is invented."""

from __future__ import annotations

from kkrnlp.danish import s_passive
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer
from kkrnlp.summarize.ask import _parse_ask, _render_ask


def test_a_plain_language_passive_point_after_a_routing_line_is_the_ask():
    """'Sagen bliver behandlet i X.' / 'Y indstiller,' / '- at A bliver taget til efterretning'."""
    ask = _parse_ask(
        "Sagen bliver behandlet i Havneudvalget.\nCenter for Havn indstiller,\n"
        "- at opgørelsen af bådpladserne bliver taget til efterretning.",
        "Havneudvalget",
    )
    assert _render_ask(ask, 40) == "Opgørelsen af bådpladserne skal tages til efterretning."


def test_a_plain_language_passive_with_der_keeps_its_object():
    ask = _parse_ask(
        "Center for Plan indstiller,\n- at der bliver meddelt afslag på ansøgningen om en carport",
        "Planudvalget",
    )
    assert _render_ask(ask, 40) == "Der skal meddeles afslag på ansøgningen om en carport."


def test_s_passive_forms():
    assert s_passive("planen bliver sendt i høring") == "planen sendes i høring"
    assert s_passive("en formand bliver valgt") == "en formand vælges"
    assert s_passive("midlerne bliver igangsat") == "midlerne igangsættes"
    assert s_passive("det bliver sent") == "det bliver sent"  # no participle


def test_a_decision_that_recommends_its_points_on_is_one_sentence():
    """'Det indstilles, at' + '- A.' + '- B.' under the decision: no 'at.' and loose points."""
    points = "- havnens regnskab for 2030 tages til efterretning.\n- Ida Holm udpeges som revisor."
    item = AgendaItem(
        "4",
        "Havnens regnskab 2030",
        text="Havnen har sendt sit regnskab for 2030, som viser et lille overskud.",
        sections=[
            Section("Indstilling", f"Direktøren indstiller, at\n{points}"),
            Section("Beslutning Havneudvalget den 04-03-2031", f"Det indstilles, at\n{points}"),
        ],
        recommendation_text=f"Direktøren indstiller, at\n{points}",
        decision_text=f"Det indstilles, at\n{points}",
    )
    summarizer = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    decision, _, decided = summarizer.ask_text(item, "referat", "Havneudvalget")
    assert decided
    assert decision == (
        "Det blev indstillet, at havnens regnskab for 2030 tages til efterretning, "
        "og at Ida Holm udpeges som revisor."
    )


def test_a_resume_sentence_that_holds_the_ask_is_not_told_twice():
    """Resume 'Udvalget skal godkende X til Y.' and the ask 'Udvalget skal godkende X.'."""
    item = AgendaItem(
        "3",
        "Tilskud til Bådelauget Måsen",
        sections=[
            Section(
                "Resume",
                "Havneudvalget skal godkende et tilskud på 45.000 kr. til Bådelauget Måsen.",
            ),
            Section(
                "Sagsfremstilling",
                "Bådelauget Måsen har i 2030 haft et underskud på 45.000 kr. efter en storm. "
                "Lauget har repareret broen og to skure for egne midler.",
            ),
        ],
        recommendation_text=(
            "Forvaltningen foreslår, at Havneudvalget godkender et tilskud på 45.000 kr."
        ),
    )
    summary = ExtractiveSummarizer(ExtractiveSettings(scorer=None)).summarize(
        item, kind="dagsorden", body="Havneudvalget"
    )
    assert summary.text.count("skal godkende") == 1
    assert summary.text.endswith("et tilskud på 45.000 kr. til Bådelauget Måsen.")


def _remarks_item(decision: str) -> AgendaItem:
    return AgendaItem(
        "2",
        "Bemærkninger/ændringer til dagsordenen",
        sections=[
            Section("Sagsfremstilling", "Evt. bemærkninger til dagsordenen."),
            Section("Beslutning", decision),
        ],
        decision_text=decision,
    )


def test_a_sentence_that_only_repeats_the_title_goes_before_a_real_decision():
    summarizer = ExtractiveSummarizer(ExtractiveSettings(scorer=None))
    told = summarizer.summarize(
        _remarks_item("Punkt 7 om havnebadet udsættes til næste møde."), kind="referat"
    ).text
    assert "Evt. bemærkninger" not in told and "havnebadet" in told
    # a bare nil verdict keeps the sentence that names what it answers
    nil = summarizer.summarize(_remarks_item("Intet at bemærke."), kind="referat").text
    assert "bemærkninger til dagsordenen" in nil.lower()


def test_an_approval_after_the_remark_it_answers_is_the_decision():
    """'NN foreslog ...' then 'Med denne tilføjelse blev dagsordenen godkendt.'."""
    from kkrnlp.summarize.minutes import formalia_decided

    decision = (
        "Ida Holm foreslog et punkt om havnebadet. Formanden foreslog at tage det under pkt 4.\n\n"
        "Med denne tilføjelse blev dagsordenen godkendt.\n\nFravær med afbud: Ole Dam"
    )
    item = AgendaItem(
        "1",
        "Godkendelse af dagsorden",
        sections=[Section("Beslutning", decision)],
        decision_text=decision,
    )
    told = formalia_decided(item)
    assert told is not None and told.startswith("Dagsordenen blev godkendt.")
    assert "Ida Holm foreslog et punkt om havnebadet." in told


def _agenda_approval(decision: str) -> AgendaItem:
    return AgendaItem(
        "1",
        "Godkendelse af dagsorden",
        sections=[Section("Beslutning", decision)],
        decision_text=decision,
    )


def test_an_agenda_approval_names_who_was_away():
    """The reference summaries of formal items name the absent members."""
    from kkrnlp.summarize.minutes import formalia_decided

    told = formalia_decided(_agenda_approval("Godkendt.\n\nFraværende: Ida Holm (A), Ole Dam (V)"))
    assert told == "Dagsordenen blev godkendt; Ida Holm (A) og Ole Dam (V) var fraværende."
    told = formalia_decided(_agenda_approval("Godkendt.\n\nEj til stede: Kim Lund"))
    assert told == "Dagsordenen blev godkendt; Kim Lund var fraværende."


def test_an_agenda_approval_without_named_absentees_says_only_the_approval():
    from kkrnlp.summarize.minutes import formalia_decided

    for decision in (
        "Godkendt.\n\nFraværende: Ingen",
        "Godkendt.",
        # a sentence, not a list of names
        "Godkendt.\n\nAfbud fra formanden, som var på ferie hele ugen med familien.",
    ):
        assert formalia_decided(_agenda_approval(decision)) == "Dagsordenen blev godkendt."
