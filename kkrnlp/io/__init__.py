"""Safe output paths, atomic writes and the record formats the CLI prints (JSONL, JSON, CSV).

One job per module: :mod:`kkrnlp.io.paths` checks an ``--out`` (and an input)
before any work starts; :mod:`kkrnlp.io.atomic` writes files and folders so a
reader sees the old or the new, never half; :mod:`kkrnlp.io.records` reads
JSONL and renders records as JSONL, JSON or CSV with formula-safe cells.
Import from here: ``from kkrnlp.io import atomic_path, check_output``.
"""

from __future__ import annotations

from kkrnlp.io.atomic import (
    atomic_path,
    recover,
    replace_dir,
    write_bytes_atomic,
    write_json_atomic,
    write_stdout,
    write_text_atomic,
)
from kkrnlp.io.paths import (
    REPORT_FILES,
    REPORT_FORMAT,
    STDIO,
    SUMMARIZER_MARKER,
    TAGGER_FORMAT,
    DirKind,
    OutputError,
    check_output,
    check_readable,
    is_stdio,
    kkrnlp_dir_kind,
)
from kkrnlp.io.records import (
    decode_sheet,
    flat_records,
    format_records,
    neutralise_cell,
    read_jsonl,
    read_xlsx_rows,
    records_to_csv,
    restore_cell,
    sheet_delimiter,
    table_columns,
)

__all__ = [
    "REPORT_FILES",
    "REPORT_FORMAT",
    "STDIO",
    "SUMMARIZER_MARKER",
    "TAGGER_FORMAT",
    "DirKind",
    "OutputError",
    "atomic_path",
    "check_output",
    "check_readable",
    "decode_sheet",
    "flat_records",
    "format_records",
    "is_stdio",
    "kkrnlp_dir_kind",
    "neutralise_cell",
    "read_jsonl",
    "read_xlsx_rows",
    "records_to_csv",
    "recover",
    "replace_dir",
    "restore_cell",
    "sheet_delimiter",
    "table_columns",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_stdout",
    "write_text_atomic",
]
