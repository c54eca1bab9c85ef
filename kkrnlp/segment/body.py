"""The name of the body that meets, read from the meeting's header.

Two sources, tried in this order by the segmenter: a known body anywhere in the
header ("KKR Nordjylland", "Aalborg Byråd", the KD-Net of a region), else a line
of the header that names a committee or council. Web pages print that name among
page furniture ("Udvalg Ikon", "Lokalrådet > Referater", "Kategori: Byrådet"),
under the committee's election term ("År 2030-2033 Skovrådet") or inside a
sentence ("Kommunalbestyrelsen holder møde tirsdag den ..."): the name is cut
out of such a line, and a line that names no body (a site menu, a members list,
a table's column heads) gives none, so the digest and the committee rule of
tagging never see "Udvalg Dato Type Hent" as a committee.
"""

from __future__ import annotations

import re

from kkrnlp.danish import (
    BODY_FURNITURE_WORDS,
    BODY_LISTING_RE,
    BODY_TABLE_WORDS,
    GENERIC_BODY_WORDS,
    WEEKDAY_NAMES,
)
from kkrnlp.segment.patterns import (
    _BODY_NAMES,
    _BODY_RES,
    _KEY_RE,
    _NETWORK_RE,
    _REGION_ADJECTIVES,
    _plain,
)


def find_known_body(texts: list[str]) -> str | None:
    """A known body named anywhere in ``texts``: KKR, KD-Net, a council by its town."""
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
# "Referat af møde i", "Møde i", "Velkommen til mødet i", "Udvalg:" before the name.
_MEETING_LEAD_RE = re.compile(
    r"^(?:(?:åbent\s+)?(?:referat|dagsorden|protokol)\.?(?:\s+(?:af|fra|til|for))?\s+"
    r"(?:møde[t]?\s+)?(?:i\s+)?|(?:velkommen\s+til\s+)?møde[t]?\s+i\s+|udvalg(?:/råd)?\s*:\s*)",
    re.I,
)
# Web systems file a committee under its election term: "År 2014-2017 Ældrerådet".
_TERM_LEAD_RE = re.compile(r"^(?:(?:år|(?:valg)?perioden?)\s+)?\d{4}\s*-\s*\d{4}\s+", re.I)
_DATE_TAIL_RE = re.compile(r"\s+(?:den\s+)?\d{1,2}[-./ ].*$")
_WEEKDAY_TAIL_RE = re.compile(rf"\s+(?:{'|'.join(WEEKDAY_NAMES)})\b.*$", re.I)
# "Kommunalbestyrelsen 2022-25", "Ældrerådet 2022-2025s møde", "Økonomiudvalget møde",
# "ØKONOMIUDVALGET Dagsorden med vedtagelser", "Byrådet holder møde".
_TERM_TAIL_RE = re.compile(r"\s+\d{4}(?:\s*-\s*\d{2,4})?(?:s\s+møde)?$")
_MEETING_TAIL_RE = re.compile(
    r"(?:s)?\s+(?:(?:holder\s+)?møde[t]?|dagsorden(?:\s+med\s+\w+)?|referat|beslutningsprotokol"
    r"|protokol)$",
    re.I,
)
# Split a header line into its parts: " - ", " | ", a breadcrumb's " > ", a key's ": ",
# never inside a quoted name ('Udvalget "Aktiv Hele Livet - Sundhed og Omsorg"').
_PART_SPLIT_RE = re.compile(r'(?:\s+[-–|>]\s+|:\s+)(?=(?:[^"]*"[^"]*")*[^"]*$)')
_PARTY_LETTER_RE = re.compile(r"\([A-ZÆØÅ]{1,2}\)")


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)]


def body_name(part: str) -> str | None:
    """The body named by one part of a header line, or None when it names none.

    >>> body_name("Referat af møde i Natur- og Havneudvalget den 3. juni 2025")
    'Natur- og Havneudvalget'
    >>> body_name("ØKONOMIUDVALGET Dagsorden med vedtagelser"), body_name("Udvalg Dato Type Hent")
    ('Økonomiudvalget', None)
    """
    text = part.strip()
    led = _MEETING_LEAD_RE.sub("", text)
    lead_cut = led != text
    text = _TERM_LEAD_RE.sub("", led.strip().strip(" :"))
    words = _words(text)
    if not words or all(w in BODY_TABLE_WORDS for w in words) or BODY_LISTING_RE.search(text):
        return None  # column heads ("Udvalg Dato Type Hent"), a site's list of minutes
    tokens = text.split()
    cut = next((i for i, w in enumerate(tokens) if w.lower() in BODY_FURNITURE_WORDS), None)
    if cut is not None:
        text = " ".join(tokens[:cut])  # "Byrådet Vis medlemmer Rss-feed Udskriv"
    text = _DATE_TAIL_RE.sub("", text)
    text = _WEEKDAY_TAIL_RE.sub("", text)
    text = _MEETING_TAIL_RE.sub("", _TERM_TAIL_RE.sub("", text)).strip(" ,-")
    names = text.split()
    if len(names) == 2 and names[0] == names[1]:
        text = names[0]  # "Byrådet Byrådet": the name and the link to it
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        text = text[0] + text[1:].lower()
    elif lead_cut and text[:1].islower():
        text = text[0].upper() + text[1:]  # "Møde i regionsrådet"
    names = text.split()
    if (
        not 3 <= len(text) <= 80
        or not text[:1].isupper()
        or not names
        or not (_COMMITTEE_WORD_RE.search(names[0]) or _COMMITTEE_WORD_RE.search(names[-1]))
        or all(w in GENERIC_BODY_WORDS for w in _words(text))
        or text.endswith(".")
        or _PARTY_LETTER_RE.search(text)
        or _KEY_RE.match(text)
    ):
        return None
    return text


def committee_in_header(lines: list[str]) -> str | None:
    """The meeting's committee or council named in the header, when no known body is.

    'Økonomiudvalget – Referat – 1. oktober 2018' -> 'Økonomiudvalget';
    'Referat af møde i Klima- og Planudvalget' -> 'Klima- og Planudvalget';
    'Udvalg: Udvalget for teknik og miljø' -> 'Udvalget for teknik og miljø'.
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
        key = _KEY_RE.match(plain)
        if key and key.group("value") is not None:
            continue  # "Sted: Byrådssalen", "Afbud: ..."
        for part in _PART_SPLIT_RE.split(plain[:200]):
            name = body_name(part)
            if name:
                return name
    return None
