"""Danish knowledge in one place: calendar words, section names and their roles,
item markers and item-type labels, formalia titles, recommendation openings and verbs.
(The wordings of formal items themselves are cues in labels.toml, read by is_formalia_title.)

Parsing, cleaning, faithfulness checks and the digest import from here so that a
new word (a month abbreviation, a section heading a publisher prints) is added once.
"""

from __future__ import annotations

from kkrnlp.danish.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_NUMBERS,
    MONTH_STEMS,
    WEEKDAY_NAMES,
)
from kkrnlp.danish.items import (
    ACCESS_WORDS,
    APPROVAL_TITLE_RE,
    ELECTION_TITLE_RE,
    FORMALIA_AREA,
    FORMALIA_ITEM_TYPES,
    FORMALIA_TITLES,
    ITEM_TYPE_LABELS,
    KEY_LINE_STARTS,
    LIST_POINTER_RE,
    NO_MATTER_WORDS,
    NOT_A_BODY_RE,
    ORDINAL_NOUNS,
    PAGE_FURNITURE,
    PAREN_KEEP_RE,
    PAST_OUTCOME_RE,
    PRESENTER_ROLES,
    SHORT_VERDICTS,
    TITLE_OPEN_ENDINGS,
    TITLE_OPENING_RE,
    VALUE_TITLES,
    VERDICT_IN_BODY_RE,
    VERDICT_STARTS,
    is_formalia_group,
    is_formalia_title,
    is_meeting_header_line,
    names_no_matter,
    title_without_labels,
)
from kkrnlp.danish.recommendation import REC_START_RE, REC_VERBS, infinitive, past_tense
from kkrnlp.danish.sections import (
    ATTACHMENT_SECTIONS,
    ROLES,
    SECTION_NAMES,
    SECTION_ROLES,
    section_role,
)

__all__ = [
    "ACCESS_WORDS",
    "APPROVAL_TITLE_RE",
    "ATTACHMENT_SECTIONS",
    "ELECTION_TITLE_RE",
    "FORMALIA_AREA",
    "FORMALIA_ITEM_TYPES",
    "FORMALIA_TITLES",
    "ITEM_TYPE_LABELS",
    "KEY_LINE_STARTS",
    "LIST_POINTER_RE",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "MONTH_STEMS",
    "NOT_A_BODY_RE",
    "NO_MATTER_WORDS",
    "ORDINAL_NOUNS",
    "PAGE_FURNITURE",
    "PAREN_KEEP_RE",
    "PAST_OUTCOME_RE",
    "PRESENTER_ROLES",
    "REC_START_RE",
    "REC_VERBS",
    "ROLES",
    "SECTION_NAMES",
    "SECTION_ROLES",
    "SHORT_VERDICTS",
    "TITLE_OPENING_RE",
    "TITLE_OPEN_ENDINGS",
    "VALUE_TITLES",
    "VERDICT_IN_BODY_RE",
    "VERDICT_STARTS",
    "WEEKDAY_NAMES",
    "infinitive",
    "is_formalia_group",
    "is_formalia_title",
    "is_meeting_header_line",
    "names_no_matter",
    "past_tense",
    "section_role",
    "title_without_labels",
]
