"""CPU feature detection reads /proc/cpuinfo's flags line."""

from __future__ import annotations

from kkrnlp.encoder import cpu


def test_flags_are_read_from_the_flags_line(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text(
        "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu avx2 amx_bf16 amx_tile avx512f\n"
    )
    flags = cpu.cpu_flags.__wrapped__(str(info))
    assert {"avx2", "amx_bf16", "amx_tile"} <= flags and "fpu" in flags
    assert cpu.cpu_flags.__wrapped__(str(tmp_path / "missing")) == frozenset()
    (tmp_path / "noflags").write_text("processor\t: 0\n")
    assert cpu.cpu_flags.__wrapped__(str(tmp_path / "noflags")) == frozenset()


def test_amx_needs_both_flags(monkeypatch):
    monkeypatch.setattr(cpu, "cpu_flags", lambda: frozenset({"amx_bf16", "avx2"}))
    assert not cpu.has_amx()
    monkeypatch.setattr(cpu, "cpu_flags", lambda: frozenset({"amx_bf16", "amx_tile"}))
    assert cpu.has_amx()
    assert cpu.describe() == "amx_bf16 amx_tile"
