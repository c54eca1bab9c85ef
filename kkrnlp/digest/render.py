"""Render the digest as Markdown or HTML (Word: :mod:`kkrnlp.digest.word`), and write it."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kkrnlp.digest.danish import area_label, danish_datetime, recommendation_label
from kkrnlp.digest.model import FLAG_TEXT, NO_DATE_REASON, Digest, DigestItem
from kkrnlp.errors import KkrnlpError
from kkrnlp.io import write_text_atomic

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


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


def _glance_rows(digest: Digest) -> list[tuple[str, str, str, str]]:
    """(when, meeting, place, decisions) per meeting for the week-at-a-glance table."""
    rows = []
    for m in digest.meetings:
        when = danish_datetime(m.date, m.time)
        rows.append((when, f"{m.name} ({m.kind})", m.place or "", str(len(m.decide))))
    return rows


def _item_md(item: DigestItem) -> str:
    head = f"- **{_md(item.label)}**"
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
    return "  \n".join([head, *extra])


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown: the week at a glance, then each meeting's items by what is asked."""
    lines = [f"# {_md(digest.title)}", ""]
    if digest.filter_text:
        lines += [f"*{_md(digest.filter_text)}*", ""]
    if not digest.meetings:
        lines += [_md(digest.empty_text), ""]
    else:
        lines += [f"## {digest.glance_heading}", "", _md(digest.glance_text), ""]
        lines += ["| Hvornår | Møde | Sted | Beslutninger |", "|---|---|---|---:|"]
        for row in _glance_rows(digest):
            lines.append("| " + " | ".join(_md(c).replace("|", "\\|") for c in row) + " |")
        lines.append("")
    for meeting in digest.meetings:
        lines += [f"## {_md(meeting.heading)}", ""]
        facts = []
        if meeting.place:
            facts.append(f"Sted: {_md(meeting.place)}")
        facts.append(f"Kilde: {_md(meeting.source)}")
        lines += [f"*{' · '.join(facts)}*", ""]
        for heading, items in meeting.sections:
            lines += [f"### {heading}", ""]
            lines += [_item_md(item) for item in items]
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
    env.globals["glance_rows"] = _glance_rows
    return env.get_template("digest.html.j2").render(digest=digest)


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
        from kkrnlp.digest.word import render_docx

        render_docx(digest, path)
    else:
        raise KkrnlpError(f"unknown digest format {fmt!r}; use md, html or docx")
    log.info("wrote digest %s (%d meetings)", path, len(digest.meetings))
    return path
