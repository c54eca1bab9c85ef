"""The segmenter's parts: number lines, title markers, section roles, the chain search."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkrnlp.danish import REC_START_RE, section_role
from kkrnlp.ingest.clean import clean_text
from kkrnlp.segment import segment
from kkrnlp.segment.chain import _best_chain, _transition
from kkrnlp.segment.markers import split_markers
from kkrnlp.segment.patterns import _Candidate, _Toc, number_line


@pytest.mark.parametrize(
    ("line", "num", "rest"),
    [
        ("143. Godkendelse af dagsorden", "143", "Godkendelse af dagsorden"),
        ("• Pkt. 176 Beslutninger om dagsordenen", "176", "Beslutninger om dagsordenen"),
        ("Punkt 43 Godkendelse af dagsorden", "43", "Godkendelse af dagsorden"),
        ("Nr. 33 BR 318/25. Vedtægter", "33", "BR 318/25. Vedtægter"),
        ("1 : Godkendelse af dagsorden", "1", "Godkendelse af dagsorden"),
        ("2. a. Varmepumper i landsbyerne", "2.a", "Varmepumper i landsbyerne"),
        ("2.b Solceller på skolerne", "2.b", "Solceller på skolerne"),
        ("3.10 Regnskab for ungdomsrådet", "3.10", "Regnskab for ungdomsrådet"),
        ("117Godkendelse af dagsorden", "117", "Godkendelse af dagsorden"),
        ("3 1. Godkendelse af dagsorden", "1", "Godkendelse af dagsorden"),
        ("åbent 4 Revision af idrætspolitik", "4", "Revision af idrætspolitik"),
        ("Budget 2026 - Sag nr. 130", "130", "Budget 2026"),
        ("Sag 12 - Godkendelse af dagsorden", "12", "Godkendelse af dagsorden"),
        ("1) Godkendelse af dagsorden", "1", "Godkendelse af dagsorden"),
        ("Sag nr. 1204 Budget", "1204", "Budget"),
        ("Ad. 2) Regnskab for spejderhytten", "2", "Regnskab for spejderhytten"),
        ("Kl. 16.10 2. Lokaletilskud 2028", "2", "Lokaletilskud 2028"),
        ("17.30-18.00 4. Eventuelt", "4", "Eventuelt"),
        ("06.02.03-P20-14-26 13. Vandløbsregulativ", "13", "Vandløbsregulativ"),
    ],
)
def test_number_line_forms(line: str, num: str, rest: str) -> None:
    found = number_line(line)
    assert found is not None and (found.num, found.rest) == (num, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Det blev aftalt jf. sag nr. 8",
        "Side 2 af 9 Udvalget 03-03-2025 Sag nr. 1",
        "1.",
        "ingen",
        "sag 16 den 30. januar",
        "Sag 306-2014-5450",
        "2016 Budget for skolerne",
    ],
)
def test_not_number_lines(line: str) -> None:
    assert number_line(line) is None


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("Godkendelse af dagsorden (B)", ("Godkendelse af dagsorden", "beslutning", None, None)),
        ("Siden sidst (O)", ("Siden sidst", "orientering", None, None)),
        ("Temadrøftelse - Skolerne (D)", ("Temadrøftelse - Skolerne", "drøftelse", None, None)),
        ("Beslutning: Mødeplan", ("Beslutning: Mødeplan", "beslutning", None, None)),
        ("Salg af grund - Lukket sag", ("Salg af grund", None, "lukket", None)),
        ("Status (Åben)", ("Status", None, "åben", None)),
        ("(Åben) Status", ("Status", None, "åben", None)),
        ("Lukket punkt", ("Lukket punkt", None, None, None)),
        ("Cykelstier (2025-0042117)", ("Cykelstier", None, None, "2025-0042117")),
        ("BR 318/25. Vedtægter", ("Vedtægter", None, None, "BR 318/25")),
        ("Køb af grund (Lukket) Sagsnr: 27/1003", ("Køb af grund", None, "lukket", "27/1003")),
        ("Stier ved åen J.nr. 06.02.03", ("Stier ved åen", None, None, "06.02.03")),
        ("Regnskab 2026 (bilag 1 og 2)", ("Regnskab 2026", None, None, None)),
        ("Høring om skolestruktur, bilag 3", ("Høring om skolestruktur", None, None, None)),
        ("Aftale om bilag til kontrakten", ("Aftale om bilag til kontrakten", None, None, None)),
        # who decides, not what kind: no type
        (
            "Anlægsbevilling til stien ved Mosen (C)",
            ("Anlægsbevilling til stien ved Mosen", None, None, None),
        ),
        ("Vandplan 2027 (A) (Åben)", ("Vandplan 2027", None, "åben", None)),
        ("Strategi for klima (c)", ("Strategi for klima (c)", None, None, None)),
    ],
)
def test_title_markers(title: str, want: tuple) -> None:
    got = split_markers(title)
    assert (got.title, got.item_type, got.access, got.case_number) == want


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Resume", "background"),
        ("Beslutningstema", "background"),
        ("Sagsfremstilling", "background"),
        ("Indstilling", "recommendation"),
        ("Hovedindstilling", "recommendation"),
        ("Sagsprocedure", "other"),
        ("Beslutning i Byrådet den 18-09-2025", "decision"),
        ("Teknik- og Vejudvalget, 06-03-2025, pkt. 176", "decision"),
        ("Beslutningskompetence", "other"),
        ("Økonomiske konsekvenser", "other"),
        ("Sagsgang og sagstype", "other"),
        ("Bilag", "attachments"),
    ],
)
def test_section_roles(heading: str, role: str) -> None:
    assert section_role(heading) == role


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("Det indstilles, at udvalget godkender stiplanen.", True),
        ("Indstilling: Udvalget godkender stiplanen.", True),
        ("At følgende besluttes:", True),
        ("Sekretariatet indstiller, at rådet drøfter sagen.", True),
        ("Direktøren for Vej og Park indstiller til udvalget, at planen vedtages.", True),
        ("Planen blev vedtaget i 2023 efter en høring.", False),
        ("Udvalget drøftede indstillingen på sidste møde.", False),
    ],
)
def test_one_recommendation_opening_for_segmenter_and_summarizer(line: str, opens: bool) -> None:
    assert bool(REC_START_RE.match(line)) is opens


def _brute_chain(cands: list[_Candidate], toc: _Toc) -> float:
    """Best chain value by trying every predecessor (the quadratic definition)."""
    from kkrnlp.segment.chain import _start_penalty
    from kkrnlp.segment.settings import DEFAULT_SETTINGS

    best: list[float] = []
    for i, cand in enumerate(cands):
        value = cand.score - _start_penalty(cand.number, toc, DEFAULT_SETTINGS)
        for j in range(i):
            pen = _transition(cands[j].number, cand.number)
            if pen is not None:
                value = max(value, best[j] + cand.score - pen)
        best.append(value)
    return max(best) if best else float("-inf")


numbers = st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(numbers, st.floats(0.1, 5)), min_size=1, max_size=25))
def test_linear_chain_search_equals_the_quadratic_definition(items) -> None:
    from kkrnlp.segment.chain import _start_penalty
    from kkrnlp.segment.settings import DEFAULT_SETTINGS

    cands = [
        _Candidate(i, num, ".".join(map(str, num)), "Titel", score)
        for i, (num, score) in enumerate(items)
    ]
    toc = _Toc()
    chain = _best_chain(cands, toc)
    best = _brute_chain(cands, toc)
    if best <= 0:
        assert chain == []
        return
    value = chain[0].score - _start_penalty(chain[0].number, toc, DEFAULT_SETTINGS)
    for a, b in itertools.pairwise(chain):
        pen = _transition(a.number, b.number)
        assert pen is not None and a.line < b.line
        value += b.score - pen
    assert value == pytest.approx(best)


@pytest.mark.parametrize(
    ("header", "body"),
    [
        (["Miljøudvalget – Referat – 2. juni 2025"], "Miljøudvalget"),
        (
            ["Referat af møde i Natur- og Havneudvalget", "Den 03.06.2025 kl. 13:00"],
            "Natur- og Havneudvalget",
        ),
        (["UDVALG", "", "Udvalget for Skov og Strand"], "Udvalget for Skov og Strand"),
        (["Ældrerådet 2022-2025s møde den 4. marts 2025"], "Ældrerådet"),
        (["A. Sager til afgørelse i byrådet", "Dagsorden"], None),
        (["År 2030-2033 Skovrådet - Referat"], "Skovrådet"),
        (["Valgperiode 2030-2033 Havneudvalget"], "Havneudvalget"),
        (["Kommunens logo", "", "Havneudvalgets møde den 02. marts 2031"], "Havneudvalget"),
        (["Seniorrådets møde den 4. maj 2031"], "Seniorrådet"),
        (["Natur og strands møde den 4. maj 2031"], None),
    ],
)
def test_committee_named_in_the_header(header: list[str], body: str | None) -> None:
    from kkrnlp.segment.body import committee_in_header

    assert committee_in_header(header) == body


def test_a_wrapped_entry_of_the_list_keeps_its_whole_title() -> None:
    from kkrnlp.pipeline import parse_text

    text = (
        "Referat\nUdvalget for Havn og Kyst\nDato: 02-06-2025\n\nPUNKTER\n"
        "11. Godkendelse af dagsorden\n12. Forslag til ny plan for\nhavnens arealer\n"
        "13. Eventuelt\n"
    )
    items = parse_text(text).items
    assert [(i.number, i.title) for i in items] == [
        ("11", "Godkendelse af dagsorden"),
        ("12", "Forslag til ny plan for havnens arealer"),
        ("13", "Eventuelt"),
    ]
    assert all(i.group is None for i in items)


def test_a_main_recommendation_heading_holds_the_items_ask():
    text = (
        "Dagsorden for Udvalget for Fritid\n\n"
        "1. Nye åbningstider i svømmehallen\n\n"
        "Sagsprocedure\n\nSagen afgøres i udvalget.\n\n"
        "Hovedindstilling\n\nDirektøren indstiller, at de nye åbningstider godkendes.\n\n"
        "Formål\n\nFlere borgere skal kunne svømme om aftenen.\n\n"
        "2. Eventuelt\n"
    )
    item = segment(clean_text(text)).items[0]
    assert [s.heading for s in item.sections][:2] == ["Sagsprocedure", "Hovedindstilling"]
    assert item.recommendation_text.startswith("Direktøren indstiller")


def test_a_kle_case_number_is_not_a_mayors_group() -> None:
    from kkrnlp.pipeline import parse_text

    text = (
        "Strandby Byråd 2030-2033\nÅben dagsorden\nMødedato: 3. marts 2031\n\n"
        "00.01.00-K04-2-31\n1. Godkendelse af dagsorden\nDagsordenen godkendes.\n"
        "82.03.00-K08-1-30\n2. Salg af grund ved havnen\nGrunden sælges.\n"
    )
    assert parse_text(text).body == "Strandby Byråd"


@pytest.mark.parametrize(
    ("header", "body"),
    [
        (["Udvalg Ikon", "Skovrådet", "Dato: 03-03-2031"], "Skovrådet"),
        (["Udvalg Dato Type Hent", "Havnerådet 03-03-2031 16:00 Referat"], "Havnerådet"),
        (["Titel Udvalg Funktioner", "Byrådet Byrådet Vis medlemmer Rss-feed Udskriv"], "Byrådet"),
        (["Velkommen til mødet i skovrådet den 3. marts 2031."], "Skovrådet"),
        (["SKOVUDVALGET Dagsorden med vedtagelser - Strandby Kommune"], "Skovudvalget"),
        (
            ["Kommunalbestyrelsen holder møde tirsdag den 4. marts 2031 kl. 17"],
            "Kommunalbestyrelsen",
        ),
        (
            ["Referat til mødet i Kommunalbestyrelsen 2030-33 den 3. marts 2031"],
            "Kommunalbestyrelsen",
        ),
        (["Havneudvalgets møde den 3. marts 2031"], "Havneudvalget"),
        (["Kategori: Byrådet"], "Byrådet"),
        (["Sagsnr.: Sagen afgøres i: Skov- og Strandudvalget"], "Skov- og Strandudvalget"),
        (["Skovrådet > Referater"], "Skovrådet"),
        (['Udvalget "Grøn By - Skov og Strand"'], 'Udvalget "Grøn By - Skov og Strand"'),
        (["Byråd og udvalg", "Dagsordener og referater fra udvalg, råd og nævn"], None),
        (["Byråd: Anna Holm (V), Bo Lund (A)"], None),
        (["Sted: Byrådssalen"], None),
    ],
)
def test_the_body_is_cut_out_of_web_page_furniture(header: list[str], body: str | None) -> None:
    from kkrnlp.segment.body import committee_in_header

    assert committee_in_header(header) == body


def test_a_council_named_with_its_municipality_in_the_genitive() -> None:
    from kkrnlp.segment.body import find_known_body

    assert find_known_body(["Strandby Kommunes Byråd"]) == "Strandby Kommunes Byråd"
