"""How texts are embedded (saved inside every tagging model's config.json)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class EncoderSettings:
    """How texts are embedded.

    ``prefix`` is prepended to every text: e5 models want ``"passage: "`` (or
    ``"query: "``); set it to ``""`` for a plain BERT such as DanskBERT.
    ``pooling`` is ``"mean"`` (over the attention mask) or ``"cls"``.
    ``batch_size`` applies to the ``transformers`` path; the default encoder's
    ONNX path runs one text per call (see :mod:`kkrnlp.encoder.onnx_build`).
    """

    name: str = "default"
    max_length: int = 256
    batch_size: int = 16
    pooling: str = "mean"
    prefix: str = "passage: "
    normalize: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EncoderSettings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
