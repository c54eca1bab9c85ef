"""Summary shapes met on new pages of known publishing sites; every sentence is invented."""

from __future__ import annotations

import pytest

from kkrnlp.pipeline import parse_text
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSettings, ExtractiveSummarizer
from kkrnlp.summarize.ask import _parse_ask, _render_ask
from kkrnlp.summarize.selection import _cut_off_sentence, candidates


@pytest.fixture(scope="module")
def summarizer():
    return ExtractiveSummarizer(ExtractiveSettings(scorer=None))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the excerpt stops inside the verb the sentence needs: nothing is kept
        ("Den årlige optælling af fugle i mosen er blevet fo", ""),
        ("Den nye plan for stierne langs åen og engene har været i hø", ""),
        # a clause that lost its verb goes back to its comma
        (
            "Planen for engene blev vist for rådet på mødet den 3. maj, hvor rådet s",
            "Planen for engene blev vist for rådet på mødet den 3. maj.",
        ),
    ],
)
def test_a_sentence_cut_by_the_excerpt_keeps_only_what_is_whole(raw, expected):
    assert _cut_off_sentence(raw, raw) == expected


def test_a_negated_passive_point_puts_skal_before_ikke():
    ask = _parse_ask(
        "Direktøren indstiller, at:\n1. der ikke afsættes midler til oprensning af Lyngsøen.",
        "Søudvalget",
    )
    assert _render_ask(ask, 40) == "Der skal ikke afsættes midler til oprensning af Lyngsøen."


def test_points_at_drøfte_with_a_clause_after_stay_infinitives():
    ask = _parse_ask(
        "Administrationen indstiller til temaudvalget,\n"
        "- At drøfte status på skovsagerne\n"
        "- At drøfte hvad statussen giver anledning til i det videre arbejde",
        "Skovudvalget",
    )
    assert _render_ask(ask, 40) == (
        "Skovudvalget skal drøfte status på skovsagerne og hvad statussen giver anledning "
        "til i det videre arbejde."
    )


def test_a_routing_section_is_no_matter():
    item = AgendaItem(
        "2",
        "Beslutning om ny bro i Engby",
        sections=[
            Section(
                "Sagsgang og sagstype",
                "Projektudvalget for Udvikling af Landområder, Økonomiudvalget",
            ),
            Section("Beskrivelse af sagen", "Broen over åen i Engby er fra 1931 og skal skiftes."),
        ],
    )
    texts = [c.text for c in candidates(item)]
    assert not any("Økonomiudvalget" in t for t in texts)
    assert any("1931" in t for t in texts)


def test_site_headings_for_the_case_text_open_a_background_section():
    page = (
        "1. Ny bro i Engby\n\nIndstilling\nForvaltningen indstiller, at broen skiftes i 2032.\n"
        "Baggrund og vurdering\nBroen over åen i Engby er fra 1931 og har revner i buen.\n\n"
        "2. Nye bænke ved søen\n\nIndstilling\nDirektøren indstiller, at:\n"
        " 1. bænkene købes\nBeskrivelse af sagen\nBorgerne i Engby har ønsket flere bænke.\n"
    )
    items = parse_text(page).items
    assert [i.number for i in items] == ["1", "2"]
    for item, words in zip(items, ("1931", "ønsket flere bænke"), strict=True):
        assert words not in (item.recommendation_text or "")
        assert words in (item.section_by_role("background", first=True) or "")


def test_a_matter_sentence_the_ask_repeats_is_left_out(summarizer):
    background = (
        "Forslaget til en ny lyngplan er udarbejdet af sekretariatet i foråret 2031. "
        "Efter behandlingen sendes lyngplanen i høring hos grundejerne i perioden 1.-20. juni."
    )
    item = AgendaItem(
        "7",
        "Ny lyngplan",
        recommendation_text="Sekretariatet indstiller, at lyngplanen sendes i høring hos "
        "grundejerne i perioden 1.-20. juni.",
        sections=[Section("Resume", background)],
        text=background,
    )
    out = summarizer.summarize(item, kind="dagsorden", body="Lyngudvalget").text
    assert out.count("1.-20. juni") == 1, out


def test_a_short_matter_sentence_sharing_the_asks_words_stays(summarizer):
    # Five content words overlap a long ask by chance: the fact stays, and no longer
    # sentence (here a list of members) takes its place.
    background = (
        "Det nye medlem afløser Berta Lund. "
        "Skovnævnet består i dag af Anna Holm (A), Bo Dal (V), Berta Lund og Carl Ek (F)."
    )
    item = AgendaItem(
        "3",
        "Nyt medlem af skovnævnet",
        recommendation_text="Sekretariatet indstiller, at rådet indstiller et nyt medlem af "
        "skovnævnet, som afløser Berta Lund.",
        sections=[Section("Sagsfremstilling", background)],
        text=background,
    )
    out = summarizer.summarize(item, kind="dagsorden", body="Skovrådet").text
    assert "Det nye medlem afløser Berta Lund." in out, out
