"""Check that a summary states no fact that its source does not.

A fact here is a number (``3 mia. kr.``, ``1.881``, ``19 pct.``,
``2023/2024``, ``2024-27``), a date (``3. februar 2021``, ``08-02-2023``,
``maj 2021``) or a name (a capitalised word that does not open a sentence,
an acronym such as ``RAR`` or ``DK2020``, a party letter ``(V)``). Every fact
in the summary must occur in the source, after normalising what PDF text and
Danish grammar vary: whitespace, line-break hyphens (``Ho-vedstaden``),
thousands separators (``1.881`` == ``1881``), letter case and the genitive
``-s`` (``KKR Hovedstadens`` == ``KKR Hovedstaden``).

>>> check_faithfulness("KKR skal godkende 1.881 pladser.", "KKR godkender 1881 pladser").faithful
True
>>> check_faithfulness("KKR skal godkende 1.900 pladser.", "KKR godkender 1881 pladser").unsupported
['1.900']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kkrnlp.danish import MONTH_NUMBERS

_MONTH_RE = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_MAGNITUDE = {
    "mio": "mio",
    "million": "mio",
    "millioner": "mio",
    "mia": "mia",
    "milliard": "mia",
    "milliarder": "mia",
    "mrd": "mia",
    "pct": "pct",
    "procent": "pct",
    "%": "pct",
    "procentpoint": "pct",
}
_TEXT_DATE_RE = re.compile(
    rf"\b(\d{{1,2}})\.\s*({_MONTH_RE})(?:\s+(\d{{4}}))?(?![\w])", re.IGNORECASE
)
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_NUM_DATE_RE = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b")
_RANGE_RE = re.compile(r"\b(\d{2,4})\s*[-–/]\s*(\d{2,4})\b")
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
    r"(?:\s*(%|mio\b\.?|mia\b\.?|mrd\b\.?|millioner\b|million\b|milliarder\b|milliard\b"
    r"|pct\b\.?|procent\b|procentpoint\b))?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:['’][A-Za-zæøå]+)?")
_PARTY_RE = re.compile(r"\(([A-ZÆØÅ]{1,2})\)")
_SENT_START_RE = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|^\s*[-–•]\s+)$")


@dataclass
class Faithfulness:
    """Result of :func:`check_faithfulness`: ``unsupported`` lists the facts not in the source."""

    faithful: bool
    unsupported: list[str] = field(default_factory=list)


def _dehyphen(text: str) -> str:
    """Normalise whitespace and undo hyphenation for matching (both sides alike)."""
    text = text.replace("\xad", "").replace("–", "-").replace("—", "-")
    # letters split by a hyphen (and maybe a line break): "Ho-vedstaden", "Ho-\nvedstaden"
    text = re.sub(r"(?<=[A-Za-zÆØÅæøå])-\s*(?=[a-zæøå])", "", text)
    text = re.sub(r"(?<=[A-Za-zÆØÅæøå])-(?=[A-ZÆØÅ])", "", text)
    text = re.sub(r"(?<=\d)-\s+(?=\d)", "-", text)
    return re.sub(r"\s+", " ", text)


def _num_value(whole: str, frac: str | None) -> str:
    value = whole.replace(".", "").lstrip("0") or "0"
    if frac:
        frac = frac.rstrip("0")
        if frac:
            value = f"{value}.{frac}"
    return value


def _year(value: str) -> int:
    year = int(value)
    return year + 2000 if year < 100 else year


@dataclass
class _Facts:
    dates: set[tuple[int, int, int | None]] = field(default_factory=set)
    month_years: set[tuple[int, int]] = field(default_factory=set)
    ranges: set[tuple[int, int]] = field(default_factory=set)
    numbers: set[tuple[str, str]] = field(default_factory=set)
    values: set[str] = field(default_factory=set)


def _month_num(token: str) -> int:
    token = token.lower().rstrip(".")
    return (
        MONTH_NUMBERS.get(token) or MONTH_NUMBERS.get(token[:4]) or MONTH_NUMBERS.get(token[:3], 0)
    )


def _expand_range(a: str, b: str) -> tuple[int, int] | None:
    x, y = int(a), int(b)
    if len(a) == 4 and len(b) == 2:
        y = int(a[:2] + b)
    if len(a) == 4 and len(b) == 4 and x <= y:
        return x, y
    if len(a) == 4 and x <= y:
        return x, y
    return None


def _extract(text: str, spans: list[tuple[int, int, str]] | None = None) -> _Facts:
    """Collect dates, ranges and numbers; record (start, end, surface) of each in ``spans``."""
    facts = _Facts()
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _TEXT_DATE_RE.finditer(text):
        month = _month_num(m.group(2))
        if not month or int(m.group(1)) > 31:
            continue
        year = int(m.group(3)) if m.group(3) else None
        facts.dates.add((int(m.group(1)), month, year))
        if year:
            facts.month_years.add((month, year))
        taken.append(m.span())
        if spans is not None:
            spans.append((*m.span(), m.group(0)))
    for m in _NUM_DATE_RE.finditer(text):
        if not free(*m.span()):
            continue
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            facts.dates.add((day, month, year))
            facts.month_years.add((month, year))
            taken.append(m.span())
            if spans is not None:
                spans.append((*m.span(), m.group(0)))
    for m in _MONTH_YEAR_RE.finditer(text):
        if not free(*m.span()):
            continue
        month = _month_num(m.group(1))
        if month:
            facts.month_years.add((month, int(m.group(2))))
            taken.append(m.span())
            if spans is not None:
                spans.append((*m.span(), m.group(0)))
    for m in _RANGE_RE.finditer(text):
        if not free(*m.span()):
            continue
        rng = _expand_range(m.group(1), m.group(2))
        if rng:
            facts.ranges.add(rng)
            # the parts stand as numbers too ("2022-2026" supports "2026")
            facts.values.update({str(rng[0]), str(rng[1]), m.group(2).lstrip("0") or "0"})
            taken.append(m.span())
            if spans is not None:
                spans.append((*m.span(), m.group(0)))
    for m in _NUMBER_RE.finditer(text):
        if not free(*m.span()):
            continue
        value = _num_value(m.group(1), m.group(2))
        unit = m.group(3) or ""
        magnitude = _MAGNITUDE.get(unit.lower().rstrip("."), "")
        facts.numbers.add((value, magnitude))
        facts.values.add(value)
        taken.append(m.span())
        if spans is not None:
            spans.append((*m.span(), m.group(0).strip()))
    return facts


def _source_facts(source: str) -> _Facts:
    facts = _extract(source)
    # Lenient on the source side: every digit run counts as a number too, and
    # dates count as their parts ("den 16. juni 2021" supports "2021").
    for m in re.finditer(r"\d+(?:\.\d{3})*(?:,\d+)?", source):
        whole, _, frac = m.group(0).partition(",")
        facts.values.add(_num_value(whole, frac or None))
        for part in re.split(r"[.,]", m.group(0)):
            if part:
                facts.values.add(part.lstrip("0") or "0")
    for day, month, year in list(facts.dates):
        facts.values.add(str(day))
        if year:
            facts.values.add(str(year))
            facts.month_years.add((month, year))
    return facts


def _name_key(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word).lower()
    return word


def _source_words(source: str) -> set[str]:
    words = set()
    for m in _WORD_RE.finditer(source):
        key = _name_key(m.group(0))
        words.add(key)
        if key.endswith("s") and len(key) >= 3:
            words.add(key[:-1])
    return words


def _names(summary: str, skip: list[tuple[int, int]]) -> list[str]:
    """Capitalised words not opening a sentence, acronyms, and words with digits."""
    names: list[str] = []
    for m in _WORD_RE.finditer(summary):
        if any(s <= m.start() < e for s, e in skip):
            continue
        word = m.group(0)
        core = re.sub(r"['’]s?$", "", word)
        has_digit = any(c.isdigit() for c in core)
        if has_digit:
            if core.isdigit():
                continue
            names.append(word)
            continue
        is_acronym = len(core) >= 2 and core.isupper()
        capital = core[:1].isupper()
        if not capital:
            continue
        before = summary[: m.start()].rstrip('"”“( ')
        # an opening word is not checked: Danish capitalises it whatever it is;
        # a multi-word name is still caught by its later words
        at_start = not before or bool(_SENT_START_RE.search(before + " "))
        if is_acronym or (not at_start and len(core) > 1):
            names.append(word)
    return names


def check_faithfulness(summary: str, source: str) -> Faithfulness:
    """Every number, date and name in ``summary`` must occur in ``source``.

    >>> check_faithfulness("Mødet er den 3. februar 2021 i KKR Hovedstadens regi.",
    ...                    "Møde i KKR Hovedstaden den 03-02-2021.").faithful
    True
    >>> check_faithfulness("Ole Hansen blev udpeget.", "Ole Bjørstorp blev udpeget.").unsupported
    ['Hansen']
    """
    summary_n = _dehyphen(summary or "")
    source_n = _dehyphen(source or "")
    src = _source_facts(source_n)
    unsupported: list[str] = []

    spans: list[tuple[int, int, str]] = []
    _extract(summary_n, spans)
    for start, end, surface in spans:
        piece = summary_n[start:end]
        facts = _extract(piece)
        ok = True
        for day, month, year in facts.dates:
            if (day, month, year) in src.dates:
                continue
            if year is None:
                ok = ok and any(d == day and mo == month for d, mo, _ in src.dates)
            else:
                # the source may print the date without its year ("den 16. juni")
                ok = ok and (day, month, None) in src.dates and str(year) in src.values
        for month_year in facts.month_years - {(mo, y) for _, mo, y in facts.dates if y}:
            if month_year not in src.month_years and not any(
                (mo, y) == month_year for _, mo, y in src.dates
            ):
                ok = False
        for rng in facts.ranges:
            if rng not in src.ranges:
                ok = False
        for value, magnitude in facts.numbers:
            if magnitude:
                if (value, magnitude) not in src.numbers:
                    ok = False
            elif value not in src.values:
                ok = False
        if not ok:
            unsupported.append(surface)

    src_words = _source_words(source_n)
    src_parties = set(_PARTY_RE.findall(source_n))
    for party in _PARTY_RE.findall(summary_n):
        if party not in src_parties and len(party) == 1:
            unsupported.append(f"({party})")
    for name in _names(summary_n, [(s, e) for s, e, _ in spans]):
        key = _name_key(name)
        if len(key) == 1:
            continue
        if key in src_words or (key.endswith("s") and key[:-1] in src_words):
            continue
        unsupported.append(name)
    # keep order, drop repeats
    seen: set[str] = set()
    unique = [u for u in unsupported if not (u in seen or seen.add(u))]
    return Faithfulness(faithful=not unique, unsupported=unique)


_ASK_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))((?:[A-ZÆØÅ][\w-]*|KD-Net)(?:\s+[A-ZÆØÅ][\w-]*){0,3})\s+"
    r"(?:skal|skulle|godkendte|tog|drøftede|besluttede|udpegede|anbefalede)\b"
)
_SECRETARIAT_RE = re.compile(r"sekretariat|administration|forvaltning|fagenhed", re.IGNORECASE)


def check_ask_body(summary: str, body: str | None) -> list[str]:
    """Subjects of the ask that are not the meeting's body (``["ask body: X"]``).

    A secretariat is never the one asked; for KKR and KD-Net, the ask names the
    meeting's own region (``KKR Fyn`` in a meeting of ``KKR Nordjylland`` is wrong).

    >>> check_ask_body("KD-Net Sekretariatet skal drøfte sagen.", "KD-Net")
    ['ask body: KD-Net Sekretariatet']
    >>> check_ask_body("KKR Fyn skal godkende planen.", "KKR Fyn")
    []
    """
    out = []
    for m in _ASK_SUBJECT_RE.finditer(summary or ""):
        subject = m.group(1)
        wrong = bool(_SECRETARIAT_RE.search(subject))
        if not wrong and body:
            b, s = body.split(), subject.split()
            if (
                b[0] in ("KKR", "KD-Net")
                and s[0] == b[0]
                and len(s) > 1
                and len(b) > 1
                and _name_key(s[1]) != _name_key(b[1])
            ):
                wrong = True
        if wrong:
            out.append(f"ask body: {subject}")
    return out
