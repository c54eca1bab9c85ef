"""A title naming a matter of one area takes that area (titles invented)."""

from __future__ import annotations

import pytest

from kkrnlp.classify.matter import matter_rule, title_areas
from kkrnlp.classify.policy import PolicyPrediction
from kkrnlp.classify.predict import predict_tags
from kkrnlp.config import LABELS_FILE
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import load_taxonomy
from tests.classify.stub_tagger import StubTagger, head_prediction

TAX = load_taxonomy()


@pytest.mark.parametrize(
    ("title", "areas"),
    [
        ("Forslag til lokalplan 41 for Engbakken", ["planlægning"]),
        ("Anlægsregnskab for kloakering ved Højtoft Skole", ["klima"]),
        ("Oversigt over ventelisten til plejeboliger", ["sundhed"]),
        ("Udpegning af nye medlemmer til LBR", ["beskæftigelse"]),
        ("Dialogmøde med Udsatterådet", ["social"]),
        ("Ny køreplan for bybusserne", ["trafik"]),
        ("Beslutning: Åbningstider på biblioteket", ["kultur"]),
        ("Lokalplan for ny daginstitution ved Mosevej", ["børn_unge", "planlægning"]),
        ("Udkast til boligpolitik for Nørreby", ["planlægning"]),
        # sport is kultur (GUIDELINES), also when a school lends it its name
        ("Plan for idrætsanlæggene ved Kærbyskolen", ["kultur"]),
        ("Ny svømmehal i Nørreby", ["kultur"]),
        ("Lokalplan for idrætsparken ved Engvej", ["kultur", "planlægning"]),
        # no matter of one area named: the head decides
        ("Temaer", []),
        ("Udvalgets opgaver", []),
        ("Renovering af skolens tag", []),
        # formal business is formalia's own rule, not a matter
        ("Godkendelse af dagsorden", []),
    ],
)
def test_which_areas_a_title_names(title, areas):
    assert title_areas(title, TAX) == areas


def _head(**scores: float) -> PolicyPrediction:
    return head_prediction(TAX, **scores)


def test_a_title_naming_one_area_takes_it_and_keeps_the_heads_guess_second():
    item = AgendaItem("3", "Tilrettet forslag til lokalplan 9 - Stadion", text="Frøer i mosen.")
    pred = matter_rule(item, _head(klima=0.4, planlægning=0.2), TAX)
    assert (pred.label, pred.source) == ("planlægning", "titel")
    assert pred.labels == ["planlægning", "klima"]
    assert max(pred.scores, key=pred.scores.get) == "planlægning"
    assert abs(sum(pred.scores.values()) - 1.0) < 1e-3


def test_a_title_naming_several_areas_lets_the_head_choose_among_them():
    item = AgendaItem("4", "Lokalplan for ny daginstitution ved Mosevej")
    assert matter_rule(item, _head(kultur=0.5, planlægning=0.3, børn_unge=0.2), TAX).label == (
        "planlægning"
    )
    assert matter_rule(item, _head(kultur=0.5, børn_unge=0.3), TAX).label == "børn_unge"


def test_a_title_naming_nothing_is_read_through_its_recommendation():
    item = AgendaItem(
        "1", "Udvalgets opgaver", recommendation_text="Direktøren indstiller, at der holdes en "
        "temadrøftelse om kommuneplanlægning."
    )  # fmt: skip
    assert matter_rule(item, _head(økonomi=0.4, planlægning=0.2), TAX).label == "planlægning"
    named = AgendaItem("2", "Ny køreplan", recommendation_text="at lokalplanen følges")
    assert matter_rule(named, _head(økonomi=0.4), TAX).label == "trafik"


def test_a_matter_named_in_passing_in_the_recommendation_does_not_overrule_the_head():
    item = AgendaItem(
        "3", "Fælles indsatser i kredsen", recommendation_text="At følgende besluttes: 1. at "
        "kommunen deltager i indsatsen for ledige 2. at det indgår i næste kommuneplanrevision."
    )  # fmt: skip
    head = _head(beskæftigelse=0.4, økonomi=0.2, uddannelse=0.1, børn_unge=0.05)
    assert matter_rule(item, head, TAX).label == "beskæftigelse"


def test_no_matter_or_a_rules_decision_leaves_the_prediction_alone():
    head = _head(klima=0.4)
    assert matter_rule(AgendaItem("1", "Temaer"), head, TAX) is head
    agreeing = _head(planlægning=0.4)
    assert matter_rule(AgendaItem("2", "Lokalplan 3"), agreeing, TAX) is agreeing
    decided = PolicyPrediction("kultur", ["kultur"], {"kultur": 1.0, "klima": 0.0}, "rules")
    assert matter_rule(AgendaItem("3", "Affald fra idrætsanlæg"), decided, TAX) is decided


def test_predict_tags_applies_the_title_matter():
    items = [
        AgendaItem("1", "Tømning af spildevandstanke", text="Ordningen ændres."),
        AgendaItem("2", "Ny kunstgræsbane", text="Banen anlægges."),
    ]
    tags = predict_tags(items, StubTagger(TAX))
    assert [t.policy_area for t in tags] == ["klima", "kultur"]
    assert [t.policy_area_source for t in tags] == ["titel", "embedding"]


def test_a_title_cue_written_in_labels_toml_takes_effect(tmp_path):
    item = AgendaItem("1", "Nye regler for hundeskove")
    assert title_areas(item.title, TAX) == []
    text = LABELS_FILE.read_text(encoding="utf-8")
    old = "title_cues = ['spildevand', "
    assert old in text
    edited = tmp_path / "labels.toml"
    edited.write_text(text.replace(old, "title_cues = ['hundeskov', 'spildevand', ", 1), "utf-8")
    assert title_areas(item.title, load_taxonomy(edited)) == ["klima"]


def test_a_recommendation_naming_matters_of_several_areas_leaves_the_head():
    """Points about a botilbud and about renovation: a composite, not a matter of one area."""
    item = AgendaItem(
        "15",
        "Første halvårsoversigt 2031",
        recommendation_text="1. tager udgifterne til botilbud til efterretning 2. godkender "
        "nye bevillinger på renovationsområdet",
    )
    head = _head(økonomi=0.5, social=0.3, klima=0.2)
    assert matter_rule(item, head, TAX).label == "økonomi"
    one = AgendaItem("16", "Første halvårsoversigt", recommendation_text="at botilbud udvides")
    assert matter_rule(one, head, TAX).label == "social"
