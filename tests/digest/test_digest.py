"""Tests for kkrnlp.digest. The item records below were written for this project."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kkrnlp.digest import (
    FLAG_TEXT,
    NO_DATE_REASON,
    Digest,
    area_label,
    build_digest,
    danish_date,
    danish_datetime,
    danish_period,
    parse_week,
    render_docx,
    render_html,
    render_markdown,
    write_digest,
)
from kkrnlp.errors import DataError, KkrnlpError

AREAS = [
    "formalia",
    "erhverv",
    "beskæftigelse",
    "uddannelse",
    "sundhed",
    "social",
    "klima",
    "trafik",
    "integration",
    "kultur",
    "børn_unge",
    "økonomi",
    "planlægning",
]


def meeting(source, body, day, time=None, kind="dagsorden", place=None):
    return {
        "source": source,
        "body": body,
        "kind": kind,
        "date": day,
        "time": time,
        "start": f"{day}T{time}" if day and time else day,
        "place": place,
        "participants": [],
        "absentees": [],
    }


def record(header, number, title, area=None, rec=None, summary=None, **extra):
    areas = extra.pop("areas", [area] if area else [])
    data = {
        "schema_version": "1.0",
        "source": header["source"],
        "number": number,
        "title": title,
        "group": None,
        "case_number": None,
        "presenter": None,
        "sections": [],
        "recommendation_text": None,
        "decision_text": None,
        "attachments": [],
        "empty": False,
        "text": f"{title}. {summary or ''}",
        "meeting": header,
        "policy_area": area,
        "policy_areas": areas,
        "recommendation": rec,
        "recommendations": [rec] if rec else [],
    }
    if summary is not None:
        data["summary"] = summary
        data["summary_faithful"] = True
        data["summary_unsupported"] = []
    data.update(extra)
    return data


@pytest.fixture()
def records():
    kkr = meeting("kkr_test.txt", "KKR Testregion", "2021-04-19", "10:00", place="Byrådssalen")
    udvalg = meeting("udvalg.txt", "Social- og sundhedsudvalget", "2021-04-22", "16:30")
    later = meeting("senere.txt", "KKR Testregion", "2021-04-27", "09:00")
    undated = meeting("udateret.txt", "Direktørnetværket", None)
    return [
        # Given out of agenda order on purpose.
        record(kkr, "3.10", "Nye busruter i oplandet", "trafik", "orientering", "Ruter ændres."),
        record(kkr, "1.1", "Godkendelse af dagsorden", "formalia", "godkendelse", "Dagsorden."),
        record(
            kkr,
            "3.2",
            "Budget for botilbud",
            "social",
            "godkendelse",
            "Budgettet for botilbuddene hæves med 4 mio. kr.",
            areas=["social", "økonomi"],
        ),
        record(kkr, "3.9", "Udpegning til passagerrådet", "trafik", "udpegning", "To pladser."),
        record(
            kkr,
            "3.3",
            "Plan for klimatilpasning <kyst> & å",
            "klima",
            "drøftelse",
            "Kommunerne drøfter diger langs kysten.",
            summary_faithful=False,
            summary_unsupported=["2030"],
        ),
        record(kkr, "4", "Eventuelt", empty=True),
        record(kkr, "2.1", "Siden sidst", "formalia", "orientering", "Nyt fra formanden."),
        record(kkr, "3.11", "Idéer til næste år", "kultur", None, "Forslag fra kulturhusene."),
        record(udvalg, "12", "Ventelister i dagplejen", "børn_unge", "orientering", "Lister."),
        record(udvalg, "9", "Sundhedshus i midtbyen", "sundhed", "godkendelse", "Et nyt hus."),
        record(later, "1", "Regnskab for året", "økonomi", "orientering", "Overskud."),
        record(undated, "1", "Fælles indkøb", "økonomi", "godkendelse", "Aftale om indkøb."),
    ]


def test_week_period_and_skipped(records):
    digest = build_digest(records, week="2021-W16")
    assert (digest.period_start, digest.period_end) == (date(2021, 4, 19), date(2021, 4, 25))
    assert [m.source for m in digest.meetings] == ["kkr_test.txt", "udvalg.txt"]
    assert len(digest.skipped) == 1
    assert "udateret.txt" in digest.skipped[0]
    assert NO_DATE_REASON in digest.skipped[0]
    assert "uge 16" in digest.title


def test_sections_order_numbers_formalia_and_empty(records):
    kkr = build_digest(records, week="2021-W16").meetings[0]
    assert [i.number for i in kkr.decide] == ["3.2", "3.9"]
    assert [i.number for i in kkr.discuss] == ["3.3"]
    assert [i.number for i in kkr.inform] == ["3.10"]
    assert [i.number for i in kkr.other] == ["3.11"]
    assert [i.number for i in kkr.formalia] == ["1.1", "2.1"]
    assert kkr.formalia_line == "Formalia: 1.1 Godkendelse af dagsorden, 2.1 Siden sidst"
    assert "4" not in [i.number for i in kkr.all_items()]
    assert [h for h, _ in kkr.sections] == [
        "Til beslutning",
        "Til drøftelse",
        "Til orientering",
        "Øvrige punkter",
    ]
    udvalg = build_digest(records, week="2021-W16").meetings[1]
    assert [h for h, _ in udvalg.sections] == ["Til beslutning", "Til orientering"]


def test_flagged_only_when_not_faithful(records):
    kkr = build_digest(records, week="2021-W16").meetings[0]
    flagged = [i.number for i in kkr.all_items() if i.flagged]
    assert flagged == ["3.3"]
    records[0].pop("summary_faithful")
    kkr = build_digest(records, week="2021-W16").meetings[0]
    assert not kkr.inform[0].flagged


def test_today_default_and_date_range(records):
    by_today = build_digest(records, today=date(2021, 4, 25))
    assert by_today.period_start == date(2021, 4, 19)
    assert len(by_today.meetings) == 2
    one_day = build_digest(records, date_from=date(2021, 4, 22), date_to=date(2021, 4, 22))
    assert [m.source for m in one_day.meetings] == ["udvalg.txt"]
    from_only = build_digest(records, date_from=date(2021, 4, 21))
    assert [m.source for m in from_only.meetings] == ["udvalg.txt", "senere.txt"]
    assert from_only.period_end == date(2021, 4, 27)


@pytest.mark.parametrize("week", ["2021-16", "uge 16", "2021-W", "", "2021-W00", "2021-W53"])
def test_invalid_week(records, week):
    with pytest.raises(DataError, match="week"):
        build_digest(records, week=week)


def test_bad_period_arguments(records):
    with pytest.raises(DataError):
        build_digest(records, week="2021-W16", date_from=date(2021, 4, 19))
    with pytest.raises(DataError):
        build_digest(records, date_from=date(2021, 4, 25), date_to=date(2021, 4, 19))


def test_area_filter(records):
    digest = build_digest(records, week="2021-W16", areas=["økonomi", "sundhed"])
    kept = [(m.source, i.number) for m in digest.meetings for i in m.all_items()]
    # 3.2 is kept through its second area; formalia items are filtered like the rest.
    assert kept == [("kkr_test.txt", "3.2"), ("udvalg.txt", "9")]


def test_area_filter_unknown_names(records):
    with pytest.raises(DataError) as err:
        build_digest(records, week="2021-W16", areas=["sociale", "sundhed"], valid_areas=AREAS)
    message = str(err.value)
    assert "sociale" in message
    assert "børn_unge" in message and "\n" not in message
    with pytest.raises(DataError, match="klima"):
        build_digest(records, week="2021-W16", areas=["klima"], valid_areas=["sundhed"])


def test_area_filter_default_taxonomy(records):
    with pytest.raises(DataError, match="planlægning"):
        build_digest(records, week="2021-W16", areas=["rumfart"])


def test_danish_formatting():
    assert danish_datetime(date(2021, 4, 19), "10:00") == "mandag den 19. april 2021 kl. 10.00"
    assert danish_date(date(2022, 1, 2)) == "søndag den 2. januar 2022"
    assert danish_period(date(2021, 3, 29), date(2021, 4, 4)) == "29. marts – 4. april 2021"
    assert danish_period(date(2021, 12, 27), date(2022, 1, 2)) == (
        "27. december 2021 – 2. januar 2022"
    )
    assert area_label("børn_unge") == "Børn og unge"
    assert area_label("økonomi") == "Økonomi"
    assert area_label("kultur_fritid") == "Kultur og fritid"
    assert parse_week("2020-W53") == (date(2020, 12, 28), date(2021, 1, 3))


def test_markdown(records):
    text = render_markdown(build_digest(records, week="2021-W16"))
    lines = text.splitlines()
    assert lines[0].startswith("# Ugeoversigt uge 16, 2021")
    headings2 = [line for line in lines if line.startswith("## ")]
    assert headings2[0] == "## Ugen kort"
    assert headings2[1] == "## KKR Testregion, mandag den 19. april 2021 kl. 10.00 (dagsorden)"
    assert len(headings2) == 4  # the week at a glance, two meetings, the skipped ones
    order = [line for line in lines if line.startswith("### ")]
    assert order[:4] == [
        "### Til beslutning",
        "### Til drøftelse",
        "### Til orientering",
        "### Øvrige punkter",
    ]
    assert text.count(FLAG_TEXT) == 1
    # The summary stays inside the item's bullet (Markdown hard line break).
    assert "(Social, Økonomi; Godkendelse)  \n  Budgettet for botilbuddene" in text
    assert "Børn og unge" in text
    assert "Formalia: 1.1 Godkendelse af dagsorden, 2.1 Siden sidst" in text
    assert "ingen mødedato" in text


def test_markdown_without_meetings(records):
    text = render_markdown(build_digest(records, week="2020-W16"))
    assert "Ingen møder i perioden." in text


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and data.strip():
            self.text.setdefault(self._open[-1], []).append(data.strip())


def test_html_self_contained_and_escaped(records):
    html = render_html(build_digest(records, week="2021-W16"))
    parser = _Tags()
    parser.feed(html)
    names = [t for t, _ in parser.tags]
    assert dict(parser.tags)["html"]["lang"] == "da"
    assert names.count("h1") == 1
    assert names.count("h2") == 4  # the week at a glance, two meetings, the skipped ones
    assert parser.text["h3"][:4] == [
        "Til beslutning",
        "Til drøftelse",
        "Til orientering",
        "Øvrige punkter",
    ]
    for banned in ("script", "link", "img", "iframe", "kyst"):
        assert banned not in names
    assert not re.search(r"\s(src|href)=", html)
    assert "url(" not in html and "@import" not in html
    assert "@media print" in html
    assert "&lt;kyst&gt; &amp; å" in html
    assert html.count(FLAG_TEXT) == 1
    assert "2030" in html


def test_docx_headings(records, tmp_path):
    import docx

    digest = build_digest(records, week="2021-W16")
    target = tmp_path / "ud" / "digest.docx"
    render_docx(digest, target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["digest.docx"]
    document = docx.Document(str(target))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("Heading 1", digest.title)
    h2 = [t for s, t in styled if s == "Heading 2"]
    assert h2[0] == "Ugen kort"
    assert h2[1:3] == [m.heading for m in digest.meetings]
    h3 = [t for s, t in styled if s == "Heading 3"]
    assert h3[:4] == ["Til beslutning", "Til drøftelse", "Til orientering", "Øvrige punkter"]
    body = "\n".join(t for _, t in styled)
    assert body.count(FLAG_TEXT) == 1
    assert "Plan for klimatilpasning <kyst> & å" in body


@pytest.mark.parametrize(
    ("name", "fmt", "check"),
    [
        ("d.md", None, lambda p: p.read_text(encoding="utf-8").startswith("# ")),
        ("d.html", None, lambda p: "<!DOCTYPE html>" in p.read_text(encoding="utf-8")),
        ("d.docx", None, zipfile.is_zipfile),
        ("d.txt", "markdown", lambda p: "### Til beslutning" in p.read_text(encoding="utf-8")),
    ],
)
def test_write_digest(records, tmp_path, name, fmt, check):
    path = write_digest(build_digest(records, week="2021-W16"), tmp_path / name, fmt)
    assert check(Path(path))


def test_write_digest_unknown_format(records, tmp_path):
    digest = build_digest(records, week="2021-W16")
    with pytest.raises(KkrnlpError, match="pdf"):
        write_digest(digest, tmp_path / "d.md", "pdf")
    with pytest.raises(KkrnlpError):
        write_digest(digest, tmp_path / "d.odt")
    assert list(tmp_path.iterdir()) == []


def test_empty_digest_renders_everywhere(tmp_path):
    digest = Digest(date(2021, 4, 19), date(2021, 4, 25), "Tom uge")
    assert "Ingen møder" in render_html(digest)
    render_docx(digest, tmp_path / "tom.docx")
    assert zipfile.is_zipfile(tmp_path / "tom.docx")


def test_an_item_without_a_number_shows_its_title_alone(tmp_path):
    page = meeting("side.txt", "Teknisk udvalg", "2021-04-20", "15:00")
    rows = [
        record(page, None, "Godkendelse af dagsorden", "formalia", "godkendelse", "Godkendt."),
        record(page, None, "Ny sti langs åen", "trafik", "godkendelse", "En sti bygges."),
    ]
    digest = build_digest(rows, week="2021-W16")
    text = render_markdown(digest)
    assert "- **Ny sti langs åen**" in text
    assert "Formalia: Godkendelse af dagsorden" in text
    assert "None" not in text
    out = tmp_path / "uge.docx"
    render_docx(digest, out)
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert ">Ny sti langs åen<" in body and "None" not in body
