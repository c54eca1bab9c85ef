"""Segmentation: the seed agendas against the gold, the fixture shapes, and fuzzing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import clean_text, strip_markup
from kkrnlp.pipeline import parse_text
from kkrnlp.segment import _transition, find_date, find_time, segment
from tests.conftest import AGENDAS

ATTACHMENT_HEADINGS = {"bilag", "vedlagte bilag", "bilagsliste"}


def _gold_items(gold_rows: list[dict], doc: str) -> list[tuple[str, str, bool]]:
    return [(r["number"], r["title"], bool(r.get("empty"))) for r in gold_rows if r["doc"] == doc]


def _items(meeting) -> list[tuple[str, str, bool]]:
    return [(i.number, i.title, i.empty) for i in meeting.items]


def test_seed_documents_match_gold_items(gold_rows, gold_docs):
    for doc, path in gold_docs.items():
        meeting = parse_text(path.read_text(encoding="utf-8"), source=doc)
        assert _items(meeting) == _gold_items(gold_rows, doc), doc


def test_seed_meeting_fields(gold_docs):
    meetings = {
        doc: parse_text(p.read_text(encoding="utf-8"), source=doc) for doc, p in gold_docs.items()
    }
    kkr_2021 = meetings["000_5b328af16cf70165.txt"]
    assert (kkr_2021.body, kkr_2021.kind, kkr_2021.date, kkr_2021.time) == (
        "KKR Hovedstaden", "dagsorden", "2021-04-19", "10:00",
    )  # fmt: skip
    assert kkr_2021.place and kkr_2021.place.startswith("Virtuelt")
    kkr_2023 = meetings["003_419562e8526cb9bf.txt"]
    # The 2023 agenda prints its date only in the page footers.
    assert (kkr_2023.body, kkr_2023.date) == ("KKR Hovedstaden", "2023-02-08")
    case = meetings["001_357e7d32c9dfa9eb.txt"]
    assert case.kind == "sag"
    (item,) = case.items
    assert item.case_number == "15/12508"
    assert item.recommendation_text.startswith("At følgende besluttes")
    # Three bodies decide in turn; the decision is the last (the council's).
    assert item.decision_text == "Godkender økonomiudvalgets indstilling."
    assert [s.heading for s in item.sections][-1] == "Beslutning i Byrådet den 22-06-2015"


def test_seed_item_fields(gold_docs):
    path = gold_docs["000_5b328af16cf70165.txt"]
    items = {i.number: i for i in parse_text(path.read_text(encoding="utf-8")).items}
    assert items["3.1"].group == "Regionalpolitiske sager"
    assert items["3.1"].case_number == "SAG-2021-01954"
    assert [s.heading for s in items["3.1"].sections][:3] == [
        "Baggrund", "Indstilling", "Sagsfremstilling",
    ]  # fmt: skip
    assert items["3.1"].recommendation_text.startswith("Det indstilles, at KKR Hovedstaden drøfter")
    assert items["3.1"].attachments == ["Kommissorium for Vækstteam Hovedstaden"]
    assert items["4.2"].group == "Udpegninger"
    assert items["7"].empty and items["7"].group is None


def _fixture_pairs():
    for expected in sorted(AGENDAS.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        source = next(p for p in AGENDAS.iterdir() if p.stem == stem and p.suffix != ".json")
        yield pytest.param(source, expected, id=source.name)


@pytest.mark.parametrize(("source", "expected"), list(_fixture_pairs()))
def test_fixture_agendas(source: Path, expected: Path):
    from kkrnlp import parse

    want = json.loads(expected.read_text(encoding="utf-8"))
    meeting = parse(source)
    for key, value in want["meeting"].items():
        assert getattr(meeting, key) == value, key
    assert [i.number for i in meeting.items] == [w["number"] for w in want["items"]]
    for item, w in zip(meeting.items, want["items"], strict=True):
        for key in ("title", "group", "case_number", "presenter", "empty", "attachments"):
            if key in w:
                assert getattr(item, key) == w[key], (item.number, key)
        if "sections" in w:
            got = [s.heading for s in item.sections]
            got = [h for h in got if h != "Tekst" and h.lower() not in ATTACHMENT_HEADINGS]
            assert got == w["sections"], item.number
        for key, attr in (("recommendation_starts", "recommendation_text"),
                          ("decision_starts", "decision_text")):  # fmt: skip
            if key in w:
                value = getattr(item, attr)
                if w[key] is None:
                    assert value is None, (item.number, attr)
                else:
                    assert value and value.startswith(w[key][:25]), (item.number, attr)


NUMBERED_LIST_AGENDA = """DAGSORDEN
KKR Sjælland
Dato: 05-05-2025 kl. 14.00
Sted: Ringsted Kongrescenter

1. Godkendelse af dagsorden
Indstilling
Det indstilles, at KKR Sjælland godkender dagsordenen.

2. Status på fælles klimaindsatser
SAG-2025-00077
Baggrund
Kommunerne arbejder med tre spor:
1. Fælles indkøb af el-busser
2. Energirenovering af skoler
3. Opsamling af regnvand
4. februar blev der holdt et seminar for alle kommuner.
2026 bliver det første år med fuld afrapportering.
Indstilling
Det indstilles, at KKR Sjælland tager orienteringen til efterretning.

3. Udpegninger

3.1. Nyt medlem til Trafikselskabets repræsentantskab
Indstilling
Det indstilles, at KKR Sjælland udpeger et nyt medlem.

4. Eventuelt
"""


def test_numbered_lists_dates_and_years_are_not_items():
    meeting = parse_text(NUMBERED_LIST_AGENDA)
    assert _items(meeting) == [
        ("1", "Godkendelse af dagsorden", False),
        ("2", "Status på fælles klimaindsatser", False),
        ("3.1", "Nyt medlem til Trafikselskabets repræsentantskab", False),
        ("4", "Eventuelt", True),
    ]
    assert meeting.items[2].group == "Udpegninger"
    assert (meeting.body, meeting.date, meeting.time, meeting.place) == (
        "KKR Sjælland", "2025-05-05", "14:00", "Ringsted Kongrescenter",
    )  # fmt: skip
    background = meeting.items[1].section("Baggrund")
    assert "3. Opsamling af regnvand" in background


def test_a_list_that_could_continue_the_numbering_loses_to_real_items():
    text = NUMBERED_LIST_AGENDA.replace(
        "1. Fælles indkøb af el-busser\n2. Energirenovering af skoler\n3. Opsamling af regnvand",
        "3. Fælles indkøb af el-busser\n4. Energirenovering af skoler",
    )
    assert [i.number for i in parse_text(text).items] == ["1", "2", "3.1", "4"]


def test_title_broken_over_two_lines_with_and_without_hyphen():
    text = (
        "DAGSORDEN\nKKR Midtjylland\n\n1.1. Godkendelse af referat fra mødet i\nfebruar 2025\n"
        "SAG-2025-1\nIndstilling\nDet indstilles, at KKR godkender referatet.\n"
        "1.2. Rammeaftale for det specialiserede social-\nområde 2025\nSAG-2025-2\n"
        "Indstilling\nDet indstilles, at KKR godkender rammeaftalen.\n"
    )
    titles = [i.title for i in parse_text(text).items]
    assert titles == [
        "Godkendelse af referat fra mødet i februar 2025",
        "Rammeaftale for det specialiserede socialområde 2025",
    ]


def test_page_footers_and_hyphens_are_cleaned():
    raw = "Baggrund\nKKR Nordjylland vil sund-\f KKR Nordjylland | 03-04-2024\nSIDE | 7\n"
    raw += "hedsaftalen\n"
    clean = clean_text(raw)
    assert "KKR Nordjylland | 03-04-2024" in clean.footers
    assert clean.lines == ["Baggrund", "KKR Nordjylland vil sundhedsaftalen"]
    assert clean.footer_dates == ["03-04-2024"]


def test_presenter_and_title_line_recommendation():
    text = (
        "Dagsorden KD-Net Nordjylland\n"
        "**1. Godkendelse af dagsorden** v. Anne Bech *Det indstilles, at KD-Net godkender "
        "dagsordenen.*\n**2. Eventuelt**\n"
    )
    first = parse_text(text).items[0]
    assert (first.title, first.presenter) == ("Godkendelse af dagsorden", "Anne Bech")
    assert first.recommendation_text == "Det indstilles, at KD-Net godkender dagsordenen."
    assert not first.empty


def test_minutes_header_participants_and_decisions():
    text = (
        "REFERAT\nKKR Syddanmark\nDato: 2. juni 2025, kl. 9.00\nSted: Odense\n"
        "Deltagere:\n- Borgmester Anna Lund, Vejle Kommune\n"
        "- Borgmester Ole Berg, Kolding Kommune\n"
        "Afbud: Jens Holm (A)\n\n1. Godkendelse af referat\nIndstilling\nDet indstilles, at "
        "KKR godkender referatet.\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert meeting.kind == "referat"
    assert (meeting.date, meeting.time) == ("2025-06-02", "09:00")
    assert meeting.participants == [
        "Borgmester Anna Lund, Vejle Kommune", "Borgmester Ole Berg, Kolding Kommune",
    ]  # fmt: skip
    assert meeting.absentees == ["Jens Holm (A)"]
    assert meeting.items[0].decision_text == "Godkendt."


def test_text_without_items_is_not_an_agenda():
    with pytest.raises(InputError, match="does not look like an agenda"):
        parse_text("Kære alle\nHer er referatet fra frokosten.\n", source="brev.txt")


@pytest.mark.parametrize(
    ("text", "iso"),
    [("19-04-2021 10:00", "2021-04-19"), ("den 8. februar 2023", "2023-02-08"),
     ("2024-03-12", "2024-03-12"), ("31-02-2024", None)],
)  # fmt: skip
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("text", "hhmm"),
    [("kl. 9.30-13.00", "09:30"), ("19-04-2021 10:00", "10:00"), ("fra kl. 10 til 12", "10:00"),
     ("19.04.2021", None)],
)  # fmt: skip
def test_find_time(text, hhmm):
    assert find_time(text) == hhmm


def test_numbering_transitions():
    assert _transition((3, 2), (3, 3)) == 0
    assert _transition((3,), (3, 1)) == 0
    assert _transition((3, 8), (4,)) == 0
    assert _transition((3, 8), (4, 1)) > 0  # allowed, but a missing group heading costs
    assert _transition((3, 2), (1,)) is None
    assert _transition((11,), (3, 4)) is None


def test_strip_markup():
    assert (
        strip_markup("**3. Titel** v. Navn *Det indstilles*") == "3. Titel v. Navn Det indstilles"
    )


line_text = st.text(
    alphabet=st.sampled_from([*"abcæøå ABCÆØÅ0123456789.-–•*#|\t:/()", "\n", "\f"]),
    max_size=400,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(line_text, st.sampled_from([
    "1. Godkendelse af dagsorden", "3.1. Status", "Indstilling", "Baggrund", "Beslutning",
    "Det indstilles, at KKR godkender.", "Nr.12 - Sag", "2. februar", "SAG-2024-0001",
    "**4. Titel** v. A B *Det indstilles, at*", "Dato: 01-01-2024", "Deltagere:", "- x",
])), max_size=40))  # fmt: skip
def test_segmenter_never_crashes(lines):
    text = "\n".join(lines)
    try:
        meeting = segment(clean_text(text), source="fuzz.txt")
    except InputError:
        return
    for pos, item in enumerate(meeting.items, start=1):
        assert (item.number is None or item.number) and isinstance(item.title, str)
        assert item.position == pos


def test_prose_mentioning_punkt_does_not_switch_to_case_pages():
    text = NUMBERED_LIST_AGENDA.replace(
        "Kommunerne arbejder med tre spor:",
        "Punkt 4 på dagsordenen fra sidste møde blev udsat.\nKommunerne arbejder med tre spor:",
    )
    assert [i.number for i in parse_text(text).items] == ["1", "2", "3.1", "4"]


def test_several_case_pages_in_one_council_agenda():
    text = (
        "Byrådet i Egeskov\nDagsorden\nMødedato: 03-06-2025 kl. 19.00\n\n"
        "Nr. 41 - Godkendelse af dagsorden\nIndstilling\nAt dagsordenen godkendes.\n"
        "Beslutning\nGodkendt.\n"
        "Nr. 42 - Høring om KKR's rammeaftale\nSagsnr.: 25/101\nSagsfremstilling\n"
        "1. Baggrund for aftalen\n2. Kommunens bemærkninger\nIndstilling\n"
        "At høringssvaret godkendes.\nBeslutning i Byrådet den 03-06-2025\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert [(i.number, i.title) for i in meeting.items] == [
        ("41", "Godkendelse af dagsorden"), ("42", "Høring om KKR's rammeaftale"),
    ]  # fmt: skip
    assert meeting.kind == "referat"
    assert meeting.body == "Byrådet i Egeskov"
    assert meeting.items[1].case_number == "25/101"
    assert meeting.items[1].decision_text == "Godkendt."


def test_inline_section_labels_and_title_asks():
    text = (
        "Referat\nKKR Midtjylland\nDato: 10-10-2025\n\n"
        "1. Ny fælles aftale om busbetjening (til godkendelse) v. Ida Krogh\n"
        "Baggrund: Trafikselskabet har sendt et udkast.\n"
        "Beslutning: Godkendt med den ændring, at aftalen gælder i to år.\n"
        "2. Eventuelt\n"
    )
    item = parse_text(text).items[0]
    assert (item.title, item.presenter) == ("Ny fælles aftale om busbetjening", "Ida Krogh")
    assert item.recommendation_text == "Til godkendelse"
    assert item.section("Baggrund") == "Trafikselskabet har sendt et udkast."
    assert item.decision_text.startswith("Godkendt med den ændring")


@pytest.mark.parametrize(
    "first",
    [
        "**1\\. Godkendelse af dagsorden** v. Jesper Kaas Schmidt *Det indstilles, at KD-Net "
        "godkender dagsordenen.*",
        "**1.** **Godkendelse af dagsorden** v. Jesper Kaas Schmidt _Det indstilles, at KD-Net "
        "godkender dagsordenen._",
        "1. **Godkendelse af dagsorden** v. Jesper Kaas Schmidt *Det indstilles, at KD-Net "
        "godkender dagsordenen.*",
    ],
    ids=["escaped-dot", "bold-number-apart", "number-outside-bold"],
)
def test_markdown_exports_of_flat_agendas(first):
    text = (
        f"Dagsorden\nKD-Net Nordjylland\n\n{first}\n\nDagsordenen er sendt ud.\n\n"
        "**2.** **Status på fælles indkøb**\n\nSekretariatet orienterer.\n\n**3.** **Eventuelt**\n"
    )
    meeting = parse_text(text)
    assert meeting.body == "KD-Net Nordjylland"
    assert [(i.number, i.title, i.empty) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden", False),
        ("2", "Status på fælles indkøb", False),
        ("3", "Eventuelt", True),
    ]
    first_item = meeting.items[0]
    assert first_item.presenter == "Jesper Kaas Schmidt"
    assert first_item.recommendation_text == "Det indstilles, at KD-Net godkender dagsordenen."


def test_pdf_toc_without_leaders_and_with_a_wrapped_title():
    toc = (
        "1. Godkendelse af dagsorden 3\n2. Sager til beslutning 4\n"
        "2.1. Samarbejdsaftale mellem KKR Sjælland og Trafikselskabet om etablering af et\n"
        "passagerråd for hele regionen 4\n2.2. Budget 2026 for de fælles tilbud 6\n3. Eventuelt 8\n"
    )
    body = (
        "1. Godkendelse af dagsorden\nIndstilling\nDet indstilles, at KKR godkender den.\n"
        "2. Sager til beslutning\n2.1. Samarbejdsaftale mellem KKR Sjælland og Trafikselskabet "
        "om etablering af et\npassagerråd for hele regionen\nSAG-2025-1\nIndstilling\nDet "
        "indstilles, at KKR godkender aftalen.\n2.2. Budget 2026 for de fælles tilbud\n"
        "SAG-2025-2\nBaggrund\nKommunerne har fordelt udgifterne:\n1. Aalborg 3\n2. Thisted 5\n"
        "3. Hjørring 9\nIndstilling\nDet indstilles, at KKR godkender budgettet.\n3. Eventuelt\n"
    )
    meeting = parse_text(f"DAGSORDEN\nKKR Sjælland\n\n{toc}\n{body}")
    assert [(i.number, i.empty) for i in meeting.items] == [
        ("1", False), ("2.1", False), ("2.2", False), ("3", True),
    ]  # fmt: skip
    assert meeting.items[1].title.endswith("etablering af et passagerråd for hele regionen")
    assert meeting.items[1].group == "Sager til beslutning"
    assert "3. Hjørring 9" in meeting.items[2].section("Baggrund")


def test_attendance_as_headings_without_colons_and_table_cells():
    text = (
        "REFERAT\nKKR Sjælland\nDato\t02-06-2025 kl. 9.00\nDeltagere\n"
        "Borgmester Anna Lund, Vejle Kommune\nBorgmester Ole Berg, Kolding Kommune\n\n"
        "Afbud\nJens Holm (A)\n\n1. Godkendelse af referat\nIndstilling\n"
        "Det indstilles, at KKR godkender referatet.\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert (meeting.date, meeting.time, meeting.kind) == ("2025-06-02", "09:00", "referat")
    assert meeting.participants == [
        "Borgmester Anna Lund, Vejle Kommune", "Borgmester Ole Berg, Kolding Kommune",
    ]  # fmt: skip
    assert meeting.absentees == ["Jens Holm (A)"]


def test_section_heading_forms():
    from kkrnlp.segment import is_section_heading

    long_decision = "Beslutning: " + "Godkendt med den ændring, at " * 8 + "aftalen gælder i to år."
    assert is_section_heading(long_decision)[0] == "Beslutning"
    assert is_section_heading("**Indstilling**") == ("Indstilling", "")
    assert is_section_heading("Beslutning i Byrådet den 22-06-2015") == (
        "Beslutning i Byrådet den 22-06-2015", "",
    )  # fmt: skip
    assert is_section_heading("Bilag: Notat om takster") == ("Bilag", "Notat om takster")
    assert is_section_heading("Bilag 3 viser udviklingen i udgifterne.") is None
    assert is_section_heading("Baggrundsnotatet er sendt ud.") is None
