"""kkrnlp.load(): one Pipeline, models loaded once, typed tags and summaries on the items."""

from __future__ import annotations

from pathlib import Path

import pytest

import kkrnlp
from kkrnlp.classify.tags import Tags
from kkrnlp.pipeline import Pipeline, parse_source
from kkrnlp.summarize import Summary
from tests.conftest import REPO
from tests.io.test_safety_atomic import _tagger

EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"

AGENDA = """Dagsorden for Teknisk Udvalg

1. Godkendelse af dagsorden

Indstilling
Forvaltningen indstiller, at dagsordenen godkendes.

2. Ny cykelsti langs Åvej

Sagsfremstilling
Udvalget har bedt om et overslag over en cykelsti på 1,2 km langs Åvej til 3,4 mio. kr.

Indstilling
Forvaltningen indstiller, at udvalget godkender projektet.
"""


@pytest.fixture(scope="module")
def nlp(tmp_path_factory) -> Pipeline:
    model = _tagger(1).save_pretrained(tmp_path_factory.mktemp("m") / "model")
    return kkrnlp.load(model)


def test_a_path_bytes_and_text_give_the_same_items(nlp):
    from_path = nlp(EXAMPLE)
    from_bytes = nlp(EXAMPLE.read_bytes(), name=EXAMPLE.name)
    from_text = nlp(EXAMPLE.read_text(encoding="utf-8"), name=EXAMPLE.name)
    titles = [i.title for i in from_path.items]
    assert titles and titles == [i.title for i in from_bytes.items]
    assert titles == [i.title for i in from_text.items]


def test_items_carry_typed_tags_and_summaries(nlp):
    meeting = nlp(AGENDA)
    assert [i.number for i in meeting.items] == ["1", "2"]
    for item in meeting.items:
        assert isinstance(item.tags, Tags) and item.tags.policy_area
        assert isinstance(item.summary, Summary) and item.summary.text
    assert "3,4 mio. kr." in meeting.items[1].summary.text


def test_records_flatten_the_typed_results_under_the_cli_field_names(nlp):
    records = nlp(AGENDA).item_records()
    for record in records:
        assert isinstance(record["policy_area"], str)
        assert isinstance(record["summary"], str)
        assert {"recommendation", "cap_major", "summary_faithful", "meeting"} <= set(record)
    # parsing alone gives the parsed fields only
    bare = kkrnlp.parse_text(AGENDA).item_records()[0]
    assert "policy_area" not in bare and "summary" not in bare


def test_pipe_isolates_a_bad_file(nlp, tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_text("", encoding="utf-8")
    results = list(nlp.pipe([EXAMPLE, empty, tmp_path / "findes-ikke.pdf", EXAMPLE]))
    assert [r.error is None for r in results] == [True, False, False, True]
    assert results[3].meeting.items[0].tags is not None
    assert "tom.txt" in results[1].error


def test_steps_can_be_left_out():
    nlp = kkrnlp.load(tag=False)
    item = nlp(AGENDA).items[1]
    assert item.tags is None and item.summary is not None
    assert kkrnlp.load(tag=False, summarize=False)(AGENDA).items[1].summary is None


def test_a_one_line_string_that_is_no_file_is_text(tmp_path):
    with pytest.raises(kkrnlp.KkrnlpError):
        parse_source("Ingen dagsorden her")
    path = tmp_path / "d.txt"
    path.write_text(AGENDA, encoding="utf-8")
    assert parse_source(str(path)).source == "d.txt"
    assert parse_source(Path(path)).items[0].title == "Godkendelse af dagsorden"
