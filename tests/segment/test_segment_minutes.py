"""Minutes of small councils and boards (local councils, parish councils, school boards):
numbered points with short texts between them, under a "Dagsorden:" label.
Fixtures are invented text."""

from __future__ import annotations

import pytest

from kkrnlp.danish import TITLE_OPENING_RE
from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import clean_text
from kkrnlp.segment import segment
from kkrnlp.segment.titles import cut_inline_value, cut_long_title, split_heading


def _pairs(text: str) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in segment(clean_text(text)).items]


# The first points have one line each, the third a bulleted text: the first three read
# like a list at the top under "Dagsorden:", but the numbering goes on below them.
LABELLED_MINUTES = """Bakkeby Beboerforening

Referat fra bestyrelsesmøde 3. marts 2031

Dagsorden:

1. Bemærkninger til forrige referat: ingen.

2. Kassen: godkendt.

3. Opfølgning på bænk og skilt:

- Bænken ved gadekæret er bestilt.
- Svend taler med kommunen om skiltet.

4. Nye sager:

- Sommerfesten holdes på skolen.

5. Eventuelt
"""

# Points 1-4 have texts under them; 5-9 stand one a line and look like a list of their own.
GROUPED_AGENDA = """Dagsorden til møde nr. 4 i Bakkeby Sogneråd

1. Fraværende: Ole Dam

2. Tilføjelser til dagsordenen:

Sager til beslutning:

3. Godkendelse af halvårsregnskab (bilag 1)
Regnskabet for første halvår gennemgås.

4. Regler for lån af sognegården (bilag 2)
Der ønskes en drøftelse af reglerne.

Sager til orientering:

5. Orientering fra formanden.

6. Orientering fra kassereren.

7. Orientering fra graveren.

8. Orientering fra udvalgene.

9. Eventuelt.
"""


def test_numbering_that_goes_on_below_a_run_is_no_list_at_the_top() -> None:
    numbers = [n for n, _ in _pairs(LABELLED_MINUTES)]
    assert numbers == ["1", "2", "3", "4", "5"]


def test_numbering_that_goes_on_into_a_run_is_no_list_at_the_top() -> None:
    pairs = _pairs(GROUPED_AGENDA)
    assert [n for n, _ in pairs] == [str(n) for n in range(1, 10)]
    # The sentence under a heading that ends in a bracket is the item's text.
    assert dict(pairs)["3"] == "Godkendelse af halvårsregnskab"


def test_decision_or_value_after_a_colon_is_not_the_title() -> None:
    pairs = dict(_pairs(LABELLED_MINUTES))
    assert pairs["1"] == "Bemærkninger til forrige referat"
    assert pairs["2"] == "Kassen"
    assert dict(_pairs(GROUPED_AGENDA))["1"] == "Fraværende"


@pytest.mark.parametrize(
    ("rest", "title"),
    [
        ("Regnskab: godkendt med rettelser.", "Regnskab"),
        ("Næste møde: 4. april kl. 19 hos Ida", "Næste møde"),
        ("Budget 2032: Første behandling", "Budget 2032: Første behandling"),
        ("Principper: Mobiltelefoner i frikvarteret", "Principper: Mobiltelefoner i frikvarteret"),
        ("Orientering: ingen sager har været i høring i den forløbne periode", None),
    ],
)
def test_inline_value_cut(rest: str, title: str | None) -> None:
    assert cut_inline_value(rest)[0] == (title or rest)


# Points whose titles are whole lines ending in a full stop; the first three are long.
FULL_STOP_MINUTES = """Referat fra Beboerrådets møde 12. maj 2031

1. Ændring af rådets vedtægter så de passer med den måde vi arbejder på i dag.
(§ 4 stk. 1: kassereren ændres til næstformanden.)
Ændringen blev vedtaget.

2. Valg af formand, næstformand og kasserer for det kommende år til og med marts.
Formand Ida Holm
Kasserer Per Lund

3. Godkendelse af referat fra de sidste to møder i rådet.
Godkendt og underskrevet

4. Kort drøftelse af høstfesten.
Mange synspunkter blev fremført.

5. Meddelelser fra medlemmerne.
Der kommer ny kalender i august.

6. Eventuelt.
"""


def test_long_full_stop_titles_that_open_like_titles_are_items() -> None:
    assert [n for n, _ in _pairs(FULL_STOP_MINUTES)] == ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Godkendelse af referat fra de sidste to møder i rådet.", True),
        ("Orientering om status på den nye skole ved havnen.", True),
        ("Formanden orienterede om status på den nye skole ved havnen.", False),
        ("Udvalget for teknik og miljø har behandlet sagen på sit møde.", False),
    ],
)
def test_title_opening(text: str, heading: bool) -> None:
    assert bool(TITLE_OPENING_RE.match(text)) is heading


# A list in lower case after its label, the later entries capitalised.
LOWER_CASE_LIST = """Beboermøde 4. marts 2031

Dagsorden:
1 valg af dirigent
2 spørgsmål fra salen
3 godkendelse af referat
4 Nyt om stien
5 Nyt fra kassereren
6 Evt.
"""

# The last point's title starts in lower case; a proposal's points ("1. at ...") and an
# ordinal ("2. behandling ...") in lower case are no items.
LOWER_CASE_LAST = """Bestyrelsesmøde i Klubhuset

1. Godkendelse af referat
Godkendt.

2. Budget for sommerlejren
Indstilling:
1. at budgettet godkendes
2. at lejren holdes i uge 28
Godkendt.

3. Lokalplan for havnen
Planen skal til 2. behandling i juni.
2. behandling af planen sker i byrådet.

4. orientering fra udvalgene
Intet.
"""


def test_lower_case_entries_that_fill_the_numbering_are_items() -> None:
    assert [n for n, _ in _pairs(LOWER_CASE_LIST)] == ["1", "2", "3", "4", "5", "6"]
    assert dict(_pairs(LOWER_CASE_LIST))["1"] == "valg af dirigent"
    assert _pairs(LOWER_CASE_LAST) == [
        ("1", "Godkendelse af referat"),
        ("2", "Budget for sommerlejren"),
        ("3", "Lokalplan for havnen"),
        ("4", "orientering fra udvalgene"),
    ]


# A table flattened one cell a line: "Pkt. 3 (Ida)" names who presents the point.
PKT_WITH_PRESENTER = """Skolebestyrelsesmøde 4. marts 2031

Pkt. 1

Godkendelse af dagsorden

Kl. 18.30-18.35

Pkt. 2 (Ida)

Nyt fra elevrådet

18.35-18.50

Pkt. 3

Eventuelt
"""


def test_prefixed_number_with_a_person_in_brackets_takes_the_title_below() -> None:
    assert _pairs(PKT_WITH_PRESENTER) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Nyt fra elevrådet"),
        ("3", "Eventuelt"),
    ]


def test_one_item_page_under_a_formal_title_is_that_item() -> None:
    text = (
        "Eventuelt\n\nIda Holm (A) bad om en orientering om vinterberedskabet på næste møde.\n\n"
        "Per Lund (V) spurgte til åbningstiderne i svømmehallen.\n"
    )
    meeting = segment(clean_text(text))
    assert [(i.number, i.title) for i in meeting.items] == [(None, "Eventuelt")]


def test_a_page_kind_word_above_text_is_no_item() -> None:
    text = "Referat\n\nMødet blev aflyst, og punkterne overføres til næste møde i april.\n"
    with pytest.raises(InputError):
        segment(clean_text(text))


# A case text whose heading the saved page lost; its text lists another meeting's points.
LIST_IN_CASE_TEXT = """Sagsfremstilling
Udvalget mødtes forinden med elevrådet på Nordskolen.
Emnerne var:
1. Festivalen
2. Ungeråd i alle byer
3. Cykelstier
4. Eventuelt
Elevrådets egne noter ligger i sagen.
"""

# A page label above a list of points with no text between them is still an agenda.
LABEL_ABOVE_LIST = """Referat
1. Godkendelse af dagsorden
2. Budget for sommerlejren
3. Eventuelt
"""


def test_numbered_list_inside_a_case_text_is_no_item() -> None:
    with pytest.raises(InputError):
        segment(clean_text(LIST_IN_CASE_TEXT))


def test_numbered_list_under_a_page_label_is_the_agenda() -> None:
    assert [n for n, _ in _pairs(LABEL_ABOVE_LIST)] == ["1", "2", "3"]


def test_sentence_after_a_bracket_that_ends_the_title_is_cut_off() -> None:
    rest = (
        "Drøftelse af forslag til ny lokalplan for havnen (boliger og erhverv ved kajen). "
        "Udkast til planen er omdelt som bilag 4 til udvalgets medlemmer."
    )
    title, tail = cut_long_title(rest)
    assert title.endswith("(boliger og erhverv ved kajen).")
    assert tail.startswith("Udkast til planen")


@pytest.mark.parametrize(
    ("rest", "title", "presenter", "item_type"),
    [
        ("Forslag om nye salmebøger v/Præsterne (B 10 min.)", "Forslag om nye salmebøger",
         "Præsterne", "beslutning"),
        ("Orientering fra udvalgene v/Ida Holm m.fl. (O 20 min.) Pause 10 min.",
         "Orientering fra udvalgene", "Ida Holm", "orientering"),
        ("Godkendelse af budget 2032 jf. bilag 1 v/Per Lund (B 10 min)",
         "Godkendelse af budget 2032", "Per Lund", "beslutning"),
        ("Siden sidst v/formanden", "Siden sidst", "formanden", None),
        ("Velkomst og sang (5 min.)", "Velkomst og sang", None, None),
        ("Ny sti v. skoven", "Ny sti v. skoven", None, None),
        # roles without the article, in compounds and in a row
        ("Årsberetning for 2031 v. bestyrelsesformand og direktør", "Årsberetning for 2031",
         "bestyrelsesformand og direktør", None),
        ("Status på vandløbsplanen v/ afdelingschefen", "Status på vandløbsplanen",
         "afdelingschefen", None),
        ("Nyt om budget v. formanden, kassereren og sekretæren (til orientering)",
         "Nyt om budget", "formanden, kassereren og sekretæren", "orientering"),
        ("Ny bro v. mølledammen", "Ny bro v. mølledammen", None, None),
    ],
)  # fmt: skip
def test_presenter_time_and_attachment_after_a_title_are_dropped(
    rest: str, title: str, presenter: str | None, item_type: str | None
) -> None:
    got_title, got_presenter, _, marks = split_heading(rest)
    assert (got_title, got_presenter, marks.item_type) == (title, presenter, item_type)
