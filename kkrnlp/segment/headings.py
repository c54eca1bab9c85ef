"""From the chosen chain of numbered lines to item headings.

A chain entry's title may wrap over several lines, or run on as a paragraph in
a list whose entries end with a full stop; items the list at the top names but
the body never reaches are added as known by title only. Titles are read in
``titles``; case pages live in ``case_pages``, pages without numbers in
``unnumbered``.
"""

from __future__ import annotations

import re

from kkrnlp.danish import SHORT_VERDICTS, TITLE_OPEN_ENDINGS, VERDICT_STARTS
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.segment.patterns import (
    _CASE_HEADING_RE,
    _Candidate,
    _case_number,
    _Heading,
    _leading_number_line,
    _parse_number,
    _plain,
    _Toc,
    is_section_heading,
)
from kkrnlp.segment.runon import cut_run_on
from kkrnlp.segment.titles import _split_title


def _continues_title(head_line: str, nxt: str, wrap: int | None) -> bool:
    """Is ``nxt`` the second line of a title broken over two lines?"""
    if not nxt or nxt.startswith(("- ", "./.")):
        return False
    if head_line.count("**") % 2 == 1 and "**" in nxt:
        return True  # "**9. Titel over" + "to linjer** v. Navn"
    if len(nxt) > 90 or _FILE_NAME_RE.search(nxt):
        return False  # "budget_2027_bilag.pdf": an attachment's file name, not a title
    plain_next = _plain(nxt)
    if not plain_next or is_section_heading(nxt) or _case_number(nxt):
        return False
    if _leading_number_line(nxt) or _CASE_HEADING_RE.match(plain_next):
        return False
    if REC_START_RE.match(plain_next) or nxt.startswith("*"):
        return False
    head_plain = _plain(head_line)
    if head_plain.endswith((".", ":")):
        return False
    if head_line.count("**") % 2 == 1:
        return True  # "**3. Titel over" + "to linjer**"
    if plain_next.endswith(".") and len(plain_next.split()) > 6:
        return False
    if plain_next.lower().strip(" .!") in SHORT_VERDICTS:
        return False  # "1. Titel" + "ok": the decision, not the title's second line
    if plain_next[0].islower() or re.match(r"^\d{4}(?:/\d{2,4})?\b", plain_next):
        return True
    last = head_plain.rsplit(None, 1)[-1].lower() if head_plain.strip() else ""
    if last in TITLE_OPEN_ENDINGS and len(plain_next) <= 80 and not plain_next.endswith(":"):
        return True  # "... renovering af" + "Nordskolens tag": the title has not ended
    return bool(wrap and len(head_line) >= 0.8 * wrap and len(plain_next) < 50)


MAX_TITLE_LINES = 4
_PAGE_NUMBER_END_RE = re.compile(r"(?<=[a-zæøå])[ \t]+\d{1,3}[ \t]*$")
_FILE_NAME_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?)\b|\w_\w", re.I)
# "... igangsætning af 2." + "fase, ...": a line that ends in an ordinal has not ended.
_ORDINAL_END_RE = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _full_stop_list(chain: list[_Candidate], stops: list[int], lines: list[str]) -> bool:
    """Is the chain a list whose entries end with a full stop ("1. Titel.", blank, "2. ...")?

    Judged on the entries that fit on one line: most of them must end with "." and
    stand alone between blank lines. In such a list an entry that does not end with a
    full stop on its first line goes on until the line that does.
    """
    if len(chain) < 3:
        return False
    single = [
        _plain(lines[cand.line]).rstrip()
        for cand, stop in zip(chain, stops, strict=True)
        if not any(lines[k].strip() for k in range(cand.line + 1, stop))
    ]
    ended = sum(1 for text in single if text.endswith(".") and not _ORDINAL_END_RE.search(text))
    return ended >= 2 and ended * 3 >= 2 * len(single)


def _title_paragraph(lines: list[str], start: int, stop: int) -> list[str]:
    """The rest of a list entry that wraps: the lines below its heading up to the full stop.

    Only when the entry is a paragraph of its own (blank lines alone up to the next
    heading) and its first line has not ended; [] otherwise.
    """
    if _plain(lines[start]).rstrip().endswith(".") and not _ORDINAL_END_RE.search(
        _plain(lines[start]).rstrip()
    ):
        return []
    out: list[str] = []
    k = start + 1
    while k < stop and lines[k].strip():
        plain = _plain(lines[k]).strip()
        if (
            len(out) >= MAX_TITLE_LINES - 1
            or len(plain) > 100
            or is_section_heading(lines[k])
            or _case_number(plain)
            or _leading_number_line(lines[k])
            or REC_START_RE.match(plain)
        ):
            return []
        out.append(plain)
        k += 1
    if any(lines[m].strip() for m in range(k, stop)):
        return []  # the item has a text below: not a list entry
    if not out or not out[-1].endswith((".", "?")):
        return []
    if out[0].lower().startswith(VERDICT_STARTS):
        return []  # "2. Regnskab 2026" + "Godkendt.": the decision, not the title
    if out[0][:1].isupper() and _plain(lines[start]).rstrip().endswith(")"):
        # "3. Titel (bilag 1)" + "Rapporten gennemgås.": the bracket closed the title.
        return []
    return out


def _headings_from_chain(
    chain: list[_Candidate], lines: list[str], wrap: int | None
) -> list[_Heading]:
    headings: list[_Heading] = []
    stops = [c.line for c in chain[1:]] + [len(lines)] if chain else []
    full_stop_list = _full_stop_list(chain, stops, lines)
    for cand, stop in zip(chain, stops, strict=True):
        heading = _Heading(cand.line, cand.raw_number, "", cand.rest, tail=cand.tail)
        extra = _title_paragraph(lines, cand.line, stop) if full_stop_list else []
        if not extra and not cand.tail:
            # (A line cut after its title ran on into the text: the lines below go on
            # with that text, not with the title.)
            j = cand.line + 1
            # A title wraps over up to four lines; each line must continue the one above.
            while (
                j < stop
                and j - cand.line <= MAX_TITLE_LINES - 1
                and _continues_title(lines[j - 1], lines[j], wrap)
            ):
                extra.append(lines[j].strip())
                j += 1
        if extra:
            heading.rest = " ".join([cand.rest.rstrip(), *extra])
            heading.title_lines = 1 + len(extra)
        if full_stop_list:
            # In a list whose entries end with a full stop, "... udlejningskriterier 14"
            # ends with a page number (or a count of pages), not with the title's last word.
            heading.rest = _PAGE_NUMBER_END_RE.sub("", heading.rest)
        heading.end = stop
        headings.append(heading)
    for i, heading in enumerate(headings[:-1]):
        nxt = headings[i + 1]
        if nxt.number and heading.number and nxt.number.startswith(heading.number + "."):
            heading.children = True
    return headings


def _agrees(heading: _Heading, toc: _Toc) -> bool:
    listed = toc.entries.get(heading.number or "")
    if not listed:
        return False
    a, b = _words(listed), _words(_split_title(heading.rest)[0])
    # "formandenReferat": the body glues the next word onto the title's last word
    glued = len(a) >= 2 and " ".join(b).startswith(" ".join(a))
    return bool(a) and (a[:4] == b[:4] or a == b or glued)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def with_listed_items(headings: list[_Heading], toc: _Toc, lines: list[str]) -> list[_Heading]:
    """Add the items the list at the top names but the body never reaches (cut-off pages)."""
    have = {h.number for h in headings}
    # "2" when the list also holds "2.1": a group that holds items, not an item
    parents = {num.rsplit(".", 1)[0] for num in toc.entries if "." in num}
    missing = [
        num for num in toc.entries if num not in have and num not in parents and toc.entries[num]
    ]
    if not missing or not toc.listed:
        return headings
    if headings and not any(_agrees(h, toc) for h in headings):
        return headings  # the list and the body's headings do not match: not the agenda's list
    out = list(headings)
    for num in missing:
        key = _parse_number(num)
        at = next(
            (i for i, h in enumerate(out) if h.number and _parse_number(h.number) > key), len(out)
        )
        line = out[at].line if at < len(out) else len(lines)
        # Minutes printed as a bare numbered list run on after each title
        # ("2) Strøm. Der bliver holdt øje ..."): the sure cuts of a heading line apply.
        if toc.glued_first is not None and num == next(iter(toc.entries)):
            # The first heading glued onto the list's last line: its text follows that line.
            glued = toc.glued_first
            out.insert(at, _Heading(glued, num, "", toc.entries[num], end=line, title_lines=1))
            continue
        title, tail = cut_run_on(toc.entries[num]) if not headings else (toc.entries[num], "")
        out.insert(at, _Heading(line, num, "", title, end=line, listed_only=True, tail=tail))
    return out
