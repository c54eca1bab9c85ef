"""kkrnlp: read, tag and summarize Danish municipal agendas.

The public API (everything else is private)::

    import kkrnlp
    meeting = kkrnlp.parse("dagsorden.pdf")        # -> Meeting with AgendaItems
    for item in meeting.items:
        print(item.number, item.title)

Heavy modules (torch, transformers) are imported only when a function that
needs them is called, so ``import kkrnlp`` stays fast and has no side effects.
"""

from kkrnlp.errors import DataError, InputError, KkrnlpError, ModelError
from kkrnlp.schema import SCHEMA_VERSION, AgendaItem, Meeting, Section

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "AgendaItem",
    "DataError",
    "InputError",
    "KkrnlpError",
    "Meeting",
    "ModelError",
    "Section",
    "parse",
    "parse_text",
    "summarize",
    "tag",
]


def parse(path):
    """Parse one agenda file (PDF, DOCX, HTML, TXT/MD) into a Meeting.

    >>> meeting = parse("examples/kkr-nordjylland-dagsorden.md")  # doctest: +SKIP
    """
    from kkrnlp.pipeline import parse as _parse

    return _parse(path)


def parse_text(text, source="<text>"):
    """Parse agenda text that is already extracted into a Meeting."""
    from kkrnlp.pipeline import parse_text as _parse_text

    return _parse_text(text, source=source)


def tag(meeting, model=None, labels=None):
    """Item records of ``meeting`` with policy area and recommendation type added.

    ``model`` is a tagging model directory (default: the shipped one); ``labels``
    an edited labels.toml.
    """
    from kkrnlp.tagging import load_tagger, tag_meeting

    return tag_meeting(meeting, load_tagger(model, labels))


def summarize(meeting, model=None):
    """Item records of ``meeting`` with ``summary`` and its faithfulness check added.

    ``model`` is a fine-tuned seq2seq directory; by default the extractive summarizer.
    """
    from kkrnlp.summarizing import load_summarizer, summarize_meeting

    return summarize_meeting(meeting, load_summarizer(model))
