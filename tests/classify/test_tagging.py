"""Integration: the real default encoder with the shipped head tags a fixture agenda."""

from __future__ import annotations

import pytest

from kkrnlp import parse
from kkrnlp.classify.predict import load_tagger
from kkrnlp.pipeline import Pipeline
from tests.conftest import AGENDAS, REPO


def _tagged(meeting, tagger):
    """The meeting's item records with tag fields, as `kkrnlp tag` prints them."""
    return Pipeline(tagger=tagger).annotate(meeting).item_records()


# Items of the bundled example whose area no reader would dispute.
CLEAR_AREAS = {
    "Togbetjening": "trafik",
    "Styringsaftale": "social",
    "praktikpladser på SOSU": "uddannelse",
    "Erhvervshus": "erhverv",
    "RAR": "beskæftigelse",
    "Klimatilpasning": "klima",
    "Godkendelse af dagsorden": "formalia",
}


@pytest.fixture(scope="module")
def shipped_tagger():
    tagger = load_tagger()
    assert tagger.encoder == "default" and tagger.head == "embedding"
    return tagger


def test_shipped_model_tags_the_example_agenda(shipped_tagger):
    records = _tagged(parse(REPO / "examples" / "kkr-nordjylland-dagsorden.md"), shipped_tagger)
    checked = 0
    for record in records:
        for cue, area in CLEAR_AREAS.items():
            if cue in record["title"]:
                checked += 1
                assert record["policy_area"] == area, record["title"]
                assert record["policy_areas"][0] == area
                scores = record["policy_area_scores"]
                assert (
                    max(scores, key=scores.get) == area or record["policy_area_source"] == "rules"
                )
    assert checked == len(CLEAR_AREAS)


def test_shipped_model_tags_minutes_and_flat_agendas(shipped_tagger):
    names = shipped_tagger.taxonomy.policy_area_names
    for name in ("kkr_nordjylland_referat.md", "kdnet_midtjylland_dagsorden.md"):
        records = _tagged(parse(AGENDAS / name), shipped_tagger)
        for record in records:
            if record["empty"]:
                assert record["policy_area"] is None
                continue
            assert record["policy_area"] in names
            assert abs(sum(record["policy_area_scores"].values()) - 1.0) < 0.01
            assert record["recommendation"] in {
                "orientering", "godkendelse", "drøftelse", "udpegning",
            }  # fmt: skip


def test_dev_gold_bars(shipped_tagger, shared_dir, gold_docs):
    """The issue's bars on the dev gold: recommendation >= 0.96, policy area >= 0.85."""
    from kkrnlp.evaluate.report import evaluate

    meetings = [parse(path) for path in sorted(set(gold_docs.values()))]
    metrics = evaluate(shared_dir / "gold" / "dev.jsonl", meetings).metrics
    assert metrics["recommendation"]["rules_then_model"]["accuracy"] >= 0.96
    assert metrics["policy_area"]["model"]["accuracy"] >= 0.85


def test_a_label_written_into_labels_toml_is_used_at_once(tmp_path, monkeypatch):
    """A secretariat adds an area to labels.toml; the shipped model scores it without training."""
    from kkrnlp import config

    edited = tmp_path / "labels.toml"
    edited.write_text(
        config.LABELS_FILE.read_text(encoding="utf-8")
        + '\n[[policy_area]]\nname = "beredskab"\ncap_major = [16]\n'
        'description = "Beredskab og brandvæsen: brandslukning, redningsberedskab, '
        'kriseberedskab, brandstationer, stormflod og evakuering."\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(config, "LABELS_FILE", edited)
    tagger = load_tagger()
    assert "beredskab" in tagger.taxonomy.policy_area_names
    records = _tagged(parse(REPO / "examples" / "kkr-nordjylland-dagsorden.md"), tagger)
    live = [r for r in records if not r["empty"]]
    assert all("beredskab" in r["policy_area_scores"] for r in live)


def test_a_title_without_text_gets_a_cap_topic_but_no_area(shipped_tagger):
    """A list of contents or a closed item: the CAP topic is read from the title alone."""
    from kkrnlp.classify.predict import predict_tags
    from kkrnlp.schema import AgendaItem

    items = [
        AgendaItem("1", "Forslag til lokalplan for nyt boligområde ved Engvej", empty=True),
        AgendaItem("2", "Lukket punkt", empty=True),
        AgendaItem("3", "", empty=True),
    ]
    tags = predict_tags(items, shipped_tagger)
    assert [t.policy_area for t in tags] == [None, None, None]
    assert [t.recommendation for t in tags] == [None, None, None]
    assert tags[0].cap_major == 14 and tags[0].cap_major_source == "model"
    assert (tags[1].cap_major, tags[1].cap_major_source) == (0, "titel")
    assert tags[2].cap_major is None  # nothing to read


def test_a_row_that_names_no_matter_gets_no_area_and_no_ask(shipped_tagger):
    """An item table's bare case number: nothing to tag but the CAP code 0 (not codable)."""
    from kkrnlp.classify.predict import predict_tags
    from kkrnlp.schema import AgendaItem

    items = [
        AgendaItem("1", "Sag nr. 2024-0117"),
        AgendaItem("2", "Lukket punkt", text="Lukket punkt\nSalg af en kommunal byggegrund."),
        AgendaItem("3", "Ny køreplan for bybusserne"),
    ]
    tags = predict_tags(items, shipped_tagger)
    assert (tags[0].policy_area, tags[0].recommendation) == (None, None)
    assert (tags[0].cap_major, tags[0].cap_major_source) == (0, "titel")
    assert tags[1].policy_area is not None  # the text names its matter
    assert tags[2].policy_area is not None and tags[2].recommendation is not None
