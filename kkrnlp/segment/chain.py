"""Numbered heading candidates and the best chain of them that numbers like an agenda."""

from __future__ import annotations

import difflib
import re

from kkrnlp.segment.patterns import (
    _DATE_START_RE,
    _REC_START_RE,
    _Candidate,
    _case_number,
    _leading_number_line,
    _parse_number,
    _plain,
    _Toc,
    is_section_heading,
)


def _looks_like_structure(lines: list[str], start: int, stop: int) -> bool:
    """True if a case number, a section heading or a recommendation follows soon."""
    seen = 0
    for idx in range(start, min(stop, len(lines))):
        line = lines[idx]
        if not line:
            continue
        seen += 1
        if seen > 4:
            break
        if _case_number(line) or is_section_heading(line):
            return True
        if _REC_START_RE.match(_plain(line)) or line.lstrip().startswith("*Det indstilles"):
            return True
    return False


def _candidate_score(
    cand: _Candidate, lines: list[str], next_line: int, toc: _Toc, wrap: int | None
) -> float:
    rest = cand.rest
    plain = _plain(rest)
    score = 1.0
    line = lines[cand.line]
    if line.startswith("**") or "**" in rest[:3]:
        score += 1.0
    if "*det indstilles" in rest.lower():
        score += 2.0
    if _looks_like_structure(lines, cand.line + 1, next_line):
        score += 2.5
    if toc.entries:
        key = cand.raw_number
        if key in toc.entries:
            ratio = difflib.SequenceMatcher(
                None, toc.entries[key].lower()[:60], plain.lower()[:60]
            ).ratio()
            score += 2.5 if ratio > 0.6 else 0.5
        else:
            score -= 1.5
    words = plain.split()
    if plain.endswith(".") and len(words) > 7 and "det indstilles" not in plain.lower():
        score -= 1.5  # a full sentence, not a title
    if len(plain) > 160:
        score -= 1.0
    if wrap and len(plain) < 0.5 * wrap and plain.endswith(","):
        score -= 1.0
    return score


def _candidates(lines: list[str], toc: _Toc, wrap: int | None) -> list[_Candidate]:
    cands: list[_Candidate] = []
    for idx, line in enumerate(lines):
        if not line or idx in toc.lines or "\t" in line:
            continue
        match = _leading_number_line(line)
        if match is None:
            continue
        rest = match.group("rest").strip()
        plain_rest = _plain(rest)
        if not plain_rest or _DATE_START_RE.match(plain_rest):
            continue
        first = plain_rest[0]
        if first.islower() or first in "%,;:)/-–":
            continue
        if re.match(r"^(?:mio|mia|kr|pct|procent|timer|dage|uger|år)\b", plain_rest, re.I):
            continue
        if len(match.group("num").split(".")[0]) == 3 and match.group("dot") == "":
            continue  # "100 kommuner ..." is a quantity, not item 100
        number = _parse_number(match.group("num"))
        cands.append(_Candidate(idx, number, ".".join(map(str, number)), rest))
    for i, cand in enumerate(cands):
        next_line = cands[i + 1].line if i + 1 < len(cands) else len(lines)
        cand.score = _candidate_score(cand, lines, next_line, toc, wrap)
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.number == (*cand.number, 1) and _gap(lines, cand.line, nxt.line) <= 2:
            cand.score += 2.5  # a group heading: its first sub-item follows at once
    _penalize_list_runs(cands, lines)
    return cands


def _gap(lines: list[str], start: int, stop: int) -> int:
    """Non-blank lines strictly between two line indices."""
    return sum(1 for line in lines[start + 1 : stop] if line)


def _penalize_list_runs(cands: list[_Candidate], lines: list[str]) -> None:
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
            and _gap(lines, cands[j].line, cands[j + 1].line) <= 1
        ):
            j += 1
        if j > i and cands[i].number[-1] == 1 and i > 0:
            for cand in cands[i : j + 1]:
                cand.score -= 2.0
        i = j + 1


def _transition(a: tuple[int, ...], b: tuple[int, ...]) -> float | None:
    """Penalty for heading ``b`` directly after ``a`` in an agenda, None if impossible."""
    if len(b) == len(a) + 1 and b[: len(a)] == a and b[-1] in (0, 1):
        return 0.0  # first child: 3 -> 3.1
    for p in range(min(len(a), len(b)) - 1, -1, -1):
        if b[:p] != a[:p]:
            continue
        step = b[p] - a[p]
        tail = b[p + 1 :]
        if step <= 0 or any(t != 1 for t in tail):
            continue
        penalty = 0.0 if step == 1 else 1.2 * (step - 1)
        if step > 3:
            continue
        return penalty + 0.3 * len(tail)  # 3.8 -> 4.1 with no "4." heading printed
    return None


def _start_penalty(number: tuple[int, ...], toc: _Toc) -> float:
    if toc.entries and ".".join(map(str, number)) == next(iter(toc.entries)):
        return 0.0
    if all(n in (0, 1) for n in number):
        return 0.0
    return 1.5 + 0.2 * number[0]


def _best_chain(cands: list[_Candidate], toc: _Toc) -> list[_Candidate]:
    """The highest-scoring sequence of candidates that numbers like an agenda."""
    n = len(cands)
    best = [float("-inf")] * n
    back = [-1] * n
    for i, cand in enumerate(cands):
        best[i] = cand.score - _start_penalty(cand.number, toc)
        for j in range(i):
            if best[j] == float("-inf"):
                continue
            pen = _transition(cands[j].number, cand.number)
            if pen is None:
                continue
            value = best[j] + cand.score - pen
            if value > best[i]:
                best[i], back[i] = value, j
    if not n:
        return []
    end = max(range(n), key=lambda i: best[i])
    if best[end] <= 0:
        return []
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    chain.reverse()
    # Drop weak candidates at the chain's tail that nothing supports (a list after the
    # last item) only if they score below zero on their own.
    return [c for c in chain if c.score > 0]
