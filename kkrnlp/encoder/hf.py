"""The general path: any BERT-family model through ``transformers`` and torch.

Used for ``--encoder DIR|HF-ID``, for fine-tuning, and as the fp32 reference the
fast path is checked against. torch and transformers are imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.errors import ModelError


def load_hf(kind: str, name: str, **kwargs: Any) -> Any:
    """``Auto*.from_pretrained`` with hub failures turned into a one-line ModelError."""
    try:
        import transformers
    except ImportError as exc:
        raise ModelError(
            f"encoder {name!r} needs transformers and torch: pip install 'kkrnlp[train]'"
        ) from exc

    cls = getattr(transformers, kind)
    local = Path(name).is_dir()
    try:
        return cls.from_pretrained(name, **kwargs)
    except Exception as exc:
        if local:
            raise ModelError(f"cannot load {kind} from {name}: {exc}".splitlines()[0]) from exc
        raise ModelError(
            f"cannot load encoder {name!r}: not a local directory and the Hugging Face hub "
            "is not reachable; pass a local model directory or 'default'"
        ) from exc


class TransformersBackend:
    """Batches of padded texts through ``AutoModel``; pooling over the attention mask."""

    def __init__(self, path: str):
        self.tokenizer = load_hf("AutoTokenizer", path)
        self.model = load_hf("AutoModel", path)
        self.model.eval()
        self.dim = int(self.model.config.hidden_size)

    def token_ids(self, texts: list[str], max_length: int) -> list[list[int]]:
        enc = self.tokenizer(texts, truncation=True, max_length=max_length, padding=False)
        return enc["input_ids"]

    def pooled(self, batch: list[list[int]], pooling: str, normalize: bool) -> np.ndarray:
        """Pooled (and normalized) vectors of one padded batch of token ids."""
        import torch

        with torch.inference_mode():
            feats = self.tokenizer.pad({"input_ids": batch}, return_tensors="pt", padding=True)
            hidden = self.model(
                input_ids=feats["input_ids"], attention_mask=feats["attention_mask"]
            ).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = feats["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            if normalize:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=-1)
            return pooled.float().numpy()

    @property
    def num_layers(self) -> int:
        return int(self.model.config.num_hidden_layers)

    def hidden_and_state(self, ids: list[int], layer: int) -> tuple[np.ndarray, np.ndarray]:
        """Last hidden states and the states after ``layer`` layers of one unpadded text."""
        import torch

        with torch.inference_mode():
            out = self.model(input_ids=torch.tensor([ids]), output_hidden_states=True)
        return out.last_hidden_state[0].float().numpy(), out.hidden_states[layer][0].float().numpy()

    def layer_parameters(self, layer: int) -> dict[str, np.ndarray]:
        """The parameters of encoder layer ``layer`` (0-based), transformers' names."""
        module = self.model.encoder.layer[layer]
        return {k: v.detach().float().numpy().copy() for k, v in module.state_dict().items()}

    def layer_config(self) -> dict[str, Any]:
        c = self.model.config
        return {
            "hidden_size": int(c.hidden_size),
            "num_attention_heads": int(c.num_attention_heads),
            "intermediate_size": int(c.intermediate_size),
            "layer_norm_eps": float(c.layer_norm_eps),
        }
