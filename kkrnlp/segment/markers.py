"""Markers around a title that are data, not title: item type, access, case number.

``(B)``, ``(O)``, ``(D)``, ``(Åben)``, ``(Lukket punkt)``, ``- Åben sag``, a case
number in brackets (``(2015-0256657)``) or before the title (``BR 446/01.``).
Words that belong to the printed title stay (``Beslutning: Mødeplan``,
``Drøftelse - Takst ...``); they only also give the item type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kkrnlp.danish import ACCESS_WORDS, COMPETENCE_LETTERS, ITEM_TYPE_LABELS

# "(til godkendelse)" is read as the title's ask (a recommendation) by the headings module.
_TYPE_ALT = "|".join(
    sorted(
        (re.escape(k) for k in ITEM_TYPE_LABELS if not k.startswith("til ")), key=len, reverse=True
    )
)
# "(B)", "(O)", "(Beslutningssag)", "(Til orientering)" at the end of a title.
_TYPE_TAIL_RE = re.compile(rf"[ \t]*[(\[](?P<label>{_TYPE_ALT})[)\]][ \t]*$", re.I)
# "(C)" at the end: who decides, not what kind of item (see COMPETENCE_LETTERS).
_COMPETENCE_TAIL_RE = re.compile(rf"[ \t]+\((?:{'|'.join(COMPETENCE_LETTERS)})\)[ \t]*$")
# "- Beslutningssag" at the end.
_TYPE_DASH_RE = re.compile(
    r"[ \t]+[-–—][ \t]*(?P<label>beslutningssag|orienteringssag|drøftelsessag)[ \t]*$", re.I
)
# "(Åben)", "(Lukket punkt)", "- Åben sag", "- LUKKET", "Åbent punkt", "(For lukkede døre)",
# "(Lukket dagsordenspunkt)" at the end.
_ACCESS_RE = re.compile(
    r"[ \t]*(?:[(\[][ \t]*(?P<a>åben|åbent|lukket)"
    r"(?:[ \t]+(?:punkt|sag|møde|dagsordenspunkt))?[ \t]*[)\]]"
    r"|[ \t][-–—][ \t]*(?P<b>åben|åbent|lukket)(?:[ \t]+(?:punkt|sag|dagsordenspunkt))?"
    r"|[ \t](?P<c>åben|åbent|lukket)[ \t]+(?:punkt|sag|dagsordenspunkt)"
    r"|[(\[][ \t]*for[ \t]+(?P<d>åbne|lukkede)[ \t]+døre[ \t]*[)\]])[ \t]*$",
    re.I,
)
# A case number in brackets at the end: "(2015-0256657)", "(15/12508)"; the ")" may be cut.
# An attachment reference after the title ("Titel, Bilag 3") is not part of it.
# "Titel (bilag 1 og 2)" too.
# "Titel-bilag" and "Titel - bilag": a note that papers are attached.
_ATTACHMENT_TAIL_RE = re.compile(
    r"(?:,[ \t]*[Bb]ilag(?:[ \t]+\d{1,3}[a-z]?)?|\([ \t]*[Bb]ilag\b[^()]{0,30}\)"
    r"|(?<=\w)-[Bb]ilag|[ \t][-–][ \t]*[Bb]ilag(?:[ \t]+\d{1,3}[a-z]?)?"
    r"|[ \t]jf\.?[ \t]*[Bb]ilag(?:[ \t]+\d{1,3}[a-z]?)?"
    # "Titel, jf. UDV alm. del - bilag 46": a committee's own file reference before it
    r"|,?[ \t]jf\.[ \t]+[^(),;]{1,40}?[ \t][Bb]ilag[ \t]+\d{1,3}[a-z]?\.?)[ \t]*$"
)
# A case-number key and its number after the title: "Titel (Åben) Sagsnr: 27/1001".
_CASE_KEY_TAIL_RE = re.compile(
    r"(?<=\S)[ \t](?:Sags?[ \t]?(?:nr|id|nummer)\.?|J\.?[ \t]?nr\.?)[ \t]*:?[ \t]*"
    r"(?P<case>\d[\w./-]{0,30})[ \t]*$"
)
# A time slot "(14.00-15.00)" and a web page's anchor mark "#" after the title.
_SLOT_TAIL_RE = re.compile(
    r"(?:\((?:kl\.?[ \t]*)?\d{1,2}[.:]\d{2}[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2}\)"
    r"|(?<=[ \t])#+)[ \t]*$",
    re.I,
)
# The time a point is given, with its type letter: "(5 min.)", "(B 10 min.)", and a break
# announced after it: "(O 10 min.) Pause 10 min.".
_DURATION_TAIL_RE = re.compile(
    r"[ \t]*\((?:(?P<label>[BOD])[ \t]+)?\d{1,3}[ \t]*min\.?\)"
    r"(?:[ \t]*[Pp]ause[ \t]+\d{1,3}[ \t]*min\.?)?[ \t]*$"
)
_CASE_TAIL_RE = re.compile(r"[ \t]*\((?P<case>\d[\d./-]{3,30}\d)\)?[ \t]*$")
# An access marker before the title: "(Åben) Titel", "LUKKET – Titel", "Lukket punkt: Titel".
_ACCESS_HEAD_RE = re.compile(
    r"^(?:\((?P<p>(?i:åben|åbent|lukket))(?:[ \t]+(?i:punkt|sag))?\)[ \t:]*"
    r"|(?P<word>Åben|Åbent|Lukket|ÅBEN|ÅBENT|LUKKET)"
    r"(?:[ \t]+(?i:punkt|sag|dagsordenspunkt)[ \t]*:)?[ \t:–-]+(?!(?i:punkt|sag|møde)\b))"
    r"(?=[A-ZÆØÅ0-9])"
)
# A case number before the title: "BR 446/01. ", "ØU 12/2020 - ".
_CASE_HEAD_RE = re.compile(r"^(?P<case>[A-ZÆØÅ]{1,4}[ \t]?\d{1,4}/\d{2,4})\.?[ \t]*[-–:]?[ \t]+")
# The type a printed title prefix gives: "Beslutning: ...", "Drøftelse - ...", "Temadrøftelse om".
_TYPE_HEAD_RE = re.compile(
    r"^(?P<label>beslutning|orientering|drøftelse|temadrøftelse)"
    r"(?:[ \t]*[:–-]|[ \t]+(?:om|af|vedr\.?)\b)",
    re.I,
)


@dataclass
class TitleMarkers:
    title: str
    item_type: str | None = None
    access: str | None = None
    case_number: str | None = None


def split_markers(title: str) -> TitleMarkers:
    """Strip markers from a title and keep them as data.

    >>> m = split_markers("Godkendelse af dagsorden (B)")
    >>> (m.title, m.item_type)
    ('Godkendelse af dagsorden', 'beslutning')
    >>> m = split_markers("BR 490/05. Søskendegaranti (Lukket punkt)")
    >>> (m.title, m.access, m.case_number)
    ('Søskendegaranti', 'lukket', 'BR 490/05')
    """
    out = TitleMarkers(title.strip())
    for _ in range(4):  # markers come in any order: "Titel (B) (Åben)"
        text = out.title
        match = _TYPE_TAIL_RE.search(text) or _TYPE_DASH_RE.search(text)
        if match and match.start() > 0:
            out.item_type = out.item_type or ITEM_TYPE_LABELS[match.group("label").lower()]
            out.title = text[: match.start()].rstrip(" -–")
            continue
        match = _COMPETENCE_TAIL_RE.search(text)
        if match and match.start() > 0:
            out.title = text[: match.start()].rstrip(" -–")
            continue
        match = _ACCESS_RE.search(text)
        if match and match.start() > 0:
            word = next(w for w in match.group("a", "b", "c", "d") if w).lower()
            out.access = out.access or ACCESS_WORDS[word]
            out.title = text[: match.start()].rstrip(" -–")
            continue
        match = _DURATION_TAIL_RE.search(text)
        if match and match.start() > 0:
            label = match.group("label")
            out.item_type = out.item_type or (ITEM_TYPE_LABELS[label.lower()] if label else None)
            out.title = text[: match.start()].rstrip()
            continue
        # Both start at a literal (no leading whitespace run to rescan): linear search.
        match = _ATTACHMENT_TAIL_RE.search(text) or _SLOT_TAIL_RE.search(text)
        if match and text[: match.start()].strip():
            out.title = text[: match.start()].rstrip()
            continue
        match = _CASE_TAIL_RE.search(text) or _CASE_KEY_TAIL_RE.search(text)
        if match and match.start() > 0:
            out.case_number = out.case_number or match.group("case")
            out.title = text[: match.start()].rstrip()
            continue
        break
    match = _ACCESS_HEAD_RE.match(out.title)
    if match and match.end() < len(out.title):
        out.access = out.access or ACCESS_WORDS[(match.group("p") or match.group("word")).lower()]
        out.title = out.title[match.end() :]
    match = _CASE_HEAD_RE.match(out.title)
    if match and match.end() < len(out.title):
        out.case_number = out.case_number or match.group("case")
        out.title = out.title[match.end() :]
    if out.item_type is None:
        match = _TYPE_HEAD_RE.match(out.title)
        if match:
            out.item_type = ITEM_TYPE_LABELS[match.group("label").lower()]
    return out


def type_from_line(line: str, in_type_section: bool = False) -> str | None:
    """An item-type label standing alone on a line ('Beslutningssag', 'Orienteringspunkt').

    Plain words that are also section names ('Drøftelse', 'Orientering') count only
    under a 'Sagstype' heading.
    """
    word = line.strip().strip("()").rstrip(":").strip().lower()
    if len(word) < 4 or word not in ITEM_TYPE_LABELS:
        return None
    if in_type_section or word.endswith(("sag", "punkt")):
        return ITEM_TYPE_LABELS[word]
    return None


_ACCESS_LINE_RE = re.compile(
    r"(?:^|[ \t])(?P<word>åben|åbent|lukket)(?:[ \t]+(?:punkt|sag|møde))?\.?[ \t]*$", re.I
)


def access_from_line(line: str) -> tuple[str, bool] | None:
    """``(access, whole_line)`` for 'Åbent punkt', '... Udvalget Åbent punkt', 'Lukket sag'.

    ``whole_line`` is True when the line holds nothing else (so it can be dropped).
    """
    if not line or len(line) > 160:
        return None
    match = _ACCESS_LINE_RE.search(line)
    if match is None:
        return None
    return ACCESS_WORDS[match.group("word").lower()], match.start() == 0
