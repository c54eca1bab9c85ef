"""Danish calendar words: months (full and abbreviated) and weekdays."""

from __future__ import annotations

MONTH_NAMES = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# The abbreviations agendas print ("okt.", "sept."); "maj" is never shortened.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# The first three letters of every month: a pattern on them finds "3. okt" and "3. oktober".
MONTH_STEMS = tuple(name[:3] for name in MONTH_NAMES)

# Month name -> number, the full names and the abbreviations.
MONTH_NUMBERS: dict[str, int] = {
    name: i + 1 for i, name in enumerate(MONTH_NAMES)
} | MONTH_ABBREVIATIONS
