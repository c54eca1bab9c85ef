"""The data model every step shares: a Meeting with its AgendaItems.

Plain dataclasses, no behaviour beyond (de)serialisation, so that ingest,
tagging, summaries and the digest can pass them around without knowing each
other. ``SCHEMA_VERSION`` is written into every JSON record; bump it when a
field changes meaning or disappears (adding a field is backwards compatible).
1.1 added ``position``, ``item_type``, ``access`` and ``Section.role``, and lets
``number`` be null for pages that print no numbers.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from kkrnlp.danish import section_role

SCHEMA_VERSION = "1.1"

# AgendaItem fields that hold typed results of later steps, not parsed text.
_ANNOTATIONS = ("tags", "summary")


@dataclass
class Section:
    """One headed part of an item, e.g. ``Baggrund`` or ``Indstilling``.

    ``role`` is what the section is for, set once by the segmenter from the
    heading: ``background``, ``recommendation``, ``decision``, ``attachments``
    or ``other`` (``kkrnlp.danish.section_role``). A section built without one
    (by hand, or read from a record written before roles) gets it from its heading.

    >>> Section("Baggrund", "x").role
    'background'
    """

    heading: str
    text: str
    role: str = ""

    def __post_init__(self) -> None:
        if not self.role:
            self.role = section_role(self.heading)


@dataclass
class AgendaItem:
    """One leaf item of an agenda, as a reader of the agenda sees it.

    ``number`` is the printed number without a trailing dot (``"3.4"``,
    ``"7"``, ``"103"``, ``"2.a"``), or None when the page prints no number;
    ``position`` is the item's 1-based place in the document either way.
    ``group`` is the title of the group heading that holds the item
    (``"Regionalpolitiske sager"``), if any. ``item_type`` is a printed type
    label, normalised (``beslutning``, ``orientering``, ``drøftelse``);
    ``access`` is ``åben`` or ``lukket`` when the agenda marks it.
    """

    number: str | None
    title: str
    group: str | None = None
    group_number: str | None = None
    case_number: str | None = None
    presenter: str | None = None
    sections: list[Section] = field(default_factory=list)
    recommendation_text: str | None = None
    decision_text: str | None = None
    attachments: list[str] = field(default_factory=list)
    empty: bool = False
    text: str = ""
    position: int = 0
    item_type: str | None = None
    access: str | None = None
    # Filled in by the pipeline (kkrnlp.load): a kkrnlp.classify.Tags and a
    # kkrnlp.summarize.Summary. Typed objects, flattened into the record fields
    # (policy_area ..., summary ...) only at the edge, in Meeting.item_records.
    tags: Any = field(default=None, repr=False, compare=False)
    summary: Any = field(default=None, repr=False, compare=False)

    def section(self, *names: str) -> str | None:
        """Text of the first section whose heading starts with one of ``names``.

        >>> item = AgendaItem("1", "T", sections=[Section("Baggrund", "x")])
        >>> item.section("baggrund")
        'x'
        """
        wanted = tuple(n.lower() for n in names)
        for sec in self.sections:
            if sec.heading.lower().startswith(wanted):
                return sec.text
        return None

    def section_by_role(self, role: str, *, first: bool = False) -> str | None:
        """Text of the sections with ``role`` (``"background"``, ``"decision"`` ...), joined;
        with ``first`` only the first of them that has text.

        >>> item = AgendaItem("1", "T", sections=[Section("Resumé", "a"), Section("Sagen", "b")])
        >>> item.section_by_role("background"), item.section_by_role("background", first=True)
        ('a\\n\\nb', 'a')
        """
        texts = [sec.text for sec in self.sections if sec.role == role and sec.text.strip()]
        if first:
            return texts[0] if texts else None
        return "\n\n".join(texts) or None

    def to_dict(self) -> dict[str, Any]:
        """The parsed fields (tags and summary are added by :meth:`record`)."""
        data = asdict(self)
        for key in _ANNOTATIONS:
            data.pop(key)
        return data

    def record(self) -> dict[str, Any]:
        """The parsed fields, plus the tag and summary fields when the item has them."""
        data = self.to_dict()
        for annotation in (self.tags, self.summary):
            if annotation is not None:
                data.update(annotation.to_record())
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgendaItem:
        # a record's "summary" is the summary's text, not a Summary: leave both out
        known = {f.name for f in fields(cls)} - set(_ANNOTATIONS)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["sections"] = [
            s if isinstance(s, Section) else Section(**s) for s in data.get("sections") or []
        ]
        kwargs["attachments"] = list(data.get("attachments") or [])
        return cls(**kwargs)


@dataclass
class Meeting:
    """One agenda, minutes or council case document and its items.

    ``date`` is an ISO date (``2021-04-19``), ``time`` ``HH:MM``; both are
    ``None`` when the document does not print them.
    """

    source: str
    body: str | None = None
    kind: str = "dagsorden"
    date: str | None = None
    time: str | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    absentees: list[str] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def start(self) -> str | None:
        """ISO date-time of the meeting start, or the date alone."""
        if self.date and self.time:
            return f"{self.date}T{self.time}"
        return self.date

    def header_dict(self) -> dict[str, Any]:
        """The meeting fields without the items (what each item record carries)."""
        return {
            "source": self.source,
            "body": self.body,
            "kind": self.kind,
            "date": self.date,
            "time": self.time,
            "start": self.start,
            "place": self.place,
            "participants": list(self.participants),
            "absentees": list(self.absentees),
        }

    def to_dict(self) -> dict[str, Any]:
        data = {"schema_version": SCHEMA_VERSION, **self.header_dict()}
        data["items"] = [item.to_dict() for item in self.items]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        return cls(
            source=data["source"],
            body=data.get("body"),
            kind=data.get("kind", "dagsorden"),
            date=data.get("date"),
            time=data.get("time"),
            place=data.get("place"),
            participants=list(data.get("participants") or []),
            absentees=list(data.get("absentees") or []),
            items=[AgendaItem.from_dict(i) for i in data.get("items") or []],
        )

    def item_records(self) -> list[dict[str, Any]]:
        """One flat record per item, the form ``kkrnlp parse --format jsonl`` prints."""
        header = self.header_dict()
        return [
            {
                "schema_version": SCHEMA_VERSION,
                "source": self.source,
                **item.record(),
                "meeting": header,
            }
            for item in self.items
        ]


def item_key(number: str | None, title: str | None) -> str:
    """How a labelled row finds its parsed item: the printed number, or the title.

    Pages that print no item numbers give items with ``number`` None; a gold row
    writes them as ``"number": ""``. Both then meet on the title, normalised to
    lower-case words.

    >>> item_key("3.", "X") == item_key("3", "Y")
    True
    >>> item_key(None, "Ny skole") == item_key("", "ny  skole")
    True
    """
    printed = str(number or "").strip().rstrip(".")
    if printed and printed != "None":
        return printed
    return "title:" + " ".join(re.findall(r"\w+", (title or "").lower()))
