"""Fine-tuned top encoder layers for CAP topics: trained with torch, run in numpy.

Why: training the top layers of the e5 encoder on CAP *subtopic* codes (their
probabilities summed per major) and averaging with the CAP head beats the head on
frozen features by about 0.04 in grouped CV (scripts/eval_cap_finetune.py).
Why numpy at tagging time: the tag environment has no torch; the encoder hands over
each title's hidden states after the frozen lower layers, one title at a time and
unpadded (as the ONNX encoder runs them), and :meth:`CapTopLayers.predict_proba`
runs the fine-tuned layers, mean pooling and the linear layer with BertLayer's
own arithmetic. torch is imported only inside :meth:`CapTopLayers.fit`.

>>> CapTopLayers().kind
'cap_layers'
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from kkrnlp.classify.cap import major_of
from kkrnlp.errors import ModelError

logger = logging.getLogger(__name__)

_PARTS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "attention.output.LayerNorm",
    "intermediate.dense",
    "output.dense",
    "output.LayerNorm",
)
PARAM_NAMES = tuple(f"{p}.{w}" for p in _PARTS for w in ("weight", "bias"))
_CHUNK_TITLES = 64
CONFIG_KEYS = ("hidden_size", "num_attention_heads", "intermediate_size", "layer_norm_eps")


@dataclass
class CapLayerSettings:
    """The recipe of scripts/eval_cap_finetune.py (``finetune_fold``), trained longer.

    15 epochs, not 10: in grouped 5-fold CV (scripts/eval_cap.py --layers) the mix
    rose from 0.761 to 0.771 (20 epochs: 0.771; lr 2e-4 for 10 epochs: 0.767). The
    epochs were chosen on the same folds, so that figure is slightly optimistic.
    """

    layers: int = 2
    epochs: int = 15
    lr: float = 1e-4
    head_lr: float = 3e-3
    batch: int = 16
    weight_decay: float = 0.01
    dropout: float = 0.1
    seed: int = 0


# Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float32's own rounding of GELU
_AS_P = 0.3275911
_AS_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def erf(x: np.ndarray) -> np.ndarray:
    """erf to within 4e-7 (numpy has none and scipy is no tag-time dependency).

    A rational approximation, a dozen array operations: the series this replaced
    was exact to 1e-15 but cost more than the two layers' matrix products.

    >>> round(float(erf(np.array([0.5]))[0]), 4)
    0.5205
    """
    x = np.asarray(x, dtype=np.float32)  # float32 arithmetic adds 2e-7 to the 1.5e-7
    # in place, three arrays in all: on the eight layers' (tokens, 1536) GELU inputs a
    # fresh array per operation cost a third of the layers' time (measured)
    a = np.abs(x)
    t = a * np.float32(_AS_P)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(_AS_A[4])
    for coef in _AS_A[3::-1]:  # Horner: ((a4 t + a3) t + a2) t ...
        poly += np.float32(coef)
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)  # biased, as torch
    return ((x - mean) / np.sqrt(var + np.float32(eps))) * w + b


def bert_layer(h: np.ndarray, p: dict[str, np.ndarray], config: dict) -> np.ndarray:
    """One transformers BertLayer (eager attention, eval mode) on one unpadded (seq, H) title."""
    return bert_layer_many([h], p, config)[0]


def bert_layer_many(
    hs: Sequence[np.ndarray], p: dict[str, np.ndarray], config: dict
) -> list[np.ndarray]:
    """:func:`bert_layer` on several unpadded titles at once.

    The linear layers run on all titles' tokens stacked (one matrix product instead
    of one per title: small products are dominated by call and threading overhead);
    attention runs per title, so no title sees another's tokens and none is padded.
    """
    heads = int(config["num_attention_heads"])
    d = int(config["hidden_size"]) // heads
    eps = float(config["layer_norm_eps"])
    lengths = [len(h) for h in hs]
    bounds = np.cumsum([0, *lengths])
    h = np.concatenate([np.asarray(x, dtype=np.float32) for x in hs]) if hs else None
    if h is None:
        return []

    def linear(x: np.ndarray, name: str) -> np.ndarray:
        return x @ p[name + ".weight"].T + p[name + ".bias"]

    q, k, v = (linear(h, f"attention.self.{n}") for n in ("query", "key", "value"))
    ctx = np.empty_like(h)
    for a, b in pairwise(bounds):
        qt, kt, vt = (x[a:b].reshape(b - a, heads, d).transpose(1, 0, 2) for x in (q, k, v))
        scores = (qt @ kt.transpose(0, 2, 1)) * np.float32(d**-0.5)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        ctx[a:b] = (probs @ vt).transpose(1, 0, 2).reshape(b - a, heads * d)
    att = linear(ctx, "attention.output.dense") + h
    ln = "attention.output.LayerNorm"
    att = _layer_norm(att, p[ln + ".weight"], p[ln + ".bias"], eps)
    mid = linear(att, "intermediate.dense")
    gelu = erf(mid * np.float32(1.0 / math.sqrt(2.0)))  # erf GELU, as BertLayer's
    gelu += 1.0
    gelu *= mid
    gelu *= np.float32(0.5)
    mid = gelu
    out = linear(mid, "output.dense") + att
    out = _layer_norm(out, p["output.LayerNorm.weight"], p["output.LayerNorm.bias"], eps)
    return [out[a:b] for a, b in pairwise(bounds)]


def _one_blas_thread():
    """numpy's BLAS on one thread for these small products, restored afterwards.

    Threads gain nothing on a few hundred rows, and OpenBLAS threads left spinning
    after a call slowed the encoder's next ONNX calls by a third (measured).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional speed-up, not a requirement
        from contextlib import nullcontext

        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _half(values: np.ndarray) -> np.ndarray:
    """float32 values rounded to float16 precision (the precision they are saved in)."""
    return np.asarray(values).astype(np.float16).astype(np.float32)


def _check_config(config: dict) -> dict:
    missing = [k for k in CONFIG_KEYS if k not in config]
    if missing:
        raise ValueError(f"config lacks {', '.join(missing)}")
    return {k: config[k] for k in CONFIG_KEYS}


class CapTopLayers:
    """The top encoder layers + mean pooling + a linear layer over CAP subtopics."""

    kind = "cap_layers"

    def __init__(self, settings: CapLayerSettings | None = None):
        self.settings = settings or CapLayerSettings()

    def _check_fit_input(self, states, subtopics, init_layers, config) -> dict:
        config = _check_config(config)
        width = int(config["hidden_size"])
        if len(states) == 0:
            raise ValueError("no titles to fit on")
        if len(states) != len(subtopics):
            raise ValueError(f"{len(states)} state sequences but {len(subtopics)} subtopics")
        for i, s in enumerate(states):
            shape = np.shape(s)
            if len(shape) != 2 or shape[0] == 0 or shape[1] != width:
                raise ValueError(f"states[{i}] has shape {shape}, expected (tokens, {width})")
        if len(set(subtopics)) < 2:
            raise ValueError("fitting needs at least 2 distinct subtopics")
        if len(init_layers) != self.settings.layers:
            raise ValueError(
                f"{len(init_layers)} init_layers for settings.layers={self.settings.layers}"
            )
        for i, layer in enumerate(init_layers):
            missing = [n for n in PARAM_NAMES if n not in layer]
            if missing:
                raise ValueError(f"init_layers[{i}] lacks {', '.join(missing[:3])}")
        return config

    def fit(
        self,
        states: Sequence[np.ndarray],
        subtopics: Sequence[int],
        init_layers: list[dict[str, np.ndarray]],
        config: dict,
    ) -> CapTopLayers:
        """Train the top layers (from ``init_layers``) and a linear layer on subtopic codes.

        ``states[i]`` is title i's (tokens, hidden) output of the frozen lower layers,
        unpadded, special tokens included; ``init_layers`` hold BertLayer parameters
        in transformers' naming, bottom layer first; ``config`` has CONFIG_KEYS. Inside
        the layers BERT's own dropout (0.1, as e5's config) applies while training.
        """
        import torch
        from transformers import BertConfig
        from transformers.models.bert.modeling_bert import BertLayer

        config = self._check_fit_input(states, subtopics, init_layers, config)
        s = self.settings
        subs = sorted({int(c) for c in subtopics})
        y = torch.tensor([subs.index(int(c)) for c in subtopics], dtype=torch.long)
        torch.manual_seed(s.seed)
        bert_config = BertConfig(**config, hidden_act="gelu")
        bert_config._attn_implementation = "eager"
        top = torch.nn.ModuleList(BertLayer(bert_config, layer_idx=i) for i in range(s.layers))
        for layer, params in zip(top, init_layers, strict=True):
            layer.load_state_dict(
                {n: torch.tensor(np.asarray(params[n], dtype=np.float32)) for n in PARAM_NAMES}
            )
        width = int(config["hidden_size"])
        head = torch.nn.Linear(width, len(subs))
        drop = torch.nn.Dropout(s.dropout)
        lengths = np.array([len(x) for x in states])
        padded = np.zeros((len(states), lengths.max(), width), dtype=np.float32)
        for i, x in enumerate(states):
            padded[i, : len(x)] = x
        mask = (np.arange(lengths.max())[None, :] < lengths[:, None]).astype(np.float32)

        def forward(idx: np.ndarray) -> torch.Tensor:
            w = int(lengths[idx].max())
            m = torch.from_numpy(mask[idx, :w])
            h = torch.from_numpy(padded[idx, :w])
            additive = (1.0 - m)[:, None, None, :] * -1e9
            for layer in top:
                h = layer(h, additive)
                h = h[0] if isinstance(h, tuple) else h
            pooled = (h * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True)
            return head(drop(pooled))

        opt = torch.optim.AdamW(
            [
                {"params": top.parameters(), "lr": s.lr},
                {"params": head.parameters(), "lr": s.head_lr},
            ],
            weight_decay=s.weight_decay,
        )
        n = len(states)
        total = math.ceil(n / s.batch) * s.epochs
        warm = max(1, int(0.1 * total))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda k: min((k + 1) / warm, max(0.0, (total - k) / max(1, total - warm)))
        )
        loss_fn = torch.nn.CrossEntropyLoss()
        rng = np.random.default_rng(s.seed)
        top.train()
        drop.train()
        self.loss_history_ = []
        for epoch in range(s.epochs):
            order, losses = rng.permutation(n), []
            for start in range(0, n, s.batch):
                idx = order[start : start + s.batch]
                loss = loss_fn(forward(idx), y[idx])
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
                opt.step()
                sched.step()
                losses.append(loss.item())
            self.loss_history_.append(float(np.mean(losses)))
            logger.info("CAP layers epoch %d: loss %.3f", epoch + 1, self.loss_history_[-1])
        self.config_ = config
        self.subtopics_ = subs
        # rounded to float16 as saved, so the fitted model is exactly the one on disk
        self.layers_ = [
            {n: _half(t.detach().numpy()) for n, t in layer.state_dict().items()} for layer in top
        ]
        self.coef_ = _half(head.weight.detach().numpy())
        self.intercept_ = _half(head.bias.detach().numpy())
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ModelError("the CAP layers are not fitted; call fit() or from_pretrained()")

    def pooled(self, state: np.ndarray) -> np.ndarray:
        """One title's (tokens, hidden) states through the top layers, mean pooled: (hidden,)."""
        return self.pooled_many([state])[0]

    def pooled_many(self, states: Sequence[np.ndarray]) -> np.ndarray:
        """(n, hidden): each title's states through the top layers, mean pooled."""
        self._check_fitted()
        width = int(self.config_["hidden_size"])
        hs = [np.asarray(x, dtype=np.float32) for x in states]
        for h in hs:
            if h.ndim != 2 or h.shape[0] == 0 or h.shape[1] != width:
                raise ValueError(
                    f"a title's states have shape {h.shape}, expected (tokens, {width})"
                )
        out = np.zeros((len(hs), width), dtype=np.float32)
        with _one_blas_thread():
            # an agenda's titles in one go; a long item table in chunks, so memory stays flat
            for start in range(0, len(hs), _CHUNK_TITLES):
                chunk = hs[start : start + _CHUNK_TITLES]
                for params in self.layers_:
                    chunk = bert_layer_many(chunk, params, self.config_)
                out[start : start + len(chunk)] = [h.mean(0) for h in chunk]
        return out

    def subtopic_proba(self, states: Sequence[np.ndarray]) -> np.ndarray:
        """(n, len(subtopics_)) float64 softmax over the fitted subtopic codes."""
        self._check_fitted()
        if len(states) == 0:
            return np.zeros((0, len(self.subtopics_)))
        pooled = self.pooled_many(states)
        with _one_blas_thread():
            logits = (pooled @ self.coef_.T + self.intercept_).astype(np.float64)
        e = np.exp(logits - logits.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    def predict_proba(self, states: Sequence[np.ndarray], major_codes: Sequence[int]) -> np.ndarray:
        """(n, len(major_codes)) float32: subtopic probabilities summed per major, rows sum to 1.

        Subtopics whose major is not in ``major_codes`` are dropped before renormalising.
        """
        self._check_fitted()
        codes = [int(c) for c in major_codes]
        col = {c: j for j, c in enumerate(codes)}
        to_major = np.zeros((len(self.subtopics_), len(codes)))
        for i, sub in enumerate(self.subtopics_):
            if major_of(sub) in col:
                to_major[i, col[major_of(sub)]] = 1.0
        if codes and not to_major.any():
            raise ValueError("none of the fitted subtopics falls under the given major codes")
        if len(states) == 0:
            return np.zeros((0, len(codes)), dtype=np.float32)
        with _one_blas_thread():
            proba = self.subtopic_proba(states) @ to_major
        sums = proba.sum(1, keepdims=True)
        # a row whose every kept subtopic underflowed to 0 says nothing: uniform
        proba = np.where(sums > 0, proba / np.where(sums > 0, sums, 1.0), 1.0 / max(1, len(codes)))
        return proba.astype(np.float32)

    def save_pretrained(self, path: str | Path) -> Path:
        """Config JSON + float16 safetensors, written atomically."""
        from kkrnlp.classify.heads import _write_head

        self._check_fitted()
        tensors = {
            f"layer.{i}.{n}": params[n]
            for i, params in enumerate(self.layers_)
            for n in PARAM_NAMES
        }
        tensors["linear.weight"] = self.coef_
        tensors["linear.bias"] = self.intercept_
        config = {
            "kind": self.kind,
            "settings": asdict(self.settings),
            "config": self.config_,
            "subtopics": self.subtopics_,
            "loss_history": self.loss_history_,
        }
        # float16 on disk: 7 instead of 14 MB in the repository; the arithmetic stays
        # float32, and the CV figures are measured with these rounded weights
        return _write_head(Path(path), config, tensors, dtype=np.float16)

    @classmethod
    def from_pretrained(cls, path: str | Path) -> CapTopLayers:
        from kkrnlp.classify.heads import _load_weights, _read_config

        cfg = _read_config(Path(path), cls.kind)
        weights = {k: v.astype(np.float32) for k, v in _load_weights(Path(path)).items()}
        try:
            model = cls(CapLayerSettings(**cfg["settings"]))
            model.config_ = _check_config(cfg["config"])
            model.subtopics_ = [int(c) for c in cfg["subtopics"]]
            model.loss_history_ = [float(x) for x in cfg.get("loss_history", [])]
            model.layers_ = [
                {n: weights[f"layer.{i}.{n}"] for n in PARAM_NAMES}
                for i in range(model.settings.layers)
            ]
            model.coef_ = weights["linear.weight"]
            model.intercept_ = weights["linear.bias"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{path} is not a complete {cls.kind} model: {exc!r}") from exc
        if model.coef_.shape != (len(model.subtopics_), int(model.config_["hidden_size"])):
            raise ModelError(f"{path}: linear.weight does not match the subtopics and width")
        return model
