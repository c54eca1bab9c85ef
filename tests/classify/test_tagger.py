"""Tagger: fit / save / load on a tiny random BERT, labelled-data loading and its errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kkrnlp.classify.data import load_labelled, training_pairs
from kkrnlp.classify.features import BACKGROUND_CHARS, item_text
from kkrnlp.classify.tagger import Tagger
from kkrnlp.classify.training import train
from kkrnlp.encoder import EncoderSettings
from kkrnlp.errors import DataError, ModelError
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.taxonomy import load_taxonomy
from tests.tiny_models import make_tiny_bert

# Items written for these tests (not taken from any real agenda).
_ROWS = [
    ("Budget for kommunerne", "økonomi", "godkendelse", "Det indstilles, at KKR godkender."),
    ("Økonomiaftale og udligning", "økonomi", "orientering", "KKR tager sagen til efterretning."),
    ("Anlæg og budgettet i år", "økonomi", "drøftelse", "KKR drøfter budgettet."),
    ("Digitalisering og styring", "økonomi", "godkendelse", "KKR godkender aftalen."),
    ("Busser og tog i regionen", "trafik", "drøftelse", "KKR drøfter planen."),
    ("Letbane og veje", "trafik", "orientering", "KKR tager orienteringen til efterretning."),
    ("Movia og passager", "trafik", "udpegning", "KKR udpeger et medlem."),
    ("Infrastruktur og pendling", "trafik", "godkendelse", "KKR godkender aftalen."),
    ("Museer og biblioteker", "kultur", "orientering", "KKR tager sagen til efterretning."),
    ("Idræt og foreninger", "kultur", "drøftelse", "KKR drøfter sagen."),
    ("Musik og kulturaftale", "kultur", "godkendelse", "KKR godkender kulturaftalen."),
    ("Sport og fritid", "kultur", "udpegning", "KKR udpeger en suppleant."),
    ("Godkendelse af dagsorden", "formalia", "godkendelse", "KKR godkender dagsordenen."),
]


def _items_and_labels():
    items, labels = [], []
    for i, (title, area, rec, rec_text) in enumerate(_ROWS):
        items.append(
            AgendaItem(
                str(i + 1),
                title,
                recommendation_text=rec_text,
                sections=[Section("Baggrund", f"{title.lower()} i kommunen og regionen")],
            )
        )
        labels.append({"policy_area": area, "recommendation": rec})
    items.append(AgendaItem("99", "KKR", empty=True))
    labels.append({"policy_area": None, "recommendation": None})
    return items, labels


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tagger") / "bert")


@pytest.fixture(scope="module")
def settings():
    return EncoderSettings(prefix="", max_length=64)


def test_item_text_uses_parsed_fields():
    item = AgendaItem(
        "3.2",
        "Ny trafikplan",
        group="Regionalpolitiske sager",
        recommendation_text="Det indstilles, at KKR godkender planen.",
        sections=[Section("Indstilling", "x"), Section("Baggrund", "ord " * 600)],
        text="hele teksten som ikke skal bruges",
    )
    text = item_text(item)
    lines = text.split("\n")
    assert lines[:3] == ["Ny trafikplan", "Regionalpolitiske sager", item.recommendation_text]
    assert lines[3].startswith("ord ord") and len(lines[3]) <= BACKGROUND_CHARS < 2400
    assert "hele teksten" not in text
    assert item_text(AgendaItem("1", "T", text="kun tekst")) == "T\nkun tekst"


def test_tagger_fit_save_load_round_trip(tiny_bert, settings, tmp_path):
    items, labels = _items_and_labels()
    tagger = Tagger(encoder=str(tiny_bert), encoder_settings=settings, seed=0)
    tagger.fit(items, labels)
    preds = tagger.predict_policy(items[:13])
    assert len(preds) == 13
    assert preds[12].label == "formalia" and preds[12].source == "rules"
    assert all(p.source == "embedding" for p in preds[:12])
    names = load_taxonomy().policy_area_names
    assert set(preds[0].scores) == set(names)
    assert abs(sum(preds[0].scores.values()) - 1.0) < 1e-3
    rec = tagger.recommendation_fallback_proba(items[:2])
    assert set(rec[0]) == {"orientering", "godkendelse", "drøftelse", "udpegning"}
    baseline = tagger.predict_policy_baseline(items[:13])
    assert baseline[0].source == "tfidf"

    out = tagger.save_pretrained(tmp_path / "model")
    files = {p.name for p in out.iterdir()}
    assert {"config.json", "labels.toml", "metrics.json", "README.md"} <= files
    assert {"policy", "baseline", "recommendation"} <= files
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["head"] == "embedding" and config["encoder"] == str(tiny_bert)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["policy_area"]["n_train"] == 13
    assert metrics["policy_area"]["label_counts"]["trafik"] == 4
    assert "cv_embedding" in metrics["policy_area"] and "cv_tfidf" in metrics["policy_area"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "Intended use" in card and "`trafik` | 4 |" in card
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert size < 5_000_000

    loaded = Tagger.from_pretrained(out)
    again = loaded.predict_policy(items[:13])
    assert [p.label for p in again] == [p.label for p in preds]
    for a, b in zip(again, preds, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-5)
    for a, b in zip(loaded.recommendation_fallback_proba(items[:2]), rec, strict=True):
        assert a == pytest.approx(b, abs=1e-5)


# CAP-coded titles written for this test: subtopic codes under majors 10, 14 and 23.
_CAP_ROWS = [
    ("Ny busrute til stationen", 1003),
    ("Cykelsti langs landevejen", 1002),
    ("Vejbelysning på omfartsvejen", 1002),
    ("Færgefart til øen", 1007),
    ("Lokalplan for boliger ved havnen", 1405),
    ("Byfornyelse i bymidten", 1404),
    ("Kommuneplantillæg for nyt boligområde", 1405),
    ("Salg af byggegrunde", 1404),
    ("Tilskud til musikskolen", 2300),
    ("Nyt bibliotek i bydelen", 2300),
    ("Kulturpris til forfatter", 2300),
    ("Teaterets driftsaftale", 2300),
]


def test_cap_model_mixes_the_head_with_fine_tuned_top_layers(tiny_bert, settings, tmp_path):
    pytest.importorskip("torch")
    items, labels = _items_and_labels()
    titles = [t for t, _ in _CAP_ROWS] * 2
    codes = [c for _, c in _CAP_ROWS] * 2
    tagger = Tagger(encoder=str(tiny_bert), encoder_settings=settings, seed=0)
    tagger.fit(items, labels, titles, codes, metrics=False)
    assert tagger.cap_layers_ is not None
    assert tagger.cap_layers_.subtopics_ == sorted(set(codes))  # learnt on subtopics
    assert tagger.cap_head_.codes_ == load_taxonomy().cap_codes
    losses = tagger.cap_layers_.loss_history_
    assert losses[-1] < losses[0]
    cap_items = [AgendaItem(str(i), t) for i, (t, _) in enumerate(_CAP_ROWS)]
    cap = tagger.predict_cap(cap_items)
    assert all(abs(sum(scores.values()) - 1.0) < 1e-4 for _, _, scores, _ in cap)
    # the mix is neither model alone: the layers' share moves the head's scores
    head_only = Tagger(encoder=str(tiny_bert), encoder_settings=settings, seed=0, cap_layers=False)
    head_only.fit(items, labels, titles, codes, metrics=False)
    assert head_only.cap_layers_ is None
    alone = head_only.predict_cap(cap_items)
    assert any(abs(a[2][14] - b[2][14]) > 1e-3 for a, b in zip(cap, alone, strict=True))
    out = tagger.save_pretrained(tmp_path / "model")
    assert (out / "cap_layers").is_dir()
    loaded = Tagger.from_pretrained(out)
    for a, b in zip(loaded.predict_cap(cap_items), cap, strict=True):
        assert a[0] == b[0] and a[2] == pytest.approx(b[2], abs=1e-5)


def test_training_is_reproducible(tiny_bert, settings, tmp_path):
    from safetensors.numpy import load_file

    items, labels = _items_and_labels()
    for name in ("a", "b"):
        tagger = Tagger(encoder=str(tiny_bert), encoder_settings=settings, seed=7)
        tagger.fit(items, labels).save_pretrained(tmp_path / name)
    for part in ("policy", "recommendation", "baseline"):
        a = load_file(str(tmp_path / "a" / part / "head.safetensors"))
        b = load_file(str(tmp_path / "b" / part / "head.safetensors"))
        assert a.keys() == b.keys()
        for key in a:
            np.testing.assert_array_equal(a[key], b[key])


def test_tfidf_tagger_needs_no_encoder(tmp_path):
    items, labels = _items_and_labels()
    tagger = Tagger(encoder="/nonexistent/encoder", head="tfidf").fit(items, labels)
    assert tagger._encoder is None
    tagger.save_pretrained(tmp_path / "m")
    loaded = Tagger.from_pretrained(tmp_path / "m")
    assert [p.label for p in loaded.predict_policy(items[:13])] == [
        p.label for p in tagger.predict_policy(items[:13])
    ]


def test_new_label_in_taxonomy_is_scored_at_once(tiny_bert, settings, tmp_path):
    import dataclasses

    from kkrnlp.taxonomy import Label

    items, labels = _items_and_labels()
    tagger = Tagger(encoder=str(tiny_bert), encoder_settings=settings).fit(items, labels)
    tagger.save_pretrained(tmp_path / "m")
    base = load_taxonomy()
    extra = Label("havne", "havne og færger og skibe ved kysten")
    bigger = dataclasses.replace(base, policy_areas=(*base.policy_areas, extra))
    loaded = Tagger.from_pretrained(tmp_path / "m", taxonomy=bigger)
    pred = loaded.predict_policy(items[:1])[0]
    assert "havne" in pred.scores and pred.scores["havne"] > 0


def test_from_pretrained_errors(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        Tagger.from_pretrained(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no config"):
        Tagger.from_pretrained(tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        Tagger.from_pretrained(tmp_path / "bad")
    with pytest.raises(ModelError, match="unknown head"):
        Tagger(head="svm")


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _row(number, title, area="trafik", rec="godkendelse", **extra):
    return {
        "doc": "testdagsorden.txt",
        "number": number,
        "title": title,
        "policy_area": area,
        "policy_areas": [area] if area else [],
        "recommendation": rec,
        "recommendations": [rec] if rec else [],
        "summary": "",
        **extra,
    }


def test_load_labelled_jsonl_with_text_and_csv(tmp_path):
    rows = [
        _row("1", "Busser", text="Flere busser på landet.", group="Sager"),
        _row("2", "KKR", area=None, rec=None, empty=True, text=""),
    ]
    data = load_labelled(_write_jsonl(tmp_path / "d.jsonl", rows))
    assert [r.item.title for r in data] == ["Busser", "KKR"]
    assert data[0].item.group == "Sager" and data[0].item.text == "Flere busser på landet."
    items, labels = training_pairs(data, "policy_area")
    assert labels == ["trafik"] and items[0].number == "1"

    csv_text = (
        "doc,number,title,policy_area,policy_areas,recommendation,recommendations,text\n"
        "x.txt,3.1,Trafikplan,trafik,trafik;planlægning,godkendelse,godkendelse,Planen.\n"
    )
    (tmp_path / "d.csv").write_text(csv_text, encoding="utf-8")
    data = load_labelled(tmp_path / "d.csv")
    assert data[0].policy_areas == ["trafik", "planlægning"] and data[0].item.number == "3.1"


def test_load_labelled_resolves_items_from_documents(tmp_path):
    agenda = (
        "Dagsorden\nKKR Testregion\nMøde den 5. marts 2024 kl. 10.00\n\n"
        "1. Godkendelse af dagsorden\n\nIndstilling\nDet indstilles, at KKR godkender "
        "dagsordenen.\n\n2. Ny aftale om kollektiv trafik\n\nBaggrund\nTrafikselskabet "
        "foreslår flere busser på landet.\n\nIndstilling\nDet indstilles, at KKR godkender "
        "aftalen.\n\n3. Eventuelt\n"
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "testdagsorden.txt").write_text(agenda, encoding="utf-8")
    path = _write_jsonl(tmp_path / "gold.jsonl", [_row("2", "Ny aftale om kollektiv trafik")])
    data = load_labelled(path, docs_dir=docs)
    assert data[0].item.title == "Ny aftale om kollektiv trafik"
    assert "busser" in (data[0].item.section("baggrund") or data[0].item.text)

    path = _write_jsonl(tmp_path / "gold2.jsonl", [_row("7", "Findes ikke")])
    with pytest.raises(DataError, match=r"line 1: no item 7 in testdagsorden\.txt"):
        load_labelled(path, docs_dir=docs)
    with pytest.raises(DataError, match="not in"):
        load_labelled(path, docs_dir=tmp_path / "elsewhere")


def test_data_errors_name_the_rows(tmp_path):
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text(json.dumps(_row("1", "A", text="x")) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad JSON on line 2"):
        load_labelled(bad_json)

    rows = [_row("1", "A", text="x"), _row("2", "B", area="rumfart", text="y")]
    with pytest.raises(DataError) as info:
        load_labelled(_write_jsonl(tmp_path / "labels.jsonl", rows))
    assert "line 2: rumfart" in str(info.value) and "\n" not in str(info.value)

    no_title = [{"doc": "d", "number": "1", "policy_area": "trafik", "text": "x"}]
    with pytest.raises(DataError, match="lacks title"):
        load_labelled(_write_jsonl(tmp_path / "cols.jsonl", no_title))
    (tmp_path / "cols.csv").write_text("doc,number,policy_area\nd,1,trafik\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        load_labelled(tmp_path / "cols.csv")
    with pytest.raises(DataError, match="does not exist"):
        load_labelled(tmp_path / "none.jsonl")


def test_train_end_to_end(tiny_bert, tmp_path):
    rows = [
        _row(str(i + 1), title, area=area, rec=rec, text=f"{title}. {text}")
        for i, (title, area, rec, text) in enumerate(_ROWS)
    ]
    path = _write_jsonl(tmp_path / "train.jsonl", rows)
    out = train(path, tmp_path / "model", head="tfidf", encoder=str(tiny_bert), seed=1)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["data"]["file"] == "train.jsonl" and metrics["data"]["rows"] == 13
    assert Tagger.from_pretrained(out).head == "tfidf"
