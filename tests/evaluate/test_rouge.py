"""ROUGE on Danish text: hand-computed small examples."""

from __future__ import annotations

import pytest

from kkrnlp.evaluate.rouge import corpus_rouge, rouge_l, rouge_n, tokenize


def test_tokenizer_keeps_danish_letters_and_numbers():
    assert tokenize("Økonomi for børn og ældre") == ["økonomi", "for", "børn", "og", "ældre"]
    assert tokenize("Café Über-dansk") == ["café", "über", "dansk"]
    assert tokenize("1.881 studerende i 2023/2024") == ["1.881", "studerende", "i", "2023", "2024"]
    # a tokenizer that drops non-ASCII letters would make these two equal
    assert tokenize("sundhedsaftale") != tokenize("sundhedsåftale")
    assert rouge_n("sundhedsaftale", "sundhedsåftale", 1).f1 == 0.0
    assert tokenize("børn") == ["børn"]


def test_rouge1_hand_computed():
    # pred has 4 tokens, ref 5; they share "kkr" and "aftalen"
    score = rouge_n("KKR skal godkende aftalen.", "KKR godkender aftalen i dag.", 1)
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 5)
    assert score.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)


def test_rouge2_counts_clipped_bigrams():
    # pred bigrams: (a b) x2, (b a); ref bigrams: (a b), (b c) -> clipped overlap 1
    score = rouge_n("a b a b", "a b c", 2)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 2)


def test_rouge_l_uses_longest_common_subsequence():
    # LCS of "børn unge skole trivsel" and "børn skole og trivsel" is børn skole trivsel (3)
    score = rouge_l("børn unge skole trivsel", "børn skole og trivsel")
    assert score.precision == pytest.approx(3 / 4)
    assert score.recall == pytest.approx(3 / 4)
    assert score.f1 == pytest.approx(0.75)


def test_empty_inputs_score_zero():
    assert rouge_n("", "noget tekst", 1).f1 == 0.0
    assert rouge_l("noget", "").f1 == 0.0
    with pytest.raises(ValueError):
        rouge_n("a", "a", 0)


def test_corpus_scores_are_means_of_f1():
    pairs = [("a b c", "a b c"), ("x y", "a b")]
    scores = corpus_rouge(pairs)
    assert scores["rouge1"] == pytest.approx(0.5)
    assert scores["rouge2"] == pytest.approx(0.5)
    assert scores["rougeL"] == pytest.approx(0.5)
    assert scores["n"] == 2
