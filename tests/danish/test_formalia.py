"""Formalia wordings have one home (labels.toml): tagging, summaries and the digest agree.

Titles are invented, in the shapes agendas print.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kkrnlp import config
from kkrnlp.classify.policy import formalia_rule
from kkrnlp.danish import (
    FORMALIA_TITLES,
    ITEM_TYPE_LABELS,
    is_formalia_group,
    is_formalia_title,
    title_without_labels,
)
from kkrnlp.digest.build import is_formal
from kkrnlp.digest.model import DigestItem
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.summarize import ExtractiveSummarizer
from kkrnlp.taxonomy import load_taxonomy, packaged_taxonomy

# One title for each wording the summarizer's and the digest's own pattern matched
# before it was merged into the labels.toml cues, and for each tagging cue.
FORMAL = [
    "Godkendelse af dagsorden", "Godkendelse af dagorden", "Godkendelse af referatet",
    "Dagsordenens godkendelse", "Dagsorden for mødet", "Referat", "Referat af sidste møde",
    "Evt.", "Mødedatoer for foråret", "Fraværende", "Afbud", "Underskrift af protokollen",
    "Lukket punkt", "Orientering fra medlemmerne", "Orientering fra udvalgets medlemmer",
    "Punkter til kommende møde", "Bemærkninger til dagens dagsorden",
    "Møde i Grønt Råd den 4. marts",
    "Møderække 2027", "Åben dagsorden", "Valg af ordstyrer", "Fastsættelse af mødedatoer",
    "Siden sidst", "Nyt siden sidst", "Eventuelt", "Næste møde", "Dato for næste møde",
    "Gensidige meddelelser", "Formandens meddelelser", "Meddelelse fra formanden",
    "Politisk mødekalender 2027", "Forslag til mødeplan 2027", "Gensidig orientering",
    "Gensidig orientering fra formanden", "Orientering fra borgmester og direktør",
    "Stedfortrædere", "Beslutninger vedrørende dagsordenen",
    # a round from the members and the staff, naming no matter
    "Orientering fra udvalgsmedlemmer og administration", "Information fra sekretariatet",
    "Orientering fra administrationen og formanden",
    # moving the meeting itself
    "Fremrykning af udvalgsmøde", "Flytning af mødet",
    # a label printed before the title: item type, access marker, the body's initials
    "Beslutningssag: Godkendelse af referat", "SKU - Eventuelt", "Lukket punkt - SKU - Eventuelt",
    "Åben - Meddelelser fra formanden", "Kommunalbestyrelsen. Mødeplan 2027",
]  # fmt: skip
# Titles the old loose pattern called formal, wrongly: a matter behind a printed label, a
# matter that mentions a meeting, plural "Dagsordener", "Evt." opening a sentence.
NOT_FORMAL = [
    "LUKKET PUNKT - Salg af jord ved havnen", "Lukket punkt: Ekspropriation til cykelsti",
    "Input til næste møde i Skolepanelet den 3. maj 2027", "Dagsordener for skolebestyrelser",
    "Evt. udpegning af ny leverandør", "Åben - Orientering om ungdomsrådet",
    "Budget 2027 - 2. behandling", "Orientering",
    "Orientering fra forvaltningen om nye cykelstier", "Orientering fra afdelingerne",
    "Flytning af skolens bibliotek",
]  # fmt: skip


@pytest.fixture(scope="module", params=["package", "shipped model"])
def taxonomy(request):
    if request.param == "package":
        return load_taxonomy(config.LABELS_FILE)
    return load_taxonomy(config.DEFAULT_MODEL_DIR / "labels.toml")


@pytest.mark.parametrize("title", FORMAL)
def test_every_formal_wording_is_formal_for_tags_summaries_and_digest(taxonomy, title):
    assert formalia_rule(AgendaItem("1", title), taxonomy)
    assert is_formalia_title(title, taxonomy)
    assert is_formalia_title(title)  # the summarizer's and the digest's call
    assert is_formal({}, DigestItem("1", title, policy_area="formalia"))


@pytest.mark.parametrize("title", NOT_FORMAL)
def test_matters_are_not_formal(taxonomy, title):
    assert not formalia_rule(AgendaItem("1", title), taxonomy)
    assert not is_formalia_title(title)


def test_groups_are_read_with_group_cues_only():
    # "Åben dagsorden" is a formal item as a title, but as a group it holds the whole meeting
    assert is_formalia_title("Åben dagsorden") and not is_formalia_group("Åben dagsorden")
    assert is_formalia_group("Punkter til næste møde") and is_formalia_group("Siden sidst")
    item = AgendaItem("1", "Ny skolestruktur", group="Åben dagsorden")
    assert not formalia_rule(item)


def test_standalone_headings_of_the_cleaner_are_formal_or_name_an_item_type():
    # FORMALIA_TITLES is the cleaner's closed list of headings that stand alone on a line;
    # every entry but the bare type label "Orientering(er)" is a formal item by the cues
    others = [t for t in FORMALIA_TITLES if not is_formalia_title(t.capitalize())]
    assert others and all(t.removesuffix("er") in ITEM_TYPE_LABELS for t in others), others


def test_labels_before_a_title_are_stripped_once_for_all_users():
    assert title_without_labels("Lukket punkt - BSU - Eventuelt") == "Eventuelt"
    assert title_without_labels("Orienteringssag: Siden sidst") == "Siden sidst"
    assert title_without_labels("Skolestruktur - høring") == "Skolestruktur - høring"


def _with_extra_cue(tmp_path) -> Path:
    """The package's labels.toml with one more formalia title cue, '^kaffepause'."""
    text = config.LABELS_FILE.read_text(encoding="utf-8")
    first = "title_cues = [\n  # the agenda and the minutes"
    assert text.count(first) == 1, "the formalia cues moved: update this test"
    path = tmp_path / "labels.toml"
    cue = "title_cues = [\n  '^kaffepause',\n  # the agenda and the minutes"
    path.write_text(text.replace(first, cue), encoding="utf-8")
    return path


def test_a_cue_added_to_labels_toml_takes_effect_in_tagging_summaries_and_digest(
    tmp_path, monkeypatch
):
    edited = _with_extra_cue(tmp_path)
    rec = "Det indstilles, at udvalget tager orienteringen til efterretning."
    item = AgendaItem(
        "3",
        "Kaffepause",
        sections=[Section("Baggrund", "Formanden fortæller om rådets arbejde."),
                  Section("Indstilling", rec)],
        recommendation_text=rec,
    )  # fmt: skip
    digest_item = DigestItem("3", "Kaffepause", policy_area="formalia")
    summarizer = ExtractiveSummarizer()
    packaged_taxonomy.cache_clear()
    try:
        assert not formalia_rule(item) and not is_formal({}, digest_item)
        assert "efterretning" in summarizer.summarize(item).text
        # a user's labels.toml handed to the tagger
        assert formalia_rule(item, load_taxonomy(edited))
        assert is_formalia_title(item.title, load_taxonomy(edited))
        # an edit of the package's own file reaches the summarizer and the digest too
        monkeypatch.setattr(config, "LABELS_FILE", edited)
        packaged_taxonomy.cache_clear()
        assert formalia_rule(item) and is_formal({}, digest_item)
        # a formal item's "take the orientation to note" adds nothing to its summary
        assert "efterretning" not in summarizer.summarize(item).text
    finally:
        monkeypatch.undo()
        packaged_taxonomy.cache_clear()
