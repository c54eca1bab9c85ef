"""kkrnlp: read, tag and summarize Danish municipal agendas.

The public API (everything else is private)::

    import kkrnlp
    nlp = kkrnlp.load()                            # tagger + summarizer, loaded once
    meeting = nlp("dagsorden.pdf")                 # -> Meeting with AgendaItems
    for item in meeting.items:
        print(item.number, item.title, item.tags.policy_area, item.summary.text)
    records = meeting.item_records()               # the flat JSON records of the CLI

    meeting = kkrnlp.parse("dagsorden.pdf")        # parsing alone

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
    "Pipeline",
    "Section",
    "Summary",
    "Tags",
    "load",
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


def load(model=None, summarizer=None, labels=None, *, tag=True, summarize=True):
    """A Pipeline that parses, tags and summarizes, its models loaded once.

    ``model``: tagging model directory (default: the shipped one); ``summarizer``:
    a seq2seq model directory (default: extractive); ``labels``: an edited labels.toml.
    """
    from kkrnlp.pipeline import load as _load

    return _load(model, summarizer, labels, tag=tag, summarize=summarize)


def __getattr__(name):
    # imported on first use, so that `import kkrnlp` stays light
    if name == "Pipeline":
        from kkrnlp.pipeline import Pipeline

        return Pipeline
    if name == "Tags":
        from kkrnlp.classify.tags import Tags

        return Tags
    if name == "Summary":
        from kkrnlp.summarize.summary import Summary

        return Summary
    raise AttributeError(f"module 'kkrnlp' has no attribute {name!r}")


def tag(meeting, model=None, labels=None):
    """Item records of ``meeting`` with policy area and recommendation type added.

    A convenience for one meeting; for many, load once with :func:`load`.
    """
    from kkrnlp.pipeline import load as _load

    return _load(model, labels=labels, summarize=False).annotate(meeting).item_records()


def summarize(meeting, model=None):
    """Item records of ``meeting`` with ``summary`` and its checks added.

    ``model`` is a fine-tuned seq2seq directory; by default the extractive summarizer.
    """
    from kkrnlp.pipeline import load as _load

    return _load(summarizer=model, tag=False).annotate(meeting).item_records()
