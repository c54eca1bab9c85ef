"""Danish formatting for the digest: dates, periods, policy-area and recommendation names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kkrnlp.danish import MONTH_NAMES, WEEKDAY_NAMES
from kkrnlp.errors import DataError

_WEEKDAYS = WEEKDAY_NAMES
_MONTHS = MONTH_NAMES
# Names the generic rule in area_label() would print badly.
_AREA_LABELS = {"børn_unge": "Børn og unge"}

RECOMMENDATION_LABELS = {
    "godkendelse": "Godkendelse",
    "udpegning": "Udpegning",
    "drøftelse": "Drøftelse",
    "orientering": "Orientering",
}


def danish_date(day: date, *, weekday: bool = True, year: bool = True) -> str:
    """``mandag den 19. april 2021``.

    >>> danish_date(date(2021, 4, 19))
    'mandag den 19. april 2021'
    """
    text = f"{day.day}. {_MONTHS[day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{_WEEKDAYS[day.weekday()]} den {text}"
    return text


def danish_datetime(day: date, time: str | None) -> str:
    """``mandag den 19. april 2021 kl. 10.00``; without a time just the date.

    >>> danish_datetime(date(2021, 4, 19), "10:00")
    'mandag den 19. april 2021 kl. 10.00'
    """
    text = danish_date(day)
    if time:
        text += f" kl. {time.strip().replace(':', '.')}"
    return text


def danish_period(start: date, end: date) -> str:
    """``19.–25. april 2021``, ``29. marts – 4. april 2021`` or across years in full.

    >>> danish_period(date(2021, 4, 19), date(2021, 4, 25))
    '19.–25. april 2021'
    """
    if start == end:
        return danish_date(start, weekday=False)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}.–{danish_date(end, weekday=False)}"
    if start.year == end.year:
        return (
            f"{danish_date(start, weekday=False, year=False)} – {danish_date(end, weekday=False)}"
        )
    return f"{danish_date(start, weekday=False)} – {danish_date(end, weekday=False)}"


def area_label(name: str | None) -> str:
    """A policy area name as a reader wants it: ``børn_unge`` -> ``Børn og unge``.

    >>> area_label("økonomi")
    'Økonomi'
    """
    if not name:
        return ""
    if name in _AREA_LABELS:
        return _AREA_LABELS[name]
    parts = [p for p in name.split("_") if p]
    text = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else name
    return text[:1].upper() + text[1:]


def recommendation_label(name: str | None) -> str:
    if not name:
        return ""
    return RECOMMENDATION_LABELS.get(name, name[:1].upper() + name[1:])


def resolve_areas(areas: Sequence[str], valid_areas: Sequence[str]) -> list[str]:
    """Map user-typed areas to label names: any case, and the display names too.

    >>> resolve_areas(["Social", "BØRN OG UNGE", "børn_unge"], ["social", "børn_unge"])
    ['social', 'børn_unge']
    """
    lookup: dict[str, str] = {}
    for name in valid_areas:
        for form in (name, area_label(name), name.replace("_", " ")):
            lookup[" ".join(form.lower().split())] = name
    out: list[str] = []
    unknown = []
    for area in areas:
        key = " ".join(area.strip().lower().replace("_", " ").split())
        name = lookup.get(key) or lookup.get(area.strip().lower())
        if name is None:
            unknown.append(area)
        elif name not in out:
            out.append(name)
    if unknown:
        raise DataError(
            f"unknown policy area(s) {', '.join(unknown)}; valid (any case): "
            f"{', '.join(valid_areas)}"
        )
    return out
