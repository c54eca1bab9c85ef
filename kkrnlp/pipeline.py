"""The whole flow: ingest + clean + segment a file into a Meeting, then tag and summarize.

``parse``/``parse_text``/``parse_many`` give Meetings; :func:`load` gives a
:class:`Pipeline` that also tags and summarizes with models loaded once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


class Pipeline:
    """Parse, tag and summarize agendas, with the models loaded once.

    Made by :func:`kkrnlp.load`; call it like spaCy's ``nlp``::

        nlp = kkrnlp.load()
        meeting = nlp("dagsorden.pdf")            # a path, the file's bytes, or text
        for item in meeting.items:
            print(item.title, item.tags.policy_area, item.summary.text)
        for result in nlp.pipe(paths):            # one result per file, errors isolated
            ...

    ``tagger`` is a loaded :class:`kkrnlp.classify.tagger.Tagger` (None: no tags);
    ``summarizer`` anything with ``summarize_many(items, kind, body)`` (None: no
    summaries).
    """

    def __init__(self, tagger: Any = None, summarizer: Any = None):
        self.tagger = tagger
        self.summarizer = summarizer

    def __call__(self, source: str | Path | bytes, name: str | None = None) -> Meeting:
        """Parse ``source`` and annotate its items; raises KkrnlpError for a bad input."""
        return self.annotate(parse_source(source, name))

    def annotate(self, meeting: Meeting) -> Meeting:
        """Set ``item.tags`` and ``item.summary`` on every item of ``meeting`` (in place)."""
        if self.tagger is not None and meeting.items:
            from kkrnlp.classify.predict import predict_tags

            tags = predict_tags(meeting.items, self.tagger, body=meeting.body)
            for item, item_tags in zip(meeting.items, tags, strict=True):
                item.tags = item_tags
        if self.summarizer is not None and meeting.items:
            summaries = self.summarizer.summarize_many(meeting.items, meeting.kind, meeting.body)
            for item, summary in zip(meeting.items, summaries, strict=True):
                item.summary = summary
        return meeting

    def pipe(self, sources: Iterable[str | Path]) -> Iterator[ParseResult]:
        """One :class:`ParseResult` per file, in order; a bad file never stops the others."""
        for result in parse_many(sources):
            if result.meeting is not None:
                try:
                    self.annotate(result.meeting)
                except KkrnlpError as exc:
                    result = ParseResult(result.path, error=str(exc))
            yield result


def load(
    model: str | Path | None = None,
    summarizer: str | Path | None = None,
    labels: str | Path | None = None,
    *,
    tag: bool = True,
    summarize: bool = True,
) -> Pipeline:
    """A :class:`Pipeline` with the tagging model and the summarizer loaded once.

    ``model``: a tagging model directory (default: the shipped one); ``labels``: an
    edited labels.toml; ``summarizer``: a seq2seq model directory (default: the
    extractive summarizer). ``tag=False`` / ``summarize=False`` leave a step out.

    >>> nlp = load(tag=False)
    >>> text = "1. Godkendelse af dagsorden\\n\\nIndstilling\\n\\nDagsordenen godkendes."
    >>> nlp(text).items[0].title
    'Godkendelse af dagsorden'
    """
    tagger = None
    if tag:
        from kkrnlp.classify.predict import load_tagger

        tagger = load_tagger(model, labels)
    summary_model = None
    if summarize:
        from kkrnlp.summarize.load import load_summarizer

        summary_model = load_summarizer(summarizer)
    return Pipeline(tagger, summary_model)


def parse_source(source: str | Path | bytes, name: str | None = None) -> Meeting:
    """A Meeting from a path, a file's bytes, or agenda text.

    A ``Path``, or a one-line string naming an existing file, is read as a file;
    bytes are sniffed (PDF, Word, web page, else text); any other string is text.
    """
    if isinstance(source, bytes):
        return _parse_bytes(source, name or "<bytes>")
    if isinstance(source, Path) or ("\n" not in source and _names_a_file(source)):
        return parse(source)
    return parse_text(source, source=name or "<text>")


def _names_a_file(text: str) -> bool:
    """Whether a one-line string is meant as a path: an existing file or folder, or a
    name ending in an agenda's suffix (``dagsorden.pdf``), so that a mistyped path
    is reported as not found rather than parsed as agenda text."""
    from kkrnlp.ingest import SUPPORTED_SUFFIXES

    path = Path(text.strip())
    try:
        if path.exists():
            return True
    except OSError:  # a name too long for the filesystem is text
        return False
    return len(text) < 300 and path.suffix.lower() in SUPPORTED_SUFFIXES


_SNIFFED_SUFFIX = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"))


def _parse_bytes(data: bytes, name: str) -> Meeting:
    import tempfile

    from kkrnlp.ingest import read_document, read_text_bytes

    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    suffix = next((s for magic, s in _SNIFFED_SUFFIX if data.startswith(magic)), None)
    if suffix is None and head.startswith((b"<!doctype html", b"<html")):
        suffix = ".html"
    if suffix is None:
        return parse_text(read_text_bytes(data, name), source=name)
    # the readers take files (pypdfium2, python-docx): a private temporary copy
    with tempfile.TemporaryDirectory(prefix="kkrnlp-") as scratch:
        path = Path(scratch) / f"document{suffix}"
        path.write_bytes(data)
        return parse_text(read_document(path), source=name)
