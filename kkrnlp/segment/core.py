"""segment(): cleaned text -> Meeting."""

from __future__ import annotations

from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import CleanText
from kkrnlp.schema import AgendaItem, Meeting
from kkrnlp.segment.chain import _best_chain, _candidates
from kkrnlp.segment.header import (
    _date_from_items,
    _detect_kind,
    _find_body,
    _parse_header,
    find_date,
    find_time,
)
from kkrnlp.segment.headings import _case_mode_headings, _headings_from_chain
from kkrnlp.segment.items import _build_item
from kkrnlp.segment.patterns import _COUNCIL_RE, _MUNICIPALITY_RE, _Heading, _plain
from kkrnlp.segment.toc import _find_toc


def segment(clean: CleanText, source: str = "<text>") -> Meeting:
    """Split cleaned agenda text into a Meeting and its items.

    Raises InputError when the text holds no numbered items at all.

    >>> from kkrnlp.ingest.clean import clean_text
    >>> text = "DAGSORDEN\\nKKR Sjælland\\n1. Godkendelse af dagsorden\\nIndstilling\\n"
    >>> text += "Det indstilles, at KKR Sjælland godkender dagsordenen.\\n2. Eventuelt\\n"
    >>> [(i.number, i.title, i.empty) for i in segment(clean_text(text)).items]
    [('1', 'Godkendelse af dagsorden', False), ('2', 'Eventuelt', True)]
    """
    lines = clean.lines
    wrap = clean.wrap_width
    toc = _find_toc(lines)
    chain = _best_chain(_candidates(lines, toc, wrap), toc)
    case_headings = _case_mode_headings(lines)
    # "Nr.103 - Titel" pages are cases; but "Punkt 4 på dagsordenen ..." inside an
    # ordinary numbered agenda is prose, so case headings must come first.
    case_mode = bool(case_headings) and (not chain or case_headings[0].line < chain[0].line)
    headings = case_headings if case_mode else _headings_from_chain(chain, lines, wrap)
    if not headings:
        raise InputError(f"{source} does not look like an agenda: no numbered items found")

    items: list[AgendaItem] = []
    groups: list[_Heading] = []
    for heading in headings:
        while groups and not heading.number.startswith(groups[-1].number + "."):
            groups.pop()
        if heading.children:
            groups.append(heading)
            continue
        body = lines[heading.line + heading.title_lines : heading.end]
        body = [
            ln
            for i, ln in enumerate(body)
            if heading.line + heading.title_lines + i not in toc.lines
        ]
        items.append(
            _build_item(heading.number, heading.rest, body, groups[-1] if groups else None, wrap)
        )

    header_lines = [ln for i, ln in enumerate(lines[: headings[0].line]) if i not in toc.lines]
    info = _parse_header(header_lines)
    if case_mode:
        # A case page prints attendance ("Fraværende: ...") under the case heading.
        first = headings[0]
        extra = _parse_header(lines[first.line + 1 : min(first.end, first.line + 8)])
        info["participants"] = info["participants"] or extra["participants"]
        info["absentees"] = info["absentees"] or extra["absentees"]
    header_text = "\n".join(_plain(ln) for ln in header_lines)
    body = _find_body([header_text, *clean.footers])
    if body is None and case_mode:
        # A council case mentions KKR in its text, but the meeting is the council's.
        council = _COUNCIL_RE.findall("\n".join(lines))
        municipalities = _MUNICIPALITY_RE.findall("\n".join(lines[:40]))
        if council:
            body = council[-1]
        elif municipalities:
            body = f"{municipalities[0]} Kommune"
    if body is None:
        body = _find_body(["\n".join(lines[:400])])
    if info["date"] is None:
        info["date"] = find_date(header_text) or next(
            (find_date(d) for d in clean.footer_dates if find_date(d)), None
        )
    if info["date"] is None:
        info["date"] = _date_from_items(items, case_mode)
    if info["time"] is None and header_text:
        info["time"] = find_time(header_text)
    kind = _detect_kind(header_text, items, case_mode)
    return Meeting(
        source=source,
        body=body,
        kind=kind,
        date=info["date"],
        time=info["time"],
        place=info["place"],
        participants=info["participants"],
        absentees=info["absentees"],
        items=items,
    )
