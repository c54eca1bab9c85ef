"""Cleaned agenda text -> Meeting with AgendaItems.

The hard part of an agenda is telling item headings ("3.4. Økonomimodel ...")
from everything else that starts with a number: numbered lists inside an item,
timelines ("2. februar ..."), years at the start of a wrapped line, and the
table of contents. No single rule separates them, so every numbered line becomes
a *candidate* with a score from local evidence (followed by a case number or a
section heading, bold, listed in the table of contents, not a sentence), and the
item headings are the highest-scoring chain of candidates whose numbers follow
each other as an agenda's do (3.2 -> 3.3 -> 4 -> 4.1). A numbered list inside
item 3.2 ("1. ...", "2. ...") cannot continue that chain, and one that could
("4. ...", "5. ...") loses to the real items that follow it.

Council cases on the web ("Nr.103 - Titel") are recognised by their own
heading form; numbered lines inside them are never items.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from kkrnlp.danish import MONTH_NUMBERS
from kkrnlp.errors import InputError
from kkrnlp.ingest.clean import CleanText, reflow, strip_markup
from kkrnlp.schema import AgendaItem, Meeting, Section

MONTHS = MONTH_NUMBERS
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_HEADING_RE = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,2}){0,3})(?P<dot>\.?)(?:\s+|\t)(?P<rest>\S.*)$"
)
_CASE_HEADING_RE = re.compile(
    r"^(?:(?:sag\s+)?nr\.?|punkt|pkt\.?)\s*(?P<num>\d{1,4})\s*(?:[-–—:.)]|\s)\s*(?P<rest>\S.*)$",
    re.I,
)
_DATE_START_RE = re.compile(rf"^(?:{_MONTH_ALT})\b\.?", re.I)
_TOC_PAGE_RE = re.compile(r"(?:\s*\.{2,}\s*|\t\s*|\s{2,})(\d{1,3})$")
_WEAK_PAGE_RE = re.compile(r"(?<=\S)\s(\d{1,3})$")
_LEADER_RE = re.compile(r"\s*\.{2,}\s*$")
_CASE_NUMBER_RES = [
    re.compile(r"\b(SAG-\d{4}-\d{3,7})\b"),
    re.compile(r"\bSags?\s?nr\.?\s*:?\s*(\d[\w./-]*\d|\d)", re.I),
    re.compile(r"\bJ(?:ournal)?\.?\s?nr\.?\s*:?\s*(\d[\w./-]*\d)", re.I),
]
_PRESENTER_RE = re.compile(
    r"\s*[(,]?\s*\bv(?:\.|/)\s*(?P<name>[A-ZÆØÅ][\w.'-]*(?:\s+(?:[A-ZÆØÅ][\w.'-]*|af|van|de|von))"
    r"{0,4}(?:,\s*[\wÆØÅæøå .-]{2,40})?)\s*\)?\s*$"
)
_TITLE_ASK_RE = re.compile(
    r"\s*(?:[-–—:]\s*|\(\s*)(til\s+(?:godkendelse|orientering|drøftelse|beslutning|efterretning))"
    r"\s*\)?\s*$",
    re.I,
)
_REC_START_RE = re.compile(
    r"^(?:det\s+indstilles|indstilling(?:en)?\s*:|at\s+følgende\s+besluttes|"
    r"forvaltningen\s+indstiller|administrationen\s+indstiller|sekretariatet\s+indstiller)",
    re.I,
)

# Section headings as printed on a line of their own (case-insensitive, colon optional).
SECTION_NAMES = {
    "baggrund", "resumé", "resume", "sagsfremstilling", "sagsfremstilling og økonomi",
    "sagsbeskrivelse", "sagens indhold", "indstilling", "indstillinger",
    "administrativ indstilling", "forslag", "beslutning", "beslutninger", "beslutningstema",
    "økonomi", "økonomiske konsekvenser", "bevilling", "bevillingsmæssige konsekvenser",
    "retsgrundlag", "lovgrundlag", "kompetence", "bilag", "vedlagte bilag", "bilagsliste",
    "høring", "kommunikation", "tidsplan", "videre proces", "proces", "referat",
    "konklusion", "formål", "problemstilling", "vurdering", "sagsfremstilling og vurdering",
    "indledning", "til orientering", "orientering", "opfølgning", "supplerende oplysninger",
    "bemærkninger", "protokol", "protokollat", "afgørelse", "sagen", "fremtidig proces",
}  # fmt: skip
# "Beslutning i Økonomiudvalget den 15-06-2015", "Beslutning (KKR)", "Indstilling fra KD-Net".
_NAMED_SECTION_RE = re.compile(
    r"^(?:beslutning\s+(?:i|på|fra|ved)\s+\S.{2,100}|beslutning\s+\(.{1,60}\)"
    r"|indstilling\s+fra\s+\S.{2,60})$",
    re.I,
)
_BODY_RES = [
    re.compile(r"\bKKR\)?[\s-]+(Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b", re.I),
    re.compile(r"\bKD[\s-]?Net[\s-]+([A-ZÆØÅ][\wæøå]+)", re.I),
    re.compile(r"\bKommunekontaktråd(?:et)?\s+([A-ZÆØÅ][\wæøå]+)"),
    re.compile(r"\b(K\d{2})\b"),
    re.compile(r"\b([A-ZÆØÅ][\wæøå-]+ (?:Byråd|Kommunalbestyrelse|Regionsråd))\b"),
    re.compile(r"\b((?:Byrådet|Kommunalbestyrelsen) i [A-ZÆØÅ][\wæøå-]+)"),
]
_BODY_NAMES = {
    "hovedstaden": "Hovedstaden", "sjælland": "Sjælland", "syddanmark": "Syddanmark",
    "midtjylland": "Midtjylland", "nordjylland": "Nordjylland",
}  # fmt: skip
_COUNCIL_RE = re.compile(
    r"\b(Byrådet|Kommunalbestyrelsen|Borgerrepræsentationen|Regionsrådet|Økonomiudvalget)\b"
)
_MUNICIPALITY_RE = re.compile(r"\b([A-ZÆØÅ][\wæøå-]+) [Kk]ommune\b")
_KEY_RE = re.compile(
    r"^(?P<key>dato|mødedato|tidspunkt|tid|sted|mødested|lokale|adresse|deltagere|til stede|"
    r"fremmødte|afbud|fraværende|fravær|ikke til stede|mødeleder|referent|"
    r"start|slut|mødetidspunkt)(?:\s*[:\t]\s*(?P<value>.*))?$",
    re.I,
)
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b")
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TEXT_DATE_RE = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.I)
_KL_TIME_RE = re.compile(r"\bkl\.?\s*([01]?\d|2[0-3])[:.]([0-5]\d)\b")
_COLON_TIME_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
# "10.00" but not the "19.04" of a date "19.04.2021".
_DOT_TIME_RE = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)\b(?![.\-/]\d)")
_KL_HOUR_RE = re.compile(r"\bkl\.?\s*([01]?\d|2[0-3])\b(?![:.]\d)")


@dataclass
class _Candidate:
    line: int
    number: tuple[int, ...]
    raw_number: str
    rest: str  # the heading text after the number, markup kept
    score: float = 0.0


@dataclass
class _Heading:
    line: int
    number: str
    title: str
    rest: str
    end: int = 0  # index of the first line after this heading's content
    children: bool = False
    title_lines: int = 1


@dataclass
class _Toc:
    entries: dict[str, str] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)


def _parse_number(raw: str) -> tuple[int, ...]:
    return tuple(int(p) for p in raw.split(".") if p)


def _plain(line: str) -> str:
    return strip_markup(line)


def _leading_number_line(line: str) -> re.Match | None:
    """Match '3.4. Titel' also when the number sits inside bold markers."""
    text = line.lstrip("*_# ").replace("\\.", ".")
    # "**1.** **Titel**" and "**1.**\tTitel": the number in a bold run of its own.
    text = re.sub(r"^(\d{1,3}(?:\.\d{1,2}){0,3}\.?)(?:\*\*|__)[ \t]*(?:\*\*|__)?", r"\1 ", text)
    return _HEADING_RE.match(text)


def is_section_heading(line: str) -> tuple[str, str] | None:
    """``(heading, rest-of-line)`` if ``line`` opens a section, else None.

    Three forms: a heading alone ("Indstilling"), a heading with its text after a
    colon ("Beslutning: Godkendt."), and a decision or recommendation by a named
    body ("Beslutning i Byrådet den 22-06-2015", "Indstilling fra direktionen:").
    """
    plain = _plain(line).strip()
    if not plain:
        return None
    head, colon, rest = plain.partition(":")
    head, rest = head.strip(), rest.strip()
    if head.lower() in SECTION_NAMES and (colon or not rest):
        return head, rest
    match = _NAMED_SECTION_RE.match(head)
    if match and (len(plain) < 110 or rest):
        return head, rest
    return None


def _case_number(line: str) -> str | None:
    for rx in _CASE_NUMBER_RES:
        match = rx.search(line)
        if match:
            return match.group(1)
    return None


# --------------------------------------------------------------------------- TOC


def _find_toc(lines: list[str]) -> _Toc:
    """Table-of-contents entries: runs of numbered lines with page numbers or table cells.

    A page number after dot leaders or a tab is certain; a bare trailing number
    ("1.1. Godkendelse af referat 3", leaders lost in PDF text) counts only in a
    run whose page numbers never decrease. A title wrapped onto a second line
    that carries the page number is joined.
    """
    toc = _Toc()
    run: list[tuple[list[int], str, str, int | None]] = []

    seen_section = False

    def flush() -> None:
        weak_pages = [page for *_, page in run if page is not None]
        ordered = all(a <= b for a, b in itertools.pairwise(weak_pages))
        # A list with trailing numbers inside an item is no TOC: bare page numbers
        # count only before the first section heading of the document.
        if len(run) >= 3 and ordered and not (weak_pages and seen_section):
            for idxs, num, title, _ in run:
                toc.entries.setdefault(num, title)
                toc.lines.update(idxs)
        run.clear()

    blank_gap = 0
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        if not line:
            blank_gap += 1
            if blank_gap > 2:
                flush()
            idx += 1
            continue
        blank_gap = 0
        plain = _plain(line)
        if re.match(r"^(punkt|pkt\.?|nr\.?)\t", plain, re.I):
            idx += 1
            continue  # the header row of a "Punkt / Indhold / Bilag" table
        match = _leading_number_line(plain)
        if match is None:
            flush()
            seen_section = seen_section or is_section_heading(line) is not None
            idx += 1
            continue
        rest, idxs = match.group("rest"), [idx]
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        if (
            "\t" not in rest
            and not _TOC_PAGE_RE.search(rest)
            and not _LEADER_RE.search(rest)
            and nxt
            and _leading_number_line(_plain(nxt)) is None
            and (_TOC_PAGE_RE.search(nxt) or _LEADER_RE.search(nxt) or _WEAK_PAGE_RE.search(nxt))
            and not _WEAK_PAGE_RE.search(rest)
        ):
            rest, idxs = f"{rest} {_plain(nxt)}", [idx, idx + 1]
        num = match.group("num").rstrip(".")
        if "\t" in rest:
            run.append((idxs, num, _LEADER_RE.sub("", rest.split("\t")[0]).strip(" ."), None))
        elif _TOC_PAGE_RE.search(rest) or _LEADER_RE.search(rest):
            title = _LEADER_RE.sub("", _TOC_PAGE_RE.sub("", rest)).strip(" .")
            run.append((idxs, num, title, None))
        elif weak := _WEAK_PAGE_RE.search(rest):
            run.append((idxs, num, rest[: weak.start()].strip(" ."), int(weak.group(1))))
        else:
            flush()
        idx = idxs[-1] + 1
    flush()
    return toc


# ------------------------------------------------------------------ candidates


def _looks_like_structure(lines: list[str], start: int, stop: int) -> bool:
    """True if a case number, a section heading or a recommendation follows soon."""
    seen = 0
    for idx in range(start, min(stop, len(lines))):
        line = lines[idx]
        if not line:
            continue
        seen += 1
        if seen > 4:
            break
        if _case_number(line) or is_section_heading(line):
            return True
        if _REC_START_RE.match(_plain(line)) or line.lstrip().startswith("*Det indstilles"):
            return True
    return False


def _candidate_score(
    cand: _Candidate, lines: list[str], next_line: int, toc: _Toc, wrap: int | None
) -> float:
    rest = cand.rest
    plain = _plain(rest)
    score = 1.0
    line = lines[cand.line]
    if line.startswith("**") or "**" in rest[:3]:
        score += 1.0
    if "*det indstilles" in rest.lower():
        score += 2.0
    if _looks_like_structure(lines, cand.line + 1, next_line):
        score += 2.5
    if toc.entries:
        key = cand.raw_number
        if key in toc.entries:
            ratio = difflib.SequenceMatcher(
                None, toc.entries[key].lower()[:60], plain.lower()[:60]
            ).ratio()
            score += 2.5 if ratio > 0.6 else 0.5
        else:
            score -= 1.5
    words = plain.split()
    if plain.endswith(".") and len(words) > 7 and "det indstilles" not in plain.lower():
        score -= 1.5  # a full sentence, not a title
    if len(plain) > 160:
        score -= 1.0
    if wrap and len(plain) < 0.5 * wrap and plain.endswith(","):
        score -= 1.0
    return score


def _candidates(lines: list[str], toc: _Toc, wrap: int | None) -> list[_Candidate]:
    cands: list[_Candidate] = []
    for idx, line in enumerate(lines):
        if not line or idx in toc.lines or "\t" in line:
            continue
        match = _leading_number_line(line)
        if match is None:
            continue
        rest = match.group("rest").strip()
        plain_rest = _plain(rest)
        if not plain_rest or _DATE_START_RE.match(plain_rest):
            continue
        first = plain_rest[0]
        if first.islower() or first in "%,;:)/-–":
            continue
        if re.match(r"^(?:mio|mia|kr|pct|procent|timer|dage|uger|år)\b", plain_rest, re.I):
            continue
        if len(match.group("num").split(".")[0]) == 3 and match.group("dot") == "":
            continue  # "100 kommuner ..." is a quantity, not item 100
        number = _parse_number(match.group("num"))
        cands.append(_Candidate(idx, number, ".".join(map(str, number)), rest))
    for i, cand in enumerate(cands):
        next_line = cands[i + 1].line if i + 1 < len(cands) else len(lines)
        cand.score = _candidate_score(cand, lines, next_line, toc, wrap)
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.number == (*cand.number, 1) and _gap(lines, cand.line, nxt.line) <= 2:
            cand.score += 2.5  # a group heading: its first sub-item follows at once
    _penalize_list_runs(cands, lines)
    return cands


def _gap(lines: list[str], start: int, stop: int) -> int:
    """Non-blank lines strictly between two line indices."""
    return sum(1 for line in lines[start + 1 : stop] if line)


def _penalize_list_runs(cands: list[_Candidate], lines: list[str]) -> None:
    """Lines numbered 1., 2., 3. right under each other are a list, not items.

    Agenda items have content between them; a tight run that starts again at 1
    somewhere inside the document is an enumeration within an item.
    """
    i = 0
    while i < len(cands):
        j = i
        while (
            j + 1 < len(cands)
            and len(cands[j + 1].number) == len(cands[j].number)
            and cands[j + 1].number[:-1] == cands[j].number[:-1]
            and cands[j + 1].number[-1] == cands[j].number[-1] + 1
            and _gap(lines, cands[j].line, cands[j + 1].line) <= 1
        ):
            j += 1
        if j > i and cands[i].number[-1] == 1 and i > 0:
            for cand in cands[i : j + 1]:
                cand.score -= 2.0
        i = j + 1


def _transition(a: tuple[int, ...], b: tuple[int, ...]) -> float | None:
    """Penalty for heading ``b`` directly after ``a`` in an agenda, None if impossible."""
    if len(b) == len(a) + 1 and b[: len(a)] == a and b[-1] in (0, 1):
        return 0.0  # first child: 3 -> 3.1
    for p in range(min(len(a), len(b)) - 1, -1, -1):
        if b[:p] != a[:p]:
            continue
        step = b[p] - a[p]
        tail = b[p + 1 :]
        if step <= 0 or any(t != 1 for t in tail):
            continue
        penalty = 0.0 if step == 1 else 1.2 * (step - 1)
        if step > 3:
            continue
        return penalty + 0.3 * len(tail)  # 3.8 -> 4.1 with no "4." heading printed
    return None


def _start_penalty(number: tuple[int, ...], toc: _Toc) -> float:
    if toc.entries and ".".join(map(str, number)) == next(iter(toc.entries)):
        return 0.0
    if all(n in (0, 1) for n in number):
        return 0.0
    return 1.5 + 0.2 * number[0]


def _best_chain(cands: list[_Candidate], toc: _Toc) -> list[_Candidate]:
    """The highest-scoring sequence of candidates that numbers like an agenda."""
    n = len(cands)
    best = [float("-inf")] * n
    back = [-1] * n
    for i, cand in enumerate(cands):
        best[i] = cand.score - _start_penalty(cand.number, toc)
        for j in range(i):
            if best[j] == float("-inf"):
                continue
            pen = _transition(cands[j].number, cand.number)
            if pen is None:
                continue
            value = best[j] + cand.score - pen
            if value > best[i]:
                best[i], back[i] = value, j
    if not n:
        return []
    end = max(range(n), key=lambda i: best[i])
    if best[end] <= 0:
        return []
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    chain.reverse()
    # Drop weak candidates at the chain's tail that nothing supports (a list after the
    # last item) only if they score below zero on their own.
    return [c for c in chain if c.score > 0]


# ------------------------------------------------------------------- headings


def _split_title(rest: str) -> tuple[str, str | None, str | None]:
    """Heading text -> (title, presenter, title-line recommendation)."""
    recommendation = None
    text = rest
    # "**Titel** v. Navn *Det indstilles, at ...*": the italic tail is the recommendation.
    italic = re.search(r"(?<![*\w])[*_](?![*_])\s*(?P<rec>[^*_]{8,})[*_]?\s*$", text)
    if italic and _REC_START_RE.match(italic.group("rec").strip()):
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
    for _ in range(2):  # "Titel v. Navn (til godkendelse)" and "Titel (til godkendelse) v. Navn"
        ask = _TITLE_ASK_RE.search(plain)
        if ask:
            recommendation = recommendation or ask.group(1)[0].upper() + ask.group(1)[1:]
            plain = plain[: ask.start()]
        match = _PRESENTER_RE.search(plain)
        if match and presenter is None:
            presenter = match.group("name").strip().rstrip(",.")
            plain = plain[: match.start()]
    title = plain.strip().rstrip(":").strip()
    title = re.sub(r"\s+", " ", title)
    if title.endswith(".") and not re.search(r"\b(?:bl|m\.fl|mv|osv|inkl)\.$", title):
        title = title[:-1].rstrip()
    return title, presenter, recommendation


def _continues_title(head_line: str, nxt: str, wrap: int | None) -> bool:
    """Is ``nxt`` the second line of a title broken over two lines?"""
    if not nxt or nxt.startswith(("- ", "./.")):
        return False
    if head_line.count("**") % 2 == 1 and "**" in nxt:
        return True  # "**9. Titel over" + "to linjer** v. Navn"
    if len(nxt) > 90:
        return False
    plain_next = _plain(nxt)
    if not plain_next or is_section_heading(nxt) or _case_number(nxt):
        return False
    if _leading_number_line(nxt) or _CASE_HEADING_RE.match(plain_next):
        return False
    if _REC_START_RE.match(plain_next) or nxt.startswith("*"):
        return False
    head_plain = _plain(head_line)
    if head_plain.endswith((".", ":")):
        return False
    if head_line.count("**") % 2 == 1:
        return True  # "**3. Titel over" + "to linjer**"
    if plain_next.endswith(".") and len(plain_next.split()) > 6:
        return False
    if plain_next[0].islower() or re.match(r"^\d{4}(?:/\d{2,4})?\b", plain_next):
        return True
    return bool(wrap and len(head_line) >= 0.8 * wrap and len(plain_next) < 50)


def _headings_from_chain(
    chain: list[_Candidate], lines: list[str], wrap: int | None
) -> list[_Heading]:
    headings: list[_Heading] = []
    for i, cand in enumerate(chain):
        heading = _Heading(cand.line, cand.raw_number, "", cand.rest)
        stop = chain[i + 1].line if i + 1 < len(chain) else len(lines)
        j = cand.line + 1
        if j < stop and _continues_title(lines[cand.line], lines[j], wrap):
            heading.rest = f"{cand.rest.rstrip()} {lines[j].strip()}"
            heading.title_lines = 2
        heading.end = stop
        headings.append(heading)
    for i, heading in enumerate(headings[:-1]):
        nxt = headings[i + 1]
        if nxt.number.startswith(heading.number + "."):
            heading.children = True
    return headings


# ------------------------------------------------------------------- items


def _build_item(
    number: str,
    rest: str,
    body: list[str],
    group: _Heading | None,
    wrap: int | None,
) -> AgendaItem:
    title, presenter, title_rec = _split_title(rest)
    case_number = None
    sections: list[tuple[str, list[str]]] = []
    preamble: list[str] = []
    attachments: list[str] = []
    current: list[str] = preamble
    for line in body:
        if not line:
            current.append("")
            continue
        heading = is_section_heading(line)
        if heading:
            name, tail = heading
            sections.append((name, [tail] if tail else []))
            current = sections[-1][1]
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
        if pre_lines[0].lstrip().startswith("*") and _REC_START_RE.match(first):
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
        item_sections.append(Section(name, _section_text(sec_lines, wrap)))
        if name.lower() in ("bilag", "vedlagte bilag", "bilagsliste"):
            attachments.extend(_attachment_lines(sec_lines))
    for line in body:
        plain = _plain(line)
        if plain.startswith("./.") and len(plain) < 160:
            entry = plain[3:].strip(" -")
            if entry and entry not in attachments:
                attachments.append(entry)

    recommendation = title_rec or _pick_recommendation(item_sections)
    decision = _pick_decision(item_sections)
    heading_text = _plain(f"{number}. {title}")
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
    for _, text in by_name:
        for para in text.split("\n"):
            if _REC_START_RE.match(para):
                return para
    return None


def _pick_decision(sections: list[Section]) -> str | None:
    """The decision text; with several bodies deciding in turn, the last (final) one."""
    decisions = [
        sec.text
        for sec in sections
        if sec.text
        and sec.heading.lower().startswith(("beslutning", "afgørelse", "protokol"))
        and sec.heading.lower() != "beslutningstema"
    ]
    if not decisions:
        # Some minutes print what happened under "Referat" instead of "Beslutning".
        decisions = [s.text for s in sections if s.text and s.heading.lower() == "referat"]
    return decisions[-1] if decisions else None


# ------------------------------------------------------------------- meeting


def _to_iso(day: int, month: int, year: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """First date in ``text`` as ISO: '19-04-2021', '8. februar 2023', '2023-02-08'."""
    found: list[tuple[int, str]] = []
    for match in _ISO_DATE_RE.finditer(text):
        iso = _to_iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if iso:
            found.append((match.start(), iso))
    for match in _NUMERIC_DATE_RE.finditer(text):
        iso = _to_iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append((match.start(), iso))
    for match in _TEXT_DATE_RE.finditer(text):
        month = MONTHS[match.group(2).lower().rstrip(".")]
        iso = _to_iso(int(match.group(1)), month, int(match.group(3)))
        if iso:
            found.append((match.start(), iso))
    return min(found)[1] if found else None


def find_time(text: str) -> str | None:
    """Start time as HH:MM: 'kl. 9.30-13.00' -> '09:30', '10:00' -> '10:00'."""
    for rx in (_KL_TIME_RE, _COLON_TIME_RE, _DOT_TIME_RE):
        match = rx.search(text)
        if match:
            return f"{int(match.group(1)):02d}:{match.group(2)}"
    match = _KL_HOUR_RE.search(text)
    if match:
        return f"{int(match.group(1)):02d}:00"
    return None


def _find_body(texts: list[str]) -> str | None:
    for text in texts:
        for i, rx in enumerate(_BODY_RES):
            match = rx.search(text)
            if not match:
                continue
            name = match.group(1)
            if i == 0:
                return f"KKR {_BODY_NAMES[name.lower()]}"
            if i == 1:
                return f"KD-Net {name[0].upper()}{name[1:].lower()}"
            if i == 2:
                return f"KKR {name}"
            return name
    return None


def _split_people(value: str) -> list[str]:
    value = value.strip().rstrip(".")
    if not value:
        return []
    parts = re.split(r";|\s+og\s+(?=[A-ZÆØÅ])|,\s*(?=[A-ZÆØÅ][\wæøå.-]+\s+[A-ZÆØÅ])", value)
    return [p.strip(" -") for p in parts if p.strip(" -")]


def _parse_header(lines: list[str]) -> dict:
    info: dict = {"participants": [], "absentees": [], "date": None, "time": None, "place": None}
    listing: str | None = None
    for line in lines:
        plain = _plain(line).strip()
        if not plain:
            listing = None if listing and info[listing] else listing
            continue
        match = _KEY_RE.match(plain)
        if match:
            key = match.group("key").lower()
            value = (match.group("value") or "").strip()
            listing = None
            if key in ("dato", "mødedato", "tidspunkt", "tid", "start", "mødetidspunkt"):
                info["date"] = info["date"] or find_date(value)
                info["time"] = info["time"] or find_time(value)
            elif key in ("sted", "mødested", "lokale", "adresse"):
                info["place"] = info["place"] or value.strip() or None
            elif key in ("deltagere", "til stede", "fremmødte"):
                info["participants"].extend(_split_people(value))
                listing = "participants"
            elif key in ("afbud", "fraværende", "fravær", "ikke til stede"):
                info["absentees"].extend(_split_people(value))
                listing = "absentees"
            continue
        if listing:
            name = plain[2:] if plain.startswith("- ") else plain
            if len(name) < 120 and not is_section_heading(plain):
                info[listing].extend(
                    _split_people(name) if "," not in name or ";" in name else [name]
                )
                continue
            listing = None
    return info


def _detect_kind(header_text: str, items: list[AgendaItem], case_mode: bool) -> str:
    """dagsorden, referat or sag; decisions printed under most items make minutes."""
    if case_mode and len(items) == 1:
        return "sag"
    live = [item for item in items if not item.empty]
    decided = sum(1 for item in live if item.decision_text)
    if live and decided >= max(1, (len(live) + 1) // 2):
        return "referat"
    head = header_text.lower()
    if re.search(r"\breferat\b", head) and not re.search(r"godkendelse af referat", head):
        return "referat"
    return "dagsorden"


# ------------------------------------------------------------------- public


def _looks_like_title(text: str) -> bool:
    """A heading's text: starts with a capital or digit, is no long sentence, no date."""
    text = text.strip()
    if not text or _DATE_START_RE.match(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not (text.endswith(".") and len(text.split()) > 8)


def _case_mode_headings(lines: list[str]) -> list[_Heading]:
    headings = []
    for idx, line in enumerate(lines):
        plain = _plain(line)
        match = _CASE_HEADING_RE.match(plain)
        if match and _looks_like_title(match.group("rest")):
            if match.group(0).lower().startswith(("punkt", "pkt")) and "\t" in plain:
                continue
            headings.append(_Heading(idx, match.group("num"), "", match.group("rest")))
    for i, heading in enumerate(headings):
        heading.end = headings[i + 1].line if i + 1 < len(headings) else len(lines)
    return headings


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


def _date_from_items(items: list[AgendaItem], case_mode: bool) -> str | None:
    """Fallback: 'dagsorden for møde ... den 8. februar 2023' or the last decision date."""
    for item in items[:3]:
        match = re.search(r"dagsorden(?:en)? for møde.{0,80}?den (.{6,25})", item.text, re.I)
        if match:
            found = find_date(match.group(1))
            if found:
                return found
    if case_mode:
        dates = [
            find_date(sec.heading)
            for item in items
            for sec in item.sections
            if sec.heading.lower().startswith("beslutning")
        ]
        dates = [d for d in dates if d]
        if dates:
            return max(dates)
    return None
