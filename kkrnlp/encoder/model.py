"""The Encoder: texts in, fixed-size vectors out, whichever backend runs the model."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.encoder.settings import EncoderSettings
from kkrnlp.errors import ModelError

logger = logging.getLogger(__name__)

BACKENDS = ("auto", "onnx", "transformers")


def _pool(hidden: np.ndarray, pooling: str, normalize: bool) -> np.ndarray:
    vec = hidden[0] if pooling == "cls" else hidden.mean(axis=0, dtype=np.float32)
    if normalize:
        vec = vec / max(float(np.linalg.norm(vec)), 1e-12)
    return vec.astype(np.float32, copy=False)


class Encoder:
    """A BERT-family model that turns texts into fixed-size vectors.

    ``"default"`` runs the int8 ONNX build of multilingual-e5-small (no torch);
    a local directory or hub id runs through ``transformers``.

    >>> enc = Encoder.from_pretrained("default")  # doctest: +SKIP
    >>> enc.embed(["Godkendelse af budget", "Kollektiv trafik"]).shape  # doctest: +SKIP
    (2, 384)
    """

    def __init__(self, backend: Any, settings: EncoderSettings, path: str):
        self.backend = backend
        self.settings = settings
        self.path = path

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str = "default",
        settings: EncoderSettings | None = None,
        cache: Path | None = None,
        backend: str | None = None,
    ) -> Encoder:
        """Load ``"default"``, a local directory or a hub id (``settings.name`` is ignored).

        ``backend``: ``"auto"`` (ONNX for the default encoder, transformers otherwise),
        ``"onnx"`` or ``"transformers"`` (the fp32 reference for the default encoder).
        ``KKRNLP_ENCODER_BACKEND`` sets it from outside.
        """
        settings = EncoderSettings(**{**(settings or EncoderSettings()).to_dict()})
        settings.name = str(name_or_path)
        if settings.pooling not in ("mean", "cls"):
            raise ModelError(f"unknown pooling {settings.pooling!r}; use 'mean' or 'cls'")
        backend = backend or os.environ.get("KKRNLP_ENCODER_BACKEND") or "auto"
        if backend not in BACKENDS:
            raise ModelError(f"unknown encoder backend {backend!r}; use {', '.join(BACKENDS)}")
        if backend == "onnx" and settings.name != "default":
            raise ModelError("the ONNX backend runs the default encoder only")
        if settings.name == "default" and backend != "transformers":
            from kkrnlp.encoder.build import default_onnx_dir
            from kkrnlp.encoder.runtime import load_backend

            path = default_onnx_dir(cache)
            return cls(load_backend(path, settings.max_length), settings, str(path))
        from kkrnlp.encoder.build import resolve_encoder
        from kkrnlp.encoder.hf import TransformersBackend

        path = resolve_encoder(settings.name, cache=cache)
        return cls(TransformersBackend(path), settings, path)

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def dim(self) -> int:
        return int(self.backend.dim)

    def embed(
        self, texts: list[str], prefix: str | None = None, show_progress: bool = False
    ) -> np.ndarray:
        """Embed ``texts`` -> float32 array (n, dim), in input order.

        A text's vector does not depend on the other texts: the ONNX path runs one
        text per call; the transformers path sorts by length and masks the padding.
        """
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        pre = self.settings.prefix if prefix is None else prefix
        full = [pre + (t or "") for t in texts]
        s = self.settings
        if hasattr(self.backend, "hidden"):  # ONNX: one unpadded text per call
            ids = self.backend.token_ids(full)
            order: Any = range(len(ids))
            if show_progress:
                from tqdm.auto import tqdm

                order = tqdm(order, desc="embedding", unit="text")
            for i in order:
                out[i] = _pool(self.backend.hidden(ids[i]), s.pooling, s.normalize)
            return out
        ids = self.backend.token_ids(full, s.max_length)
        by_length = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        bs = max(1, int(s.batch_size))
        batches: Any = [by_length[i : i + bs] for i in range(0, len(by_length), bs)]
        if show_progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc="embedding", unit="batch")
        for batch in batches:
            out[batch] = self.backend.pooled([ids[i] for i in batch], s.pooling, s.normalize)
        return out

    @property
    def num_layers(self) -> int | None:
        """How many transformer layers the encoder has (None: an ONNX build without states)."""
        return getattr(self.backend, "num_layers", None)

    def embed_with_states(
        self, texts: list[str], layer: int, prefix: str | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Pooled vectors as :meth:`embed`, and each text's token states after ``layer`` layers.

        One pass per text, unpadded, so the states of a text never depend on the
        others; the CAP model runs its fine-tuned top layers on them.
        """
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        pre = self.settings.prefix if prefix is None else prefix
        s = self.settings
        if hasattr(self.backend, "hidden"):
            ids = self.backend.token_ids([pre + (t or "") for t in texts])
        else:
            ids = self.backend.token_ids([pre + (t or "") for t in texts], s.max_length)
        states = []
        for i, one in enumerate(ids):
            last, state = self.backend.hidden_and_state(one, layer)
            out[i] = _pool(last, s.pooling, s.normalize)
            states.append(np.asarray(state, dtype=np.float32))
        return out, states

    def top_layers(self, n: int) -> tuple[list[dict[str, np.ndarray]], dict[str, Any]]:
        """The top ``n`` layers' parameters (bottom first, transformers' names) and shapes."""
        total = self.num_layers
        if total is None or not 0 < n < total:
            raise ModelError(f"cannot take the top {n} layers of encoder {self.name}")
        params = [self.backend.layer_parameters(i) for i in range(total - n, total)]
        return params, self.backend.layer_config()
