"""The meeting header: body, date, time, place, participants, absentees, kind."""

from __future__ import annotations

import re
from datetime import date

from kkrnlp.danish import WEEKDAY_NAMES
from kkrnlp.schema import AgendaItem
from kkrnlp.segment.patterns import (
    _BODY_NAMES,
    _BODY_RES,
    _COLON_TIME_RE,
    _DOT_TIME_RE,
    _ISO_DATE_RE,
    _KEY_RE,
    _KL_HOUR_RE,
    _KL_TIME_RE,
    _MONTH_ALT,
    _NETWORK_RE,
    _NUMERIC_DATE_RE,
    _REGION_ADJECTIVES,
    _TEXT_DATE_RE,
    MONTHS,
    _plain,
    is_section_heading,
)


def _to_iso(day: int, month: int, year: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_MONTH_FIRST_RE = re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}}),\s*(\d{{4}})\b", re.I)


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
    for match in _MONTH_FIRST_RE.finditer(text):  # "Marts 6, 2025" (web systems in English order)
        iso = _to_iso(
            int(match.group(2)), MONTHS[match.group(1).lower().rstrip(".")], int(match.group(3))
        )
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
        network = _NETWORK_RE.search(text)
        if network:
            name = network.group(1) or network.group(2)
            region = _REGION_ADJECTIVES.get(name.lower()) or _BODY_NAMES[name.lower()]
            return f"KD-Net {region}"
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


_COMMITTEE_WORD_RE = re.compile(
    r"(?:udvalg(?:et)?|råd(?:et)?|bestyrelse(?:n)?|forum|netværk(?:et)?|repræsentationen)\b", re.I
)
_MEETING_LEAD_RE = re.compile(
    r"^(?:(?:åbent\s+)?(?:referat|dagsorden|protokol)\.?(?:\s+(?:af|fra|til|for))?\s+(?:møde[t]?\s+)?"
    r"(?:i\s+)?|møde\s+i\s+|udvalg(?:/råd)?\s*:\s*)",
    re.I,
)


def committee_in_header(lines: list[str]) -> str | None:
    """The meeting's committee or council named in the header, when no known body is.

    'Økonomiudvalget – Referat – 1. oktober 2018' -> 'Økonomiudvalget';
    'Referat af møde i Klima- og Planudvalget' -> 'Klima- og Planudvalget';
    'Udvalg: Udvalget for teknik og miljø' -> 'Udvalget for teknik og miljø';
    'Økonomiudvalgets møde den 3. maj 2026' -> 'Økonomiudvalget'.
    """
    seen = 0
    for line in lines:
        plain = _plain(line).strip()
        if not plain:
            continue
        seen += 1
        if seen > 15:
            break
        if re.match(r"^[A-H][.):]\s", plain):
            continue  # "A. Sager til afgørelse i byrådet" is a group heading
        for part in re.split(r"\s+[-–|]\s+", plain[:200]):
            part = _MEETING_LEAD_RE.sub("", part.strip()).strip(" :")
            part = re.sub(r"\s+(?:den\s+)?\d{1,2}[-./ ].*$", "", part)
            part = re.sub(r"\s+\d{4}(?:-\d{4})?(?:s\s+møde)?$", "", part).strip(" ,-")
            # "Økonomiudvalgets møde den 3. maj": the committee in the genitive
            part = re.sub(r"(udvalget|rådet)s\s+møde$", r"\1", part, flags=re.I)
            words = part.split()
            if (
                3 <= len(part) <= 80
                and part[:1].isupper()
                and words
                and (_COMMITTEE_WORD_RE.search(words[0]) or _COMMITTEE_WORD_RE.search(words[-1]))
                and part.lower() not in ("udvalg", "udvalg/råd")
                and not part.endswith(".")
                and not _KEY_RE.match(part)
            ):
                return part
    return None


def _split_people(value: str) -> list[str]:
    value = value.strip().rstrip(".")
    if not value:
        return []
    if _is_sentence(value):
        return [value]  # "Alle medlemmer deltog, dog ikke Vest." stays one entry
    parts = _PEOPLE_SPLIT_RE.split(value)
    return [p.strip(" -") for p in parts if p.strip(" -")]


# Split a list of people at ";", " og " and ", " before a name; never before the
# organisation of the person just named ("Lasse Holm, Viborg Kommune").
_PEOPLE_SPLIT_RE = re.compile(
    r";|\s+og\s+(?=[A-ZÆØÅ])"
    r"|,\s*(?=[A-ZÆØÅ][\wæøå.-]+\s+[A-ZÆØÅ])"
    r"(?![A-ZÆØÅ][\wæøå.-]+\s+(?:Kommune|Region|Kommunes)\b)"
)
_LITTLE_WORDS = frozenset(
    [
        "og",
        "af",
        "for",
        "fra",
        "i",
        "til",
        "på",
        "van",
        "von",
        "de",
        "der",
        "den",
        "det",
        "med",
        "ved",
    ]
)


def _is_sentence(value: str) -> bool:
    """Participants written as a sentence: several lower-case content words."""
    words = re.findall(r"[^\W\d_]+", value)
    lower = [w for w in words if w[0].islower() and w not in _LITTLE_WORDS]
    return len(words) >= 5 and len(lower) >= 2


def _place_from(value: str) -> str | None:
    """The place part of 'Tid og sted: Fredag 5. marts 2021 kl. 9-12, Teams'."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    online = [p for p in parts if re.search(r"\b(?:teams|skype|zoom|virtuel\w*|online)\b", p, re.I)]
    if online:
        return ", ".join(online)
    rest = [p for p in parts if not find_date(p) and not re.search(r"\bkl\b|\d[:.]\d\d", p)]
    return ", ".join(rest).rstrip(".") or None


_VALUE_BELOW = frozenset(
    {"dato", "mødedato", "tidspunkt", "starttidspunkt", "sted", "mødested", "lokale", "tid"}
)


# Keys in the middle of a flattened header line: "... Tid og sted: ... Deltagere: ... Afbud: ...".
_INLINE_KEY_RE = re.compile(r"\b(tid og sted|mødested|deltagere|afbud|fraværende)\s*:\s*", re.I)
_INLINE_END_RE = re.compile(r"\s+side\s+\d{1,3}\s+af\s+\d{1,3}\s*$", re.I)


_SENTENCE_END_RE = re.compile(r"(?<=[a-zæøå])\.\s+(?=[A-ZÆØÅ])")


def _inline_keys(text: str) -> dict[str, str]:
    """Key -> value for keys printed inside a long line (flattened PDF text)."""
    found = list(_INLINE_KEY_RE.finditer(text))
    out: dict[str, str] = {}
    for i, match in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = _INLINE_END_RE.sub("", text[match.end() : stop]).strip()
        end = _SENTENCE_END_RE.search(value)  # the text after the header starts after a full stop
        out.setdefault(match.group(1).lower(), value[: end.start() if end else 400].strip(" ."))
    return out


def _fill_from_inline(info: dict, lines: list[str]) -> None:
    """Fill what a flattened header prints inline, when the line-by-line reading found nothing."""
    for line in lines:
        plain = _plain(line)
        if len(plain) < 200:
            continue
        keys = _inline_keys(plain)
        when = keys.get("tid og sted")
        if when:
            info["date"] = info["date"] or find_date(when)
            info["time"] = info["time"] or find_time(when)
            info["place"] = info["place"] or _place_from(when)
        place = keys.get("mødested")
        if place and not info["place"]:
            info["place"] = place.split(". ")[0].strip()
        if keys.get("deltagere") and not info["participants"]:
            info["participants"] = _split_people(keys["deltagere"])
        for key in ("afbud", "fraværende"):
            if keys.get(key) and not info["absentees"]:
                info["absentees"] = _split_people(keys[key])


def _parse_header(lines: list[str]) -> dict:
    info: dict = {"participants": [], "absentees": [], "date": None, "time": None, "place": None}
    listing: str | None = None
    waiting: str | None = None  # "STED" on one line, its value on the next
    for line in lines:
        plain = _plain(line).strip()
        if not plain:
            listing = None if listing and info[listing] else listing
            continue
        match = _KEY_RE.match(plain)
        if match is None and waiting:
            match, plain = _KEY_RE.match(f"{waiting}: {plain}"), f"{waiting}: {plain}"
        waiting = None
        if match:
            key = match.group("key").lower()
            value = (match.group("value") or "").strip()
            listing = None
            if not value and key in _VALUE_BELOW:
                waiting = key
                continue
            if key in ("tid og sted", "sted og tid"):
                info["date"] = info["date"] or find_date(value)
                info["time"] = info["time"] or find_time(value)
                info["place"] = info["place"] or _place_from(value)
            elif key in ("dato", "mødedato", "tidspunkt", "tid", "start", "mødetidspunkt",
                         "starttidspunkt"):  # fmt: skip
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
    _fill_from_inline(info, lines)
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


def _date_from_items(items: list[AgendaItem], case_mode: bool) -> str | None:
    """Fallback: 'dagsorden for møde ... den 8. februar 2023' or the last decision date."""
    for item in items[:3]:
        match = re.search(r"dagsorden(?:en)? for møde.{0,80}?den (.{6,25})", item.text, re.I)
        if match:
            found = find_date(match.group(1))
            if found:
                return found
    # The date the deciding body met: "Beslutning i Udvalget ... den 14-10-2016",
    # "Udvalget, 17-04-2015, pkt. 17", or a "Dato:" line inside a single case.
    dates = [
        find_date(sec.heading)
        for item in items
        for sec in item.sections
        if sec.role == "decision" or sec.heading.lower().startswith("beslutning")
    ]
    dates = [d for d in dates if d]
    if dates:
        return max(dates) if case_mode else max(set(dates), key=dates.count)
    if len(items) == 1:
        match = re.search(r"^(?:dato|mødedato)\s*:\s*(.{6,40})$", items[0].text, re.I | re.M)
        if match:
            return find_date(match.group(1))
    return None


_WEEKDAY_DATE_RE = re.compile(
    rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b[ ,]*(?:den\s+)?(\d{{1,2}}[-./]\d{{1,2}}[-./]\d{{2,4}}"
    rf"|\d{{1,2}}\.?\s*(?:{_MONTH_ALT})\.?\s+\d{{4}})",
    re.I,
)


def weekday_date(text: str) -> str | None:
    """A date printed after a weekday ('Tirsdag den 17-09-2019'): the meeting's own date."""
    match = _WEEKDAY_DATE_RE.search(text)
    return find_date(match.group(1)) if match else None
