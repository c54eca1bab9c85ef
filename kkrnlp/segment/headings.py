"""From chosen heading lines to item headings: titles, presenters, wrapped titles, case pages."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from kkrnlp.danish import (
    ITEM_TYPE_LABELS,
    KEY_LINE_STARTS,
    PAGE_FURNITURE,
    SHORT_VERDICTS,
    TITLE_OPEN_ENDINGS,
    VERDICT_STARTS,
    is_meeting_header_line,
    section_role,
)
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.segment.markers import TitleMarkers, split_markers
from kkrnlp.segment.patterns import (
    _CASE_HEADING_RE,
    _DATE_START_RE,
    _KEY_RE,
    _LEADER_RE,
    _PRESENTER_RE,
    _TITLE_ASK_RE,
    _Candidate,
    _case_number,
    _Heading,
    _leading_number_line,
    _parse_number,
    _plain,
    _Toc,
    is_section_heading,
    number_line,
)
from kkrnlp.segment.settings import DEFAULT_SETTINGS, SegmentSettings

# A flattened PDF line can hold a whole page; a title is never longer than this.
MAX_TITLE_CHARS = 400


def _split_title(rest: str) -> tuple[str, str | None, str | None]:
    """Heading text -> (title, presenter, title-line recommendation)."""
    title, presenter, recommendation, _ = split_heading(rest)
    return title, presenter, recommendation


def split_heading(rest: str) -> tuple[str, str | None, str | None, TitleMarkers]:
    """Heading text -> (title, presenter, title-line recommendation, markers)."""
    rest = rest[:MAX_TITLE_CHARS]
    recommendation = None
    text = rest
    # "**Titel** v. Navn *Det indstilles, at ...*": the italic tail is the recommendation.
    italic = re.search(r"(?<![*\w])[*_](?![*_])\s*(?P<rec>[^*_]{8,})[*_]?\s*$", text)
    if italic and REC_START_RE.match(italic.group("rec").strip()):
        recommendation = italic.group("rec").strip().rstrip("*_").strip()
        text = text[: italic.start()]
    plain = _plain(text)
    if recommendation is None:
        inline = re.search(r"\s(det indstilles,?\s+at\b.*)$", plain, re.I)
        if inline:
            recommendation = inline.group(1).strip()
            plain = plain[: inline.start()]
    plain = _LEADER_RE.sub("", plain)
    plain = re.sub(r"\s*\.{2,}\s*\d{0,3}$", "", plain)
    presenter = None
    marks = TitleMarkers("")
    # "Titel v. Navn (til godkendelse)", "Titel (B) v. Navn", "Titel v. Navn (Åben)" ...
    for _ in range(3):
        ask = _TITLE_ASK_RE.search(plain)
        if ask:
            recommendation = recommendation or ask.group(1)[0].upper() + ask.group(1)[1:]
            marks.item_type = marks.item_type or ITEM_TYPE_LABELS.get(ask.group(1).lower())
            plain = plain[: ask.start()]
        match = _PRESENTER_RE.search(plain)
        if match and presenter is None:
            presenter = match.group("name").strip().rstrip(",.")
            plain = plain[: match.start()]
        found = split_markers(plain)
        marks.item_type = marks.item_type or found.item_type
        marks.access = marks.access or found.access
        marks.case_number = marks.case_number or found.case_number
        plain = found.title
    # "1. Titel • 2. Titel": the bullet before the next entry of a flattened list
    title = plain.strip().rstrip(":").rstrip(" \t•·▪◦").strip()
    title = re.sub(r"\s+", " ", title)
    if title.endswith(".") and not re.search(r"\b(?:bl|m\.fl|mv|osv|inkl)\.$", title):
        title = title[:-1].rstrip()
    marks.title = title
    return title, presenter, recommendation, marks


def _continues_title(head_line: str, nxt: str, wrap: int | None) -> bool:
    """Is ``nxt`` the second line of a title broken over two lines?"""
    if not nxt or nxt.startswith(("- ", "./.")):
        return False
    if head_line.count("**") % 2 == 1 and "**" in nxt:
        return True  # "**9. Titel over" + "to linjer** v. Navn"
    if len(nxt) > 90 or _FILE_NAME_RE.search(nxt):
        return False  # "budget_2027_bilag.pdf": an attachment's file name, not a title
    plain_next = _plain(nxt)
    if not plain_next or is_section_heading(nxt) or _case_number(nxt):
        return False
    if _leading_number_line(nxt) or _CASE_HEADING_RE.match(plain_next):
        return False
    if REC_START_RE.match(plain_next) or nxt.startswith("*"):
        return False
    head_plain = _plain(head_line)
    if head_plain.endswith((".", ":")):
        return False
    if head_line.count("**") % 2 == 1:
        return True  # "**3. Titel over" + "to linjer**"
    if plain_next.endswith(".") and len(plain_next.split()) > 6:
        return False
    if plain_next.lower().strip(" .!") in SHORT_VERDICTS:
        return False  # "1. Titel" + "ok": the decision, not the title's second line
    if plain_next[0].islower() or re.match(r"^\d{4}(?:/\d{2,4})?\b", plain_next):
        return True
    last = head_plain.rsplit(None, 1)[-1].lower() if head_plain.strip() else ""
    if last in TITLE_OPEN_ENDINGS and len(plain_next) <= 80 and not plain_next.endswith(":"):
        return True  # "... renovering af" + "Nordskolens tag": the title has not ended
    return bool(wrap and len(head_line) >= 0.8 * wrap and len(plain_next) < 50)


MAX_TITLE_LINES = 4
_PAGE_NUMBER_END_RE = re.compile(r"(?<=[a-zæøå])[ \t]+\d{1,3}[ \t]*$")
_FILE_NAME_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?)\b|\w_\w", re.I)
# "... igangsætning af 2." + "fase, ...": a line that ends in an ordinal has not ended.
_ORDINAL_END_RE = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _full_stop_list(chain: list[_Candidate], stops: list[int], lines: list[str]) -> bool:
    """Is the chain a list whose entries end with a full stop ("1. Titel.", blank, "2. ...")?

    Judged on the entries that fit on one line: most of them must end with "." and
    stand alone between blank lines. In such a list an entry that does not end with a
    full stop on its first line goes on until the line that does.
    """
    if len(chain) < 3:
        return False
    single = [
        _plain(lines[cand.line]).rstrip()
        for cand, stop in zip(chain, stops, strict=True)
        if not any(lines[k].strip() for k in range(cand.line + 1, stop))
    ]
    ended = sum(1 for text in single if text.endswith(".") and not _ORDINAL_END_RE.search(text))
    return ended >= 2 and ended * 3 >= 2 * len(single)


def _title_paragraph(lines: list[str], start: int, stop: int) -> list[str]:
    """The rest of a list entry that wraps: the lines below its heading up to the full stop.

    Only when the entry is a paragraph of its own (blank lines alone up to the next
    heading) and its first line has not ended; [] otherwise.
    """
    if _plain(lines[start]).rstrip().endswith(".") and not _ORDINAL_END_RE.search(
        _plain(lines[start]).rstrip()
    ):
        return []
    out: list[str] = []
    k = start + 1
    while k < stop and lines[k].strip():
        plain = _plain(lines[k]).strip()
        if (
            len(out) >= MAX_TITLE_LINES - 1
            or len(plain) > 100
            or is_section_heading(lines[k])
            or _case_number(plain)
            or _leading_number_line(lines[k])
            or REC_START_RE.match(plain)
        ):
            return []
        out.append(plain)
        k += 1
    if any(lines[m].strip() for m in range(k, stop)):
        return []  # the item has a text below: not a list entry
    if not out or not out[-1].endswith((".", "?")):
        return []
    if out[0].lower().startswith(VERDICT_STARTS):
        return []  # "2. Regnskab 2026" + "Godkendt.": the decision, not the title
    return out


def _headings_from_chain(
    chain: list[_Candidate], lines: list[str], wrap: int | None
) -> list[_Heading]:
    headings: list[_Heading] = []
    stops = [c.line for c in chain[1:]] + [len(lines)] if chain else []
    full_stop_list = _full_stop_list(chain, stops, lines)
    for cand, stop in zip(chain, stops, strict=True):
        heading = _Heading(cand.line, cand.raw_number, "", cand.rest, tail=cand.tail)
        extra = _title_paragraph(lines, cand.line, stop) if full_stop_list else []
        if not extra:
            j = cand.line + 1
            # A title wraps over up to four lines; each line must continue the one above.
            while (
                j < stop
                and j - cand.line <= MAX_TITLE_LINES - 1
                and _continues_title(lines[j - 1], lines[j], wrap)
            ):
                extra.append(lines[j].strip())
                j += 1
        if extra:
            heading.rest = " ".join([cand.rest.rstrip(), *extra])
            heading.title_lines = 1 + len(extra)
        if full_stop_list:
            # In a list whose entries end with a full stop, "... udlejningskriterier 14"
            # ends with a page number (or a count of pages), not with the title's last word.
            heading.rest = _PAGE_NUMBER_END_RE.sub("", heading.rest)
        heading.end = stop
        headings.append(heading)
    for i, heading in enumerate(headings[:-1]):
        nxt = headings[i + 1]
        if nxt.number and heading.number and nxt.number.startswith(heading.number + "."):
            heading.children = True
    return headings


# Where the title of a flattened line ends: a case-number key, or a presenter.
_TITLE_STOP_RE = re.compile(
    r"[ \t](?:(?:Dok|Dokument|Sags?|J)\.?[ \t]?(?:nr|id|nummer)\.?[ \t]*:|Sag[ \t]+nr\.|"
    r"Sagsnr\.)"
)
# "v. Niels Erik Kjærgaard og Lars Vilbrad" then the text ("Orientering om ...").
_PRESENTER_RUN_RE = re.compile(
    r"[ \t]v[./][ \t]*(?:[A-ZÆØÅ][\w.'-]*(?:[ \t]+|$)|(?:og|af|van|von|de)[ \t]+){1,10}"
)
_FUNCTION_WORDS = frozenset(
    [
        "i",
        "af",
        "til",
        "om",
        "for",
        "med",
        "på",
        "fra",
        "og",
        "eller",
        "samt",
        "ved",
        "den",
        "det",
        "de",
        "en",
        "et",
        "vedr.",
        "jf.",
        "under",
        "over",
        "mellem",
    ]
)
LONG_TITLE = 100


def cut_long_title(rest: str) -> tuple[str, str]:
    """A heading line that runs on into the item's text -> (title, the text after it).

    Flattened PDF text puts the title and the first sentence on one line:
    '1. Godkendelse af dagsorden Dagsordenen blev godkendt ...'. The title ends
    before a case-number key or a presenter, else where a capitalised word follows
    a lower-case content word (a new sentence starts); short lines stay whole.
    """
    if len(rest) <= LONG_TITLE or "*" in rest[:LONG_TITLE]:
        return rest, ""  # markup: the title-line recommendation is read by split_heading
    stop = _TITLE_STOP_RE.search(rest)
    if stop and stop.start() > 3:
        return rest[: stop.start()].strip(), rest[stop.start() :].strip()
    run = _PRESENTER_RUN_RE.search(rest)
    if run and run.start() > 3 and len(rest) - run.end() > 30:
        names = rest[run.start() : run.end()].split()
        end = run.end()
        if rest[end : end + 1].islower() and len(names) > 2:
            # The last capitalised word starts the item's text ("Orientering om ...").
            end = run.start() + rest[run.start() : run.end()].rstrip().rfind(" ")
        return rest[:end].strip(), rest[end:].strip()
    if not re.search(r"[a-zæøå)]\.(?:\s|$)", rest[:600]):
        return rest, ""  # no sentence follows: a long title, not a title and its text
    words = list(re.finditer(r"\S+", rest[:400]))
    for prev, word in itertools.pairwise(words):
        first = word.group()[0]
        before = prev.group()
        if (
            first.isupper()
            and before[:1].islower()
            and before.lower() not in _FUNCTION_WORDS
            and before[-1:].isalpha()
            and prev.start() > 3
        ):
            return rest[: word.start()].strip(), rest[word.start() :].strip()
    return rest, ""


def _looks_like_title(text: str) -> bool:
    """A heading's text: starts with a capital or digit, is no long sentence, no date."""
    text = text.strip()
    if not text or _DATE_START_RE.match(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not (text.endswith(".") and len(text.split()) > 8)


def _case_mode_headings(lines: list[str]) -> list[_Heading]:
    """Headings of council case pages and web agendas: 'Nr.103 - Titel', '• Pkt. 17 Titel'.

    The same number printed twice in a row ("• Pkt. 17 Titel", then "Pkt. 17" and
    the title on its own line) is one heading.
    """
    headings: list[_Heading] = []
    for idx, line in enumerate(lines):
        plain = _plain(line)
        found = number_line(plain)
        if found is None or not found.prefixed:
            continue
        if headings and headings[-1].number == found.num:
            continue
        rest = found.rest
        if not rest:
            # "Pkt. 17" / "Sag nr. 130" alone: the title is the line below, or the one above.
            title_idx = _title_next_to(lines, idx)
            if title_idx is not None:
                rest = _plain(lines[title_idx]).strip()
                first, last = min(idx, title_idx), max(idx, title_idx)
                headings.append(_Heading(first, found.num, "", rest, title_lines=last - first + 1))
            continue
        if _looks_like_title(rest):
            if plain.lstrip().lower().startswith(("punkt", "pkt")) and "\t" in plain:
                continue
            heading = _Heading(idx, found.num, "", rest)
            j = idx + 1
            # "Nr. 7 BR 312/27. Lokalplan for" + "Havnefronten": the title wraps.
            while (
                j < len(lines)
                and j - idx < MAX_TITLE_LINES
                and _continues_title(lines[j - 1], lines[j], None)
            ):
                heading.rest = f"{heading.rest.rstrip()} {lines[j].strip()}"
                heading.title_lines += 1
                j += 1
            headings.append(heading)
    kept = _without_list_at_top(headings)
    missing = _listed_at_top(headings, kept) if kept is not headings else []
    headings = kept
    for i, heading in enumerate(headings):
        heading.end = headings[i + 1].line if i + 1 < len(headings) else len(lines)
    for listed in missing:
        # The list names it, the page stops before it: an item known by its title only.
        key = _parse_number(listed.number or "0")
        at = next(
            (i for i, h in enumerate(headings) if h.number and _parse_number(h.number) > key),
            len(headings),
        )
        line = headings[at].line if at < len(headings) else len(lines)
        known = _Heading(line, listed.number, "", listed.rest, end=line, listed_only=True)
        headings.insert(at, known)
    return headings


def _without_list_at_top(headings: list[_Heading]) -> list[_Heading]:
    """Drop a list of 'Pkt. 1 Titel' lines at the top when the numbering starts again below."""
    if not headings:
        return headings
    restart = next((i for i, h in enumerate(headings) if i and h.number == headings[0].number), 0)
    tight = all(headings[i + 1].line - headings[i].line <= 2 for i in range(restart - 1))
    return headings[restart:] if restart and tight else headings


def _listed_at_top(headings: list[_Heading], kept: list[_Heading]) -> list[_Heading]:
    """The entries of a dropped list at the top that no heading below prints (an excerpt)."""
    have = {h.number for h in kept}
    return [h for h in headings if h not in kept and h.number not in have]


def _agrees(heading: _Heading, toc: _Toc) -> bool:
    listed = toc.entries.get(heading.number or "")
    if not listed:
        return False
    a, b = _words(listed), _words(_split_title(heading.rest)[0])
    # "formandenReferat": the body glues the next word onto the title's last word
    glued = len(a) >= 2 and " ".join(b).startswith(" ".join(a))
    return bool(a) and (a[:4] == b[:4] or a == b or glued)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _title_next_to(lines: list[str], idx: int) -> int | None:
    """The title line just below (or else just above) a number printed alone."""
    for step in (1, -1):
        j = idx + step
        while 0 <= j < len(lines) and not lines[j]:
            j += step
        if 0 <= j < len(lines):
            plain = _plain(lines[j]).strip()
            if (
                _looks_like_title(plain)
                and len(plain) <= 160
                and number_line(plain) is None
                and not is_section_heading(plain)
                and not _case_number(plain)
            ):
                return j
    return None


def with_listed_items(headings: list[_Heading], toc: _Toc, lines: list[str]) -> list[_Heading]:
    """Add the items the list at the top names but the body never reaches (cut-off pages)."""
    have = {h.number for h in headings}
    # "2" when the list also holds "2.1": a group that holds items, not an item
    parents = {num.rsplit(".", 1)[0] for num in toc.entries if "." in num}
    missing = [
        num for num in toc.entries if num not in have and num not in parents and toc.entries[num]
    ]
    if not missing or not toc.listed:
        return headings
    if headings and not any(_agrees(h, toc) for h in headings):
        return headings  # the list and the body's headings do not match: not the agenda's list
    out = list(headings)
    for num in missing:
        key = _parse_number(num)
        at = next(
            (i for i, h in enumerate(out) if h.number and _parse_number(h.number) > key), len(out)
        )
        line = out[at].line if at < len(out) else len(lines)
        out.insert(at, _Heading(line, num, "", toc.entries[num], end=line, listed_only=True))
    return out


def unnumbered_headings(
    lines: list[str], settings: SegmentSettings = DEFAULT_SETTINGS
) -> list[_Heading]:
    """Items of a page that prints no numbers: a title line, then item structure.

    The item structure is the document's first section heading (``Indstilling``,
    ``Beslutningstema``, ``Resume``, ``Beslutning`` ...); each time that same heading
    opens again, a new item begins, and its title is the nearest title-like line
    above it (short, no full stop, not furniture, not a heading or a key line).
    """
    found_at: list[tuple[int, str]] = []
    for idx, line in enumerate(lines):
        if not line:
            continue
        found = is_section_heading(line)
        if found is None or found[1]:
            continue
        if is_meeting_header_line(_plain(line)) and _header_follows(lines, idx):
            continue  # the page's own label ("Referat" above the date), not an item's section
        found_at.append((idx, found[0].lower()))
    named = [name for _, name in found_at if section_role(name) != "other"]
    counts = Counter(named)
    first_name = named[0] if named else None
    most = max(counts.values(), default=0)
    if first_name and counts[first_name] == 1 and most >= 3:
        # A page label printed once above the items ("Referat") is not the item
        # structure; the heading that opens again and again is.
        first_name = next(name for name in named if counts[name] == most)
    starts = [idx for idx, name in found_at if name == first_name]
    headings: list[_Heading] = []
    floor = 0
    for start in starts:
        title_idx = _title_above(lines, start, floor, settings)
        if title_idx is None:
            continue
        headings.append(_Heading(title_idx, None, "", _plain(lines[title_idx]).strip()))
        floor = start + 1
    if len(starts) >= 2 and len(headings) <= 1:
        # The item structure repeats but most items show no title: a web page whose
        # headings sit in buttons the text lost. What looks like a title there is the
        # meeting's place or a print link, not an item.
        return []
    for i, heading in enumerate(headings):
        heading.end = headings[i + 1].line if i + 1 < len(headings) else len(lines)
    return headings


_CODE_LINE_RE = re.compile(r"^[A-ZÆØÅ]{2,5}$")  # committee codes in a table ("ØKE", "BYR")
_KEY_VALUE_RE = re.compile(r"^[\wæøåÆØÅ][\wæøåÆØÅ .-]{0,30}:(?:\s|$)")


def _title_above(lines: list[str], start: int, floor: int, settings: SegmentSettings) -> int | None:
    seen = 0
    for idx in range(start - 1, floor - 1, -1):
        plain = _plain(lines[idx]).strip()
        if not plain or _CODE_LINE_RE.match(plain):
            continue
        if is_meeting_header_line(plain):
            # The search reached the meeting's header ("Referat • 3. maj 2024 kl. 9.00",
            # "Mødested: ...", "Åben dagsorden"): the item's own title is not printed.
            return None
        if _KEY_VALUE_RE.match(plain):
            continue  # "Sagsbehandler: ...", "Øvrige sagsbehandlere: -"
        seen += 1
        if seen > settings.title_lookback:
            return None
        if _is_title_line(plain, settings) and not _ends_open(lines, idx):
            return idx
    return None


def _header_follows(lines: list[str], idx: int) -> bool:
    """Is the next printed line part of the meeting's header (its date and hour)?"""
    below = next((_plain(lines[k]).strip() for k in range(idx + 1, len(lines)) if lines[k]), "")
    return bool(below) and is_meeting_header_line(below)


def _ends_open(lines: list[str], idx: int) -> bool:
    """Is the line above a key whose value is this line ("Sagen afgøres i", "Indhold:")?"""
    above = next((_plain(lines[k]).strip() for k in range(idx - 1, -1, -1) if lines[k]), "")
    if above.lower().startswith(KEY_LINE_STARTS):
        return True
    # "Titel" / "Indhold:" / "Titel og mere": the line under the label is the item's text.
    label = above[:-1].strip().lower() if above.endswith(":") else ""
    return bool(label) and (label in PAGE_FURNITURE or is_section_heading(above) is not None)


def _is_title_line(plain: str, settings: SegmentSettings) -> bool:
    if len(plain) > settings.title_max_chars or not _looks_like_title(plain):
        return False
    if plain.endswith((".", ":", ",")) or plain.startswith("(") or plain.lower() in PAGE_FURNITURE:
        return False
    if is_section_heading(plain) or _KEY_RE.match(plain) or _case_number(plain):
        return False
    if plain.lower().startswith(KEY_LINE_STARTS):
        return False  # "Sagen afgøres i": a key whose value is on the next line
    if _ASKS_RE.search(plain):
        return False  # "Direktionen indstiller til udvalget, at": a recommendation opens
    return len(plain.split()) >= 2 or plain[:1].isupper()


_ASKS_RE = re.compile(r"\b(?:indstiller|foreslår|anbefaler)\b[^.]{0,80},?[ \t]+at$", re.I)
