"""segment(): cleaned text -> Meeting."""

from __future__ import annotations

import re

from kkrnlp.danish import ITEM_TYPE_LABELS, section_role
from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import CleanText
from kkrnlp.schema import AgendaItem, Meeting
from kkrnlp.segment.body import committee_in_header, find_known_body
from kkrnlp.segment.bullets import plain_title_list, with_bulleted_items, with_closed_list
from kkrnlp.segment.case_pages import _case_mode_headings
from kkrnlp.segment.chain import _best_chain, _candidates
from kkrnlp.segment.glued import split_glued_headings
from kkrnlp.segment.header import (
    _date_from_items,
    _detect_kind,
    _parse_header,
    find_date,
    find_time,
    weekday_date,
)
from kkrnlp.segment.headings import _headings_from_chain, with_listed_items
from kkrnlp.segment.items import _build_item
from kkrnlp.segment.markers import access_from_line
from kkrnlp.segment.paragraph_toc import with_paragraph_toc
from kkrnlp.segment.patterns import (
    _COUNCIL_RE,
    _MUNICIPALITY_RE,
    _Candidate,
    _Heading,
    _plain,
    _Toc,
    is_section_heading,
    number_line,
)
from kkrnlp.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from kkrnlp.segment.titles import _split_title
from kkrnlp.segment.toc import _find_toc, _page_label, find_item_list
from kkrnlp.segment.unnumbered import formalia_page_heading, unnumbered_headings


def _drop_repeated_title(body: list[str], rest: str) -> list[str]:
    """Web pages print the heading twice ("1. Titel (B)", then "1.  Titel (B)" or "Titel")."""
    key = _norm(_split_title(rest)[0])
    if not key:
        return body
    for i, line in enumerate(body[:6]):
        if not line:
            continue
        found = number_line(_plain(line))
        text = found.rest if found is not None and found.rest else _plain(line)
        if _norm(_split_title(text)[0]) == key:
            return body[:i] + body[i + 1 :]
    return body


_LETTER_GROUP_RE = re.compile(r"^(?P<letter>[A-H])[.):][ \t]+(?P<title>[A-ZÆØÅ].*)$")
_GROUP_WORD_RE = re.compile(r"(?:sager|punkter|\bbehandling|\båbne|\blukkede)\b", re.I)


def _group_lines(
    headings: list[_Heading], lines: list[str], toc: _Toc
) -> dict[int, tuple[str | None, str]]:
    """Unnumbered group headings printed right above an item heading.

    'A. Sager til beslutning', 'Åbne', 'Efterretningssager', 'Til behandling - for
    åbne døre': a short line with a group word (or a letter) just above a heading
    opens a group that lasts until the next such line. The line is cut from the
    previous item's body. Returns heading index -> (group number, group title).
    """
    out: dict[int, tuple[str | None, str]] = {}
    for i, heading in enumerate(headings):
        if heading.listed_only:
            continue
        j = heading.line - 1
        while j >= 0 and not lines[j]:
            j -= 1
        floor = headings[i - 1].line + headings[i - 1].title_lines if i else 0
        if j < floor or j in toc.lines:
            continue
        plain = _plain(lines[j]).strip()
        if len(plain) > 70 or plain.endswith((".", ",", ";")) or not plain[:1].isupper():
            continue
        letter = _LETTER_GROUP_RE.match(plain)
        if letter:
            out[i] = (letter.group("letter"), plain.rstrip(":").strip())
        elif (
            _GROUP_WORD_RE.search(plain)
            and ":" not in plain  # "Beslutning: Sendt til behandling i ..." is a decision
            and not _page_label(plain)
            and not is_section_heading(plain)
            and number_line(plain) is None
            and not (access_from_line(plain) or ("", False))[1]  # "Åbent punkt" is a marker
        ):
            out[i] = (None, plain.rstrip(":").strip())
        else:
            continue
        if i:
            headings[i - 1].end = min(headings[i - 1].end, j)
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _cut_at_end(heading: _Heading, body: list[str], n_lines: int) -> bool:
    """Is this the last heading of a text that ends right after it (an excerpt cut off)?"""
    return (
        not heading.listed_only
        and heading.end >= n_lines
        and not any(line.strip() for line in body)
    )


def _extends(listed: str, title: str) -> bool:
    """Does the list's title go on where a cut-off heading stops ("... arbejde me")?"""
    short, full = _norm(title), _norm(listed)
    return bool(short) and len(full) > len(short) and full.startswith(short)


def _list_inside_a_section(chain: list[_Candidate], lines: list[str], toc: _Toc) -> bool:
    """Is the chain a tight numbered list inside a section's text, not item headings?

    A case page whose heading the saved text lost opens with a section ("Sagsfremstilling")
    and may list points in its text ("Dagsordenen var:" / "1. Folkemødet" / "2. ...").
    Item headings have text between them; such a list has none, and no section opens
    again after it.
    """
    if len(chain) < 2 or toc.entries:
        return False
    first, last = chain[0].line, chain[-1].line
    if any(lines[k].strip() and k not in {c.line for c in chain} for k in range(first, last)):
        return False  # text or blank lines between entries: headings, not a list
    opened = next((k for k in range(first) if lines[k] and is_section_heading(lines[k])), None)
    if opened is None or any(number_line(_plain(lines[k])) for k in range(opened)):
        return False
    name = is_section_heading(lines[opened])[0].lower()
    if section_role(name) not in ("background", "recommendation") or name in ITEM_TYPE_LABELS:
        return False  # "Referat", "Orientering": a page label or a group, not a case's text
    return not any(lines[k] and is_section_heading(lines[k]) for k in range(last + 1, len(lines)))


def segment(
    clean: CleanText, source: str = "<text>", settings: SegmentSettings = DEFAULT_SETTINGS
) -> Meeting:
    """Split cleaned agenda text into a Meeting and its items.

    Item headings come from, in turn: the best numbering chain of numbered lines
    (with the list at the top as evidence), case-page headings ("Nr. 12",
    "Pkt. 17"), and for pages that print no numbers, title lines followed by item
    structure. Raises InputError when none of them finds an item.

    >>> from kkrnlp.ingest.clean import clean_text
    >>> text = "DAGSORDEN\\nKKR Sjælland\\n1. Godkendelse af dagsorden\\nIndstilling\\n"
    >>> text += "Det indstilles, at KKR Sjælland godkender dagsordenen.\\n2. Eventuelt\\n"
    >>> [(i.number, i.title, i.empty) for i in segment(clean_text(text)).items]
    [('1', 'Godkendelse af dagsorden', False), ('2', 'Eventuelt', True)]
    """
    lines = clean.lines
    wrap = clean.wrap_width
    toc = _find_toc(lines)
    find_item_list(lines, toc)
    split = split_glued_headings(lines, toc)
    if split is not lines:
        lines = split
        toc = _find_toc(lines)
        find_item_list(lines, toc)
    chain = _best_chain(_candidates(lines, toc, wrap, settings), toc, settings)
    if _list_inside_a_section(chain, lines, toc):
        chain = []
    case_headings = _case_mode_headings(lines)
    # "Nr.103 - Titel" pages are cases; but "Punkt 4 på dagsordenen ..." inside an
    # ordinary numbered agenda is prose, so case headings must come first.
    case_mode = bool(case_headings) and (not chain or case_headings[0].line < chain[0].line)
    headings = case_headings if case_mode else _headings_from_chain(chain, lines, wrap)
    # "Punkt 1. Titel" pages cut off after a few items: the list at the top names the rest.
    headings = with_listed_items(headings, toc, lines)
    if not headings:
        headings = unnumbered_headings(lines, settings)
    if not case_mode and not toc.entries:
        headings = with_bulleted_items(headings, lines)
    if not case_mode:
        headings = with_closed_list(headings, lines)
    if not case_mode and not toc.entries:
        headings = with_paragraph_toc(headings, lines)
    if not headings:
        headings = plain_title_list(lines)
    if not headings:
        headings = formalia_page_heading(lines)
    if not headings:
        raise InputError(f"{source} does not look like an agenda: no items found")

    line_groups = _group_lines(headings, lines, toc)
    items: list[AgendaItem] = []
    groups: list[_Heading] = []
    line_group: tuple[str | None, str] | None = None
    for index, heading in enumerate(headings):
        line_group = line_groups.get(index, line_group)
        while groups and not (heading.number or "").startswith(groups[-1].number + "."):
            groups.pop()
        if heading.children:
            groups.append(heading)
            continue
        start = heading.line + heading.title_lines
        body = [] if heading.listed_only else lines[start : heading.end]
        body = [ln for i, ln in enumerate(body) if start + i not in toc.lines]
        if heading.tail:
            body = [heading.tail, *body]

        body = _drop_repeated_title(body, heading.rest)
        item = _build_item(heading.number, heading.rest, body, groups[-1] if groups else None, wrap)
        item.position = len(items) + 1
        listed = toc.entries.get(heading.number or "")
        if listed and item.title != listed and _norm(listed) == _norm(item.title):
            item.title = listed  # the list prints the title in its own case ("BESLUTNING")
        elif listed and _cut_at_end(heading, body, len(lines)) and _extends(listed, item.title):
            item.title = listed  # the text stops inside the heading; the list prints it whole
        # A group line right above this heading, else the list's group, else the last line's.
        if item.group is None and heading.group is not None:
            item.group = heading.group
        if item.group is None and index in line_groups:
            item.group_number, item.group = line_groups[index]
        if item.group is None and heading.number in toc.groups:
            item.group = toc.groups[heading.number]
        if item.group is None and line_group is not None:
            item.group_number, item.group = line_group
        item.access = item.access or heading.access or toc.access.get(heading.number or "")
        items.append(item)

    header_lines = [ln for i, ln in enumerate(lines[: headings[0].line]) if i not in toc.lines]
    info = _parse_header(header_lines)
    if case_mode:
        # A case page prints attendance ("Fraværende: ...") under the case heading.
        first = headings[0]
        extra = _parse_header(lines[first.line + 1 : min(first.end, first.line + 8)])
        info["participants"] = info["participants"] or extra["participants"]
        info["absentees"] = info["absentees"] or extra["absentees"]
    header_text = "\n".join(_plain(ln) for ln in header_lines)
    body = find_known_body([header_text, *clean.footers]) or committee_in_header(header_lines)
    if body is None and case_mode:
        # A council case mentions KKR in its text, but the meeting is the council's.
        council = _COUNCIL_RE.findall("\n".join(lines))
        municipalities = _MUNICIPALITY_RE.findall("\n".join(lines[:40]))
        if council:
            body = council[-1]
        elif municipalities:
            body = f"{municipalities[0]} Kommune"
    if body is None:
        body = find_known_body(["\n".join(lines[:400])])
    if info["date"] is None:
        info["date"] = (
            weekday_date(header_text)
            or find_date(header_text)
            or next((find_date(d) for d in clean.footer_dates if find_date(d)), None)
        )
    if info["date"] is None:
        info["date"] = _date_from_items(items, case_mode)
    if info["time"] is None and header_text:
        info["time"] = find_time(header_text)
    # A page that prints one item and no number is a case page ("sag") like "Nr. 12 -" pages.
    single_case = len(items) == 1 and items[0].number is None
    kind = _detect_kind(header_text, items, case_mode or single_case)
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
