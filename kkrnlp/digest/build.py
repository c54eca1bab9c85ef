"""Build the digest: pick a period's meetings out of item records and sort their items.

``build_digest`` takes the flat records of ``Meeting.item_records()`` with tags
and summaries added and returns a :class:`~kkrnlp.digest.model.Digest`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from kkrnlp.danish import FORMALIA_ITEM_TYPES, is_formalia_title
from kkrnlp.digest.danish import danish_period, resolve_areas
from kkrnlp.digest.model import (
    DECIDE,
    DISCUSS,
    FORMALIA,
    INFORM,
    NO_DATE_REASON,
    Digest,
    DigestItem,
    DigestMeeting,
)
from kkrnlp.errors import DataError

log = logging.getLogger(__name__)

_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")

# An agenda is out a few days, at most some weeks, before its meeting, and minutes come
# after it; a file last changed longer than this before the period began (its download
# or publication, whichever was later) cannot hold a meeting of the period.
UNDATED_LEAD = timedelta(days=14)


def is_formal(record: dict[str, Any], item: DigestItem) -> bool:
    """True for the meeting's own formal items (approve the agenda, "Eventuelt", ...).

    A parser that marks items by type (``item_type``) is believed; else the area
    tag must say formalia and the title must read as a formal item.
    """
    item_type = str(record.get("item_type") or "").lower()
    if item_type:
        return item_type in FORMALIA_ITEM_TYPES
    return item.policy_area == FORMALIA and is_formalia_title(item.title)


def parse_week(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week ``2021-W16``.

    >>> parse_week("2021-W16")
    (datetime.date(2021, 4, 19), datetime.date(2021, 4, 25))
    """
    match = _WEEK_RE.match(week or "")
    if not match:
        raise DataError(f"week {week!r} is not an ISO week like 2021-W16")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise DataError(f"week {week!r} does not exist ({year} has no week {number})") from exc
    return monday, monday + timedelta(days=6)


def _period(
    week: str | None, date_from: date | None, date_to: date | None, today: date | None
) -> tuple[date, date, str]:
    """Start, end and title of the digest period.

    With only one of ``date_from`` / ``date_to`` the period is the seven days
    starting or ending there.
    """
    if week is not None and (date_from is not None or date_to is not None):
        raise DataError("give either a week or a date range, not both")
    if week is None and date_from is None and date_to is None:
        week = "{}-W{:02d}".format(*(today or date.today()).isocalendar()[:2])
    if week is not None:
        start, end = parse_week(week)
        year, number = start.isocalendar()[:2]
        return start, end, f"Ugeoversigt uge {number}, {year} ({danish_period(start, end)})"
    if date_from is None:
        date_from = date_to - timedelta(days=6)
    if date_to is None:
        date_to = date_from + timedelta(days=6)
    if date_from > date_to:
        raise DataError(f"the period starts ({date_from}) after it ends ({date_to})")
    return date_from, date_to, f"Mødeoversigt {danish_period(date_from, date_to)}"


def digest_period(
    week: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
) -> tuple[date, date]:
    """First and last day of the period :func:`build_digest` covers for the same arguments.

    >>> digest_period("2021-W16")
    (datetime.date(2021, 4, 19), datetime.date(2021, 4, 25))
    """
    start, end, _ = _period(week, date_from, date_to, today)
    return start, end


def _number_key(number: str) -> tuple:
    """Sort key for dotted item numbers: ``3.9`` before ``3.10``, ``9`` before ``10``."""
    key = []
    for part in re.split(r"[.\s]+", str(number).strip()):
        if not part:
            continue
        match = re.match(r"^(\d+)(.*)$", part)
        if match:
            key.append((0, int(match.group(1)), match.group(2)))
        else:
            key.append((1, 0, part))
    return tuple(key)


def _areas_of(record: dict[str, Any]) -> list[str]:
    areas = [a for a in record.get("policy_areas") or [] if a]
    main = record.get("policy_area")
    if main and main not in areas:
        areas.insert(0, main)
    return areas


def _digest_item(record: dict[str, Any]) -> DigestItem:
    areas = _areas_of(record)
    summary = (record.get("summary") or "").strip() or None
    return DigestItem(
        number=str(record.get("number") or ""),
        title=str(record.get("title") or "").strip(),
        policy_area=record.get("policy_area") or (areas[0] if areas else None),
        policy_areas=areas,
        recommendation=record.get("recommendation") or None,
        summary=summary,
        # Only an explicit False flags: records without a faithfulness check are not suspect.
        flagged=summary is not None and record.get("summary_faithful") is False,
        unsupported=[str(u) for u in record.get("summary_unsupported") or []],
    )


def _meeting_label(meeting: dict[str, Any], source: str) -> str:
    body = meeting.get("body")
    return f"{source} ({body})" if body else source


def build_digest(
    records: list[dict[str, Any]],
    *,
    week: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    areas: list[str] | None = None,
    today: date | None = None,
    valid_areas: Sequence[str] | None = None,
    file_dates: Mapping[str, date] | None = None,
) -> Digest:
    """Collect the meetings of one period from item records into a ``Digest``.

    The period is the ISO ``week`` (``"2021-W16"``, Monday to Sunday), or
    ``date_from``..``date_to`` inclusive (one of them alone means seven days from
    or to it), or else the ISO week of ``today`` (default: the real today).
    ``areas`` keeps only items whose policy areas meet the given ones; names (any
    case, or display names such as ``Børn og unge``) are checked against
    ``valid_areas`` (default: the shipped ``labels.toml``). Only the meeting's own
    formal items (agenda, minutes, "Siden sidst", "Eventuelt") go in the
    formalia line; a substantive item tagged ``formalia`` is shown as an item.
    Meetings without a printed date are listed in ``skipped`` ("Ikke medtaget"), unless
    ``file_dates`` (the day each ``source`` file was last changed) shows that the file is
    older than the period by more than :data:`UNDATED_LEAD`: run every week over a folder
    of older agendas, the digest names only the files that might be the period's
    meetings, not the same old files each week (counted in ``n_old_undated``). Empty
    items are left out; meetings left with no items are left out.

    >>> digest = build_digest(records, week="2021-W16")  # doctest: +SKIP
    >>> print(render_markdown(digest))  # doctest: +SKIP
    """
    start, end, title = _period(week, date_from, date_to, today)
    wanted: set[str] | None = None
    wanted_order: list[str] = []
    if areas:
        if valid_areas is None:
            from kkrnlp.taxonomy import load_taxonomy

            valid_areas = load_taxonomy().policy_area_names
        wanted_order = resolve_areas(areas, valid_areas)
        wanted = set(wanted_order)

    groups: dict[tuple, dict[str, Any]] = {}
    skipped: dict[tuple, str] = {}
    old_undated: set[tuple] = set()
    for position, record in enumerate(records):
        meeting = record.get("meeting") or {}
        source = str(record.get("source") or meeting.get("source") or "")
        raw_date = meeting.get("date")
        key = (source, meeting.get("body"), raw_date)
        day = _meeting_day(raw_date)
        if day is None:
            changed = (file_dates or {}).get(source)
            if changed is not None and changed < start - UNDATED_LEAD:
                old_undated.add(key)
            elif not raw_date:
                skipped.setdefault(key, f"{_meeting_label(meeting, source)}: {NO_DATE_REASON}")
            else:
                skipped.setdefault(
                    key,
                    f"{_meeting_label(meeting, source)}: meeting date {raw_date!r} not understood",
                )
            continue
        if not start <= day <= end:
            continue
        group = groups.setdefault(key, {"meeting": meeting, "source": source, "day": day})
        group.setdefault("items", []).append((position, record))

    meetings = []
    filtered_out = 0
    for group in groups.values():
        meeting = group["meeting"]
        dm = DigestMeeting(
            body=meeting.get("body"),
            kind=meeting.get("kind") or "dagsorden",
            date=group["day"],
            time=meeting.get("time"),
            place=meeting.get("place"),
            source=group["source"],
        )
        ordered = sorted(group["items"], key=lambda pr: (_number_key(pr[1].get("number")), pr[0]))
        for _, record in ordered:
            if record.get("empty"):
                continue
            item = _digest_item(record)
            if wanted is not None and not wanted.intersection(item.policy_areas):
                continue
            if is_formal(record, item):
                dm.formalia.append(item)
            elif item.recommendation in DECIDE:
                dm.decide.append(item)
            elif item.recommendation in DISCUSS:
                dm.discuss.append(item)
            elif item.recommendation in INFORM:
                dm.inform.append(item)
            else:
                dm.other.append(item)
        if dm.all_items():
            meetings.append(dm)
        elif wanted is not None and any(not r.get("empty") for _, r in ordered):
            filtered_out += 1
    meetings.sort(key=lambda m: (m.date, m.time or "", m.body or "", m.source))
    if skipped:
        # info, not warning: the digest lists them, and the CLI names each one
        log.info("%d meeting(s) left out of the digest: no usable date", len(skipped))
    return Digest(
        start,
        end,
        title,
        meetings,
        list(skipped.values()),
        areas=sorted(wanted or [], key=lambda a: wanted_order.index(a)),
        n_filtered_out=filtered_out,
        n_old_undated=len(old_undated),
    )


def _meeting_day(raw_date: Any) -> date | None:
    """The meeting's ISO date as a date; None when the page printed none or it is no date."""
    if not raw_date:
        return None
    try:
        return date.fromisoformat(str(raw_date))
    except ValueError:
        return None
