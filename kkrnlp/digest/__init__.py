"""The weekly digest: a briefing of the period's meetings for politicians.

``build_digest`` (:mod:`.build`) picks the meetings of a period out of item
records and sorts each meeting's items into what the politicians are asked to
decide, discuss or take note of (in minutes: what was decided, discussed or
noted); ``render_markdown`` / ``render_html`` (:mod:`.render`) and
``render_docx`` (:mod:`.docx`) print it in Danish, starting with the week at a
glance. Only the meeting's own formal items are collapsed into one formalia line.
"""

from kkrnlp.digest.build import build_digest, digest_period, is_formal, parse_week
from kkrnlp.digest.danish import (
    area_label,
    danish_date,
    danish_datetime,
    danish_period,
    recommendation_label,
    resolve_areas,
)
from kkrnlp.digest.model import (
    FLAG_TEXT,
    MINUTES_HEADINGS,
    NO_DATE_REASON,
    SECTION_HEADINGS,
    Digest,
    DigestItem,
    DigestMeeting,
)
from kkrnlp.digest.render import FORMATS, TEMPLATE_DIR, render_html, render_markdown, write_digest
from kkrnlp.digest.word import render_docx, xml_safe

__all__ = [
    "FLAG_TEXT",
    "FORMATS",
    "MINUTES_HEADINGS",
    "NO_DATE_REASON",
    "SECTION_HEADINGS",
    "TEMPLATE_DIR",
    "Digest",
    "DigestItem",
    "DigestMeeting",
    "area_label",
    "build_digest",
    "danish_date",
    "danish_datetime",
    "danish_period",
    "digest_period",
    "is_formal",
    "parse_week",
    "recommendation_label",
    "render_docx",
    "render_html",
    "render_markdown",
    "resolve_areas",
    "write_digest",
    "xml_safe",
]
