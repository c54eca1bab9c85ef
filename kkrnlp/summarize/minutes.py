"""What minutes say was decided, and the short texts of small councils' minutes.

The extractive summarizer asks these when an item is formal ("Godkendelse af
referat" + "Godkendt." -> "Referatet blev godkendt."), when its text is one short
line under the title ("Kassereren: Intet."), and before it guesses an ask from the
title of an item whose minutes already tell the outcome. Split from extractive.py,
which keeps the selection and the order of the summary's parts.
"""

from __future__ import annotations

import re
from typing import Any

from kkrnlp.danish import (
    ABSENTEE_LABELS,
    ELECTION_TITLE_RE,
    LIST_POINTER_RE,
    PAST_OUTCOME_RE,
    SHORT_VERDICTS,
    VERDICT_IN_BODY_RE,
)
from kkrnlp.danish.sections import BARE_HEADING_LINE_RE
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.compress import _end, _join_parts, _n_words, _sentence_case
from kkrnlp.summarize.decision import _ABSENT_RE, _APPROVED_LEAD_RE, _decision_section
from kkrnlp.summarize.selection import _WEB_POINTER_RE, LIST_MARK_RE
from kkrnlp.summarize.sentences import _OPEN_END_RE, normalize_space, split_sentences, split_units

_DEFINITE = {"dagsorden": "Dagsordenen", "dagorden": "Dagsordenen", "referat": "Referatet"}
_BARE_VERDICT_LINE_RE = re.compile(
    r"^[ \t]*(godkendt|vedtaget|tiltrådt|taget til efterretning)[ \t]*$", re.I | re.M
)
# "Fraværende" / "Ingen." or "Bemærkninger til dagsordenen: Ingen": a standing point's
# labels answered with nothing to report.
_NIL_LABELS = ("fraværende", "afbud", "bemærkninger til dagsordenen", "bemærkninger")
_NIL_VALUE_RE = re.compile(r"^(?:ingen|intet)\.?$", re.IGNORECASE)


def nil_labels(item: AgendaItem) -> str | None:
    """A meeting point whose labels are all answered "Ingen." -> "Der var ingen fraværende og
    ingen bemærkninger til dagsordenen."; None when any label says more."""
    lines = [normalize_space(line) for line in _text_below_title(item).split("\n")]
    lines = [line for line in lines if line]
    said: list[str] = []
    k = 0
    while k < len(lines):
        label, colon, value = lines[k].partition(":")
        key = label.strip().lower()
        if key in _NIL_LABELS:
            if not colon or not value.strip():
                value = lines[k + 1] if k + 1 < len(lines) else ""
                k += 1
            if not _NIL_VALUE_RE.match(value.strip()):
                return None
            said.append(f"ingen {key}")
        elif said:
            return None  # text after the labels: the point says more than "nothing"
        k += 1
    if not said:
        return None
    return _end("Der var " + " og ".join(said))


# one-word lines that are whole: a decision ("Vedtaget") or nothing to report ("Intet"),
# which the title in front makes a statement ("Kassereren: Intet.")
_WHOLE_ONE_WORD_LINES = SHORT_VERDICTS - {"ok", "o.k"}


def short_text(item: AgendaItem, max_words: int = 30) -> str | None:
    """The item's text when it is one short line under the title (minutes of a small
    council: "Forslaget anbefales – formanden svarer", or a bare "Vedtaget"), else None.
    A line cut off in the source ("En borger a") is no text."""
    title = normalize_space(item.title or "").rstrip(".").lower()
    lines = []
    for line in (item.text or "").split("\n"):
        line = LIST_MARK_RE.sub("", normalize_space(line))
        # the title line, numbered "7", "7.2" or "7.c"
        bare = re.sub(r"^\d+(?:\.\d+)*(?:\.[a-z])?\.?\s*", "", line).rstrip(".").lower()
        if not line or bare == title or BARE_HEADING_LINE_RE.match(line):
            continue
        lines.append(line)
    if ELECTION_TITLE_RE.match(title):
        return _election_lines(lines)
    if len(lines) != 1 or _n_words(lines[0]) > max_words or _WEB_POINTER_RE.match(lines[0]):
        return None  # "Læs referaterne her på siden" is the page's, not the item's
    line = lines[0]
    words = line.rstrip(".!?").split()
    # an unpunctuated line must look finished: more than one word, a full last word;
    # a one-word verdict ("Vedtaget", "Godkendt") is a whole decision
    verdict = len(words) == 1 and words[0].lower() in _WHOLE_ONE_WORD_LINES
    unfinished = not verdict and (
        len(words) < 2 or len(words[-1]) < 3 or bool(_OPEN_END_RE.search(line))
    )
    if not line.endswith((".", "!", "?")) and unfinished:
        return None
    return _end(line)


def _election_lines(lines: list[str]) -> str | None:
    """Who was elected, when an election item's text is only names ("Lars", "John og
    Lise", or "Formand Ida Holm" / "Kasserer Per Bo" one a line): joined as one list."""
    if lines and re.fullmatch(r"(?:valg|valgt|valgte)\s*:?", lines[0], re.IGNORECASE):
        lines = lines[1:]
    names = [ln.rstrip(" .,;") for ln in lines]
    if not names or len(names) > 6 or any(_n_words(n) > 5 or not n[:1].isupper() for n in names):
        return None
    return _end(_join_parts(names))


def formalia_approval(ask: Any) -> str | None:
    """ "godkender referat af møde ..." -> "Referat af møde ... forelægges til godkendelse."."""
    for verb, rest in ask.parts:
        if verb.lower() == "godkender" and rest:
            return _end(_sentence_case(rest.rstrip(".")) + " forelægges til godkendelse")
    return None


# "Dagsorden godkendt inklusive tillægsdagsorden.": the verdict names what it approved;
# "Med denne tilføjelse blev dagsordenen godkendt." after the remark it answers
_NAMED_APPROVAL_RE = re.compile(
    r"^(?:med\s+(?:denne|disse)\s+\w+\s+blev\s+)?(?:dagsorden(?:en)?|referat(?:et)?)\s+"
    r"(?=(?:godkendt|vedtaget)\b)",
    re.I,
)
_TAIL_WORDS = r"(?:med|uden|idet|dog|inklusive|inkl\.|herunder)\b"


def _formal_approval(unit: str) -> re.Match[str] | None:
    text = normalize_space(unit)
    return _APPROVED_LEAD_RE.match(_NAMED_APPROVAL_RE.sub("", text))


def formalia_decided(item: AgendaItem) -> str | None:
    """Minutes: "Godkendelse af referat" + "Godkendt." -> "Referatet blev godkendt."."""
    _, text = _decision_section(item)
    if not text:
        text = _approval_in_running_text(item)
        if text:
            return text
        verdict = verdict_in_body(item)
        if not verdict:
            return None
        text = _end(verdict)  # a bare "Godkendt" line would read as a heading
    # a bare "Godkendt" line under a remark is the verdict, not a heading
    text = _BARE_VERDICT_LINE_RE.sub(lambda m: _end(m.group(1)), text or "")
    units = [re.sub(r"^\d{1,2}\.\s*", "", u.text) for u in split_units(text) if not u.heading]
    if not units:
        return None
    # the approval may follow a remark ("X erklærede sig inhabil ..."): find it, and keep
    # the remark after it, since it is part of what was decided
    at = next(
        (i for i, u in enumerate(units[:4]) if _formal_approval(u)),
        None,
    )
    m = re.search(r"(?:godkendelse af|beslutning(?:er)? om) (.+)$", item.title or "", re.I)
    if at is None or not m:
        return None
    lead = _formal_approval(units[at])
    assert lead is not None
    # pieces of one sentence ("vedr. pkt." + "196 og 198.") are joined again; a bare
    # "Fraværende" line is no remark
    kept = [
        normalize_space(u)
        for u in units[:at]
        if not _ABSENT_RE.search(u) and (_n_words(u) > 1 or u.rstrip().endswith("."))
    ]
    before = [_end(" ".join(kept))] if kept else []
    if _n_words(" ".join(before)) > 50:
        return None
    obj = re.sub(r"\s*\((?:[A-ZÆØÅ]|Åben|Lukket)\)\s*$", "", m.group(1).strip()).rstrip(".")
    first, _, rest = obj.partition(" ")
    head = _DEFINITE.get(first.lower(), _sentence_case(first))
    tail = lead.group(1).strip(" .")
    decided = text
    text = f"{head} {rest}".strip() + " blev godkendt"
    # "med disse tilføjelser:" points to a list the summary leaves out
    if tail and re.match(_TAIL_WORDS, tail) and not LIST_POINTER_RE.search(tail):
        text += f" {tail}"
    absent = _absentees(decided)
    if absent and not before:
        text += f"; {absent} var fraværende"
    return " ".join([_end(text), *before])


# "Fraværende: Ida Holm (A), Ole Dam (V)", "Ej til stede: Ida Holm og Ole Dam", "Afbud: NN"
_ABSENTEES_RE = re.compile(
    rf"^\s*(?:{'|'.join(ABSENTEE_LABELS)})\s*:?[ \t]*"
    r"(?P<names>[A-ZÆØÅ][^\n]{2,120}?)\.?\s*$",
    re.I | re.M,
)
_MAX_ABSENTEE_WORDS = 14


def _absentees(text: str) -> str | None:
    """The members the decision's text names as absent ("Ida Holm og Ole Dam"), or None
    (none named, "Ingen", or a line too long to be a list of names)."""
    m = _ABSENTEES_RE.search(text or "")
    if not m:
        return None
    names = normalize_space(m.group("names")).strip(" ,;")
    if _NIL_VALUE_RE.match(names) or _n_words(names) > _MAX_ABSENTEE_WORDS or names[-1:] == ":":
        return None
    if not all(w[:1].isupper() or w in ("og", "(A)") or w.startswith("(") for w in names.split()):
        return None  # a sentence ("Afbud fra formanden, som ..."), not names
    head, comma, last = names.rpartition(", ")
    return f"{head} og {last}" if comma and " og " not in names else names


# Minutes that print no decision section state an approval in the running text:
# "Referatet blev godkendt.", "Dagsordenen blev godkendt med den tilføjelse, at ...".
_RUNNING_APPROVAL_RE = re.compile(
    r"\b(?:Dagsordenen|Referatet|Dagsorden|Referat)\b[^.]{0,80}?\bblev (?:godkendt|vedtaget)"
)


def _approval_in_running_text(item: AgendaItem) -> str | None:
    """The sentence of a formal item's text that says the agenda or minutes were approved."""
    body = _text_below_title(item)
    for sentence in split_sentences(body):
        m = _RUNNING_APPROVAL_RE.search(sentence)
        if m and _n_words(sentence[m.start() :]) <= 45:
            return _end(normalize_space(sentence[m.start() :]))
    return None


_HISTORY_RE = re.compile(r"\b(?:19|20)\d{2}\b|\bmøde(?:t)?\s+(?:den|d\.)\s+\d", re.IGNORECASE)


def outcome_told(item: AgendaItem, kind: str, title_ask: str) -> bool:
    """Whether minutes' text already tells the outcome an ask read from the title would
    guess: a past-tense decision in the text, or a briefing in minutes (which record no
    "skal tages til efterretning")."""
    body = _text_below_title(item)
    # a dated decision is history ("På sit møde den 3. maj 2021 godkendte Byrådet ..."),
    # not this meeting's
    if any(PAST_OUTCOME_RE.search(s) and not _HISTORY_RE.search(s) for s in split_sentences(body)):
        return True
    return kind == "referat" and "til efterretning" in title_ask and bool(body.strip())


def verdict_in_body(item: AgendaItem) -> str | None:
    """The verdict a formal item's text opens with (one of its first sentences), from
    ``"godkendt"`` on, or None."""
    body = _text_below_title(item)
    for unit in split_units(body)[:4]:
        text = normalize_space(unit.text)
        m = VERDICT_IN_BODY_RE.match(text)
        if m:
            return text[m.end() :]
    return None


def _text_below_title(item: AgendaItem) -> str:
    """The item's text without its first line, the title as printed."""
    _, _, below = (item.text or "").partition("\n")
    return below
