"""CAP top layers: numpy forward = transformers' BertLayer, training, majors, save/load, errors."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from kkrnlp.classify.cap_layers import (
    PARAM_NAMES,
    CapLayerSettings,
    CapTopLayers,
    bert_layer,
    erf,
)
from kkrnlp.errors import ModelError

CONFIG = {
    "hidden_size": 32,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "layer_norm_eps": 1e-12,
}
SUBTOPICS = (701, 1401, 1402)  # two subtopics under major 14, one under 7


def random_layer(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """BertLayer parameters of the tiny config, in transformers' naming."""
    H, inner = CONFIG["hidden_size"], CONFIG["intermediate_size"]
    shapes = {
        "attention.self.query": (H, H),
        "attention.self.key": (H, H),
        "attention.self.value": (H, H),
        "attention.output.dense": (H, H),
        "intermediate.dense": (inner, H),
        "output.dense": (H, inner),
    }
    out = {}
    for name, shape in shapes.items():
        out[name + ".weight"] = rng.normal(0, 0.15, shape).astype(np.float32)
        out[name + ".bias"] = rng.normal(0, 0.05, shape[0]).astype(np.float32)
    for name in ("attention.output.LayerNorm", "output.LayerNorm"):
        out[name + ".weight"] = (1 + rng.normal(0, 0.1, H)).astype(np.float32)
        out[name + ".bias"] = rng.normal(0, 0.1, H).astype(np.float32)
    return out


def synthetic_titles(n: int, seed: int) -> tuple[list[np.ndarray], list[int]]:
    """Token state sequences of varying length whose mean depends on the subtopic."""
    centres = np.random.default_rng(99).normal(0, 1.0, (len(SUBTOPICS), CONFIG["hidden_size"]))
    rng = np.random.default_rng(seed)
    states, codes = [], []
    for i in range(n):
        c = i % len(SUBTOPICS)
        seq = int(rng.integers(3, 9))
        states.append((centres[c] + rng.normal(0, 1.0, (seq, 32))).astype(np.float32))
        codes.append(SUBTOPICS[c])
    return states, codes


def torch_layer(params: dict[str, np.ndarray]):
    torch = pytest.importorskip("torch")
    from transformers import BertConfig
    from transformers.models.bert.modeling_bert import BertLayer

    config = BertConfig(**CONFIG, hidden_act="gelu")
    config._attn_implementation = "eager"
    layer = BertLayer(config)
    layer.load_state_dict({n: torch.from_numpy(params[n]) for n in PARAM_NAMES})
    return layer.eval()


def torch_forward(layers: list[dict[str, np.ndarray]], h: np.ndarray) -> np.ndarray:
    torch = pytest.importorskip("torch")
    x = torch.from_numpy(h)[None]
    with torch.inference_mode():
        for params in layers:
            x = torch_layer(params)(x)
            x = x[0] if isinstance(x, tuple) else x
    return x[0].numpy()


@pytest.fixture(scope="module")
def fitted() -> CapTopLayers:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    states, codes = synthetic_titles(60, seed=1)
    settings = CapLayerSettings(layers=2, epochs=6, head_lr=1e-2, lr=1e-3, batch=8)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: threads only contend on a shared machine
    try:
        layers = [random_layer(rng) for _ in range(2)]
        return CapTopLayers(settings).fit(states, codes, layers, CONFIG)
    finally:
        torch.set_num_threads(threads)


def hand_model(probs: list[float]) -> CapTopLayers:
    """A model whose linear layer ignores the title: softmax gives ``probs`` over SUBTOPICS."""
    model = CapTopLayers(CapLayerSettings(layers=1))
    model.config_ = dict(CONFIG)
    model.layers_ = [random_layer(np.random.default_rng(3))]
    model.subtopics_ = list(SUBTOPICS)
    model.coef_ = np.zeros((len(SUBTOPICS), 32), dtype=np.float32)
    model.intercept_ = np.log(np.array(probs, dtype=np.float32))
    model.loss_history_ = []
    return model


def test_erf_matches_math_erf():
    xs = np.linspace(-8, 8, 4001)
    assert np.abs(erf(xs) - np.array([math.erf(x) for x in xs])).max() < 4e-7


@pytest.mark.parametrize("seq", [1, 7])
def test_numpy_layer_equals_transformers_bert_layer(seq):
    rng = np.random.default_rng(seq)
    params = random_layer(rng)
    h = rng.normal(0, 2.0, (seq, 32)).astype(np.float32)
    ours = bert_layer(h, params, CONFIG)
    assert ours.dtype == np.float32 and ours.shape == (seq, 32)
    np.testing.assert_allclose(ours, torch_forward([params], h), atol=1e-5, rtol=0)


def test_training_lowers_loss_and_predicts_held_out_titles(fitted):
    assert len(fitted.loss_history_) == 6
    assert fitted.loss_history_[-1] < fitted.loss_history_[0]
    states, codes = synthetic_titles(30, seed=2)
    sub = fitted.subtopic_proba(states).argmax(1)
    assert np.mean([fitted.subtopics_[i] == c for i, c in zip(sub, codes, strict=True)]) >= 0.8
    majors = fitted.predict_proba(states, [7, 14]).argmax(1)
    assert np.mean(majors == np.array([0 if c == 701 else 1 for c in codes])) >= 0.9


def test_fitted_numpy_forward_equals_torch(fitted):
    torch = pytest.importorskip("torch")
    states, _ = synthetic_titles(4, seed=5)
    expected = []
    for h in states:
        pooled = torch_forward(fitted.layers_, h).mean(0)
        logits = torch.from_numpy(pooled @ fitted.coef_.T + fitted.intercept_)
        p = torch.softmax(logits, -1).numpy()
        expected.append([p[0], p[1] + p[2]])  # 701 -> 7; 1401, 1402 -> 14
    np.testing.assert_allclose(fitted.predict_proba(states, [7, 14]), expected, atol=1e-5)
    for h in states:
        np.testing.assert_allclose(
            fitted.pooled(h), torch_forward(fitted.layers_, h).mean(0), atol=1e-5, rtol=0
        )


def test_subtopics_summed_per_major_by_hand():
    model = hand_model([0.2, 0.3, 0.5])
    states, _ = synthetic_titles(3, seed=7)
    np.testing.assert_allclose(model.predict_proba(states, [7, 14]), [[0.2, 0.8]] * 3, atol=1e-6)
    np.testing.assert_allclose(model.predict_proba(states, [14]), [[1.0]] * 3, atol=1e-6)
    # a major without fitted subtopics gets 0; 701 dropped and the rest renormalised
    np.testing.assert_allclose(
        model.predict_proba(states, [3, 14, 7]), [[0.0, 0.8, 0.2]] * 3, atol=1e-6
    )
    assert model.predict_proba([], [7, 14]).shape == (0, 2)
    with pytest.raises(ValueError, match="none of the fitted subtopics"):
        model.predict_proba(states, [5])


def test_rows_sum_to_one_and_round_trip(fitted, tmp_path):
    states, _ = synthetic_titles(9, seed=3)
    proba = fitted.predict_proba(states, [14, 7, 0])
    assert proba.dtype == np.float32 and proba.shape == (9, 3)
    np.testing.assert_allclose(proba.sum(1), 1.0, atol=1e-6)
    assert np.all(proba[:, 2] == 0)
    loaded = CapTopLayers.from_pretrained(fitted.save_pretrained(tmp_path / "cap_layers"))
    assert loaded.subtopics_ == fitted.subtopics_
    assert loaded.loss_history_ == pytest.approx(fitted.loss_history_)
    np.testing.assert_array_equal(loaded.predict_proba(states, [14, 7, 0]), proba)


def test_unfitted_and_bad_directories_raise_model_error(tmp_path, fitted):
    with pytest.raises(ModelError):
        CapTopLayers().predict_proba([np.zeros((2, 32), np.float32)], [14])
    with pytest.raises(ModelError):
        CapTopLayers().save_pretrained(tmp_path / "x")
    with pytest.raises(ModelError):
        CapTopLayers.from_pretrained(tmp_path / "missing")
    saved = fitted.save_pretrained(tmp_path / "ok")
    (saved / "head.safetensors").write_bytes(b"not tensors")
    with pytest.raises(ModelError):
        CapTopLayers.from_pretrained(saved)
    other = hand_model([0.2, 0.3, 0.5]).save_pretrained(tmp_path / "one_layer")
    text = (other / "head.json").read_text(encoding="utf-8")
    (other / "head.json").write_text(text.replace('"layers": 1', '"layers": 2'), encoding="utf-8")
    with pytest.raises(ModelError):
        CapTopLayers.from_pretrained(other)


def _fit_args(**change):
    rng = np.random.default_rng(0)
    states, codes = synthetic_titles(6, seed=0)
    args = {
        "states": states,
        "subtopics": codes,
        "init_layers": [random_layer(rng) for _ in range(2)],
        "config": CONFIG,
    }
    args.update(change)
    return args


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"states": [], "subtopics": []}, "no titles"),
        ({"states": [np.zeros((3, 16), np.float32)] * 6}, "expected"),
        ({"states": [np.zeros((0, 32), np.float32)] * 6}, "expected"),
        ({"subtopics": [1401] * 6}, "2 distinct"),
        ({"subtopics": [1401, 701]}, "subtopics"),
        ({"init_layers": []}, "init_layers"),
        ({"init_layers": [{}, {}]}, "lacks"),
        ({"config": {"hidden_size": 32}}, "config lacks"),
    ],
)
def test_bad_fit_input_raises_value_error(change, message):
    with pytest.raises(ValueError, match=message):
        CapTopLayers(CapLayerSettings(layers=2)).fit(**_fit_args(**change))


def test_import_does_not_import_torch():
    code = (
        "import sys, kkrnlp.classify.cap_layers; "
        "sys.exit(int(any(m in sys.modules for m in ('torch', 'transformers'))))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_title_scores_the_same_alone_or_among_others(fitted):
    # tagging runs all titles of an agenda at once; no title may see another's tokens
    states, _ = synthetic_titles(9, seed=5)
    together = fitted.predict_proba(states, [7, 14])
    alone = np.vstack([fitted.predict_proba([s], [7, 14]) for s in states])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(
        fitted.pooled_many(states)[3], torch_forward(fitted.layers_, states[3]).mean(0), atol=1e-5
    )
