"""CAP major topics: title cleaning, the numpy TF-IDF, the CAP head, the Tags record."""

from __future__ import annotations

import numpy as np
import pytest

from kkrnlp.classify.cap import (
    CapHead,
    CapSettings,
    clean_title,
    duplicate_groups,
    keyword_features,
    major_of,
    read_cap_csv,
)
from kkrnlp.classify.tags import Tags
from kkrnlp.classify.tfidf import Tfidf
from kkrnlp.errors import DataError
from kkrnlp.taxonomy import load_taxonomy

TAX = load_taxonomy()

# Invented titles in the shapes of coded agenda titles (numbers, dot leaders, capitals).
_TITLES = [
    ("4. Forslag til lokalplan for boliger ved skoven ........ 12", 14),
    ("Lokalplan og kommuneplantillæg for nyt boligområde", 14),
    ("17. Udstykning af grunde til parcelhuse", 14),
    ("Spildevandsplan, tillæg for sommerhusområdet", 7),
    ("AFFALDSPLAN FOR KOMMUNEN 2030", 7),
    ("Renovering af renseanlæg og kloakledning", 7),
    ("Skolestruktur og nye skoledistrikter", 6),
    ("12. SFO-takster og åbningstider i skolens ferier", 6),
    ("Kvalitetsrapport for folkeskolen", 6),
    ("Budgetopfølgning pr. 31. marts", 1),
    ("2. Regnskab for sidste år ........... 4", 1),
    ("Låneoptagelse og likviditet", 1),
    ("Lukket punkt", 0),
    ("Sag nr. 42", 0),
]


def test_major_of_maps_subtopics_and_99():
    assert major_of(1412) == 14
    assert major_of("702") == 7
    assert major_of(9999) == 0
    assert major_of(99) == 0


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("12.  LOKALPLAN FOR HAVNEN ........ 14", "lokalplan for havnen"),
        ("7. Ny cykelsti - Åben sag", "Ny cykelsti"),
        ("Takster for 2027 (Åben)", "Takster for 2027"),
        ("Sag 3: Nyt tag på hallen", "Nyt tag på hallen"),
        ("14....... Salg af grund ved skoven", "Salg af grund ved skoven"),
        ("2...... Vejnavne i nyt kvarter ..... 7", "Vejnavne i nyt kvarter"),
    ],
)
def test_clean_title(printed, clean):
    assert clean_title(printed) == clean


def test_numpy_tfidf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [clean_title(t) for t, _ in _TITLES]
    for analyzer, ngrams in (("word", (1, 2)), ("char_wb", (2, 5))):
        ours = Tfidf(analyzer, ngrams).fit(texts)
        ref = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True).fit(texts)
        assert ours.vocabulary_ == ref.vocabulary_
        np.testing.assert_allclose(ours.idf_, ref.idf_, rtol=1e-6)
        np.testing.assert_allclose(
            ours.transform(texts).toarray(), ref.transform(texts).toarray(), atol=1e-6
        )


def test_keyword_features_come_from_labels_toml():
    feats = keyword_features(["Ny lokalplan for Østerbyen"], TAX.cap_majors)
    assert feats[0, TAX.cap_codes.index(14)] >= 1
    assert feats[0].sum() == feats[0, TAX.cap_codes.index(14)]


def test_cap_head_learns_saves_and_loads(tmp_path):
    titles, codes = [t for t, _ in _TITLES], [c for _, c in _TITLES]
    settings = CapSettings(keyword_weight=0.0)  # the n-grams alone must learn the data
    untrained = np.full(len(TAX.cap_codes), 1 / len(TAX.cap_codes))
    head = CapHead(settings).fit(titles, codes, TAX.cap_majors)
    proba = head.predict_proba(titles)
    idx = [head.codes_.index(c) for c in codes]
    # log loss on the training titles falls well below the uniform model's
    loss = -np.mean(np.log(proba[np.arange(len(codes)), idx]))
    assert loss < -np.log(untrained[0]) / 2
    assert head.predict(titles) == codes
    head.save_pretrained(tmp_path / "cap")
    again = CapHead.from_pretrained(tmp_path / "cap")
    np.testing.assert_allclose(again.predict_proba(titles), proba, atol=1e-5)


def test_cap_head_with_embeddings_needs_them(tmp_path):
    titles, codes = [t for t, _ in _TITLES], [c for _, c in _TITLES]
    emb = np.random.default_rng(0).normal(size=(len(titles), 8)).astype(np.float32)
    head = CapHead().fit(titles, codes, TAX.cap_majors, emb)
    assert head.predict(titles, emb) == codes
    with pytest.raises(Exception, match="embeddings"):
        head.predict_proba(titles)


def test_duplicate_titles_share_a_group():
    groups = duplicate_groups(["3. Lokalplan for havnen", "Lokalplan for havnen ..... 7", "Andet"])
    assert groups[0] == groups[1] != groups[2]


def test_read_cap_csv(tmp_path):
    good = tmp_path / "coded.csv"
    good.write_text("id,coding,text\n1,1412,Lokalplan\n2,9900,Lukket punkt\n", encoding="utf-8")
    assert read_cap_csv(good) == (["Lokalplan", "Lukket punkt"], [14, 0])
    bad = tmp_path / "bad.csv"
    bad.write_text("id,coding,text\n1,abc,Lokalplan\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a number"):
        read_cap_csv(bad)


def test_tags_record_has_all_fields():
    tags = Tags(
        policy_area="klima", policy_areas=["klima"], policy_area_scores={"klima": 0.91234},
        policy_area_source="embedding", recommendation="godkendelse",
        recommendations=["godkendelse"], recommendation_scores={"godkendelse": 1.0},
        recommendation_source="indstilling", cap_major=7, cap_major_name="Miljø",
        cap_major_scores={7: 0.8, 14: 0.2}, cap_major_source="model",
    )  # fmt: skip
    record = tags.to_record()
    assert record["cap_major_scores"] == {"7": 0.8, "14": 0.2}
    assert record["policy_area_scores"] == {"klima": 0.9123}
    assert set(record) >= {"policy_area", "policy_areas", "recommendation", "recommendations",
                           "cap_major", "cap_major_name", "recommendation_source"}  # fmt: skip
    assert tags.confidence == 0.9123


def test_cap_prediction_without_scipy_matches_the_sparse_features():
    """Predicting sums coefficient columns in numpy; it must equal features @ coef."""
    titles, codes = [t for t, _ in _TITLES], [c for _, c in _TITLES]
    emb = np.random.default_rng(1).normal(size=(len(titles), 8)).astype(np.float32)
    head = CapHead().fit(titles, codes, TAX.cap_majors, emb)
    cleaned = [clean_title(t) for t in titles]
    sparse = np.asarray(head._features(cleaned, emb) @ head.coef_.T) + head.intercept_
    np.testing.assert_allclose(head._logits(cleaned, emb), sparse, atol=1e-4)


def test_a_title_that_names_no_matter_is_not_codable():
    """Closed items and bare case numbers get 0 whatever the model leans to; others the model."""
    from kkrnlp.classify.cap_model import NOT_CODABLE, cap_predictions

    titles, codes = [t for t, _ in _TITLES], [c for _, c in _TITLES]
    # trained without any not-codable example, the head alone can never say 0
    trained = [(t, c) for t, c in zip(titles, codes, strict=True) if c != NOT_CODABLE]
    head = CapHead(CapSettings(keyword_weight=0.0)).fit(
        [t for t, _ in trained], [c for _, c in trained], TAX.cap_majors
    )
    asked = [
        "LUKKET PUNKT", "Sag nr. 2023-0417", "9.", "Fortroligt punkt - udgår",
        "Lukket punkt: Udstykning af grunde til parcelhuse", "Budgetopfølgning pr. 30. juni",
    ]  # fmt: skip
    preds = cap_predictions(head, None, lambda texts, prefix: None, asked)
    assert [p.code for p in preds[:4]] == [NOT_CODABLE] * 4
    assert all(p.source == "titel" and p.scores[NOT_CODABLE] == 1.0 for p in preds[:4])
    assert all(sum(p.scores.values()) == pytest.approx(1.0, abs=1e-4) for p in preds)
    assert [(p.code, p.source) for p in preds[4:]] == [(14, "model"), (1, "model")]
    assert preds[4].name == next(m.name for m in TAX.cap_majors if m.code == 14)
