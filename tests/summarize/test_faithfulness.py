"""The faithfulness check: invented facts are flagged, paraphrases are not.

The source text below was written for these tests.
"""

from __future__ import annotations

import pytest

from kkrnlp.summarize.faithfulness import check_faithfulness

SOURCE = """Baggrund
Regeringen har afsat 3 mia. kr. til en ny pulje, og KKR Ho-
vedstaden skal drøfte fordelingen på mødet den 3. februar 2021.
Praktikpladsforummet (PUPF) anbefaler at fastholde 1.881 studerende for studieåret 2023/2024,
og Sundhedsaftale 2024-27 sendes i høring. Frist for svar er 08-02-2023.
Borgmester Anne Lise Holm (V) fra Egeby Kommune deltager. Tilslutningen steg med 19 pct.
Arbejdet afsluttes i maj 2022, og RAR Midtjylland orienteres."""


@pytest.mark.parametrize(
    "summary",
    [
        "Der er afsat 3 mia. kr. til puljen.",
        "KKR Hovedstaden skal drøfte fordelingen den 3. februar 2021.",
        "KKR Hovedstadens møde handler om fordelingen.",
        "Forummet anbefaler at fastholde 1881 studerende i 2023/2024.",
        "Sundhedsaftale 2024-27 sendes i høring med frist den 8. februar 2023.",
        "Anne Lise Holm (V) fra Egeby Kommune deltager, og tilslutningen steg 19 pct.",
        "Arbejdet afsluttes i maj 2022; RAR Midtjylland og PUPF orienteres.",
        "Puljen skal fordeles, og politikerne drøfter sagen.",  # paraphrase, no facts
    ],
)
def test_supported_summaries_pass(summary):
    result = check_faithfulness(summary, SOURCE)
    assert result.faithful, result.unsupported
    assert result.unsupported == []


@pytest.mark.parametrize(
    ("summary", "flagged"),
    [
        ("Der er afsat 4 mia. kr. til puljen.", "4 mia."),
        ("Der er afsat 3 mio. kr. til puljen.", "3 mio."),
        ("Forummet anbefaler at fastholde 1.900 studerende.", "1.900"),
        ("KKR Hovedstaden mødes den 4. februar 2021.", "4. februar 2021"),
        ("KKR Hovedstaden mødes den 3. februar 2022.", "3. februar 2022"),
        ("Fristen er 09-02-2023.", "09-02-2023"),
        ("Sundhedsaftale 2024-28 sendes i høring.", "2024-28"),
        ("Studieåret 2023/2025 er omfattet.", "2023/2025"),
        ("Tilslutningen steg med 21 pct.", "21 pct."),
        ("Arbejdet afsluttes i juni 2022.", "juni 2022"),
        ("Borgmester Anne Lise Jensen deltager.", "Jensen"),
        ("Sagen drøftes med FOA og KKR.", "FOA"),
        ("RAR Sjælland orienteres.", "Sjælland"),
    ],
)
def test_invented_facts_are_flagged(summary, flagged):
    result = check_faithfulness(summary, SOURCE)
    assert not result.faithful
    assert flagged in result.unsupported


def test_hyphenation_and_case_of_acronyms_are_normalised():
    assert check_faithfulness("Ho-vedstaden og KKR Hovedstaden.", SOURCE).faithful
    assert check_faithfulness("Sagen om Greater Copenhagen.", "Greater CoPENHAGEN").faithful
    assert check_faithfulness("KL's udspil.", "KLs udspil og KL").faithful


def test_sentence_initial_common_words_are_not_names():
    result = check_faithfulness("Desuden skal puljen fordeles.", SOURCE)
    assert result.faithful


def test_unsupported_lists_each_fact_once():
    result = check_faithfulness("Ib Ravn og Ib Ravn fik 7 mia. kr.", SOURCE)
    # "Ib" opens the sentence (not checked) but is checked where it recurs
    assert result.unsupported == ["7 mia.", "Ravn", "Ib"]
