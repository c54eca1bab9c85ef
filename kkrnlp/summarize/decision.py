"""The decision sentence: what the meeting decided, read from the minutes.

A decision ``"Godkendt."`` under the ask ``"KKR Fyn godkender planen."`` becomes
``"KKR Fyn godkendte planen."``: an approval is told in the ask's own words (parsed
and rendered by ``ask``); other decisions are told as printed, shortened.
"""

from __future__ import annotations

import re

from kkrnlp.danish import ABSENTEE_LABELS, MONTH_NAMES
from kkrnlp.danish.recommendation import past_tense
from kkrnlp.danish.sections import SECTION_LINE_START_RE, is_decision_heading
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.ask import (
    _NO_BODY,
    _all_text,
    _Ask,
    _clause_case,
    _is_verb,
    _render_ask,
    clean_body,
)
from kkrnlp.summarize.compress import (
    _cut_tail,
    _end,
    _join_parts,
    _n_words,
    _sentence_case,
    compress,
)
from kkrnlp.summarize.fluency import is_attachment_text
from kkrnlp.summarize.selection import _LEAD_IN_RE, _LEGEND_RE
from kkrnlp.summarize.sentences import Unit, normalize_space, split_units

_APPROVED_RE = re.compile(
    r"^(?:indstillingen\s+(?:blev\s+)?)?(?:godkendt|godkendes|godkender|tiltrådt|tiltrådte"
    r"|vedtaget|som indstillet|indstillingen tiltrådt)\.?$",
    re.IGNORECASE,
)
_NOTED_RE = re.compile(
    r"^(?:orienteringen\s+)?(?:blev\s+)?(?:taget|taget til efterretning|tages til efterretning)"
    r"(?:\s+til efterretning)?\.?$",
    re.IGNORECASE,
)
_APPROVED_LEAD_RE = re.compile(
    r"^(?:indstillingen\s+(?:blev\s+)?)?(?:godkendt|tiltrådt|vedtaget)\b(.*)$", re.IGNORECASE
)
# "KKR Fyn godkendte indstillingen, idet ..." names no more than "Godkendt." does
_SUBJECT_APPROVED_RE = re.compile(
    r"^(?:[\w-]+\s+){0,5}?(?:godkendte|tiltrådte|vedtog)\s+indstillingen\b(.*)$", re.IGNORECASE
)
_RECOMMENDED_RE = re.compile(
    r"^(?:indstillingen\s+)?(?:indstilles|anbefales|anbefalet)(?:\s+(?:over for|til)\s+(.+?))?\.?$",
    re.IGNORECASE,
)
# A decision that recommends on, its points below it: "Det indstilles, at" / "Indstilles, at:".
_PASSED_ON_RE = re.compile(r"^(?:det\s+)?(?:indstilles|anbefales),?\s+at\s*:?$", re.I)
_ABSENT_RE = re.compile(
    rf"^(?:{'|'.join(ABSENTEE_LABELS)}|fravær)\b|\bvar fraværende\b|\bdeltog ikke\b", re.I
)
_DISCUSSED_RE = re.compile(r"^(?:sagen\s+)?(?:blev\s+)?drøftet\.?$", re.IGNORECASE)


# "Udvalget for Vækst, 17-04-2015, pkt. 18": the minutes' heading over one body's decision
DATED_ORGAN_LINE_RE = re.compile(
    r"^(?P<organ>[^\n]{3,80}?),\s*(?P<date>\d{1,2}-\d{1,2}-\d{4}),\s*pkt\.\s*\d+\.?$"
)


def _inline_decision(text: str) -> tuple[str | None, str | None]:
    """A ``Beslutning`` heading line inside the item text and the lines under it."""
    lines = [line.strip() for line in (text or "").split("\n")]
    for i, line in enumerate(lines):
        dated = DATED_ORGAN_LINE_RE.match(line)
        if dated:
            line = f"Beslutning i {dated.group('organ')} den {dated.group('date')}"
        elif not is_decision_heading(line.rstrip(":")) or len(line.split()) > 12:
            continue
        body = []
        for nxt in lines[i + 1 :]:
            if SECTION_LINE_START_RE.match(nxt) and len(nxt.split()) <= 6:
                break
            if nxt:
                body.append(re.sub(r"^at\s+\d+\s*:\s*", "", nxt, flags=re.IGNORECASE))
        if body:
            return line.rstrip(":"), "\n".join(body)
    return None, None


_DECISION_OPEN_RE = re.compile(
    r"^(?:indstillingen\s+blev\s+(?:godkendt|forkastet|vedtaget|tiltrådt|taget)"
    r"|(?:forslaget|sagen)\s+blev\s+(?:godkendt|forkastet|vedtaget|tilbagevist)"
    r"|godkendt\b|vedtaget\b|taget til efterretning\b)",
    re.IGNORECASE,
)


def _decision_sentences(text: str) -> str | None:
    """The decision as printed in running text ("Indstillingen blev godkendt ...") and
    the sentence after it, when the parser found no decision section."""
    # a bracketed line before it ("(Økonomiudvalget)") is glued on by the splitter
    units = [
        re.sub(r"^\([^()]{1,60}\)\s*", "", u.text) for u in split_units(text or "") if not u.heading
    ]
    for i, unit in enumerate(units):
        if _DECISION_OPEN_RE.match(unit):
            return "\n".join(units[i : i + 2])
    return None


_HEADING_VERDICT_RE = re.compile(
    r"\s(godkendt|vedtaget|tiltrådt|taget til efterretning|drøftet)\.?$", re.IGNORECASE
)


def _decision_section(item: AgendaItem) -> tuple[str | None, str | None]:
    """Heading and text of the (last) decision section, or a decision heading in the text."""
    heading = None
    text = item.decision_text
    for sec in item.sections:
        verdict = _HEADING_VERDICT_RE.search(sec.heading) if not sec.text.strip() else None
        if is_decision_heading(sec.heading) and verdict and not text:
            # "Beslutning i Udvalget den Godkendt.": the verdict printed on the heading line
            heading, text = sec.heading[: verdict.start()], verdict.group(1).capitalize() + "."
        if is_decision_heading(sec.heading) and sec.text.strip():
            heading = sec.heading
            if not item.decision_text:
                text = sec.text
    if not text and not heading:
        # a parser that missed the section leaves "Beslutning" as a line of the text
        heading, text = _inline_decision(_all_text(item))
    if not text and not heading:
        text = _decision_sentences(_all_text(item))
    if text:
        # "At 1: Godkendt." answers the numbered recommendation; the number says nothing
        # ("Ad 1. Taget til efterretning." likewise)
        text = re.sub(r"(?m)^\s*(?:at\s+\d+\s*:|ad\.?\s+\d+\s*[.:])\s*", "", text, flags=re.I)
    return heading, text


def _heading_organ_date(heading: str | None) -> tuple[str | None, str | None]:
    if not heading:
        return None, None
    organ = None
    m = re.match(r"beslutning\s+i\s+(.+?)(?:\s+den\s+|\s*$)", heading, re.IGNORECASE)
    if m:
        organ = m.group(1).strip()
    date = None
    d = re.search(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", heading)
    if d and 1 <= int(d.group(2)) <= 12:
        month = MONTH_NAMES[int(d.group(2)) - 1]
        date = f"{int(d.group(1))}. {month} {d.group(3)}"
    else:
        d2 = re.search(r"\d{1,2}\.\s+\w+\s+\d{4}", heading)
        date = d2.group(0) if d2 else None
    return organ, date


# passive present -> past participle for the verbs recommendations use
_PARTICIPLE = {
    "godkendes": "godkendt",
    "drøftes": "drøftet",
    "tages": "taget",
    "vedtages": "vedtaget",
    "videreføres": "videreført",
    "besluttes": "besluttet",
    "udpeges": "udpeget",
    "sendes": "sendt",
    "fastsættes": "fastsat",
    "bevilges": "bevilget",
    "tiltrædes": "tiltrådt",
    "igangsættes": "igangsat",
    "behandles": "behandlet",
    "frigives": "frigivet",
    "afsættes": "afsat",
    "nedsættes": "nedsat",
    "anbefales": "anbefalet",
    "forlænges": "forlænget",
    "holdes": "holdt",
    "afholdes": "afholdt",
    "prioriteres": "prioriteret",
}


def _passive_decided(ask: _Ask, budget: int, first: str) -> str:
    """``"planen godkendes"`` + ``"Godkendt."`` -> ``"Planen blev godkendt."``; a longer
    decision line stays as printed after the ask."""
    if not _APPROVED_RE.match(first):
        return f"{_render_ask(ask, budget)} {_end(_sentence_case(first))}"
    text = _join_parts([rest for _, rest in ask.parts])
    m = re.search(r"\b(" + "|".join(_PARTICIPLE) + r")\b", text)
    if m:
        text = text[: m.start()] + "blev " + _PARTICIPLE[m.group(1)] + text[m.end() :]
        return _cut_tail(_end(_sentence_case(text)), budget)
    return _cut_tail(_end(f"Det blev besluttet, at {text[:1].lower()}{text[1:]}"), budget)


def _rest_sentences(units: list[Unit]) -> list[str]:
    """The decision's sentences after the first, compressed; a lead-in to a list
    ("... på følgende temaer:") and the list under it say nothing in a summary."""
    out: list[str] = []
    in_list = False
    for unit in units:
        if unit.bullet and in_list:
            continue
        in_list = bool(_LEAD_IN_RE.search(unit.text) or unit.text.rstrip().endswith(":"))
        if not in_list:
            out.append(compress(unit.text))
    return out


def _decision_sentence(
    item: AgendaItem,
    ask: _Ask | None,
    body: str | None,
    budget: int,
    fallback_object: str | None = None,
) -> str | None:
    """What the meeting decided, as one or two sentences within ``budget`` words."""
    heading, text = _decision_section(item)
    if not text or not text.strip():
        return None
    organ, date = _heading_organ_date(heading)
    subject = organ or (ask.subject if ask else None) or clean_body(body) or _NO_BODY
    if subject == _NO_BODY:
        subject = ""  # a passive below: "Indstillingen blev godkendt."
    when = f" den {date}" if date else ""
    kept = [
        u
        for u in split_units(text)
        if not u.heading
        and not _ABSENT_RE.search(u.text)
        and not is_attachment_text(u.text)
        and not _LEGEND_RE.search(u.text)  # a table's key read into the decision
    ]
    if not kept:
        return None
    verdict_at = next(
        (
            k
            for k, u in enumerate(kept[:3])
            if _APPROVED_RE.match(normalize_space(u.text)) or _NOTED_RE.match(u.text.strip())
        ),
        0,
    )
    if verdict_at and not any(u.bullet for u in kept[:verdict_at]):
        # "Udvalget får en ny status i maj." + "Godkendt.": the verdict answers the ask,
        # the remark before it is told after it
        kept = [kept[verdict_at], *kept[:verdict_at], *kept[verdict_at + 1 :]]
    first = normalize_space(kept[0].text)
    rest = _rest_sentences(kept[1:])
    has_verbs = bool(ask and any(v for v, _ in ask.parts))
    lead = _APPROVED_LEAD_RE.match(first) or _SUBJECT_APPROVED_RE.match(first)
    core: str
    passive = bool(ask and ask.passive and ask.parts)
    if _APPROVED_RE.match(first) or (lead and (has_verbs or passive) and not organ):
        if ask and has_verbs and not organ:
            core = _render_ask(ask, budget, past=True, fallback_object=fallback_object)
            tail = lead.group(1).strip(" .,") if lead else ""
            if tail and re.match(r"(?:med|uden|idet|dog|således)\b", tail):
                core = core.rstrip(".") + f", {tail}"
            core = core.rstrip(".") + when + "."
        elif ask and passive and not organ:
            # "Indstilling om, at planen godkendes." + "Indstillingen blev godkendt ...":
            # what was asked, then the decision as printed
            core = _passive_decided(ask, budget, first)
        else:
            core = (
                f"{subject} godkendte indstillingen{when}."
                if subject
                else f"Indstillingen blev godkendt{when}."
            )
    elif _RECOMMENDED_RE.match(first):
        # a committee passing the case on: "Indstilles til Byrådets godkendelse."
        m = _RECOMMENDED_RE.match(first)
        who = organ or clean_body(body) or "Udvalget"
        to = f" til {m.group(1).strip()}" if m.group(1) else ""
        core = f"{who} anbefalede indstillingen{to}{when}."
    elif _NOTED_RE.match(first):
        core = (
            f"{subject} tog orienteringen til efterretning{when}."
            if subject
            else f"Orienteringen blev taget til efterretning{when}."
        )
    elif _DISCUSSED_RE.match(first):
        core = f"{subject} drøftede sagen{when}." if subject else f"Sagen blev drøftet{when}."
    else:
        m = re.match(r"^(\w+)\s+(.*)$", first)
        if subject and m and _is_verb(m.group(1)) and m.group(1)[:1].isupper():
            core = f"{subject} {past_tense(m.group(1))} {m.group(2).rstrip('.')}{when}."
        else:
            core = compress(first)
    points = [normalize_space(u.text).rstrip(" .;") for u in kept[1:] if u.bullet]
    if _PASSED_ON_RE.search(first) and points and len(points) == len(kept) - 1:
        # "Det indstilles, at" + the points: the committee passes the points on
        who = f"{organ} indstillede" if organ else "Det blev indstillet"
        core = _end(f"{who}, at " + ", og at ".join(_clause_case(p) for p in points))
        rest = []
    out = [core]
    for extra in rest:
        if _n_words(" ".join(out)) + _n_words(extra) <= budget:
            out.append(extra)
    return _cut_tail(" ".join(out), budget)
