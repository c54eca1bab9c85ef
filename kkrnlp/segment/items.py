"""One item from its heading and body lines: sections, recommendation, decision, attachments."""

from __future__ import annotations

import itertools
import re

from kkrnlp.danish import section_role
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.ingest.clean import reflow
from kkrnlp.schema import AgendaItem, Section
from kkrnlp.segment.markers import access_from_line, type_from_line
from kkrnlp.segment.patterns import (
    _REC_TEXT_RE,
    _case_number,
    _Heading,
    _plain,
    is_section_heading,
)
from kkrnlp.segment.titles import _split_title, split_heading


def _build_item(
    number: str | None,
    rest: str,
    body: list[str],
    group: _Heading | None,
    wrap: int | None,
) -> AgendaItem:
    title, presenter, title_rec, marks = split_heading(rest)
    case_number = marks.case_number
    item_type = marks.item_type
    access = marks.access
    sections: list[tuple[str, list[str]]] = []
    preamble: list[str] = []
    attachments: list[str] = []
    current: list[str] = preamble
    in_type_section = False
    for line in body:
        if not line:
            current.append("")
            continue
        heading = is_section_heading(line)
        if heading:
            name, tail = heading
            sections.append((name, [tail] if tail else []))
            current = sections[-1][1]
            in_type_section = "sagstype" in name.lower()
            continue
        plain = _plain(line).strip()
        found_type = type_from_line(plain, in_type_section) if len(plain) < 40 else None
        if found_type:
            item_type = item_type or found_type
            continue
        found_access = access_from_line(plain) if access is None or len(plain) < 20 else None
        if found_access:
            access = access or found_access[0]
            if found_access[1]:
                continue
        if case_number is None and not sections:
            found = _case_number(line)
            if found and len(_plain(line)) < 80:
                case_number = found
                continue
        current.append(line)

    item_sections: list[Section] = []
    pre_lines = [ln for ln in preamble if ln.strip()]
    if title_rec is None and pre_lines and not sections:
        # KD-Net style: recommendation in italics on the line after the title.
        first = _plain(pre_lines[0])
        if pre_lines[0].lstrip().startswith("*") and REC_START_RE.match(first):
            title_rec = first
            preamble.remove(pre_lines[0])
            pre_lines = pre_lines[1:]
    if presenter is None and pre_lines:
        match = re.match(
            r"^(?:v\.|v/|ved|oplæg ved|fremlægges af)\s+(.{3,60})$", _plain(pre_lines[0]), re.I
        )
        if match:
            presenter = match.group(1).strip().rstrip(".")
            preamble.remove(pre_lines[0])
    pre_text = _section_text(preamble, wrap)
    if pre_text:
        item_sections.append(Section("Tekst", pre_text))
    for name, sec_lines in sections:
        role = section_role(name)
        item_sections.append(Section(name, _section_text(sec_lines, wrap), role))
        if role == "attachments":
            attachments.extend(_attachment_lines(sec_lines))
    for line in body:
        plain = _plain(line)
        if plain.startswith("./.") and len(plain) < 160:
            entry = plain[3:].strip(" -")
            if entry and entry not in attachments:
                attachments.append(entry)

    recommendation = title_rec or _pick_recommendation(item_sections)
    decision = _pick_decision(item_sections)
    heading_text = _plain(f"{number}. {title}" if number else title)
    if title_rec:
        heading_text += f"\n{title_rec}"
    body_text = "\n".join(
        f"{s.heading}\n{s.text}" if s.heading != "Tekst" else s.text
        for s in item_sections
        if s.text or s.heading != "Tekst"
    )
    empty = not any(ln.strip() for ln in body) and not title_rec
    return AgendaItem(
        number=number,
        title=title,
        group=_group_title(group),
        group_number=group.number if group else None,
        case_number=case_number,
        presenter=presenter,
        sections=item_sections,
        recommendation_text=recommendation,
        decision_text=decision,
        attachments=attachments,
        empty=empty,
        text=f"{heading_text}\n{body_text}".strip(),
        item_type=item_type,
        access=access,
    )


def _group_title(group: _Heading | None) -> str | None:
    if group is None:
        return None
    title, _, _ = _split_title(group.rest)
    return title or None


def _section_text(lines: list[str], wrap: int | None) -> str:
    kept = [_plain(ln) if not ln.startswith("- ") else "- " + _plain(ln[2:]) for ln in lines]
    return "\n".join(reflow(kept, wrap)).strip()


def _attachment_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        plain = _plain(line).strip()
        plain = re.sub(r"^(?:-|\./\.|\d+[.)])\s*", "", plain).strip()
        if plain and len(plain) < 250:
            out.append(plain)
    return out


def _pick_recommendation(sections: list[Section]) -> str | None:
    by_name = [(s.heading.lower(), s.text) for s in sections if s.text]
    for wanted in ("indstilling", "indstillinger", "forslag"):
        for name, text in by_name:
            if name == wanted:
                return text
    for name, text in by_name:
        if name.startswith("indstilling") or name == "administrativ indstilling":
            return text
    for sec in sections:
        if sec.role == "recommendation" and sec.text:
            return sec.text
    for _, text in by_name:
        paras = text.split("\n")
        for i, para in enumerate(paras):
            if REC_START_RE.match(para) or _REC_TEXT_RE.match(para):
                if para.rstrip().endswith((":", ",")) or len(para) < 40:
                    # "Det indstilles, at KD-Net:" and the points that follow it.
                    tail = itertools.takewhile(lambda p: p.strip(), paras[i + 1 :])
                    return "\n".join([para, *tail])
                # "... indstiller til Udvalget at anbefale Byrådet" + "1. at ..." points
                points = list(itertools.takewhile(_POINT_RE.match, paras[i + 1 :]))
                return "\n".join([para, *points])
    return None


# A numbered or bulleted point of a recommendation: "1. at beslutte ...", "- at ...".
_POINT_RE = re.compile(r"^\s*(?:\d{1,2}[.)]\s+\S|[-•·]\s*at\b|at\s)", re.I)


def _pick_decision(sections: list[Section]) -> str | None:
    """The decision text; with several bodies deciding in turn, the last (final) one."""
    decisions = [
        sec.text
        for sec in sections
        if sec.text and sec.role == "decision" and sec.heading.lower() != "referat"
    ]
    if not decisions:
        # Some minutes print what happened under "Referat" instead of "Beslutning".
        decisions = [s.text for s in sections if s.text and s.heading.lower() == "referat"]
    return decisions[-1] if decisions else None
