"""Danish calendar words: months (full and abbreviated) and weekdays."""

from __future__ import annotations

MONTH_NAMES = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# Month name -> number, the full names and the abbreviations agendas print ("okt.").
MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTH_NAMES)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
