"""Recommendation type from the wordings municipal pages use; all cues from labels.toml."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kkrnlp.classify.recommendation import classify_recommendations
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import load_taxonomy

TAX = load_taxonomy()


def _one(item: AgendaItem, taxonomy=TAX):
    return classify_recommendations([item], taxonomy)[0]


@pytest.mark.parametrize(
    ("title", "recommendation", "expected"),
    [
        # "Forvaltningen / Direktionen / Borgmesteren indstiller, at ... godkendes"
        ("Ny plan for vinterbadning", "Forvaltningen indstiller, at planen godkendes.",
         ["godkendelse"]),
        ("Takster for havneplads", "Direktionen indstiller, at taksterne for 2027 godkendes.",
         ["godkendelse"]),
        ("Ændret åbningstid", "Borgmesteren indstiller, at forslaget godkendes.",
         ["godkendelse"]),
        # "at orienteringen tages til efterretning"
        ("Status på lejrskoler", "Forvaltningen indstiller, at orienteringen tages til "
         "efterretning.", ["orientering"]),
        # "at udvalget drøfter"
        ("Idéer til nyt medborgerhus", "Forvaltningen indstiller, at udvalget drøfter "
         "oplægget.", ["drøftelse"]),
        # numbered "1. at ..." lists: the decision is the main type
        ("Omlægning af ruter", "Forvaltningen indstiller,\n1. at udvalget drøfter forslagene\n"
         "2. at forslag B godkendes\n3. at orienteringen i øvrigt tages til efterretning",
         ["godkendelse", "drøftelse", "orientering"]),
        # guidelines' precedence
        ("Strategi for grønne tage", "Det indstilles, at udvalget drøfter og godkender "
         "strategien.", ["godkendelse", "drøftelse"]),
        ("Aftale med naboklubben", "Det indstilles, at udvalget godkender aftalen og udpeger "
         "en repræsentant til styregruppen.", ["godkendelse", "udpegning"]),
        ("Udpegning af medlem til fjordrådet", "Det indstilles, at udvalget tager partiets "
         "indstilling til efterretning og udpeger Hanne Bro.", ["udpegning"]),
        ("Kvartalsnyt", "Det indstilles, at udvalget tager orienteringen til efterretning "
         "og giver input til næste kvartal.", ["orientering", "drøftelse"]),
    ],
)  # fmt: skip
def test_recommendation_wordings(title, recommendation, expected):
    pred = _one(AgendaItem("4", title, recommendation_text=recommendation))
    assert pred.labels == expected
    assert pred.source == "indstilling"


def test_drøftelse_og_godkendelse_in_a_title_is_godkendelse():
    pred = _one(AgendaItem("2", "Drøftelse og godkendelse af ny mødeform"))
    assert (pred.label, pred.source) == ("godkendelse", "titel")


def test_approval_title_with_appointment_is_godkendelse():
    pred = _one(AgendaItem("2", "Godkendelse af samarbejdsaftale og udpegning af kontaktperson"))
    assert pred.label == "godkendelse"


@dataclass
class _TypedItem(AgendaItem):
    """An AgendaItem as the segmenter will give it, with the printed item type."""

    item_type: str | None = field(default=None)


@pytest.mark.parametrize(
    ("item_type", "expected"),
    [
        ("Beslutningssag", "godkendelse"),
        ("Orienteringssag", "orientering"),
        ("Drøftelse", "drøftelse"),
        ("Temadrøftelse", "drøftelse"),
        ("(B)", "godkendelse"),
        ("(O)", "orientering"),
        ("(D)", "drøftelse"),
    ],
)
def test_item_type_labels_from_parsing(item_type, expected):
    pred = _one(_TypedItem("5", "Cykelparkering ved hallen", item_type=item_type))
    assert (pred.label, pred.source) == (expected, "punkttype")


def test_item_type_is_optional():
    assert _one(AgendaItem("5", "Cykelparkering ved hallen")).source == "ingen"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cykelparkering ved hallen (B)", "godkendelse"),
        ("Cykelparkering ved hallen (O)", "orientering"),
        ("Cykelparkering ved hallen (D)", "drøftelse"),
        ("Temadrøftelse om legepladser", "drøftelse"),
        ("Siden sidst", "orientering"),
    ],
)
def test_title_markers(title, expected):
    assert _one(AgendaItem("5", title)).label == expected


def test_a_users_cue_in_labels_toml_takes_effect(tmp_path):
    from kkrnlp.config import LABELS_FILE

    item = AgendaItem("6", "Ny sti", recommendation_text="Det indstilles, at sagen kvitteres.")
    assert _one(item).label is None
    text = LABELS_FILE.read_text(encoding="utf-8").replace(
        "cues = ['til\\s+efterretning',", "cues = ['kvitteres', 'til\\s+efterretning',", 1
    )
    edited = tmp_path / "labels.toml"
    edited.write_text(text, encoding="utf-8")
    assert _one(item, load_taxonomy(edited)).label == "orientering"


def test_removing_a_cue_in_labels_toml_takes_effect(tmp_path):
    from kkrnlp.config import LABELS_FILE

    item = AgendaItem("6", "Ny sti", recommendation_text="Det indstilles, at planen vedtages.")
    assert _one(item).label == "godkendelse"
    text = LABELS_FILE.read_text(encoding="utf-8").replace("'\\bvedtag\\w*', ", "", 1)
    edited = tmp_path / "labels.toml"
    edited.write_text(text, encoding="utf-8")
    assert _one(item, load_taxonomy(edited)).label is None
