"""ingest + clean + segment: one file in, one Meeting out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kkrnlp.errors import KkrnlpError
from kkrnlp.ingest.clean import clean_text
from kkrnlp.schema import Meeting
from kkrnlp.segment import segment

logger = logging.getLogger(__name__)


def parse_text(text: str, source: str = "<text>") -> Meeting:
    """Segment already-extracted agenda text."""
    return segment(clean_text(text), source=source)


def parse(path: str | Path) -> Meeting:
    """Read, clean and segment one agenda file.

    >>> parse("examples/kkr-nordjylland-dagsorden.md").body  # doctest: +SKIP
    'KKR Nordjylland'
    """
    from kkrnlp.ingest import read_document

    path = Path(path)
    return parse_text(read_document(path), source=path.name)


@dataclass
class ParseResult:
    """The outcome for one file of many: a Meeting, or the one-line reason it failed."""

    path: Path
    meeting: Meeting | None = None
    error: str | None = None


def parse_many(paths: Iterable[str | Path]) -> Iterator[ParseResult]:
    """Parse files one by one; a bad file yields an error and the rest go on.

    Also an unforeseen failure on one odd file (a bug) becomes that file's error,
    so the secretariat still gets the other agendas; the traceback is logged.
    """
    for path in paths:
        path = Path(path)
        try:
            yield ParseResult(path, meeting=parse(path))
        except KkrnlpError as exc:
            yield ParseResult(path, error=str(exc))
        except Exception as exc:
            logger.debug("parsing %s failed", path, exc_info=True)
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            yield ParseResult(path, error=f"{path.name} could not be parsed ({reason})")
