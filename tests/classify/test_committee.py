"""The committee's own business takes the committee's area (titles and names invented)."""

from __future__ import annotations

import json

import pytest

from kkrnlp.classify.committee import (
    body_areas,
    committee_business,
    committee_rule,
    own_words,
    thin_item_rule,
)
from kkrnlp.classify.policy import PolicyPrediction
from kkrnlp.classify.predict import predict_tags
from kkrnlp.config import DEFAULT_MODEL_DIR, LABELS_FILE
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import load_taxonomy
from tests.classify.stub_tagger import StubTagger, head_prediction

TAX = load_taxonomy()


@pytest.mark.parametrize(
    ("body", "areas"),
    [
        ("Skole- og Familieudvalget", ["børn_unge"]),
        ("Udvalget for Natur og Klima", ["klima"]),
        ("Teknik- og Miljøudvalget", ["klima"]),
        ("Ældre- og Omsorgsudvalget", ["sundhed"]),
        ("Idræts- og Fritidsudvalget", ["kultur"]),
        ("Job- og Arbejdsmarkedsudvalget", ["beskæftigelse"]),
        ("Udvalget for Trafik og Veje", ["trafik"]),
        ("Bolig- og Planudvalget", ["planlægning"]),
        ("Udvalget for Turisme og Vækst", ["erhverv"]),
        ("Handicap- og Socialudvalget", ["social"]),
        ("Integrationsudvalget", ["integration"]),
        ("Uddannelsesudvalget", ["uddannelse"]),
        ("Social- og Sundhedsudvalget", ["sundhed", "social"]),
        ("Børne- og Kulturudvalget", ["kultur", "børn_unge"]),
    ],
)
def test_a_committees_name_points_to_its_areas(body, areas):
    assert body_areas(body, TAX) == areas


@pytest.mark.parametrize(
    "body",
    [
        "Byrådet",
        "Kommunalbestyrelsen",
        "Borgerrepræsentationen",
        "Regionsrådet",
        "Økonomiudvalget",
        "Økonomi- og Erhvervsudvalget",
        "KKR Nordkysten",
        "KD-Net Vestegnen",
        "Lokaludvalget for Nordbyen",
        "Vejen Kommune",
        "",
        None,
    ],
)
def test_general_bodies_and_names_without_an_area_point_nowhere(body):
    assert body_areas(body, TAX) == []


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Valg af formand og næstformand", "committee_chair"),
        ("Beslutning: Valg af ny formand for udvalget", "committee_chair"),
        ("Valg af næstformand for Teknik- og Miljøudvalget", "committee_chair"),
        ("Konstituering af udvalget", "committee_chair"),
        ("Budgetopfølgning 3 - forventet regnskab 2027", "committee_budget"),
        ("Regnskab 2026 for Idræts- og Fritidsudvalget", "committee_budget"),
        ("Økonomiopfølgning pr. 31. august", "committee_budget"),
        ("Orientering om udvalgets økonomi", "committee_budget"),
        ("Budget 2028 for Skole- og Familieudvalget", "committee_budget"),
        # the whole municipal budget, another body's chair, a project's accounts
        ("Budget 2028-2031", None),
        ("Budget 2028 - 2. behandling", None),
        ("Valg af formand for Seniorrådet", None),
        ("Anlægsregnskab for ny cykelsti", None),
        ("Valg af leverandør til rengøring", None),
        ("Valg af 1. og 2. viceborgmester", "committee_chair"),
        ("Borgmesterens nytårstale", None),
    ],
)
def test_which_titles_are_the_committees_own_business(title, kind):
    assert committee_business(AgendaItem("1", title), TAX) == kind


def _head(**scores: float) -> PolicyPrediction:
    return head_prediction(TAX, **scores)


def test_a_chair_election_takes_the_committees_area():
    item = AgendaItem("1", "Valg af formand og næstformand")
    pred = committee_rule(item, "Udvalget for Forebyggelse og Trivsel", _head(kultur=0.6), TAX)
    assert (pred.label, pred.labels, pred.source) == ("sundhed", ["sundhed"], "rules")
    assert pred.scores["sundhed"] == 1.0


def test_a_budget_follow_up_gets_økonomi_second():
    item = AgendaItem("4", "Budgetopfølgning 2 - forventet regnskab")
    pred = committee_rule(item, "Skole- og Familieudvalget", _head(økonomi=0.7), TAX)
    assert pred.labels == ["børn_unge", "økonomi"]


def test_several_areas_in_the_name_the_head_chooses():
    item = AgendaItem("2", "Regnskab 2026 for Social- og Sundhedsudvalget")
    body = "Social- og Sundhedsudvalget"
    assert committee_rule(item, body, _head(social=0.3, sundhed=0.2), TAX).label == "social"
    assert committee_rule(item, body, _head(social=0.2, sundhed=0.3), TAX).label == "sundhed"


@pytest.mark.parametrize("body", ["Lokaludvalget for Nordbyen", "", None])
def test_a_body_naming_no_area_or_no_body_leaves_the_head_alone(body):
    item = AgendaItem("1", "Valg af næstformand")
    head = _head(kultur=0.6)
    assert committee_rule(item, body, head, TAX) is head


@pytest.mark.parametrize(
    "title",
    ["Valg af borgmester", "Borgmester", "1. og 2. viceborgmester", "Valg af næstformand"],
)
@pytest.mark.parametrize("body", ["Byrådet", "Kommunalbestyrelsen", "Økonomiudvalget"])
def test_a_general_bodys_own_chair_is_økonomi(title, body):
    pred = committee_rule(AgendaItem("2", title), body, _head(kultur=0.6), TAX)
    assert (pred.label, pred.labels, pred.source) == ("økonomi", ["økonomi"], "rules")


def test_a_general_bodys_budget_and_a_named_committees_chair_are_left_to_the_head():
    head = _head(kultur=0.6)
    item = AgendaItem("4", "Budgetopfølgning 2 - forventet regnskab")
    assert committee_rule(item, "Byrådet", head, TAX) is head
    chair = AgendaItem("5", "Valg af ny formand for udvalget")
    assert committee_rule(chair, "Byrådet", head, TAX) is head
    finance = AgendaItem("6", "Valg af formand for Økonomiudvalget")
    assert committee_rule(finance, "Byrådet", head, TAX).label == "økonomi"


def test_other_items_and_formalia_are_left_alone():
    body = "Idræts- og Fritidsudvalget"
    head = _head(trafik=0.6)
    assert committee_rule(AgendaItem("3", "Ny belægning på stien"), body, head, TAX) is head
    formal = PolicyPrediction("formalia", ["formalia"], {"formalia": 1.0}, "rules")
    assert committee_rule(AgendaItem("1", "Valg af næstformand"), body, formal, TAX) is formal


THIN = AgendaItem(
    "4", "Status på Egnsnettet", text="4. Status på Egnsnettet Karen fortalte om nettet. Få mangler"
)
LONG = AgendaItem("4", "Status på Egnsnettet", text="4. Status på Egnsnettet " + "ord " * 80)


def test_own_words_leave_out_number_and_title():
    assert own_words(THIN) == 6
    assert own_words(AgendaItem("2", "Tilsyn")) == 0


def test_a_thin_item_the_head_is_unsure_of_takes_the_bodys_area():
    head = _head(kultur=0.18, planlægning=0.05)
    pred = thin_item_rule(THIN, "Landsbyudvalget", head, TAX)
    assert (pred.label, pred.source) == ("planlægning", "organ")
    assert pred.labels[:2] == ["planlægning", "kultur"]
    assert max(pred.scores, key=pred.scores.get) == "planlægning"


@pytest.mark.parametrize(
    ("item", "head", "body"),
    [
        (LONG, {"kultur": 0.18}, "Landsbyudvalget"),  # words enough for the head
        (THIN, {"klima": 0.5}, "Landsbyudvalget"),  # the head is sure: the decision's area
        (THIN, {"kultur": 0.18}, "Byrådet"),  # a general body has no one field
        (THIN, {"kultur": 0.18}, None),
    ],
)
def test_otherwise_the_head_keeps_its_area(item, head, body):
    prediction = _head(**head)
    assert thin_item_rule(item, body, prediction, TAX) is prediction


def test_the_thin_item_rule_runs_in_predict_tags():
    class UnsureTagger(StubTagger):
        def predict_policy(self, items):
            return [head_prediction(self.taxonomy, kultur=0.18) for _ in items]

    tags = predict_tags([THIN, LONG], UnsureTagger(TAX), body="Ældrerådet")
    assert [t.policy_area for t in tags] == ["sundhed", "kultur"]
    assert [t.policy_area_source for t in tags] == ["organ", "embedding"]


ITEMS = [
    AgendaItem("1", "Valg af næstformand", text="Udvalget vælger en næstformand."),
    AgendaItem("2", "Ny kunstgræsbane", text="Forvaltningen indstiller, at banen anlægges."),
]


def test_predict_tags_reads_the_body():
    tags = predict_tags(ITEMS, StubTagger(TAX), body="Job- og Arbejdsmarkedsudvalget")
    assert [t.policy_area for t in tags] == ["beskæftigelse", "kultur"]
    assert [t.policy_area_source for t in tags] == ["rules", "embedding"]
    per_item = predict_tags(ITEMS, StubTagger(TAX), body=["Lokaludvalget", "Socialudvalget"])
    assert [t.policy_area for t in per_item] == ["kultur", "kultur"]
    council = predict_tags(ITEMS, StubTagger(TAX), body="Byrådet")
    assert [t.policy_area for t in council] == ["økonomi", "kultur"]


def test_an_item_table_without_a_body_is_tagged_by_the_head():
    tags = predict_tags(ITEMS, StubTagger(TAX))
    assert [t.policy_area for t in tags] == ["kultur", "kultur"]
    with pytest.raises(ValueError):
        predict_tags(ITEMS, StubTagger(TAX), body=["Socialudvalget"])


def test_a_body_cue_written_in_labels_toml_takes_effect(tmp_path):
    body = "Cirkus- og Gøglerudvalget"
    assert predict_tags(ITEMS, StubTagger(TAX), body=body)[0].policy_area_source == "embedding"
    text = LABELS_FILE.read_text(encoding="utf-8")
    old = "body_cues = ['\\bkultur', "
    assert old in text
    edited = tmp_path / "labels.toml"
    edited.write_text(text.replace(old, "body_cues = ['\\bcirkus', '\\bkultur', ", 1), "utf-8")
    taxonomy = load_taxonomy(edited)
    tags = predict_tags(ITEMS, StubTagger(taxonomy), body=body)
    assert (tags[0].policy_area, tags[0].policy_area_source) == ("kultur", "rules")


def test_a_title_cue_written_in_labels_toml_takes_effect(tmp_path):
    item = AgendaItem("1", "Kåring af udvalgets ordfører")
    assert committee_business(item, TAX) is None
    text = LABELS_FILE.read_text(encoding="utf-8")
    edited = tmp_path / "labels.toml"
    edited.write_text(
        text.replace("committee_chair = [\n", "committee_chair = [\n  '^kåring\\s+af',\n", 1),
        "utf-8",
    )
    assert committee_business(item, load_taxonomy(edited)) == "committee_chair"


def test_the_shipped_model_carries_the_same_labels_toml():
    shipped = DEFAULT_MODEL_DIR / "labels.toml"
    assert shipped.read_text(encoding="utf-8") == LABELS_FILE.read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_item_table_with_a_committee_column(tmp_path):
    from typer.testing import CliRunner

    from kkrnlp.cli import app

    rows = [
        {"id": "u1", "title": "Valg af næstformand", "udvalg": "Idræts- og Fritidsudvalget"},
        {"id": "u2", "title": "Valg af næstformand", "udvalg": "Trafik- og Vejudvalget"},
        {"id": "u3", "title": "Valg af næstformand"},
    ]
    src = tmp_path / "items.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = tmp_path / "tagged.jsonl"
    res = CliRunner().invoke(app, ["tag", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    tagged = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in tagged] == ["u1", "u2", "u3"]
    assert [r["policy_area"] for r in tagged[:2]] == ["kultur", "trafik"]
    assert [r["policy_area_source"] for r in tagged] == ["rules", "rules", "embedding"]


def test_a_model_without_a_source_file_writes_the_body_cues_back(tmp_path):
    from kkrnlp.classify.serialise import taxonomy_toml

    written = tmp_path / "labels.toml"
    written.write_text(taxonomy_toml(TAX), encoding="utf-8")
    again = load_taxonomy(written)
    assert again == TAX
    assert body_areas("Skole- og Familieudvalget", again) == ["børn_unge"]
