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
        # notes plus a supplementary grant: the grant is a decision
        ("Kvartalstal for havnen", "Havnen indstiller til udvalget\n1. at tage tallene til "
         "efterretning\n2. at give tillægsbevilling på 0,4 mio. kr. til broen",
         ["godkendelse", "orientering"]),
        # a constituent meeting electing the mayor
        ("Borgmester", "Sekretariatet indstiller til byrådet, at vælge borgmesteren for "
         "perioden.", ["udpegning"]),
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
        # announcements named after other business, a round told by the mayor
        ("Cirkulærer og meddelelser", "orientering"),
        ("Kort nyt. Orientering ved borgmesteren", "orientering"),
    ],
)
def test_title_markers(title, expected):
    assert _one(AgendaItem("5", title)).label == expected


def test_a_users_cue_in_labels_toml_takes_effect(tmp_path):
    from kkrnlp.config import LABELS_FILE

    item = AgendaItem("6", "Ny sti", recommendation_text="Sagen kvitteres.")
    assert _one(item).label is None
    text = LABELS_FILE.read_text(encoding="utf-8").replace(
        "cues = ['til\\s+efterretning',", "cues = ['kvitteres', 'til\\s+efterretning',", 1
    )
    edited = tmp_path / "labels.toml"
    edited.write_text(text, encoding="utf-8")
    assert _one(item, load_taxonomy(edited)).label == "orientering"


def test_removing_a_cue_in_labels_toml_takes_effect(tmp_path):
    from kkrnlp.config import LABELS_FILE

    item = AgendaItem("6", "Ny sti", recommendation_text="Planen vedtages.")
    assert _one(item).label == "godkendelse"
    text = LABELS_FILE.read_text(encoding="utf-8").replace("'\\bvedtag\\w*', ", "", 1)
    edited = tmp_path / "labels.toml"
    edited.write_text(text, encoding="utf-8")
    assert _one(item, load_taxonomy(edited)).label is None


def test_a_proposal_frame_added_in_labels_toml_takes_effect(tmp_path):
    """The proposal frames are labels.toml rules too: a council's own verb can be added."""
    from kkrnlp.config import LABELS_FILE

    item = AgendaItem("6", "Ny sti", recommendation_text="Direktøren tilråder, at stien anlægges.")
    assert _one(item).label is None
    text = LABELS_FILE.read_text(encoding="utf-8").replace(
        "proposal_frame = ['", "proposal_frame = ['\\btilråder,?\\s+at\\b', '", 1
    )
    edited = tmp_path / "labels.toml"
    edited.write_text(text, encoding="utf-8")
    assert _one(item, load_taxonomy(edited)).label == "godkendelse"


@pytest.mark.parametrize(
    ("recommendation", "expected"),
    [
        # who proposes ("anbefaler / foreslår / indstiller, at") is not what is asked
        ("Direktionen anbefaler, at orienteringen tages til efterretning.", ["orientering"]),
        ("Sekretariatet foreslår, at udvalget drøfter de tre modeller.", ["drøftelse"]),
        ("Forvaltningen foreslår, at tilskuddet til spejderhytten godkendes.", ["godkendelse"]),
        ("Det anbefales, at der udpeges to medlemmer til havnens bestyrelse.", ["udpegning"]),
        ("Forvaltningen indstiller, at redegørelsen tages til orientering.", ["orientering"]),
        # ... but the meeting recommending something on to others is a decision
        ("Det indstilles, at rådet anbefaler kommunerne at tilslutte sig ordningen.",
         ["godkendelse"]),
        # "Sagen forelægges til orientering"
        ("Sagen forelægges til orientering.", ["orientering"]),
        ("Sagen forelægges udvalget og byrådet til orientering.", ["orientering"]),
        # a proposal with none of the types' verbs asks for a decision
        ("Forvaltningen indstiller, at:\n1. Færgen sejler som hidtil i vinterhalvåret.\n"
         "2. Billetprisen hæves med 5 kr.", ["godkendelse"]),
        ("1. at stien ved mosen asfalteres i 2027\n2. at udgiften afholdes af puljen",
         ["godkendelse"]),
        ("Administrationen indstiller til rådet, at\n- datoen for rådets temadag fastlægges.",
         ["godkendelse"]),
        ("Det foreslås, at salen stilles gratis til rådighed for koret.", ["godkendelse"]),
        # electing members
        ("Kulturforvaltningen indstiller, at byrådet vælger tre medlemmer til fondens "
         "bestyrelse.", ["udpegning"]),
        ("Indstilling om valg af to medlemmer til legatets bestyrelse.", ["udpegning"]),
        # talk in other words
        ("Det indstilles, at udvalget kommer med sine kommentarer til skitsen.", ["drøftelse"]),
    ],
)  # fmt: skip
def test_more_municipal_wordings(recommendation, expected):
    pred = _one(AgendaItem("4", "Et punkt om noget", recommendation_text=recommendation))
    assert (pred.labels, pred.source) == (expected, "indstilling")


@pytest.mark.parametrize(
    ("recommendation", "expected"),
    [
        ("Direktøren indstiller, at beretningen tages til efterretning.\n"
         "Miljøudvalget den 3. marts 2025:\nGodkendt med de faldne bemærkninger.", "orientering"),
        ("Forvaltningen indstiller, at skitsen drøftes.\nKulturudvalget, 12-05-2024:\n"
         "Godkendt.", "drøftelse"),
        ("Indstilling om, at rapporten tages til efterretning.\n"
         "Indstillingen blev godkendt med 20 stemmer mod 3.", "orientering"),
        ("Direktøren indstiller til udvalget 1. at orienteringen tages til efterretning. - "
         "Beslutning i Teknikudvalget den 04-03-2025 Udvalget godkendte planen.", "orientering"),
        ("Forvaltningen indstiller, at sagen drøftes.\nSagsfremstilling\n"
         "Planen skal godkendes af regionen senere.", "drøftelse"),
        # a case description printed right under the ask ("BESKRIVELSE AF SAGEN:")
        ("Direktøren indstiller, at redegørelsen tages til efterretning.\n"
         "BESKRIVELSE AF SAGEN:\nRammen skal godkendes af byrådet til efteråret.", "orientering"),
        # the case's history of endorsements under the ask ("Sagens forløb")
        ("At 1) rådet tager opgørelsen til efterretning.\nSagens forløb 03-02-2026 Stabens "
         "påtegning\nMagistraten anbefaler, at byrådet tiltræder indstillingen.", "orientering"),
    ],
)  # fmt: skip
def test_the_decision_after_a_recommendation_does_not_count(recommendation, expected):
    """Minutes print the decision under the ask; the ask is what is labelled."""
    pred = _one(AgendaItem("4", "Et punkt om noget", recommendation_text=recommendation))
    assert pred.label == expected


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        ("Godkendt.", ["godkendelse"]),
        ("Punkt 4 og 6 behandles samlet. Godkendt.", ["godkendelse"]),
        ("Taget til efterretning.", ["orientering"]),
        ("Udvalget tog redegørelsen til efterretning.", ["orientering"]),
        ("Drøftet.", ["drøftelse"]),
        ("Drøftet og taget til efterretning.", ["drøftelse", "orientering"]),
        ("Lise Holm blev valgt som formand.", ["udpegning"]),
    ],
)
def test_decision_wording_in_minutes_without_a_recommendation(decision, expected):
    pred = _one(AgendaItem("4", "Et punkt om noget", decision_text=decision))
    assert (pred.labels, pred.source) == (expected, "beslutning")


def test_a_decision_that_only_follows_the_recommendation_says_nothing():
    for decision in ("Som indstillet.", "Økonomiudvalgets indstilling blev godkendt."):
        assert _one(AgendaItem("4", "Et punkt om noget", decision_text=decision)).source == "ingen"


def test_the_title_outranks_the_decision():
    item = AgendaItem("1", "Siden sidst", decision_text="Godkendt.")
    assert (_one(item).label, _one(item).source) == ("orientering", "titel")


@pytest.mark.parametrize(
    "title",
    ["Fraværende og bemærkninger til dagsordenen", "Ændringer til dagsorden",
     "Beslutninger om dagsordenen"],
)  # fmt: skip
def test_remarks_on_the_agenda_are_an_approval(title):
    assert (_one(AgendaItem("1", title)).label, _one(AgendaItem("1", title)).source) == (
        "godkendelse",
        "titel",
    )


@pytest.mark.parametrize(
    "recommendation",
    [
        # "vælger et nyt medlem": the neuter "nyt" as well as "ny"/"nye"
        "Sekretariatet indstiller, at rådet vælger et nyt medlem til havnebestyrelsen.",
        # the passive "Der vælges ... til": the seats to fill are named in the title
        "Der vælges repræsentanter til de nævnte poster.",
    ],
)
def test_electing_members_is_an_appointment(recommendation):
    pred = _one(AgendaItem("2", "Et punkt om noget", recommendation_text=recommendation))
    assert (pred.labels, pred.source) == (["udpegning"], "indstilling")


@pytest.mark.parametrize(
    ("title", "recommendation"),
    [
        # the seat is named in the title; the recommendation only asks for a decision
        ("Konstituering af Havne- og Fritidsudvalget - valg af formand", "Til beslutning."),
        ("Valg af næstformand for Bådelauget", "Forvaltningen indstiller, at udvalget godkender "
         "forslaget."),
    ],
)  # fmt: skip
def test_an_appointment_title_naming_the_seat_is_udpegning(title, recommendation):
    pred = _one(AgendaItem("2", title, recommendation_text=recommendation))
    assert (pred.label, pred.source) == ("udpegning", "indstilling")
    assert "godkendelse" in pred.labels


def test_choosing_a_thing_is_not_an_appointment():
    # "Valg af ..." names no seat: the verb of the recommendation decides
    item = AgendaItem(
        "3", "Valg af belægning til torvet", recommendation_text="Det indstilles, at udvalget "
        "godkender granitbelægningen."
    )  # fmt: skip
    assert _one(item).labels == ["godkendelse"]


@pytest.mark.parametrize(
    "recommendation",
    [
        "Forvaltningen indstiller, at rådgivningen følges, og at udpegningen af kunstige og "
        "stærkt modificerede vandløb fastholdes.",
        "1. at udpegning af nye naturområder ved engen sker som beskrevet",
    ],
)
def test_designating_places_is_not_an_appointment(recommendation):
    pred = _one(AgendaItem("5", "Vandplan for Sivådalen", recommendation_text=recommendation))
    assert pred.label == "godkendelse"
    assert "udpegning" not in pred.labels


def test_a_theme_discussion_in_the_recommendation_is_drøftelse():
    item = AgendaItem(
        "1", "Udvalgets arbejdsområder", recommendation_text="Direktøren indstiller, at der "
        "gennemføres en temadrøftelse om havneplanlægning."
    )  # fmt: skip
    assert _one(item).labels == ["drøftelse"]


def test_the_agenda_spelt_dagsordnen_is_formal_business():
    pred = _one(AgendaItem("2", "Bemærkninger/ændringer til dagsordnen"))
    assert (pred.label, pred.source) == ("godkendelse", "titel")


def test_a_discussion_title_decides_between_a_note_and_a_discussion():
    """'Drøftelse af ...': noting a report and discussing a question is drøftelse."""
    text = (
        "Forvaltningen indstiller, at 1. orientering om praksis for lån til foreningerne "
        "tages til efterretning 2. drøfte, om praksis fra 2009 skal fastholdes."
    )
    pred = _one(AgendaItem("7", "Drøftelse af lån til foreninger", recommendation_text=text))
    assert pred.labels[:2] == ["drøftelse", "orientering"]
    # without the title's word, the verb asked for first stays the main one
    plain = _one(AgendaItem("7", "Lån til foreninger", recommendation_text=text))
    assert plain.label == "orientering"


@pytest.mark.parametrize(
    ("recommendation", "expected"),
    [
        # a point proposing an act in no type's wording, next to a note or a talk: a decision
        (
            "Direktionen indstiller,\nat redegørelsen om klagen tages til efterretning, og\n"
            "at kommunen fører sagen videre ved retten.",
            ["godkendelse", "orientering"],
        ),
        (
            "Sekretariatet indstiller, at:\n- Udkastet til takstblad drøftes.\n"
            "- Udkastet sendes videre til byrådet.",
            ["godkendelse", "drøftelse"],
        ),
        # every point in a type's wording, or one that forwards the case to be noted: no change
        (
            "Forvaltningen indstiller,\n1. at redegørelsen tages til efterretning\n"
            "2. at udvalget drøfter de næste skridt",
            ["orientering", "drøftelse"],
        ),
        (
            "Forvaltningen indstiller, at orienteringen tages til efterretning, og at sagen "
            "sendes til byrådet til orientering.",
            ["orientering"],
        ),
        ("Det indstilles, at udvalget drøfter sagen, og at det sker.", ["drøftelse"]),
    ],
)
def test_a_bare_proposal_among_other_points_is_a_decision(recommendation, expected):
    assert _one(AgendaItem("4", "Sag om klage", recommendation_text=recommendation)).labels == (
        expected
    )


def test_a_clause_under_a_point_is_no_point_of_its_own():
    text = (
        "Sekretariatet indstiller til lokaludvalget:\nAt lokaludvalget drøfter, hvordan det skal "
        "svare på, at der i planen for Engstien ikke er sat penge af til bænke."
    )
    assert _one(AgendaItem("10", "Plan for Engstien", recommendation_text=text)).labels == [
        "drøftelse"
    ]


def test_uncued_points_beside_an_appointment_stay_an_appointment():
    text = (
        "Direktøren indstiller, at\n- der indkaldes stedfortræder for Jens Holm i hans orlov.\n"
        "- Mette Lund træder ind i Ældrerådet, hvor Jens Holm er udpeget, i orloven."
    )
    item = AgendaItem("1", "Indkaldelse af stedfortræder", recommendation_text=text)
    assert _one(item).label == "udpegning"
