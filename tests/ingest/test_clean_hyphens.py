"""A hyphen followed by a space inside a line: a broken word, or a hyphen that stays."""

from __future__ import annotations

from kkrnlp.ingest.clean.hyphens import dehyphenate


def test_a_word_broken_inside_a_line_is_joined() -> None:
    assert dehyphenate(["en ny uddan- nelse i byen"]) == ["en ny uddannelse i byen"]


def test_a_suspended_compound_keeps_its_hyphen() -> None:
    lines = ["Kultur- og Fritidsudvalget", "vej- eller stiprojekt"]
    assert dehyphenate(lines) == lines


def test_a_capitalised_word_before_a_dash_keeps_it() -> None:
    # "Egeby Kommune- etape 2": a dash without its first space, not a broken word
    assert dehyphenate(["Fjernvarme i Egeby Kommune- etape 2"]) == [
        "Fjernvarme i Egeby Kommune- etape 2"
    ]


def test_a_capitalised_broken_word_joins_when_the_page_prints_it_whole() -> None:
    lines = ["om Trafik- planen for byen", "Trafikplanen blev vedtaget."]
    assert dehyphenate(lines) == ["om Trafikplanen for byen", "Trafikplanen blev vedtaget."]


def test_a_compound_cut_off_at_the_end_of_the_text_keeps_its_hyphen() -> None:
    assert dehyphenate(["Anlæg af stier - Vej- o"]) == ["Anlæg af stier - Vej- o"]
    assert dehyphenate(["Anlæg af stier - Vej-", "o"]) == ["Anlæg af stier - Vej-", "o"]
    assert dehyphenate(["Anlæg af Vej-", "anlæg"]) == ["Anlæg af Vejanlæg"]
