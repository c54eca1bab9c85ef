"""What this CPU can run fast, read from /proc/cpuinfo (Linux; elsewhere: nothing known).

bf16 matrix kernels beat int8/fp32 only with AMX tiles; with AVX512-BF16 alone
they ran at 0.83x fp32 here, on AVX2 at 0.2x. So kkrnlp never assumes bf16:
the default path is int8 everywhere, and :func:`has_amx` is what a bf16 path
would have to check first. (No bf16 path is built yet.)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

INTERESTING = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_tile")


@lru_cache(maxsize=1)
def cpu_flags(cpuinfo: str = "/proc/cpuinfo") -> frozenset[str]:
    """The CPU's feature flags (empty when /proc/cpuinfo cannot be read)."""
    try:
        text = Path(cpuinfo).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def has_amx() -> bool:
    """True when the CPU has AMX tiles with bf16 (Sapphire Rapids and later)."""
    return {"amx_bf16", "amx_tile"} <= cpu_flags()


def describe() -> str:
    """The flags that matter for the encoder, e.g. ``"avx2 avx512f avx512_vnni amx_bf16"``."""
    flags = cpu_flags()
    return " ".join(f for f in INTERESTING if f in flags) or "unknown"
