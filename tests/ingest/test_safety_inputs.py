"""Inputs that must fail alone and clearly: special files, limits, damaged pages, odd encodings."""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kkrnlp
from kkrnlp.cli import app
from kkrnlp.errors import InputError, KkrnlpError
from kkrnlp.ingest import read_document
from kkrnlp.ingest.limits import Limits
from kkrnlp.ingest.plain import decode_bytes, sniff_wide_encoding
from tests.conftest import REPO
from tests.docgen import make_docx, make_pdf

EXAMPLE = REPO / "examples" / "kkr-nordjylland-dagsorden.md"
AGENDA = (
    "Dagsorden\nKKR Prøveby\nMøde den 5. marts 2024 kl. 10.00\n\n"
    "1. Godkendelse af dagsorden\n\nIndstilling\nDet indstilles, at KKR godkender dagsordenen.\n\n"
    "2. Nye stier ved åen i Ærø\n\nBaggrund\nKommunen ønsker flere stier langs åen.\n\n"
    "Indstilling\nDet indstilles, at KKR godkender planen.\n\n3. Eventuelt\n"
)


def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "rør.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        read_document(fifo)
    with pytest.raises(InputError, match="/dev/zero is a device"):
        read_document("/dev/zero")
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)


def test_limits_come_from_settings_and_the_environment(monkeypatch):
    assert Limits().max_docx_ratio == 300
    monkeypatch.setenv("KKRNLP_MAX_PAGES", "12")
    monkeypatch.setenv("KKRNLP_MAX_FILE_MB", "0.5")
    limits = Limits.from_env()
    assert limits.max_pages == 12 and limits.max_file_bytes == 512 * 1024
    monkeypatch.setenv("KKRNLP_MAX_CHARS", "mange")
    with pytest.raises(KkrnlpError, match="KKRNLP_MAX_CHARS='mange' must be a positive number"):
        Limits.from_env()


def test_a_file_over_the_size_or_character_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "stor.txt"
    path.write_text(AGENDA * 40, encoding="utf-8")
    with pytest.raises(InputError, match=r"over the limit of 1,000 bytes .*KKRNLP_MAX_FILE_MB"):
        read_document(path, Limits(max_file_bytes=1000))
    monkeypatch.setenv("KKRNLP_MAX_CHARS", "2000")
    with pytest.raises(InputError, match=r"more than 2,000 characters.*KKRNLP_MAX_CHARS"):
        kkrnlp.parse(path)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path):
    pdf = make_pdf(AGENDA * 6, tmp_path / "lang.pdf")
    with pytest.raises(InputError, match=r"has \d+ pages, over the limit of 1 "):
        read_document(pdf, Limits(max_pages=1))
    assert "Godkendelse af dagsorden" in read_document(pdf)


def test_a_pdf_with_one_unreadable_page_keeps_the_others(tmp_path, monkeypatch, caplog):
    import pypdfium2 as pdfium

    pdf = make_pdf(AGENDA * 6, tmp_path / "skadet.pdf")
    real_getitem = pdfium.PdfDocument.__getitem__
    n_pages = len(pdfium.PdfDocument(str(pdf)))
    assert n_pages >= 2

    def damaged(self, index):
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real_getitem(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", damaged)
    with caplog.at_level(logging.WARNING):
        text = read_document(pdf)
    assert text.count("\f") == n_pages - 1  # the page is left empty, the numbering kept
    assert "Godkendelse af dagsorden" in text.split("\f")[0]
    assert "skadet.pdf: page(s) 2 could not be read" in caplog.text

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", lambda self, i: damaged(self, 1))
    with pytest.raises(InputError, match="none of its pages could be read"):
        read_document(pdf)


def _docx_with(tmp_path: Path, name: str, extra: bytes, compress: int) -> Path:
    path = make_docx(AGENDA, tmp_path / name)
    with zipfile.ZipFile(path, "a", compression=compress) as archive:
        archive.writestr("word/media/fyld.bin", extra)
    return path


def test_a_docx_zip_bomb_is_refused(tmp_path):
    bomb = _docx_with(tmp_path, "bombe.docx", b"\0" * 20_000_000, zipfile.ZIP_DEFLATED)
    with pytest.raises(
        InputError, match=r"unpacks to [\d,]+ times its size, over the limit of 300"
    ):
        read_document(bomb)
    big = _docx_with(tmp_path, "stor.docx", os.urandom(2 * 1024 * 1024), zipfile.ZIP_STORED)
    with pytest.raises(InputError, match=r"unpacks to \d MB, over the limit of 1 MB"):
        read_document(big, Limits(max_docx_uncompressed_bytes=1024 * 1024))
    assert "Nye stier" in read_document(big)  # within the default limits it reads


@pytest.mark.parametrize(
    "codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"]
)
def test_wide_encodings_with_or_without_bom_are_read(tmp_path, codec):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(AGENDA.encode(codec))
    meeting = kkrnlp.parse(path)
    assert [item.title for item in meeting.items][:2] == [
        "Godkendelse af dagsorden",
        "Nye stier ved åen i Ærø",
    ]


def test_wide_encoding_is_sniffed_by_its_nul_pattern():
    assert sniff_wide_encoding("æøå og mere".encode("utf-16-be")) == "utf-16-be"
    assert sniff_wide_encoding("æøå og mere".encode("utf-32-le")) == "utf-32-le"
    assert sniff_wide_encoding("æøå".encode()) is None


def test_binary_with_nul_bytes_is_refused_not_letter_spaced(tmp_path):
    with pytest.raises(InputError, match="NUL bytes"):
        decode_bytes(bytes([0, 7, 0, 0, 200, 13]) * 500, "blob.txt")
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1252"):
        decode_bytes(bytes(range(1, 256)) * 20, "blob.txt")
    damaged = AGENDA.encode("utf-16-le")[:-1]  # odd length: half a character cut off
    with pytest.raises(InputError, match=r"halv\.txt"):
        decode_bytes(damaged, "halv.txt")
    stray = AGENDA.encode() + b"\x00"  # one stray NUL is dropped, the text kept
    path = tmp_path / "nul.txt"
    path.write_bytes(stray)
    assert "\x00" not in read_document(path)


def test_stdin_is_read_with_the_same_encodings(runner=None):
    result = CliRunner().invoke(app, ["parse", "-"], input=AGENDA.encode("utf-16-le"))
    assert result.exit_code == 0, result.output
    assert "Nye stier ved åen i Ærø" in result.stdout


def test_a_character_word_cannot_hold_is_dropped_from_the_docx_digest(tmp_path):
    import docx

    from kkrnlp.digest import build_digest, write_digest

    header = {"source": "a.txt", "body": "KKR Prøveby", "kind": "dagsorden",
              "date": "2021-04-19", "time": "10:00", "place": None}  # fmt: skip
    record = {
        "source": "a.txt",
        "number": "1",
        "title": "Stier\uffff ved åen\x01",
        "empty": False,
        "meeting": header,
        "policy_area": "trafik",
        "policy_areas": ["trafik"],
        "recommendation": "godkendelse",
        "summary": "Planen\ufffe koster 2 mio. kr.",
        "summary_faithful": True,
        "summary_unsupported": [],
        "text": "Stier ved åen.",
    }
    path = write_digest(build_digest([record], week="2021-W16"), tmp_path / "d.docx", "docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Stier ved åen" in text and "Planen koster 2 mio. kr." in text


def test_unreadable_files_get_a_specific_message(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "låst.txt"
    path.write_text(AGENDA, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


def test_damaged_word_xml_and_deep_html_get_specific_messages(tmp_path):
    good = make_docx(AGENDA, tmp_path / "god.docx")
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:300]
    damaged = tmp_path / "skadet.docx"
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match=r"cannot read DOCX skadet\.docx: damaged XML"):
        read_document(damaged)
    deep = tmp_path / "dyb.html"
    deep.write_text("<html><body>" + "<div>" * 5000 + "1. Punkt" + "</div>" * 5000, "utf-8")
    try:
        read_document(deep)
    except InputError as exc:
        assert "dyb.html" in str(exc)
