"""Shared patterns and helpers of the segmenter: number lines, sections, case numbers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kkrnlp.danish import MONTH_NUMBERS, PRESENTER_ROLE_STEMS, PRESENTER_ROLES
from kkrnlp.danish import SECTION_NAMES as DANISH_SECTION_NAMES
from kkrnlp.ingest.clean import strip_markup

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
# "Titel, Bilag 7" names an attachment, not a page.
_WEAK_PAGE_RE = re.compile(r"(?<=\S)(?<![Bb]ilag)\s(\d{1,3})$")
_LEADER_RE = re.compile(r"\s*\.{2,}\s*$")
_CASE_NUMBER_RES = [
    re.compile(r"\b(SAG-\d{4}-\d{3,7})\b"),
    re.compile(r"\bSags?\s?nr\.?\s*:?\s*(\d[\w./-]*\d|\d)", re.I),
    re.compile(r"\bJ(?:ournal)?\.?\s?nr\.?\s*:?\s*(\d[\w./-]*\d)", re.I),
    re.compile(r"\bSag(?:snummer|sid\.?)\s*:?\s*(\d[\w./-]*\d)", re.I),
    re.compile(r"\bSag\s+(\d{2,4}-\d{4}-\d{2,7})\b"),  # "Sag 306-2014-5450"
    # A KLE journal code on a line of its own: "85.02.02G00-0005", "24.00P00 - 2015/01786".
    # "85.02.02-G01-1-17" as one publishing system prints it.
    re.compile(
        r"^\s*(\d{2}\.\d{2}(?:\.\d{2})?(?:[A-ZÆØÅ]\d{2}\s*-\s*[\d/]{3,}"
        r"|-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2,4}))"
    ),
]
# A role named as presenter: "formanden", "direktør", "bestyrelsesformand", "afdelingschefen".
_ROLE = (
    rf"(?:{'|'.join(PRESENTER_ROLES)}"
    rf"|[a-zæøå]*(?:{'|'.join(PRESENTER_ROLE_STEMS)})(?:en)?)"
)
# "v. Navn", "v/ Navn", "- oplæg ved direktør Navn": a presenter after the title.
_PRESENTER_RE = re.compile(
    r"\s*(?:[(,]?\s*\bv(?:\.|/)|[ \t][-–][ \t]*(?:oplæg|indlæg|præsentation)[ \t]+ved"
    r"(?:[ \t]+(?-i:[a-zæøå]+)(?=[ \t]+[A-ZÆØÅ]))?)"
    r"\s*(?P<name>[A-ZÆØÅ][\w.'-]*"
    r"(?:\s+(?:[A-ZÆØÅ][\w.'-]*|af|van|de|von|og))"
    r"{0,8}(?:,\s*[\wÆØÅæøå .-]{2,40})?"
    # "v/formanden", "v/præsterne": a role; "v/Ida Holm m.fl.": and others.
    # "v. bestyrelsesformand og direktør", "v/ formanden, sekretæren": roles in a row.
    rf"|(?i:{_ROLE}(?:\s*(?:,|og)\s*{_ROLE})*)\b)(?:[ \t]+m\.[ \t]?fl\.?)?\s*\)?\s*$"
)
_TITLE_ASK_RE = re.compile(
    r"\s*(?:[-–—:]\s*|\(\s*)(til\s+(?:godkendelse|orientering|drøftelse|beslutning|efterretning))"
    r"\s*\)?\s*$",
    re.I,
)
SECTION_NAMES = DANISH_SECTION_NAMES
# A recommendation in running text when no section holds one: "Indstilling om, at ...",
# "Det foreslås, at ...", "Direktøren for Social og Sundhed indstiller, at ...".
_REC_TEXT_RE = re.compile(
    r"^(?:indstilling\s+om\b|det\s+foreslås\b|(?:[\wæøåÆØÅ&-]+\s+){1,6}(?:indstiller|foreslår)\b)",
    re.I,
)
# "Beslutning i Økonomiudvalget den 15-06-2015", "Beslutning (KKR)", "Indstilling fra KD-Net".
_NAMED_SECTION_RE = re.compile(
    r"^(?:beslutning\s+(?:i|på|fra|ved)\s+\S.{2,100}|beslutning\s+\(.{1,60}\)"
    r"|beslutning\s+\S[^,]{2,100}\sden\s+\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|[^,]{3,80},\s*\d{2}-\d{2}-\d{4},\s*pkt\.\s*\d{1,4}"
    r"|[^,:]{3,80}s\s+(?:beslutning\s+(?:i|på)\s+)?møde[t]?\s+den\s+\d{1,2}\.?\s*[^\s,]{2,10}\.?\s+\d{4}"
    r"|indstilling\s+fra\s+\S.{2,60})$",
    re.I,
)
# "Beslutning i Udvalget den Godkendt. ...": the date gone, the verdict right after "den".
_UNDATED_DECISION_RE = re.compile(
    r"^(?P<head>(?i:beslutning)\s+(?:i|på|fra|ved)\s+\S.{2,100}?\s(?i:den))\s+"
    r"(?P<rest>[A-ZÆØÅ][a-zæøå]+\b.*)$"
)
# A decision heading that ends in its date; after a bullet only this strict form is one.
_DATED_DECISION_RE = re.compile(
    r"^beslutning\s+\S.{2,100}\sden\s+\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$", re.I
)
_BODY_RES = [
    re.compile(r"\bKKR\)?[\s-]+(Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b", re.I),
    # The network, not its secretariat or chair ("KD-Net sekretariatet", "KD-Net's formand").
    re.compile(
        r"\bKD[\s-]?Net[\s-]+(?!sekretariat|formand|medlem|møde|referat|dagsorden)"
        r"((?-i:[A-ZÆØÅ])[\wæøå]+)",
        re.I,
    ),
    re.compile(r"\bKommunekontaktråd(?:et)?\s+([A-ZÆØÅ][\wæøå]+)"),
    # A mayors' group ("K29"), never the facet of a KLE case number ("00.01.00-K01-1-16").
    re.compile(r"(?<![\w.-])(K\d{2})(?![\w-])"),
    # "Aalborg Byråd", "Vesthimmerlands Kommunes Byråd" (not "Kommunes Byråd").
    re.compile(r"\b([A-ZÆØÅ][\wæøå-]+(?: Kommunes)? (?:Byråd|Kommunalbestyrelse|Regionsråd))\b"),
    re.compile(r"\b((?:Byrådet|Kommunalbestyrelsen) i [A-ZÆØÅ][\wæøå-]+)"),
]
# "kommunaldirektørnetværket i den midtjyske region" is KD-Net Midtjylland.
_NETWORK_RE = re.compile(
    r"\b(?:kommunaldirektørnetværk(?:et)?|netværk(?:et)?\s+af\s+kommunaldirektører)\s+i\s+"
    r"(?:den\s+)?(midtjyske|nordjyske|syddanske|sjællandske)"
    r"|\bkommunaldirektørnetværk(?:et)?\s+i\s+region\s+(hovedstaden|sjælland|syddanmark|midtjylland"
    r"|nordjylland)",
    re.I,
)
_REGION_ADJECTIVES = {
    "midtjyske": "Midtjylland", "nordjyske": "Nordjylland", "syddanske": "Syddanmark",
    "sjællandske": "Sjælland",
}  # fmt: skip
_BODY_NAMES = {
    "hovedstaden": "Hovedstaden", "sjælland": "Sjælland", "syddanmark": "Syddanmark",
    "midtjylland": "Midtjylland", "nordjylland": "Nordjylland",
}  # fmt: skip
_COUNCIL_RE = re.compile(
    r"\b(Byrådet|Kommunalbestyrelsen|Borgerrepræsentationen|Regionsrådet|Økonomiudvalget)\b"
)
_MUNICIPALITY_RE = re.compile(r"\b([A-ZÆØÅ][\wæøå-]+) [Kk]ommune\b")
_KEY_RE = re.compile(
    r"^(?P<key>tid og sted|sted og tid|dato|mødedato|tidspunkt|tid|sted|mødested|lokale|adresse|"
    r"deltagere|til stede|"
    r"fremmødte|afbud|fraværende|fravær|ikke til stede|mødeleder|referent|"
    r"starttidspunkt|sluttidspunkt|start|slut|mødetidspunkt)(?:\s*[:\t]\s*(?P<value>.*))?$",
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
    tail: str = ""  # text after the title on the same (flattened) line
    lettered: bool = False  # an "a)" sub-item of a run right under a numbered heading


@dataclass
class _Heading:
    line: int
    number: str | None
    title: str
    rest: str
    end: int = 0  # index of the first line after this heading's content
    children: bool = False
    title_lines: int = 1
    listed_only: bool = False  # known from the list at the top only (the excerpt ends first)
    tail: str = ""  # text after the title on the same (flattened) line: the body's start
    group: str | None = None  # the group line above it in a bulleted list at the top
    access: str | None = None  # "lukket" for a closed item listed by title only


@dataclass
class _Toc:
    entries: dict[str, str] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)
    groups: dict[str, str] = field(default_factory=dict)  # number -> group line above it
    access: dict[str, str] = field(default_factory=dict)  # number -> "åben" / "lukket"
    listed: bool = False  # a plain list of items at the top (no page numbers)
    # The line of the last entry when the first item's heading is glued onto it
    # ("14. Eventuelt ... 20318. Godkendelse af dagsorden"): the first item starts there.
    glued_first: int | None = None


def _parse_number(raw: str) -> tuple[int, ...]:
    """'3.4' -> (3, 4); a letter counts from 1: '2.a' -> (2, 1)."""
    return tuple(int(p) if p.isdigit() else ord(p.lower()) - 96 for p in raw.split(".") if p)


@functools.lru_cache(maxsize=1 << 16)
def _plain(line: str) -> str:
    """The line without markup; cached, since every pass of the segmenter asks again."""
    return strip_markup(line)


# A bullet, an access word from a list of items ("åbent 3 Titel"), web furniture glued
# to the number ("Indholdsfortegnelse1. Titel") or a committee's initials before an item number.
_LEAD_RE = re.compile(
    r"^(?:[•·▪◦*–-][ \t]*)?(?:(?:åben|åbent|lukket)[ \t]+(?=\d)"
    r"|(?:indholdsfortegnelse|indholdsliste|indhold|dagsorden|referat|punkter)(?=\d)"
    # "Ad 1. Titel", "Ad punkt 1. Titel": minutes that answer the agenda point by point.
    r"|ad\.?[ \t]+(?:punkt[ \t]+|pkt\.?[ \t]*)?(?=\d)"
    # "§ 1. Titel": minutes that number their points as paragraphs.
    r"|§[ \t]*(?=\d{1,3}\.[ \t]+(?-i:[A-ZÆØÅ]))"
    # A time slot or a KLE journal code printed before the number, in a column of its
    # own: "Kl. 17.05 2. Titel", "17.30-18.00 3. Titel", "27.69.48-A00-1-27 2. Titel".
    r"|(?:kl\.?[ \t]*)?\d{1,2}[.:]\d{2}(?:[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2})?[ \t]+"
    r"(?=\d{1,3}\.[ \t]+(?-i:[A-ZÆØÅ]))"
    r"|\d{2}\.\d{2}\.\d{2}-(?-i:[A-ZÆØÅ])\d{2}-\d{1,6}-\d{2,4}[ \t]+"
    r"(?=\d{1,3}\.[ \t]+(?-i:[A-ZÆØÅ]))"
    # A committee's short name before its item numbers: "HR 3. Titel", "ØU. 12 Titel".
    r"|(?!(?i:side|kl)\b)(?-i:[A-ZÆØÅ]{2,4})\.?[ \t]+(?=\d{1,3}\.?[ \t]+(?-i:[A-ZÆØÅ])))?",
    re.I,
)
_NUMWORD_RE = re.compile(
    r"^(?:dagsordens?punkt|punkt|pkt\.?|sag[ \t]+nr\.?|nr\.?"
    r"|sag(?=[ \t]+\d{1,3}[ \t]*[-–:.)]?[ \t]+(?-i:[A-ZÆØÅ])))[ \t]*(?=\d)",
    re.I,
)
# The page number of a flattened PDF glued before the item number: "3 1. Titel".
_PAGE_GLUE_RE = re.compile(r"^\d{1,3}[ \t]+(?=\d{1,3}\.[ \t]+[A-ZÆØÅ])")
_NUMBER_RE = re.compile(
    r"^(?P<num>\d{1,4}(?:\.\d{1,2}){0,3})(?P<dot>[.)]?)"
    r"(?:[ \t]?(?P<letter>[a-h])[.)]?(?=[ \t]))?"
    r"(?P<sep>[ \t]*:[ \t]+|[ \t]+[-–][ \t]+(?=[A-ZÆØÅ])|[ \t]+|(?=[A-ZÆØÅ][a-zæøå])|$)"
    r"(?P<rest>\S.*)?$"
)


# The number after the title: "Godkendelse af dagsorden - Sag nr. 130", "Titel (Punkt 4)".
_TRAILING_NUMBER_RE = re.compile(
    r"^(?P<rest>[A-ZÆØÅ][^()]{2,140}?)(?:[ \t]+[-–,][ \t]*|[ \t]*\([ \t]*|[ \t]+(?=Sag[ \t]+nr))"
    r"(?:Sag[ \t]+nr\.?|Punkt|Pkt\.?)[ \t]*(?P<num>\d{1,4})\)?[ \t]*$"
)


# A page header that ends in a case number: "Side 2 af 73 Byplanudvalget 19-08-2015 Sag nr. 1".
_PAGE_HEADER_RE = re.compile(r"^side[ \t]+\d|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b", re.I)


@dataclass(frozen=True)
class NumberLine:
    """A line that starts with an item number, in any of the printed forms."""

    num: str  # "3.4", "2.a", "143"
    dot: str  # "." when the number was printed with a trailing dot
    rest: str  # the text after the number ("" for "Pkt. 17" alone)
    prefixed: bool = False  # "Punkt 4", "Pkt. 17", "Sag nr. 3", "Nr. 33"
    glued: bool = False  # "117Godkendelse": no space between number and title

    def group(self, name: str) -> str:
        return {"num": self.num, "dot": self.dot, "rest": self.rest}[name]


@functools.lru_cache(maxsize=1 << 16)
def number_line(line: str) -> NumberLine | None:
    """Parse '3.4. Titel', '2. a. Titel', 'Pkt. 17 Titel', '117Titel', '1 : Titel', '• 1 Titel'.

    >>> number_line("• Pkt. 17 Godkendelse af referat").num
    '17'
    >>> number_line("2. b. Spirende klynger").num
    '2.b'
    >>> number_line("117Godkendelse af dagsorden").rest
    'Godkendelse af dagsorden'
    """
    text = line.lstrip("*_# ").replace("\\.", ".")
    # "**1.** **Titel**" and "**1.**\tTitel": the number in a bold run of its own.
    text = re.sub(r"^(\d{1,3}(?:\.\d{1,2}){0,3}\.?)(?:\*\*|__)[ \t]*(?:\*\*|__)?", r"\1 ", text)
    text = text[_LEAD_RE.match(text).end() :].lstrip()
    prefix = _NUMWORD_RE.match(text)
    if prefix:
        text = text[prefix.end() :]
    else:
        text = text[_PAGE_GLUE_RE.match(text).end() if _PAGE_GLUE_RE.match(text) else 0 :]
    match = _NUMBER_RE.match(text)
    if match is None:
        trailing = _TRAILING_NUMBER_RE.match(text) if len(text) <= 160 else None
        if trailing is None or _PAGE_HEADER_RE.search(trailing.group("rest")):
            return None
        return NumberLine(trailing.group("num"), "", trailing.group("rest").strip(), prefixed=True)
    rest = (match.group("rest") or "").strip()
    if not rest and not prefix:
        return None
    if len(match.group("num").split(".")[0]) > 3 and not prefix:
        return None  # "2016 Budget ..." is a year; "Sag nr. 1204" may be an item
    num = match.group("num").rstrip(".")
    if match.group("letter"):
        num = f"{num}.{match.group('letter')}"
    glued = match.group("sep") == "" and bool(rest)
    again = f"{num}{match.group('dot')}"
    after = rest[len(again) :]
    if (
        again
        and rest.startswith(again)
        and after[:1] in (" ", "\t")
        and after.lstrip()[:1].isupper()
    ):
        rest = after.lstrip()  # " 1.  1. Titel": the number printed twice ("2. 2. behandling" not)
    if prefix and rest[:1] in "-–—:.)":
        rest = rest[1:].strip()
    return NumberLine(num, match.group("dot"), rest, prefixed=bool(prefix), glued=glued)


def _leading_number_line(line: str) -> NumberLine | None:
    """Match '3.4. Titel' also when the number sits inside bold markers."""
    found = number_line(line)
    if found is None or found.prefixed or not found.rest:
        return None  # "Punkt 4 ..." lines are read by the case-page path
    return found


def is_section_heading(line: str) -> tuple[str, str] | None:
    """``(heading, rest-of-line)`` if ``line`` opens a section, else None.

    Three forms: a heading alone ("Indstilling"), a heading with its text after a
    colon ("Beslutning: Godkendt."), and a decision or recommendation by a named
    body ("Beslutning i Byrådet den 22-06-2015", "Indstilling fra direktionen:").
    """
    plain = _plain(line).strip()
    if not plain:
        return None
    bullet = plain[1:].strip() if plain[:1] in "•·-*" else None
    if bullet and (bullet.lower() in SECTION_NAMES or _DATED_DECISION_RE.match(bullet)):
        # "• Indstilling", "• Beslutning i Byrådet den 20-01-2016" on pages that print the
        # sections as a list
        plain = bullet
    head, colon, rest = plain.partition(":")
    head, rest = head.strip(), rest.strip()
    if head.lower() in SECTION_NAMES and (colon or not rest):
        return head, rest
    match = _NAMED_SECTION_RE.match(head)
    if match and (len(plain) < 110 or rest):
        undated = _UNDATED_DECISION_RE.match(plain)
        if undated:
            # "Beslutning i Udvalget den Godkendt. Ej til stede: NN": a flattened PDF lost
            # the date; the verdict after "den" is the decision's text, not its heading
            return undated.group("head"), undated.group("rest")
        return head, rest
    return None


def _case_number(line: str) -> str | None:
    for rx in _CASE_NUMBER_RES:
        match = rx.search(line)
        if match:
            return match.group(1)
    return None
