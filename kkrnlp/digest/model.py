"""The digest's data: a period's meetings, each with its items sorted by what is asked.

Plain dataclasses built by :func:`kkrnlp.digest.build.build_digest` and printed
by the renderers; they know nothing of files or formats.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kkrnlp.digest.danish import area_label, danish_datetime

FLAG_TEXT = "⚠ kontrollér resuméet mod dagsordenen"
NO_DATE_REASON = "no meeting date printed"

DECIDE = ("godkendelse", "udpegning")
DISCUSS = ("drøftelse",)
INFORM = ("orientering",)
FORMALIA = "formalia"

SECTION_HEADINGS = {
    "decide": "Til beslutning",
    "discuss": "Til drøftelse",
    "inform": "Til orientering",
    "other": "Øvrige punkter",
}
# minutes report what was done, not what is asked
MINUTES_HEADINGS = {
    "decide": "Besluttet",
    "discuss": "Drøftet",
    "inform": "Taget til efterretning",
    "other": "Øvrige punkter",
}


@dataclass
class DigestItem:
    """One agenda item as the digest shows it. ``flagged``: the summary is not faithful."""

    number: str
    title: str
    policy_area: str | None = None
    policy_areas: list[str] = field(default_factory=list)
    recommendation: str | None = None
    summary: str | None = None
    flagged: bool = False
    unsupported: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Number and title, or the title alone for an item its page prints without a number."""
        number = self.number.strip()
        if number.lower() in ("", "none", "null"):
            return self.title
        return f"{number} {self.title}"


@dataclass
class DigestMeeting:
    """One meeting of the period with its items sorted into the four sections.

    ``formalia`` holds the formalia items, shown as one line after the sections.
    """

    body: str | None
    kind: str
    date: date
    time: str | None
    place: str | None
    source: str
    decide: list[DigestItem] = field(default_factory=list)
    discuss: list[DigestItem] = field(default_factory=list)
    inform: list[DigestItem] = field(default_factory=list)
    other: list[DigestItem] = field(default_factory=list)
    formalia: list[DigestItem] = field(default_factory=list)

    @property
    def is_minutes(self) -> bool:
        return self.kind in ("referat", "sag")

    @property
    def sections(self) -> list[tuple[str, list[DigestItem]]]:
        """The non-empty sections in reading order as ``(Danish heading, items)``."""
        names = MINUTES_HEADINGS if self.is_minutes else SECTION_HEADINGS
        return [(names[key], getattr(self, key)) for key in names if getattr(self, key)]

    @property
    def name(self) -> str:
        """The body that meets, or ``Møde`` when the document does not say."""
        return self.body or "Møde"

    @property
    def heading(self) -> str:
        """``KKR Hovedstaden, mandag den 19. april 2021 kl. 10.00 (dagsorden)``."""
        return f"{self.name}, {danish_datetime(self.date, self.time)} ({self.kind})"

    @property
    def formalia_line(self) -> str | None:
        if not self.formalia:
            return None
        return "Formalia: " + ", ".join(i.label for i in self.formalia)

    def all_items(self) -> list[DigestItem]:
        return [*self.decide, *self.discuss, *self.inform, *self.other, *self.formalia]


@dataclass
class Digest:
    """The meetings of one period; ``skipped`` names meetings that could not be placed."""

    period_start: date
    period_end: date
    title: str
    meetings: list[DigestMeeting] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # the --area filter (label names) and the period's meetings it left with no item
    areas: list[str] = field(default_factory=list)
    n_filtered_out: int = 0
    # undated meetings whose files are older than the period: not listed in `skipped`
    n_old_undated: int = 0

    @property
    def glance_heading(self) -> str:
        """``Ugen kort`` for a week or less; ``Overblik`` for a longer period."""
        return "Ugen kort" if (self.period_end - self.period_start).days <= 6 else "Overblik"

    @property
    def filter_text(self) -> str | None:
        """``Kun punkter inden for Social og Sundhed.`` when the digest is filtered by area."""
        if not self.areas:
            return None
        names = [area_label(a) for a in self.areas]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
        return f"Kun punkter inden for {joined}."

    @property
    def empty_text(self) -> str:
        """What a digest without meetings says: no meetings, or none with the areas' items."""
        if self.areas and self.n_filtered_out:
            n = self.n_filtered_out
            meetings = "1 møde" if n == 1 else f"{n} møder"
            return (
                "Ingen punkter inden for de valgte områder i perioden "
                f"({meetings} uden sådanne punkter)."
            )
        return "Ingen møder i perioden."

    @property
    def n_decide(self) -> int:
        """Items of the period that ask for (or, in minutes, record) a decision."""
        return sum(len(m.decide) for m in self.meetings)

    @property
    def decide_by_area(self) -> list[tuple[str, int]]:
        """``[(area label, count)]`` of the decision items, most first."""
        counts: Counter[str] = Counter()
        for meeting in self.meetings:
            for item in meeting.decide:
                counts[area_label(item.policy_area) or "Uden område"] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def glance_text(self) -> str:
        """One Danish sentence: how many meetings, and how many items ask for a decision."""
        n_meet = len(self.meetings)
        if not n_meet:
            return self.empty_text
        meetings = "1 møde" if n_meet == 1 else f"{n_meet} møder"
        items = "1 punkt" if self.n_decide == 1 else f"{self.n_decide} punkter"
        text = f"{meetings}; {items} til beslutning"
        if self.decide_by_area:
            text += ": " + ", ".join(f"{area} {n}" for area, n in self.decide_by_area)
        return text + "."
