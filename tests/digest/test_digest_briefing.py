"""The digest as a briefing: week at a glance, minutes headings, formalia, --area, printing.

Item records are written for this project (invented bodies, titles and summaries).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kkrnlp.digest import (
    build_digest,
    is_formal,
    render_docx,
    render_html,
    render_markdown,
    resolve_areas,
    xml_safe,
)
from kkrnlp.errors import DataError

AREAS = ["formalia", "social", "sundhed", "trafik", "børn_unge", "økonomi"]


def _header(body, day="2024-03-05", kind="dagsorden", place=None, source="møde.txt"):
    return {"source": source, "body": body, "kind": kind, "date": day, "time": "13:00",
            "place": place}  # fmt: skip


def _rec(header, number, title, area, rec, summary="Et kort resumé.", **extra):
    return {
        "source": header["source"], "number": number, "title": title, "empty": False,
        "meeting": header, "policy_area": area, "policy_areas": [area], "recommendation": rec,
        "summary": summary, "summary_faithful": True, "summary_unsupported": [], **extra,
    }  # fmt: skip


@pytest.fixture()
def week():
    agenda = _header("Trafikudvalget", place="Rådhuset, mødelokale 2", source="tu.pdf")
    minutes = _header("Socialudvalget", day="2024-03-07", kind="referat", source="su.html")
    return [
        _rec(agenda, "1", "Godkendelse af referat", "formalia", "godkendelse"),
        _rec(agenda, "2", "Ny stoppestedsplan", "trafik", "godkendelse"),
        _rec(agenda, "3", "Cykelsti langs åen", "trafik", "drøftelse"),
        # tagged formalia by mistake, but a real matter: never hidden in the formalia line
        _rec(
            agenda,
            "4",
            "Udpegning af medlem til bestyrelsen for Busselskabet",
            "formalia",
            "udpegning",
        ),
        _rec(agenda, "5", "Eventuelt", "formalia", "orientering"),
        _rec(minutes, "1", "Takster for aflastning", "social", "godkendelse"),
        _rec(minutes, "2", "Status på ventelister", "social", "orientering"),
        _rec(minutes, "3", "Temadrøftelse om værestedet", "social", "drøftelse"),
    ]


def test_week_at_a_glance_counts_decisions_by_area(week):
    digest = build_digest(week, week="2024-W10", valid_areas=AREAS)
    assert [m.name for m in digest.meetings] == ["Trafikudvalget", "Socialudvalget"]
    assert digest.n_decide == 3
    assert dict(digest.decide_by_area) == {"Trafik": 1, "Formalia": 1, "Social": 1}
    text = render_markdown(digest)
    glance = text.split("## Trafikudvalget")[0]
    assert "## Ugen kort" in glance
    assert "2 møder; 3 punkter til beslutning" in glance
    assert "Rådhuset, mødelokale 2" in glance and "tirsdag den 5. marts 2024 kl. 13.00" in glance


def test_minutes_say_what_was_done(week):
    digest = build_digest(week, week="2024-W10", valid_areas=AREAS)
    minutes = digest.meetings[1]
    assert [h for h, _ in minutes.sections] == ["Besluttet", "Drøftet", "Taget til efterretning"]
    agenda = digest.meetings[0]
    assert [h for h, _ in agenda.sections][:2] == ["Til beslutning", "Til drøftelse"]
    assert "### Besluttet" in render_markdown(digest)
    assert "Til beslutning" not in render_markdown(digest).split("## Socialudvalget")[1]


def test_formalia_line_holds_only_formal_items(week):
    agenda = build_digest(week, week="2024-W10", valid_areas=AREAS).meetings[0]
    assert agenda.formalia_line == "Formalia: 1 Godkendelse af referat, 5 Eventuelt"
    assert "4" in [i.number for i in agenda.decide]
    # a parser's own item type wins over the title
    item = agenda.decide[0]
    assert is_formal({"item_type": "formalia"}, item)
    assert not is_formal({"item_type": "case"}, agenda.formalia[0])


def test_meeting_named_by_body_and_date_with_source_as_note(week):
    digest = build_digest(week, week="2024-W10", valid_areas=AREAS)
    text = render_markdown(digest)
    assert "## Trafikudvalget, tirsdag den 5. marts 2024 kl. 13.00 (dagsorden)" in text
    assert "*Sted: Rådhuset, mødelokale 2 · Kilde: tu.pdf*" in text
    nameless = [dict(r, meeting=dict(r["meeting"], body=None)) for r in week[:2]]
    assert build_digest(nameless, week="2024-W10").meetings[0].heading.startswith("Møde, ")


def test_areas_any_case_and_display_names():
    assert resolve_areas(["Social", "BØRN OG UNGE", "Trafik"], AREAS) == [
        "social",
        "børn_unge",
        "trafik",
    ]
    with pytest.raises(DataError, match="rumfart"):
        resolve_areas(["rumfart"], AREAS)


def test_docx_drops_characters_xml_cannot_hold(week, tmp_path):
    import docx

    week[1]["summary"] = "Planen koster 2 mio. kr.\uffff og\x0b træder i kraft i maj."
    target = tmp_path / "digest.docx"
    render_docx(build_digest(week, week="2024-W10", valid_areas=AREAS), target)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Planen koster 2 mio. kr. og træder i kraft i maj." in text
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 2") == "Ugen kort"
    assert xml_safe("a\ufffeb\x00c") == "abc"


def test_bad_area_fails_before_any_model_loads(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import kkrnlp.classify.predict
    import kkrnlp.summarize.load
    from kkrnlp.cli import app

    calls = []
    monkeypatch.setattr(
        kkrnlp.classify.predict, "load_tagger", lambda *a, **k: calls.append("tagger")
    )
    monkeypatch.setattr(
        kkrnlp.summarize.load, "load_summarizer", lambda *a, **k: calls.append("summarizer")
    )
    agenda = tmp_path / "dagsorden.txt"
    agenda.write_text("Dagsorden\n\n1. Godkendelse af referat\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["digest", str(agenda), "--area", "Rumfart", "--out", str(tmp_path / "d.md")]
    )
    assert result.exit_code == 1
    assert "error: unknown policy area(s) Rumfart" in result.output
    assert calls == []
    assert not (tmp_path / "d.md").exists()


CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None
)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_prints_on_a4_in_headless_chromium(week, tmp_path):
    page = tmp_path / "digest.html"
    page.write_text(render_html(build_digest(week, week="2024-W10", valid_areas=AREAS)), "utf-8")
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    pdf, png = tmp_path / "digest.pdf", tmp_path / "digest.png"
    for extra in ([f"--print-to-pdf={pdf}"], [f"--screenshot={png}", "--window-size=794,1123"]):
        subprocess.run([*flags, *extra, page.as_uri()], capture_output=True, timeout=120)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 x 842 points; every page of the PDF has that size
    boxes = [tuple(round(float(v)) for v in m.split()) for m in _media_boxes(data)]
    assert boxes and all(box[2:] == (595, 842) for box in boxes)
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.stat().st_size > 5000  # something was drawn, not a blank page


def _media_boxes(data: bytes) -> list[str]:
    import re

    return [m.decode() for m in re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+?)\s*\]", data)]


def test_template_dir_is_packaged():
    from kkrnlp.digest import TEMPLATE_DIR

    assert (Path(TEMPLATE_DIR) / "digest.html.j2").is_file()
