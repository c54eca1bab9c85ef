"""The weekly digest: the tagged and summarised items of a week's meetings, for politicians.

``build_digest`` picks the meetings of a period out of item records (the flat
dicts of ``Meeting.item_records()`` with tags and summaries added), groups the
items by what the politicians are asked to do, and returns a ``Digest``;
``render_markdown``, ``render_html`` and ``render_docx`` print it in Danish.

Formalia items (policy area ``formalia``: agenda, minutes, "Siden sidst",
"Eventuelt") are collapsed into one line at the end of each meeting
("Formalia: 1.1 Godkendelse af referat, 1.2 Godkendelse af dagsorden"): they
come back at every meeting and would otherwise bury the items that matter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kkrnlp.danish import MONTH_NAMES, WEEKDAY_NAMES
from kkrnlp.errors import DataError, KkrnlpError
from kkrnlp.io import atomic_path, write_text_atomic

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

FLAG_TEXT = "⚠ kontrollér resuméet mod dagsordenen"
NO_DATE_REASON = "no meeting date printed"

DECIDE = ("godkendelse", "udpegning")
DISCUSS = ("drøftelse",)
INFORM = ("orientering",)
FORMALIA = "formalia"

SECTION_HEADINGS = {
    "decide": "Til beslutning",
    "discuss": "Til drøftelse",
    "inform": "Til orientering",
    "other": "Øvrige punkter",
}

RECOMMENDATION_LABELS = {
    "godkendelse": "Godkendelse",
    "udpegning": "Udpegning",
    "drøftelse": "Drøftelse",
    "orientering": "Orientering",
}

_WEEKDAYS = WEEKDAY_NAMES
_MONTHS = MONTH_NAMES
# Names the generic rule in area_label() would print badly.
_AREA_LABELS = {"børn_unge": "Børn og unge"}
_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


@dataclass
class DigestItem:
    """One agenda item as the digest shows it. ``flagged``: the summary is not faithful."""

    number: str
    title: str
    policy_area: str | None = None
    policy_areas: list[str] = field(default_factory=list)
    recommendation: str | None = None
    summary: str | None = None
    flagged: bool = False
    unsupported: list[str] = field(default_factory=list)


@dataclass
class DigestMeeting:
    """One meeting of the period with its items sorted into the four sections.

    ``formalia`` holds the formalia items, shown as one line after the sections.
    """

    body: str | None
    kind: str
    date: date
    time: str | None
    place: str | None
    source: str
    decide: list[DigestItem] = field(default_factory=list)
    discuss: list[DigestItem] = field(default_factory=list)
    inform: list[DigestItem] = field(default_factory=list)
    other: list[DigestItem] = field(default_factory=list)
    formalia: list[DigestItem] = field(default_factory=list)

    @property
    def sections(self) -> list[tuple[str, list[DigestItem]]]:
        """The non-empty sections in reading order as ``(Danish heading, items)``."""
        return [
            (SECTION_HEADINGS[key], getattr(self, key))
            for key in SECTION_HEADINGS
            if getattr(self, key)
        ]

    @property
    def heading(self) -> str:
        """``KKR Hovedstaden, mandag den 19. april 2021 kl. 10.00 (dagsorden)``."""
        who = self.body or self.source
        return f"{who}, {danish_datetime(self.date, self.time)} ({self.kind})"

    @property
    def formalia_line(self) -> str | None:
        if not self.formalia:
            return None
        return "Formalia: " + ", ".join(f"{i.number} {i.title}" for i in self.formalia)

    def all_items(self) -> list[DigestItem]:
        return [*self.decide, *self.discuss, *self.inform, *self.other, *self.formalia]


@dataclass
class Digest:
    """The meetings of one period; ``skipped`` names meetings that could not be placed."""

    period_start: date
    period_end: date
    title: str
    meetings: list[DigestMeeting] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def period_text(self) -> str:
        return danish_period(self.period_start, self.period_end)


# ---------------------------------------------------------------------------
# Danish formatting


def danish_date(day: date, *, weekday: bool = True, year: bool = True) -> str:
    """``mandag den 19. april 2021``.

    >>> danish_date(date(2021, 4, 19))
    'mandag den 19. april 2021'
    """
    text = f"{day.day}. {_MONTHS[day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{_WEEKDAYS[day.weekday()]} den {text}"
    return text


def danish_datetime(day: date, time: str | None) -> str:
    """``mandag den 19. april 2021 kl. 10.00``; without a time just the date.

    >>> danish_datetime(date(2021, 4, 19), "10:00")
    'mandag den 19. april 2021 kl. 10.00'
    """
    text = danish_date(day)
    if time:
        text += f" kl. {time.strip().replace(':', '.')}"
    return text


def danish_period(start: date, end: date) -> str:
    """``19.–25. april 2021``, ``29. marts – 4. april 2021`` or across years in full.

    >>> danish_period(date(2021, 4, 19), date(2021, 4, 25))
    '19.–25. april 2021'
    """
    if start == end:
        return danish_date(start, weekday=False)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}.–{danish_date(end, weekday=False)}"
    if start.year == end.year:
        return (
            f"{danish_date(start, weekday=False, year=False)} – {danish_date(end, weekday=False)}"
        )
    return f"{danish_date(start, weekday=False)} – {danish_date(end, weekday=False)}"


def area_label(name: str | None) -> str:
    """A policy area name as a reader wants it: ``børn_unge`` -> ``Børn og unge``.

    >>> area_label("økonomi")
    'Økonomi'
    """
    if not name:
        return ""
    if name in _AREA_LABELS:
        return _AREA_LABELS[name]
    parts = [p for p in name.split("_") if p]
    text = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else name
    return text[:1].upper() + text[1:]


def recommendation_label(name: str | None) -> str:
    if not name:
        return ""
    return RECOMMENDATION_LABELS.get(name, name[:1].upper() + name[1:])


# ---------------------------------------------------------------------------
# Building


def parse_week(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week ``2021-W16``.

    >>> parse_week("2021-W16")
    (datetime.date(2021, 4, 19), datetime.date(2021, 4, 25))
    """
    match = _WEEK_RE.match(week or "")
    if not match:
        raise DataError(f"week {week!r} is not an ISO week like 2021-W16")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise DataError(f"week {week!r} does not exist ({year} has no week {number})") from exc
    return monday, monday + timedelta(days=6)


def _period(
    week: str | None, date_from: date | None, date_to: date | None, today: date | None
) -> tuple[date, date, str]:
    """Start, end and title of the digest period.

    With only one of ``date_from`` / ``date_to`` the period is the seven days
    starting or ending there.
    """
    if week is not None and (date_from is not None or date_to is not None):
        raise DataError("give either a week or a date range, not both")
    if week is None and date_from is None and date_to is None:
        week = "{}-W{:02d}".format(*(today or date.today()).isocalendar()[:2])
    if week is not None:
        start, end = parse_week(week)
        year, number = start.isocalendar()[:2]
        return start, end, f"Ugeoversigt uge {number}, {year} ({danish_period(start, end)})"
    if date_from is None:
        date_from = date_to - timedelta(days=6)
    if date_to is None:
        date_to = date_from + timedelta(days=6)
    if date_from > date_to:
        raise DataError(f"the period starts ({date_from}) after it ends ({date_to})")
    return date_from, date_to, f"Mødeoversigt {danish_period(date_from, date_to)}"


def _number_key(number: str) -> tuple:
    """Sort key for dotted item numbers: ``3.9`` before ``3.10``, ``9`` before ``10``."""
    key = []
    for part in re.split(r"[.\s]+", str(number).strip()):
        if not part:
            continue
        match = re.match(r"^(\d+)(.*)$", part)
        if match:
            key.append((0, int(match.group(1)), match.group(2)))
        else:
            key.append((1, 0, part))
    return tuple(key)


def _areas_of(record: dict[str, Any]) -> list[str]:
    areas = [a for a in record.get("policy_areas") or [] if a]
    main = record.get("policy_area")
    if main and main not in areas:
        areas.insert(0, main)
    return areas


def _digest_item(record: dict[str, Any]) -> DigestItem:
    areas = _areas_of(record)
    summary = (record.get("summary") or "").strip() or None
    return DigestItem(
        number=str(record.get("number") or ""),
        title=str(record.get("title") or "").strip(),
        policy_area=record.get("policy_area") or (areas[0] if areas else None),
        policy_areas=areas,
        recommendation=record.get("recommendation") or None,
        summary=summary,
        # Only an explicit False flags: records without a faithfulness check are not suspect.
        flagged=summary is not None and record.get("summary_faithful") is False,
        unsupported=[str(u) for u in record.get("summary_unsupported") or []],
    )


def _meeting_label(meeting: dict[str, Any], source: str) -> str:
    body = meeting.get("body")
    return f"{source} ({body})" if body else source


def build_digest(
    records: list[dict[str, Any]],
    *,
    week: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    areas: list[str] | None = None,
    today: date | None = None,
    valid_areas: Sequence[str] | None = None,
) -> Digest:
    """Collect the meetings of one period from item records into a ``Digest``.

    The period is the ISO ``week`` (``"2021-W16"``, Monday to Sunday), or
    ``date_from``..``date_to`` inclusive (one of them alone means seven days from
    or to it), or else the ISO week of ``today`` (default: the real today).
    ``areas`` keeps only items whose policy areas meet the given ones; names are
    checked against ``valid_areas`` (default: the shipped ``labels.toml``).
    Meetings without a printed date are listed in ``skipped``; empty items are left
    out; meetings left with no items are left out.

    >>> digest = build_digest(records, week="2021-W16")  # doctest: +SKIP
    >>> print(render_markdown(digest))  # doctest: +SKIP
    """
    start, end, title = _period(week, date_from, date_to, today)
    wanted: set[str] | None = None
    if areas:
        if valid_areas is None:
            from kkrnlp.taxonomy import load_taxonomy

            valid_areas = load_taxonomy().policy_area_names
        unknown = [a for a in areas if a not in valid_areas]
        if unknown:
            raise DataError(
                f"unknown policy area(s) {', '.join(unknown)}; valid: {', '.join(valid_areas)}"
            )
        wanted = set(areas)

    groups: dict[tuple, dict[str, Any]] = {}
    skipped: dict[tuple, str] = {}
    for position, record in enumerate(records):
        meeting = record.get("meeting") or {}
        source = str(record.get("source") or meeting.get("source") or "")
        raw_date = meeting.get("date")
        key = (source, meeting.get("body"), raw_date)
        if not raw_date:
            skipped.setdefault(key, f"{_meeting_label(meeting, source)}: {NO_DATE_REASON}")
            continue
        try:
            day = date.fromisoformat(str(raw_date))
        except ValueError:
            skipped.setdefault(
                key, f"{_meeting_label(meeting, source)}: meeting date {raw_date!r} not understood"
            )
            continue
        if not start <= day <= end:
            continue
        group = groups.setdefault(key, {"meeting": meeting, "source": source, "day": day})
        group.setdefault("items", []).append((position, record))

    meetings = []
    for group in groups.values():
        meeting = group["meeting"]
        dm = DigestMeeting(
            body=meeting.get("body"),
            kind=meeting.get("kind") or "dagsorden",
            date=group["day"],
            time=meeting.get("time"),
            place=meeting.get("place"),
            source=group["source"],
        )
        ordered = sorted(group["items"], key=lambda pr: (_number_key(pr[1].get("number")), pr[0]))
        for _, record in ordered:
            if record.get("empty"):
                continue
            item = _digest_item(record)
            if wanted is not None and not wanted.intersection(item.policy_areas):
                continue
            if item.policy_area == FORMALIA:
                dm.formalia.append(item)
            elif item.recommendation in DECIDE:
                dm.decide.append(item)
            elif item.recommendation in DISCUSS:
                dm.discuss.append(item)
            elif item.recommendation in INFORM:
                dm.inform.append(item)
            else:
                dm.other.append(item)
        if dm.all_items():
            meetings.append(dm)
    meetings.sort(key=lambda m: (m.date, m.time or "", m.body or "", m.source))
    if skipped:
        log.warning("%d meeting(s) left out of the digest: no usable date", len(skipped))
    return Digest(start, end, title, meetings, list(skipped.values()))


# ---------------------------------------------------------------------------
# Rendering

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>])")


def _md(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _areas_text(item: DigestItem) -> str:
    return ", ".join(area_label(a) for a in item.policy_areas)


def _flag_text(item: DigestItem) -> str:
    if item.unsupported:
        return f"{FLAG_TEXT} (ikke fundet i punktet: {', '.join(item.unsupported)})"
    return FLAG_TEXT


_DANISH_REASONS = {
    NO_DATE_REASON: "ingen mødedato i dokumentet",
    "not understood": "ikke forstået",
    "meeting date": "mødedatoen",
}


def skipped_da(reason: str) -> str:
    """A ``Digest.skipped`` line in Danish for the rendered digest."""
    for english, danish in _DANISH_REASONS.items():
        reason = reason.replace(english, danish)
    return reason


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown text (Danish headings, one bullet per item)."""
    lines = [f"# {_md(digest.title)}", ""]
    if not digest.meetings:
        lines += ["Ingen møder i perioden.", ""]
    for meeting in digest.meetings:
        lines += [f"## {_md(meeting.heading)}", ""]
        facts = []
        if meeting.place:
            facts.append(f"Sted: {_md(meeting.place)}")
        facts.append(f"Kilde: {_md(meeting.source)}")
        lines += [" · ".join(facts), ""]
        for heading, items in meeting.sections:
            lines += [f"### {heading}", ""]
            for item in items:
                head = f"- **{_md(item.number)} {_md(item.title)}**"
                tags = _areas_text(item)
                if item.recommendation:
                    tags = f"{tags}; {recommendation_label(item.recommendation)}".lstrip("; ")
                if tags:
                    head += f" ({_md(tags)})"
                # Two trailing spaces: a Markdown line break inside the list item.
                extra = []
                if item.summary:
                    extra.append(f"  {_md(item.summary)}")
                if item.flagged:
                    extra.append(f"  **{_md(_flag_text(item))}**")
                lines.append("  \n".join([head, *extra]))
            lines.append("")
        if meeting.formalia_line:
            lines += [_md(meeting.formalia_line), ""]
    if digest.skipped:
        lines += ["## Ikke medtaget", ""]
        lines += [f"- {_md(skipped_da(reason))}" for reason in digest.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_html(digest: Digest) -> str:
    """The digest as one self-contained, printable HTML page (inline CSS, no scripts)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["area_label"] = area_label
    env.filters["recommendation_label"] = recommendation_label
    env.globals["flag_text"] = _flag_text
    env.filters["skipped_da"] = skipped_da
    return env.get_template("digest.html.j2").render(digest=digest)


def _set_danish(document: Any) -> None:
    """Mark the document as Danish so Word spell-checks it in Danish."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "da-DK")


# Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab/newline/CR,
# lone surrogates, U+FFFE and U+FFFF. One of them in an agenda must not cost the digest.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` without the characters a Word document cannot hold."""
    return _NOT_XML.sub("", text)


def render_docx(digest: Digest, path: str | Path) -> None:
    """Write the digest as a Word document with real heading styles (Heading 1-3)."""
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    _set_danish(document)
    document.core_properties.title = _xml_safe(digest.title)
    document.core_properties.language = "da-DK"
    document.add_heading(_xml_safe(digest.title), level=1)
    if not digest.meetings:
        document.add_paragraph("Ingen møder i perioden.")
    for meeting in digest.meetings:
        document.add_heading(_xml_safe(meeting.heading), level=2)
        facts = [f"Sted: {meeting.place}"] if meeting.place else []
        facts.append(f"Kilde: {meeting.source}")
        document.add_paragraph(_xml_safe(" · ".join(facts)))
        for heading, items in meeting.sections:
            document.add_heading(_xml_safe(heading), level=3)
            for item in items:
                para = document.add_paragraph(style="List Bullet")
                para.add_run(_xml_safe(f"{item.number} {item.title}")).bold = True
                tags = _areas_text(item)
                if item.recommendation:
                    tags = f"{tags}; {recommendation_label(item.recommendation)}".lstrip("; ")
                if tags:
                    para.add_run(_xml_safe(f" ({tags})"))
                if item.summary:
                    para.add_run(_xml_safe("\n" + item.summary))
                if item.flagged:
                    flag = para.add_run(_xml_safe("\n" + _flag_text(item)))
                    flag.bold = True
                    flag.font.color.rgb = RGBColor(0xB0, 0x30, 0x00)
        if meeting.formalia_line:
            document.add_paragraph(_xml_safe(meeting.formalia_line))
    if digest.skipped:
        document.add_heading("Ikke medtaget", level=2)
        for reason in digest.skipped:
            document.add_paragraph(_xml_safe(skipped_da(reason)), style="List Bullet")
    with atomic_path(path) as tmp:
        document.save(str(tmp))


FORMATS = ("md", "html", "docx")
_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def write_digest(digest: Digest, path: str | Path, fmt: str | None = None) -> Path:
    """Write the digest as ``md``, ``html`` or ``docx`` (default: from the file suffix)."""
    path = Path(path)
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise KkrnlpError(
                f"cannot tell the digest format from {path.name}; use md, html or docx"
            )
    fmt = {"markdown": "md", "htm": "html"}.get(fmt.lower(), fmt.lower())
    if fmt == "md":
        write_text_atomic(path, render_markdown(digest))
    elif fmt == "html":
        write_text_atomic(path, render_html(digest))
    elif fmt == "docx":
        render_docx(digest, path)
    else:
        raise KkrnlpError(f"unknown digest format {fmt!r}; use md, html or docx")
    log.info("wrote digest %s (%d meetings)", path, len(digest.meetings))
    return path
