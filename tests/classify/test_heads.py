"""Heads (embedding, TF-IDF, fine-tuned), policy rules and tag metrics."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kkrnlp.classify.heads import EmbeddingHead, TfidfBaseline
from kkrnlp.classify.policy import PolicyAreaClassifier, formalia_rule
from kkrnlp.errors import ModelError
from kkrnlp.evaluate.tags import confusion_counts, confusion_png, markdown_table, score_labels
from kkrnlp.schema import AgendaItem
from tests.tiny_models import make_tiny_bert

LABELS = ["økonomi", "trafik", "kultur"]


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


@pytest.fixture
def clusters():
    """Three label directions in 16 dims; examples are noisy copies of their direction."""
    rng = np.random.default_rng(0)
    centres = _unit(rng.normal(size=(3, 16)))
    X, y = [], []
    for k, name in enumerate(LABELS):
        for _ in range(12):
            X.append(centres[k] + 0.3 * rng.normal(size=16))
            y.append(name)
    return _unit(np.array(X, dtype=np.float32)), y, centres.astype(np.float32)


def test_embedding_head_learns_and_round_trips(clusters, tmp_path):
    X, y, centres = clusters
    head = EmbeddingHead(seed=0).fit(X, y, LABELS, centres)
    proba = head.predict_proba(X)
    assert proba.shape == (len(X), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    assert np.mean(np.array(head.predict(X)) == np.array(y)) > 0.9

    head.save_pretrained(tmp_path / "head")
    assert not list(tmp_path.glob("*.pkl")) and not list((tmp_path / "head").glob("*.pkl"))
    loaded = EmbeddingHead.from_pretrained(tmp_path / "head")
    np.testing.assert_array_equal(loaded.predict_proba(X), proba)
    assert loaded.label_names_ == LABELS


def test_same_data_and_seed_give_identical_weights(clusters):
    X, y, centres = clusters
    a = EmbeddingHead(seed=3).fit(X, y, LABELS, centres)
    b = EmbeddingHead(seed=3).fit(X, y, LABELS, centres)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.intercept_, b.intercept_)


def test_label_without_examples_wins_near_its_description(clusters):
    X, y, centres = clusters
    names = [*LABELS, "klima"]
    rng = np.random.default_rng(1)
    new_direction = _unit(rng.normal(size=16)).astype(np.float32)
    descriptions = np.vstack([centres, new_direction])
    head = EmbeddingHead(seed=0).fit(X, y, names, descriptions)  # no "klima" examples
    assert head.label_counts_[names.index("klima")] == 0
    near_new = _unit(new_direction + 0.05 * rng.normal(size=16)).astype(np.float32)
    assert head.predict(near_new[None])[0] == "klima"
    # and it does not steal the trained labels' own examples
    assert np.mean(np.array(head.predict(X)) == np.array(y)) > 0.9


def test_with_labels_adds_a_label_without_retraining(clusters):
    X, y, centres = clusters
    head = EmbeddingHead(seed=0).fit(X, y, LABELS, centres)
    new_direction = _unit(np.ones(16, dtype=np.float32))
    bigger = head.with_labels(["klima", *LABELS], np.vstack([new_direction, centres]))
    assert bigger.predict(new_direction[None])[0] == "klima"
    assert bigger.predict(X[:1])[0] == y[0]


def test_unfitted_head_and_bad_dir_raise_model_error(tmp_path):
    with pytest.raises(ModelError):
        EmbeddingHead().predict_proba(np.zeros((1, 4), dtype=np.float32))
    with pytest.raises(ModelError, match=r"head\.json"):
        EmbeddingHead.from_pretrained(tmp_path)


TEXTS = [
    "Budget og økonomiaftale for kommunerne",
    "Udligning og anlægsloft i budgettet",
    "Kommunernes økonomi og budgetopfølgning",
    "Ny buslinje og tog til stationen",
    "Letbane, veje og kollektiv trafik",
    "Movia og flextrafik i regionen",
    "Museer, biblioteker og kulturaftale",
    "Idræt, foreninger og musik",
    "Kulturregion og kulturliv",
]
TEXT_LABELS = ["økonomi"] * 3 + ["trafik"] * 3 + ["kultur"] * 3


def test_tfidf_baseline_json_round_trip(tmp_path):
    model = TfidfBaseline(seed=0).fit(TEXTS, TEXT_LABELS, LABELS)
    assert model.predict(["budget for økonomi"]) == ["økonomi"]
    assert model.predict(["tog og busser"]) == ["trafik"]
    model.save_pretrained(tmp_path / "tfidf")
    saved = {p.name for p in (tmp_path / "tfidf").iterdir()}
    assert saved == {"head.json", "head.safetensors"}
    config = json.loads((tmp_path / "tfidf" / "head.json").read_text(encoding="utf-8"))
    assert "budget" in config["vocabulary"]["word"]
    loaded = TfidfBaseline.from_pretrained(tmp_path / "tfidf")
    probe = ["budget og tog", "kultur", "noget helt andet"]
    np.testing.assert_allclose(loaded.predict_proba(probe), model.predict_proba(probe), atol=1e-6)


def test_finetune_on_tiny_bert_lowers_loss_and_changes_predictions(tmp_path):
    from kkrnlp.classify.finetune import FinetuneHead

    bert = make_tiny_bert(tmp_path / "bert")
    texts = ["budget og økonomi i kommunen", "busser og tog", "økonomiaftale budgettet"]
    texts += ["letbane og veje trafik"]
    y = ["økonomi", "trafik", "økonomi", "trafik"]
    texts, y = texts * 4, y * 4
    head = FinetuneHead(str(bert), epochs=1, lr=5e-3, batch_size=8, seed=0, prefix="")
    before = head.fit(texts, y, ["økonomi", "trafik"]).predict_proba(texts[:4])
    head = FinetuneHead(str(bert), epochs=12, lr=5e-3, batch_size=8, seed=0, prefix="")
    head.fit(texts, y, ["økonomi", "trafik"])
    losses = [row["loss"] for row in head.log_history_ if "loss" in row]
    assert len(losses) == 24
    assert np.mean(losses[-4:]) < np.mean(losses[:4])
    after = head.predict_proba(texts[:4])
    assert not np.allclose(before, after, atol=1e-3)

    head.save_pretrained(tmp_path / "ft")
    assert (tmp_path / "ft" / "head.json").is_file()
    loaded = FinetuneHead.from_pretrained(tmp_path / "ft")
    np.testing.assert_allclose(loaded.predict_proba(texts[:4]), after, atol=1e-5)


@pytest.mark.parametrize(
    ("title", "group", "expected"),
    [
        ("Godkendelse af dagsorden", None, True),
        ("Godkendelse af referat", None, True),
        ("Siden sidst", None, True),
        ("Eventuelt", None, True),
        ("Punkter til næste møde", None, True),
        ("Meddelelser fra formandskabet", None, True),
        ("Næste møde", None, True),
        ("Møde i KKR Sjælland den 3. maj 2024", None, True),
        ("Oplæg om trafikplan", "Punkter til næste møde", True),
        ("Godkendelse af budget for sprogcentret", None, False),
        ("Status for klimaplaner", "Sager til drøftelse", False),
        ("Eventuelle ændringer i rammeaftalen", None, False),
    ],
)
def test_formalia_rules(title, group, expected):
    assert formalia_rule(AgendaItem("1", title, group=group)) is expected


def test_policy_classifier_rules_and_multilabel():
    names = ["formalia", "økonomi", "trafik", "kultur"]
    items = [AgendaItem("1", "Eventuelt"), AgendaItem("2", "Busser"), AgendaItem("3", "Mix")]
    proba = np.array(
        [[0.0, 0.1, 0.8, 0.1], [0.0, 0.05, 0.9, 0.05], [0.0, 0.45, 0.35, 0.2]], dtype=np.float32
    )
    preds = PolicyAreaClassifier(names, relative_threshold=0.5, source="embedding").predict(
        items, proba
    )
    assert (preds[0].label, preds[0].source, preds[0].scores["formalia"]) == (
        "formalia",
        "rules",
        1.0,
    )
    assert preds[1].label == "trafik" and preds[1].labels == ["trafik"]
    assert preds[1].source == "embedding"
    assert preds[2].labels == ["økonomi", "trafik"]


def test_score_labels_counts_none_and_per_label_rows(tmp_path):
    gold = ["a", "a", "b", None, "c"]
    pred = ["a", "b", "b", "a", None]
    scores = score_labels(gold, pred, ["a", "b", "c"])
    assert scores["n"] == 5
    assert scores["accuracy"] == pytest.approx(2 / 5)
    rows = {r["label"]: r for r in scores["per_label"]}
    assert rows["a"]["precision"] == pytest.approx(0.5) and rows["a"]["recall"] == 0.5
    assert rows["b"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert rows["c"]["support"] == 1 and rows["c"]["f1"] == 0.0
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0) / 3, abs=1e-3)
    table = markdown_table(scores, title="policy area")
    assert "| `b` |" in table and "macro F1" in table
    names, matrix = confusion_counts(gold, pred, ["a", "b", "c"])
    assert names[-1] == "(none)" and sum(map(sum, matrix)) == 5
    png = confusion_png(gold, pred, ["a", "b", "c"], tmp_path / "cm.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(tmp_path.glob(".cm.png*"))


def test_the_head_never_gives_formalia_to_an_item_with_content():
    import numpy as np

    from kkrnlp.taxonomy import load_taxonomy

    tax = load_taxonomy()
    names = tax.policy_area_names
    clf = PolicyAreaClassifier(names, taxonomy=tax)
    proba = np.full((2, len(names)), 0.01)
    proba[:, names.index("formalia")] = 0.9  # the head is sure it is formalia
    proba[:, names.index("sundhed")] = 0.05
    items = [AgendaItem("1", "Status på smittesituationen"), AgendaItem("2", "Eventuelt")]
    preds = clf.predict(items, proba)
    assert preds[0].label == "sundhed" and "formalia" not in preds[0].labels
    assert (preds[1].label, preds[1].source) == ("formalia", "rules")


@pytest.mark.parametrize(
    "title",
    ["Godkendelse af dagsorden", "Bemærkninger til dagsordenen", "Fraværende",
     "Meddelelser", "Mødekalender for 2028", "Gensidig orientering", "Siden sidst"],
)  # fmt: skip
def test_structure_cues_make_formalia(title):
    assert formalia_rule(AgendaItem("1", title))
