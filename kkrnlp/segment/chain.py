"""Numbered heading candidates and the best chain of them that numbers like an agenda."""

from __future__ import annotations

import difflib
import itertools
import re

from kkrnlp.danish import ORDINAL_NOUNS, POINT_VERDICTS, TITLE_OPEN_ENDINGS, TITLE_OPENING_RE
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.danish.sentences import ABBREVIATIONS
from kkrnlp.segment.letters import letter_sub_items
from kkrnlp.segment.patterns import (
    _DATE_START_RE,
    _Candidate,
    _case_number,
    _leading_number_line,
    _parse_number,
    _plain,
    _Toc,
    is_section_heading,
)
from kkrnlp.segment.runon import cut_run_on
from kkrnlp.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from kkrnlp.segment.titles import cut_inline_value, cut_long_title


def _looks_like_structure(lines: list[str], start: int, stop: int, window: int = 4) -> bool:
    """True if a case number, a section heading or a recommendation follows soon."""
    seen = 0
    for idx in range(start, min(stop, len(lines))):
        line = lines[idx]
        if not line:
            continue
        seen += 1
        if seen > window:
            break
        if _case_number(line) or is_section_heading(line):
            return True
        if REC_START_RE.match(_plain(line)) or line.lstrip().startswith("*Det indstilles"):
            return True
    return False


def _candidate_score(
    cand: _Candidate,
    lines: list[str],
    next_line: int,
    toc: _Toc,
    wrap: int | None,
    settings: SegmentSettings = DEFAULT_SETTINGS,
    page_titles: frozenset[str] = frozenset(),
) -> float:
    rest = cand.rest
    plain = _plain(rest)
    score = settings.base
    line = lines[cand.line]
    if line.startswith("**") or "**" in rest[:3]:
        score += settings.bold
    if cand.lettered:
        score += settings.letter_run
    if "*det indstilles" in rest.lower():
        score += settings.inline_recommendation
    if _looks_like_structure(lines, cand.line + 1, next_line, settings.structure_window):
        score += settings.structure_follows
    if toc.entries:
        key = cand.raw_number
        if key in toc.entries:
            ratio = difflib.SequenceMatcher(
                None, _norm(toc.entries[key])[:60], _norm(plain)[:60]
            ).ratio()
            close = ratio > settings.toc_title_similarity
            score += settings.toc_agrees if close else settings.toc_number_only
        elif key.split(".")[0] not in toc.entries:
            score += settings.toc_missing  # sub-items ("2.a" under "2") are often unlisted
    elif _norm(plain)[:60] in page_titles:
        score += settings.toc_agrees  # a single-item page prints its title at the top too
    words = plain.split()
    if (
        plain.endswith(".")
        and len(words) > 7
        and "det indstilles" not in plain.lower()
        and not TITLE_OPENING_RE.match(plain)  # "Godkendelse af referat fra ... møder."
        and (
            not _ABBREVIATION_END_RE.search(plain)  # "..., Danske Regioner mv." is a title
            or plain.startswith(("At ", "at "))  # "1. At udpege ..." is a point of a proposal
        )
    ):
        score += settings.sentence  # a full sentence, not a title
    if len(plain) > 160:
        score += settings.long_line
    if wrap and len(plain) < 0.5 * wrap and plain.endswith(","):
        score += settings.comma_fragment
    return score


def _cut_at_listed(rest: str, listed: str | None) -> tuple[str, str]:
    """'Titel Første sætning ...' where the list at the top prints 'Titel': cut there."""
    if not listed:
        return rest, ""
    want = re.findall(r"\w+", listed.lower())
    words = list(re.finditer(r"\w+", rest))
    if not want or len(words) < len(want):
        return rest, ""
    got = [w.group().lower() for w in words[: len(want)]]
    if got[:-1] != want[:-1]:
        return rest, ""
    last = words[len(want) - 1]
    end = last.start() + len(want[-1])
    if got[-1] == want[-1]:
        if len(words) == len(want):
            return rest, ""
    elif not (got[-1].startswith(want[-1]) and rest[end : end + 1].isupper()):
        return rest, ""  # "formandenReferat": the next heading glued on in flattened text
    after = rest[end:].strip(" *_")
    if not after[:1].isupper():
        return rest, ""  # a presenter ("v. NN"), a marker "(B)" or markup: split_heading's
    return rest[:end].strip(), rest[end:].strip(" .")


# A line ending in an abbreviation ("..., Danske Regioner mv.") is no finished sentence;
# "mm." is "m.m." as some pages print it.
_ABBREVIATION_END_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS | {"mm"})) + r")\.$", re.I
)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _page_titles(lines: list[str], first: int) -> frozenset[str]:
    """Short lines above the first numbered line: a page's own title printed at its top."""
    out = set()
    for line in lines[:first]:
        plain = _plain(line).strip()
        if plain and len(plain) <= 160 and not plain.endswith("."):
            out.add(_norm(plain)[:60])
    return frozenset(out)


# A committee's verdict on one point of a recommendation (danish.POINT_VERDICTS).
_VERDICT_POINT_RE = re.compile(
    rf"^(?:{'|'.join(POINT_VERDICTS)})"
    r"(?![\w-])(?:[ \t,]+(?:over ?for|overfor|til|af|med|som|og)\b[^.:;]{0,60})?\.?$",
    re.I,
)


def _candidates(
    lines: list[str], toc: _Toc, wrap: int | None, settings: SegmentSettings = DEFAULT_SETTINGS
) -> list[_Candidate]:
    cands: list[_Candidate] = []
    lower: list[_Candidate] = []  # lines whose title starts in lower case
    numbered: set[str] = set()
    for idx, line in enumerate(lines):
        if not line or idx in toc.lines:
            continue
        match = _leading_number_line(line)
        if match is None or "\t" in match.group("rest").strip():
            continue  # "1.\tTitel" is a heading; "1.\tTitel\tBilag" a table row
        rest = match.group("rest").strip()
        plain_rest = _plain(rest)
        if not plain_rest or _DATE_START_RE.match(plain_rest):
            continue
        first = plain_rest[0]
        if first.islower() and first.isalpha():
            word = plain_rest.split()[0].lower().rstrip(".,:")
            if word != "at" and word not in ORDINAL_NOUNS:  # "1. at ...": a proposal's point
                number = _parse_number(match.group("num"))
                lower.append(_Candidate(idx, number, match.group("num"), rest))
            continue
        if first.islower() or first in "%,;:)/-–":
            continue
        if re.match(r"^(?:mio|mia|kr|pct|procent|timer|dage|uger|år)\b", plain_rest, re.I):
            continue
        if _VERDICT_POINT_RE.match(plain_rest):
            continue  # "1) Godkendt.", "3. Anbefales over for Byrådet.": a verdict per point
        number = _parse_number(match.group("num"))
        title, tail = _cut_at_listed(rest, toc.entries.get(match.group("num")))
        if not tail:
            title, tail = cut_run_on(rest)
        if not tail:
            title, tail = cut_long_title(rest)
        if not tail:
            title, tail = cut_inline_value(rest)
        cands.append(_Candidate(idx, number, match.group("num"), title, tail=tail))
        numbered.add(match.group("num"))
    cands = _with_lower_case_entries(cands, lower, lines)
    numbered.update(cand.raw_number for cand in cands)
    cands = _drop_repeats(cands, lines)
    cands = sorted([*cands, *letter_sub_items(cands, lines, toc)], key=lambda c: c.line)
    if toc.listed:
        cands = _add_title_lines(cands, lines, toc, numbered)
    page_titles = _page_titles(lines, cands[0].line) if cands else frozenset()
    for i, cand in enumerate(cands):
        next_line = cands[i + 1].line if i + 1 < len(cands) else len(lines)
        cand.score = _candidate_score(cand, lines, next_line, toc, wrap, settings, page_titles)
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.number == (*cand.number, 1) and _gap(lines, cand.line, nxt.line) <= 2:
            cand.score += settings.group_heading  # its first sub-item follows at once
    _penalize_list_runs(cands, lines, settings)
    return cands


def _next_number(number: tuple[int, ...]) -> tuple[int, ...]:
    return (*number[:-1], number[-1] + 1)


def _with_lower_case_entries(
    cands: list[_Candidate], lower: list[_Candidate], lines: list[str]
) -> list[_Candidate]:
    """Numbered lines in lower case that fill the numbering of the others.

    A line whose title starts in lower case is a heading only where the numbering
    needs it: right before the entry numbered one higher ("Dagsorden: 1 valg af
    dirigent 2 spørgsmål fra salen ... 4 Nyt om stien"), or right after the entry one lower,
    set off by a blank line like it ("4. Budget" / "" / "5. orientering fra ...").
    """
    out = sorted(cands, key=lambda c: c.line)
    pending = sorted(lower, key=lambda c: c.line, reverse=True)
    added = True
    while pending and added:
        added = False
        for weak in list(pending):
            before = next((c for c in reversed(out) if c.line < weak.line), None)
            after = next((c for c in out if c.line > weak.line), None)
            fills_before = after is not None and after.number == _next_number(weak.number)
            fills_after = (
                before is not None
                and weak.number == _next_number(before.number)
                and (after is None or fills_before)
                and _blank_above(lines, weak.line)
                and _blank_above(lines, before.line)
                and _plain(weak.rest).split()[0].lower() not in TITLE_OPEN_ENDINGS
            )
            if (fills_before and (before is None or before.number != weak.number)) or fills_after:
                out = sorted([*out, weak], key=lambda c: c.line)
                pending.remove(weak)
                added = True
    return out


def _blank_above(lines: list[str], idx: int) -> bool:
    return idx == 0 or not lines[idx - 1].strip()


def _drop_repeats(cands: list[_Candidate], lines: list[str]) -> list[_Candidate]:
    """A heading printed twice in a row ("1. Titel (B)", then "1.   Titel (B)") is one."""
    out: list[_Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.raw_number == cand.raw_number
            and _norm(_plain(prev.rest)) == _norm(_plain(cand.rest))
            and _gap(lines, prev.line, cand.line) <= 2
        ):
            continue
        out.append(cand)
    return out


def _add_title_lines(
    cands: list[_Candidate], lines: list[str], toc: _Toc, numbered: set[str]
) -> list[_Candidate]:
    """A listed item whose heading the body prints without its number ("Pkt. 17" apart)."""
    wanted = {_norm(title)[:60]: num for num, title in toc.entries.items() if num not in numbered}
    if not wanted:
        return cands
    extra = []
    after = max(toc.lines) + 1 if toc.lines else 0
    for idx, line in enumerate(lines[after:], start=after):
        if not line or idx in toc.lines or len(line) > 200:
            continue
        num = wanted.get(_norm(_plain(line))[:60])
        if num is not None:
            extra.append(_Candidate(idx, _parse_number(num), num, _plain(line).strip()))
            del wanted[_norm(_plain(line))[:60]]
    return sorted([*cands, *extra], key=lambda c: c.line)


def _gap(lines: list[str], start: int, stop: int) -> int:
    """Non-blank lines strictly between two line indices."""
    return sum(1 for line in lines[start + 1 : stop] if line)


def _tight(lines: list[str], start: int, stop: int) -> bool:
    """Entries of one list: at most one line between, or a wrapped entry's few lines.

    A wrapped entry leaves up to three lines between two numbers, with no empty
    line, section heading, case number or recommendation among them.
    """
    between = lines[start + 1 : stop]
    if sum(1 for line in between if line) <= 1:
        return True
    if len(between) > 3 or not all(
        line
        and not is_section_heading(line)
        and not _case_number(line)
        and not REC_START_RE.match(_plain(line))
        for line in between
    ):
        return False
    # Wrapped, not an entry with a short text under it: each line is full, the next
    # line's first word would not have fitted.
    chain = [lines[start], *between]
    width = max(len(line) for line in lines[max(0, start - 10) : stop + 10])
    return all(
        len(a) + 1 + len(b.split()[0]) > width and len(a) >= 0.5 * width
        for a, b in itertools.pairwise(chain)
    )


def _penalize_list_runs(
    cands: list[_Candidate], lines: list[str], settings: SegmentSettings = DEFAULT_SETTINGS
) -> None:
    """Lines numbered 1., 2., 3. right under each other are a list, not items.

    Agenda items have content between them; a tight run that starts again at 1
    somewhere inside the document is an enumeration within an item.
    """
    i = 0
    while i < len(cands):
        j = i
        while (
            j + 1 < len(cands)
            and len(cands[j + 1].number) == len(cands[j].number)
            and cands[j + 1].number[:-1] == cands[j].number[:-1]
            and cands[j + 1].number[-1] == cands[j].number[-1] + 1
            and _tight(lines, cands[j].line, cands[j + 1].line)
        ):
            j += 1
        parent = cands[i - 1].number == cands[i].number[:-1] if i > 0 else False
        # A run that starts at 1 inside the document is a list, unless it is the
        # sub-items of the heading right above it (2 -> 2.a, 2.b).
        if j > i and cands[i].number[-1] == 1 and i > 0 and not parent:
            for cand in cands[i : j + 1]:
                cand.score += settings.tight_list
        i = j + 1


def _transition(
    a: tuple[int, ...], b: tuple[int, ...], settings: SegmentSettings = DEFAULT_SETTINGS
) -> float | None:
    """Penalty for heading ``b`` directly after ``a`` in an agenda, None if impossible."""
    if len(b) == len(a) + 1 and b[: len(a)] == a and b[-1] in (0, 1):
        return 0.0  # first child: 3 -> 3.1
    for p in range(min(len(a), len(b)) - 1, -1, -1):
        if b[:p] != a[:p]:
            continue
        step = b[p] - a[p]
        penalty = _step_penalty(step, b[p + 1 :], settings)
        if penalty is not None:
            return penalty
    return None


def _step_penalty(step: int, tail: tuple[int, ...], settings: SegmentSettings) -> float | None:
    if step <= 0 or step > settings.max_step or any(t != 1 for t in tail):
        return None
    return settings.step_penalty * (step - 1) + settings.implied_parent * len(tail)


def _start_penalty(number: tuple[int, ...], toc: _Toc, settings: SegmentSettings) -> float:
    if toc.entries and ".".join(map(str, number)) == next(iter(toc.entries)):
        return 0.0
    if all(n in (0, 1) for n in number):
        return 0.0
    return settings.start_penalty + settings.start_penalty_per_number * number[0]


def _best_chain(
    cands: list[_Candidate], toc: _Toc, settings: SegmentSettings = DEFAULT_SETTINGS
) -> list[_Candidate]:
    """The highest-scoring sequence of candidates that numbers like an agenda.

    Linear in the number of candidates (times the depth of the numbers): a
    heading ``b`` can only follow a heading whose number is ``b`` without its last
    part (first child) or shares a prefix with ``b`` and is one to ``max_step``
    lower at the next level, so the best predecessor is looked up by number
    instead of by trying every earlier candidate.
    """
    n = len(cands)
    if not n:
        return []
    best = [float("-inf")] * n
    back = [-1] * n
    exact: dict[tuple[int, ...], int] = {}  # number -> best candidate index with it
    prefix: dict[tuple[int, ...], int] = {}  # prefix -> best candidate index under it
    for i, cand in enumerate(cands):
        b = cand.number
        best[i] = cand.score - _start_penalty(b, toc, settings)
        options: list[tuple[int, float]] = []
        if b[-1] in (0, 1) and len(b) > 1 and b[:-1] in exact:
            options.append((exact[b[:-1]], 0.0))
        for p in range(len(b)):
            for step in range(1, settings.max_step + 1):
                j = prefix.get((*b[:p], b[p] - step))
                if j is None:
                    continue
                pen = _step_penalty(step, b[p + 1 :], settings)
                if pen is not None:
                    options.append((j, pen))
        for j, pen in sorted(options):
            value = best[j] + cand.score - pen
            if value > best[i]:
                best[i], back[i] = value, j
        if exact.get(b) is None or best[i] > best[exact[b]]:
            exact[b] = i
        for k in range(1, len(b) + 1):
            key = b[:k]
            if prefix.get(key) is None or best[i] > best[prefix[key]]:
                prefix[key] = i
    end = max(range(n), key=lambda i: best[i])
    if best[end] <= 0:
        return []
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    chain.reverse()
    # Drop weak candidates at the chain's tail that nothing supports (a list after the
    # last item) only if they score below zero on their own; a weak one between two
    # items fills its gap in the numbering ("4.Godkendelse af referat af mødet ...").
    while chain and chain[-1].score <= 0:
        chain.pop()
    return chain
