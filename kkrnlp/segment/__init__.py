"""Cleaned agenda text -> Meeting with AgendaItems.

Parts (each a module of this package):
- ``patterns``: number lines, section headings, case numbers;
- ``toc``: the list of items at the top (table of contents, PUNKTER);
- ``chain``: numbered heading candidates and the best chain of them;
- ``titles``: a heading line's title, presenter, markers and title-line recommendation;
- ``headings``: the chain's item headings (wrapped titles, items only the list names);
- ``case_pages``: 'Nr. 12' / 'Pkt. 17' headings of case pages and web agendas;
- ``unnumbered``: items of a page that prints no numbers;
- ``items``: an item's sections, recommendation, decision and attachments;
- ``header``: the meeting's body, date, time, place and attendance;
- ``settings``: every tuned weight in one dataclass.
"""

from __future__ import annotations

from kkrnlp.segment.chain import _transition
from kkrnlp.segment.core import segment
from kkrnlp.segment.header import find_date, find_time
from kkrnlp.segment.patterns import MONTHS, SECTION_NAMES, is_section_heading

__all__ = [
    "MONTHS",
    "SECTION_NAMES",
    "_transition",
    "find_date",
    "find_time",
    "is_section_heading",
    "segment",
]
