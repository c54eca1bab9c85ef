"""Danish knowledge in one place: calendar words, section names and their roles,
item markers and item-type labels, group-heading cues, formalia titles.

Parsing, cleaning, faithfulness checks and the digest import from here so that a
new word (a month abbreviation, a section heading a publisher prints) is added once.
"""

from __future__ import annotations

from kkrnlp.danish.calendar import MONTH_NAMES, MONTH_NUMBERS, WEEKDAY_NAMES
from kkrnlp.danish.items import (
    ACCESS_WORDS,
    FORMALIA_TITLES,
    GROUP_CUES,
    ITEM_TYPE_LABELS,
    KEY_LINE_STARTS,
    PAGE_FURNITURE,
    TITLE_OPEN_ENDINGS,
    VERDICT_STARTS,
)
from kkrnlp.danish.sections import (
    ATTACHMENT_SECTIONS,
    ROLES,
    SECTION_NAMES,
    SECTION_ROLES,
    section_role,
)

__all__ = [
    "ACCESS_WORDS",
    "ATTACHMENT_SECTIONS",
    "FORMALIA_TITLES",
    "GROUP_CUES",
    "ITEM_TYPE_LABELS",
    "KEY_LINE_STARTS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "PAGE_FURNITURE",
    "ROLES",
    "SECTION_NAMES",
    "SECTION_ROLES",
    "TITLE_OPEN_ENDINGS",
    "VERDICT_STARTS",
    "WEEKDAY_NAMES",
    "section_role",
]
